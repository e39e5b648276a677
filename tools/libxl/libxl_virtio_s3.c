/*
 * ACPI S3 resume through the device model's xenstore protocol
 *
 * LIBXL_TRIGGER_S3RESUME for a qemu-xen domain: check that the domain
 * exists, is HVM with a qemu-xen device model, and is in S3; write
 * "<seq> s3resume" under the device model's virtio-s3 node; wait,
 * asynchronously and with a timeout, for the answer with that seq, while
 * QMP tells whether the device model is there at all.
 * A device model that does not publish the protocol (stock QEMU) gets the
 * QMP system_wakeup of before, which resets every device.
 *
 * The protocol is docs/misc/xenstore-paths-virtio-s3.pandoc; what to write
 * and what an answer means are decided by the shared core
 * (virtio-s3/s3-handshake.h), compiled into this library.
 *
 * SPDX-License-Identifier: LGPL-2.1-only
 */

#include "libxl_osdeps.h"

#include "libxl_internal.h"
#include "virtio-s3/s3-handshake.h"

typedef struct virtio_s3_resume {
    libxl__ao *ao;
    uint32_t domid;
    uint32_t dm_domid;
    uint32_t seq;
    const char *dir;                /* .../device-model/<domid>/virtio-s3 */
    libxl__ev_xswatch response_watch;
    libxl__ev_xswatch protocol_watch;
    libxl__ev_time timeout;
    libxl__ev_qmp qmp;              /* is the device model there? */
} virtio_s3_resume;

static void resume_done(libxl__egc *egc, virtio_s3_resume *vr, int rc);

static const char *node(libxl__gc *gc, virtio_s3_resume *vr, const char *leaf)
{
    return GCSPRINTF("%s/%s", vr->dir, leaf);
}

static int outcome_to_rc(libxl__gc *gc, virtio_s3_resume *vr,
                         VS3TsOutcome outcome, const char *response)
{
    switch (outcome) {
    case VS3_TS_OK:
        return 0;
    case VS3_TS_NOT_SUSPENDED:
        LOGD(ERROR, vr->domid, "device model: domain is not suspended");
        return ERROR_DOMAIN_NOT_SUSPENDED;
    case VS3_TS_BUSY:
        LOGD(ERROR, vr->domid, "device model: another resume is in progress");
        return ERROR_IN_PROGRESS;
    case VS3_TS_UNSUPPORTED:
        LOGD(ERROR, vr->domid, "device model does not support s3resume");
        return ERROR_DEVICE_MODEL_PROTOCOL;
    case VS3_TS_MALFORMED:
        LOGD(ERROR, vr->domid, "device model wrote a malformed response '%s'",
             response);
        return ERROR_DEVICE_MODEL_PROTOCOL;
    case VS3_TS_FAILED:
    default:
        LOGD(ERROR, vr->domid, "device model could not resume the domain");
        return ERROR_FAIL;
    }
}

static void response_changed(libxl__egc *egc, libxl__ev_xswatch *watch,
                             const char *watch_path, const char *event_path)
{
    virtio_s3_resume *vr = CONTAINER_OF(watch, *vr, response_watch);
    STATE_AO_GC(vr->ao);
    const char *value;
    VS3TsOutcome outcome;
    int rc;

    rc = libxl__xs_read_checked(gc, XBT_NULL, watch_path, &value);
    if (rc)
        goto out;
    outcome = vs3_ts_on_response(vr->seq, (VS3Node){
        value, value ? strlen(value) : 0 });
    if (outcome == VS3_TS_WAIT)
        return;                 /* not yet, or an answer to an earlier seq */
    rc = outcome_to_rc(gc, vr, outcome, value);
out:
    resume_done(egc, vr, rc);
}

/* The device model removes its nodes when it exits. */
static void protocol_changed(libxl__egc *egc, libxl__ev_xswatch *watch,
                             const char *watch_path, const char *event_path)
{
    virtio_s3_resume *vr = CONTAINER_OF(watch, *vr, protocol_watch);
    STATE_AO_GC(vr->ao);
    const char *value;

    if (libxl__xs_read_checked(gc, XBT_NULL, watch_path, &value) || value)
        return;
    if (libxl_domain_info(CTX, NULL, vr->domid) == ERROR_DOMAIN_NOTFOUND) {
        LOGD(ERROR, vr->domid, "domain was destroyed during s3resume");
        resume_done(egc, vr, ERROR_DOMAIN_DESTROYED);
        return;
    }
    LOGD(ERROR, vr->domid, "device model exited during s3resume");
    resume_done(egc, vr, ERROR_DEVICE_MODEL_GONE);
}

/*
 * Give up: mark our request cancelled (if it still is ours), so that it
 * does not block the next one.
 */
static void cancel_request(libxl__gc *gc, virtio_s3_resume *vr)
{
    xs_transaction_t t = XBT_NULL;
    char ours[VS3_XS_VALUE_MAX + 1], cancel[VS3_XS_VALUE_MAX + 1];
    VS3Request req = { .seq = vr->seq, .cmd = VS3_CMD_S3RESUME };
    const char *value;
    int r;

    vs3_xs_format_request(ours, sizeof(ours), &req);
    req.cmd = VS3_CMD_CANCEL;
    vs3_xs_format_request(cancel, sizeof(cancel), &req);
    for (;;) {
        if (libxl__xs_transaction_start(gc, &t))
            break;
        if (libxl__xs_read_checked(gc, t, node(gc, vr, VS3_XS_REQUEST),
                                   &value))
            break;
        if (!value || strcmp(value, ours))
            break;
        if (libxl__xs_write_checked(gc, t, node(gc, vr, VS3_XS_REQUEST),
                                    cancel))
            break;
        r = libxl__xs_transaction_commit(gc, &t);
        if (r <= 0)
            break;
    }
    libxl__xs_transaction_abort(gc, &t);
}

static void resume_timedout(libxl__egc *egc, libxl__ev_time *ev,
                            const struct timeval *requested_abs, int rc)
{
    virtio_s3_resume *vr = CONTAINER_OF(ev, *vr, timeout);
    STATE_AO_GC(vr->ao);

    cancel_request(gc, vr);
    if (rc == ERROR_TIMEDOUT)
        LOGD(ERROR, vr->domid, "device model did not answer s3resume "
             "request %u within %d s", vr->seq, VS3_RESUME_TIMEOUT_S);
    resume_done(egc, vr, rc);
}

/*
 * The answer to QMP query-status, sent once the request is written: any
 * answer means the device model is there (it may still be slow); a failure
 * to talk to it at all means it is gone, and our request with it.  A
 * device model that is there but stuck answers neither: the timeout ends
 * that.  (What libxl knows, where a pid would be misjudged: reused, owned
 * by another user, or in a stub domain.)
 */
static void device_model_probed(libxl__egc *egc, libxl__ev_qmp *qmp,
                                const libxl__json_object *response, int rc)
{
    virtio_s3_resume *vr = CONTAINER_OF(qmp, *vr, qmp);
    STATE_AO_GC(vr->ao);

    libxl__ev_qmp_dispose(gc, qmp);
    switch (rc) {
    case 0:
    case ERROR_QMP_GENERIC_ERROR:
    case ERROR_QMP_COMMAND_NOT_FOUND:
    case ERROR_QMP_DEVICE_NOT_ACTIVE:
    case ERROR_QMP_DEVICE_NOT_FOUND:
    case ERROR_UNKNOWN_QMP_ERROR:
        return;                 /* it answered: there; wait for its answer */
    case ERROR_ABORTED:
        cancel_request(gc, vr);
        resume_done(egc, vr, rc);
        return;
    }
    LOGD(ERROR, vr->domid, "device model is not running (QMP: rc=%d)", rc);
    cancel_request(gc, vr);
    resume_done(egc, vr, ERROR_DEVICE_MODEL_GONE);
}

/* A device model in a stub domain is there while that domain runs. */
static int stubdom_running(libxl__gc *gc, virtio_s3_resume *vr)
{
    libxl_dominfo info;
    int rc;

    libxl_dominfo_init(&info);
    rc = libxl_domain_info(CTX, &info, vr->dm_domid);
    if (!rc && (info.shutdown || info.dying))
        rc = ERROR_DOMAIN_NOTFOUND;
    libxl_dominfo_dispose(&info);
    if (rc) {
        LOGD(ERROR, vr->domid, "device model domain %u is not running",
             vr->dm_domid);
        return ERROR_DEVICE_MODEL_GONE;
    }
    return 0;
}

static void resume_done(libxl__egc *egc, virtio_s3_resume *vr, int rc)
{
    STATE_AO_GC(vr->ao);

    libxl__ev_xswatch_deregister(gc, &vr->response_watch);
    libxl__ev_xswatch_deregister(gc, &vr->protocol_watch);
    libxl__ev_time_deregister(gc, &vr->timeout);
    libxl__ev_qmp_dispose(gc, &vr->qmp);
    if (rc)
        LOGD(ERROR, vr->domid, "s3resume failed, rc=%d", rc);
    else
        LOGD(DEBUG, vr->domid, "s3resume request %u done", vr->seq);
    libxl__ao_complete(egc, vr->ao, rc);
}

/* In one transaction: check nothing is in flight, write our request. */
static int write_request(libxl__gc *gc, virtio_s3_resume *vr)
{
    xs_transaction_t t = XBT_NULL;
    const char *req_path = node(gc, vr, VS3_XS_REQUEST);
    const char *request, *response, *protocol;
    char value[VS3_XS_VALUE_MAX + 1];
    VS3Request req = { .cmd = VS3_CMD_S3RESUME };
    int rc, r;

    for (;;) {
        rc = libxl__xs_transaction_start(gc, &t);
        if (rc) goto out;
        /*
         * Only while the device model still serves the protocol: writing
         * after it removed its nodes (exiting, domain being destroyed)
         * would create them again, for nobody.
         */
        rc = libxl__xs_read_checked(gc, t, node(gc, vr, VS3_XS_PROTOCOL),
                                    &protocol);
        if (rc) goto out;
        if (!protocol) {
            LOGD(ERROR, vr->domid, "device model stopped serving %s",
                 vr->dir);
            rc = ERROR_DEVICE_MODEL_GONE;
            goto out;
        }
        rc = libxl__xs_read_checked(gc, t, req_path, &request);
        if (rc) goto out;
        rc = libxl__xs_read_checked(gc, t, node(gc, vr, VS3_XS_RESPONSE),
                                    &response);
        if (rc) goto out;
        r = vs3_ts_next_seq((VS3Node){ request, request ? strlen(request) : 0 },
                            (VS3Node){ response,
                                       response ? strlen(response) : 0 },
                            &req.seq);
        if (r == -EBUSY) {
            LOGD(ERROR, vr->domid, "request '%s' is still in flight",
                 request);
            rc = ERROR_IN_PROGRESS;
            goto out;
        }
        if (r) {
            LOGD(ERROR, vr->domid, "device model nodes hold values outside "
                 "the protocol: request '%s', response '%s'",
                 request ? request : "", response ? response : "");
            rc = ERROR_DEVICE_MODEL_PROTOCOL;
            goto out;
        }
        vs3_xs_format_request(value, sizeof(value), &req);
        rc = libxl__xs_write_checked(gc, t, req_path, value);
        if (rc) goto out;
        r = libxl__xs_transaction_commit(gc, &t);
        if (r > 0)
            continue;           /* raced with another writer: look again */
        if (r < 0) {
            rc = ERROR_FAIL;
            goto out;
        }
        vr->seq = req.seq;
        return 0;
    }
out:
    libxl__xs_transaction_abort(gc, &t);
    return rc;
}

/* Checks before anything is written; 1 means "use the stock path". */
static int check_domain(libxl__gc *gc, virtio_s3_resume *vr)
{
    libxl_dominfo info;
    uint64_t s_state = 0;
    const char *protocol;
    unsigned int version;
    int rc;

    libxl_dominfo_init(&info);
    rc = libxl_domain_info(CTX, &info, vr->domid);
    if (rc == ERROR_DOMAIN_NOTFOUND) {
        LOGD(ERROR, vr->domid, "domain does not exist");
        goto out;
    }
    if (rc) goto out;
    if (info.domain_type != LIBXL_DOMAIN_TYPE_HVM) {
        LOGD(ERROR, vr->domid, "domain is %s: ACPI S3 resume needs an HVM "
             "domain with a device model",
             libxl_domain_type_to_string(info.domain_type));
        rc = ERROR_INVAL;
        goto out;
    }
    switch (libxl__device_model_version_running(gc, vr->domid)) {
    case LIBXL_DEVICE_MODEL_VERSION_QEMU_XEN:
        break;
    case LIBXL_DEVICE_MODEL_VERSION_QEMU_XEN_TRADITIONAL:
        rc = 1;
        goto out;
    default:
        LOGD(ERROR, vr->domid, "domain has no device model to resume it");
        rc = ERROR_INVAL;
        goto out;
    }
    if (xc_hvm_param_get(CTX->xch, vr->domid, HVM_PARAM_ACPI_S_STATE,
                         &s_state)) {
        LOGED(ERROR, vr->domid, "cannot read HVM_PARAM_ACPI_S_STATE");
        rc = ERROR_FAIL;
        goto out;
    }
    if (s_state != 3) {
        LOGD(ERROR, vr->domid, "domain is not suspended (ACPI S%"PRIu64"): "
             "nothing to resume", s_state);
        rc = ERROR_DOMAIN_NOT_SUSPENDED;
        goto out;
    }
    if (vr->dm_domid != LIBXL_TOOLSTACK_DOMID) {
        rc = stubdom_running(gc, vr);
        if (rc) goto out;
    }

    rc = libxl__xs_read_checked(gc, XBT_NULL, node(gc, vr, VS3_XS_PROTOCOL),
                                &protocol);
    if (rc) goto out;
    if (!protocol) {
        LOGD(WARN, vr->domid, "device model does not serve %s: resuming "
             "with QMP system_wakeup, which resets every device", vr->dir);
        rc = 1;
        goto out;
    }
    if (vs3_xs_parse_protocol(protocol, strlen(protocol), &version)) {
        LOGD(ERROR, vr->domid, "device model speaks virtio-s3 protocol '%s', "
             "this libxl speaks %u", protocol, VS3_XS_PROTOCOL_VERSION);
        rc = ERROR_DEVICE_MODEL_PROTOCOL;
        goto out;
    }
    rc = 0;
out:
    libxl_dominfo_dispose(&info);
    return rc;
}

void libxl__virtio_s3_resume(libxl__ao *ao, libxl__egc *egc, uint32_t domid)
{
    AO_GC;
    virtio_s3_resume *vr;
    char dir[VS3_XS_PATH_MAX];
    int rc;

    GCNEW(vr);
    vr->ao = ao;
    vr->domid = domid;
    libxl__ev_xswatch_init(&vr->response_watch);
    libxl__ev_xswatch_init(&vr->protocol_watch);
    libxl__ev_time_init(&vr->timeout);
    libxl__ev_qmp_init(&vr->qmp);
    vr->dm_domid = libxl_get_stubdom_id(CTX, domid);
    if (!vr->dm_domid)
        vr->dm_domid = LIBXL_TOOLSTACK_DOMID;
    if (vs3_xs_path(dir, sizeof(dir), vr->dm_domid, domid, NULL) < 0) {
        rc = ERROR_INVAL;
        goto out;
    }
    vr->dir = libxl__strdup(gc, dir);

    rc = check_domain(gc, vr);
    if (rc == 1) {
        libxl__domain_s3_resume_stock(ao, egc, domid);
        return;
    }
    if (rc) goto out;

    rc = write_request(gc, vr);
    if (rc) goto out;
    LOGD(DEBUG, domid, "s3resume request %u written", vr->seq);

    rc = libxl__ev_time_register_rel(ao, &vr->timeout, resume_timedout,
                                     VS3_RESUME_TIMEOUT_S * 1000);
    if (rc) goto out;
    rc = libxl__ev_xswatch_register(gc, &vr->protocol_watch, protocol_changed,
                                    node(gc, vr, VS3_XS_PROTOCOL));
    if (rc) goto out;
    /* Fires once at once: an answer already there is not missed. */
    rc = libxl__ev_xswatch_register(gc, &vr->response_watch, response_changed,
                                    node(gc, vr, VS3_XS_RESPONSE));
    if (rc) goto out;
    if (vr->dm_domid == LIBXL_TOOLSTACK_DOMID) {
        vr->qmp.ao = ao;
        vr->qmp.domid = domid;
        vr->qmp.payload_fd = -1;
        vr->qmp.callback = device_model_probed;
        rc = libxl__ev_qmp_send(egc, &vr->qmp, "query-status", NULL);
        if (rc) goto out;
    }
    return;

out:
    if (vr->seq)
        cancel_request(gc, vr);     /* written, but nobody will wait for it */
    resume_done(egc, vr, rc);
}

/*
 * Local variables:
 * mode: C
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
