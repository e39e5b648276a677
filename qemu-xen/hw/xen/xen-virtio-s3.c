/*
 * ACPI S3 of a Xen HVM domain through xenstore, device model side
 *
 * Serves the protocol of docs/misc/xenstore-paths-virtio-s3.pandoc under
 * device-model/<domid>/virtio-s3 (relative to this domain's home, so a
 * stub domain works too):
 *
 * - when the guest enters S3, publish the freeze mode of every virtio-pci
 *   device, then state "suspended";
 * - on a "<seq> s3resume" request, wake the machine (devices in FREEZE_S3
 *   keep their state through the wakeup reset) and, once the domain runs
 *   again, answer "<seq> ok"; refuse at once when it is not suspended;
 * - keep devices/<addr>/freeze-mode equal to the mode in effect, from every
 *   change the driver or a reset makes; remove a device's nodes on unplug;
 * - on a cold reset (system_reset, reboot), end S3 and fail a resume that
 *   was being carried out;
 * - remove the nodes on exit.
 *
 * The decisions are the shared core's (virtio-s3/s3-handshake.h); what
 * differs between QEMU versions (the xenstore connection, how a reset
 * handler knows a wakeup) is behind hw/xen/xen-virtio-s3-host.h.  The
 * PIIX4 PM I/O setup that every wakeup needs is another job, in
 * xen-virtio-s3-pm.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "hw/xen/xen-virtio-s3.h"
#include "hw/xen/xen-virtio-s3-host.h"
#include "hw/pci/pci.h"
#include "hw/virtio/virtio-freeze.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-s3-compat.h"
#include "virtio-s3/s3-handshake.h"
#include "trace.h"

typedef struct XenVirtioS3 {
    XenVirtioS3Xs *xs;
    unsigned int domid;
    VS3DmState dm;
    Notifier suspend;
    Notifier wakeup;
    Notifier exit;
    Notifier freeze;
    VS3Response ack;
    bool ack_pending;
} XenVirtioS3;

static XenVirtioS3 xs3;

/* Relative path of a node of ours; leaf NULL for the directory. */
static char *node_path(const char *leaf)
{
    char *path = g_malloc(VS3_XS_PATH_MAX);

    if (vs3_xs_dm_relpath(path, VS3_XS_PATH_MAX, xs3.domid, leaf) < 0) {
        g_free(path);
        return NULL;
    }
    return path;
}

/*
 * Write one node (VALUE), or remove a subtree of ours (VALUE NULL), but
 * only while our directory exists: once the toolstack removed it (the
 * domain is being destroyed), writing would create the path again for
 * nobody.
 */
static void node_update(const char *leaf, const char *value)
{
    g_autofree char *path = node_path(leaf);
    g_autofree char *dir = node_path(NULL);

    for (;;) {
        xs_transaction_t t = xen_virtio_s3_xs_transaction_start(xs3.xs);
        bool done;

        if (t == XBT_NULL) {
            break;
        }
        if (!xen_virtio_s3_xs_exists(xs3.xs, t, dir)) {
            xen_virtio_s3_xs_transaction_end(xs3.xs, t, true);
            trace_xen_virtio_s3_write(leaf, "(directory gone: not written)");
            return;
        }
        done = value ? xen_virtio_s3_xs_write(xs3.xs, t, path, value)
                     : xen_virtio_s3_xs_rm(xs3.xs, t, path) || errno == ENOENT;
        if (xen_virtio_s3_xs_transaction_end(xs3.xs, t, !done) && done) {
            trace_xen_virtio_s3_write(leaf, value ? value : "(removed)");
            return;
        }
        if (done && errno == EAGAIN) {
            continue;           /* raced with another writer: again */
        }
        break;
    }
    error_report("xen-virtio-s3: cannot %s %s: %s", value ? "write" : "remove",
                 leaf, strerror(errno));
}

static void node_write(const char *leaf, const char *value)
{
    node_update(leaf, value);
}

static void publish_state(void)
{
    char value[VS3_XS_VALUE_MAX + 1];

    if (vs3_xs_format_state(value, sizeof(value), xs3.dm.sleep) >= 0) {
        node_write(VS3_XS_STATE, value);
    }
}

static void publish_response(const VS3Response *rsp)
{
    char value[VS3_XS_VALUE_MAX + 1];

    if (vs3_xs_format_response(value, sizeof(value), rsp) >= 0) {
        node_write(VS3_XS_RESPONSE, value);
    }
}

static VS3PciAddr device_addr(PCIDevice *pci)
{
    return (VS3PciAddr){
        .segment = 0,
        .bus = pci_dev_bus_num(pci),
        .slot = PCI_SLOT(pci->devfn),
        .function = PCI_FUNC(pci->devfn),
    };
}

/* devices/<addr>/{type,freeze-mode} of one virtio-pci device. */
static void publish_vdev(PCIDevice *pci, VirtIODevice *vdev, uint16_t mode)
{
    VS3PciAddr addr = device_addr(pci);
    char leaf[VS3_XS_PATH_MAX];
    char value[8];

    if (vs3_xs_device_leaf(leaf, sizeof(leaf), &addr, VS3_XS_DEV_TYPE) >= 0) {
        node_write(leaf, vdev->name);
    }
    if (vs3_xs_device_leaf(leaf, sizeof(leaf), &addr,
                           VS3_XS_DEV_FREEZE_MODE) >= 0 &&
        vs3_xs_format_freeze_mode(value, sizeof(value), mode) >= 0) {
        node_write(leaf, value);
    }
}

static int publish_device(Object *obj, void *opaque)
{
    VirtIOPCIProxy *proxy;
    VirtIODevice *vdev;

    if (!object_dynamic_cast(obj, TYPE_VIRTIO_PCI)) {
        return 0;
    }
    proxy = VIRTIO_PCI(obj);
    vdev = virtio_bus_get_device(&proxy->bus);
    if (vdev) {
        publish_vdev(PCI_DEVICE(proxy), vdev, virtio_freeze_mode_read(vdev));
    }
    return 0;
}

/* A device's freeze_mode changed, or the device goes away. */
static void on_freeze_change(Notifier *n, void *data)
{
    VirtIOFreezeChange *change = data;
    BusState *bus = qdev_get_parent_bus(DEVICE(change->vdev));
    Object *proxy = bus ? OBJECT(bus->parent) : NULL;
    VS3PciAddr addr;
    char leaf[VS3_XS_PATH_MAX];

    if (!proxy || !object_dynamic_cast(proxy, TYPE_VIRTIO_PCI)) {
        return;
    }
    if (!change->unplug) {
        publish_vdev(PCI_DEVICE(proxy), change->vdev, change->mode);
        return;
    }
    addr = device_addr(PCI_DEVICE(proxy));
    if (vs3_xs_device_leaf(leaf, sizeof(leaf), &addr, NULL) >= 0) {
        node_update(leaf, NULL);
    }
}

static void publish_devices(void)
{
    object_child_foreach_recursive(object_get_root(), publish_device, NULL);
}

/*
 * The request node changed.  Its value is what counts, not how many
 * changes were seen: the core acts on a request's seq once.
 */
static void on_request(void *opaque)
{
    g_autofree char *path = node_path(VS3_XS_REQUEST);
    g_autofree char *value = NULL;
    unsigned int len = 0;
    Error *err = NULL;
    VS3Response rsp;
    VS3DmAction action;
    bool malformed;

    value = xen_virtio_s3_xs_read(xs3.xs, XBT_NULL, path, &len);
    action = vs3_dm_on_request(&xs3.dm, (VS3Node){ value, len }, &rsp,
                               &malformed);
    trace_xen_virtio_s3_request(value ? value : "(absent)", action);
    if (malformed) {
        error_report("xen-virtio-s3: ignoring malformed request '%.*s'",
                     (int)MIN(len, VS3_XS_VALUE_MAX), value);
    }
    switch (action) {
    case VS3_DM_IGNORE:
        break;
    case VS3_DM_RESPOND:
        publish_response(&rsp);
        break;
    case VS3_DM_WAKE:
        publish_state();
        qemu_system_wakeup_request(QEMU_WAKEUP_REASON_OTHER, &err);
        if (err) {
            error_report_err(err);
            if (vs3_dm_on_wakeup_failed(&xs3.dm, &rsp)) {
                publish_state();
                publish_response(&rsp);
            }
        }
        break;
    }
}

static void on_suspend(Notifier *n, void *data)
{
    vs3_dm_on_suspend(&xs3.dm);
    publish_devices();
    publish_state();
}

static void on_running(void *opaque)
{
    publish_devices();
    publish_state();
    /*
     * Only if that request is still the last one acted on: one handled
     * between the wakeup and now has its own answer, never overwritten.
     */
    if (xs3.ack_pending) {
        xs3.ack_pending = false;
        if (xs3.ack.seq == xs3.dm.last_seq) {
            publish_response(&xs3.ack);
        }
    }
}

/*
 * Wakeup notifiers run in reverse order of registration, Xen's own (which
 * lets the domain run again) after ours: answer from the main loop, once
 * they have all run.  Nothing here touches a device, so no device's
 * reentrancy guard applies.
 */
static void on_wakeup(Notifier *n, void *data)
{
    xs3.ack_pending = vs3_dm_on_wakeup(&xs3.dm, &xs3.ack);
    aio_bh_schedule_oneshot(qemu_get_aio_context(), on_running, NULL);
}

/*
 * Every machine reset.  The wakeup's own is on_wakeup's; any other is cold
 * (system_reset, reboot) and ends S3, failing a resume in progress.
 */
static void on_reset(void *opaque, bool wakeup)
{
    VS3Response rsp;
    bool answer;

    if (wakeup) {
        return;
    }
    answer = vs3_dm_on_cold_reset(&xs3.dm, &rsp);
    if (xs3.ack_pending) {
        /* Woken, but reset before it ran: the request failed. */
        xs3.ack_pending = false;
        rsp = (VS3Response){ .seq = xs3.ack.seq,
                             .status = VS3_STATUS_FAILED };
        answer = xs3.ack.seq == xs3.dm.last_seq;
    }
    publish_state();
    if (answer) {
        publish_response(&rsp);
    }
}

static void on_qemu_exit(Notifier *n, void *data)
{
    g_autofree char *dir = node_path(NULL);

    if (dir) {
        xen_virtio_s3_xs_rm(xs3.xs, XBT_NULL, dir);
    }
    xen_virtio_s3_xs_close(xs3.xs);
    xs3.xs = NULL;
}

/*
 * Our directory belongs to this (the device model's) domain and nobody
 * else may read or write it, the guest least of all; its nodes inherit
 * that when created.  Not left to the parent's permissions by chance.
 */
static bool restrict_to_self(const char *dir)
{
    g_autofree char *self = NULL;
    unsigned int len, id;

    self = xen_virtio_s3_xs_read(xs3.xs, XBT_NULL, "domid", &len);
    id = self ? atoi(self) : 0;
    if (!xen_virtio_s3_xs_mkdir_private(xs3.xs, dir, id)) {
        error_report("xen-virtio-s3: cannot create %s owned by domain %u "
                     "only: %s", dir, id, strerror(errno));
        return false;
    }
    return true;
}

void xen_virtio_s3_init(unsigned int domid)
{
    g_autofree char *dir = NULL, *request = NULL;
    char value[VS3_XS_VALUE_MAX + 1];

    xs3.domid = domid;
    xs3.dm = (VS3DmState){ .sleep = VS3_SLEEP_RUNNING };
    dir = node_path(NULL);
    request = node_path(VS3_XS_REQUEST);
    if (!dir || !request) {
        error_report("xen-virtio-s3: invalid domain id %u", domid);
        return;
    }
    xs3.xs = xen_virtio_s3_xs_open();
    if (!xs3.xs) {
        error_report("xen-virtio-s3: cannot open xenstore: %s",
                     strerror(errno));
        return;
    }
    /* Whatever an earlier device model left is not ours to answer. */
    xen_virtio_s3_xs_rm(xs3.xs, XBT_NULL, dir);
    if (!restrict_to_self(dir)) {
        return;
    }
    publish_state();
    if (!xen_virtio_s3_xs_watch(xs3.xs, request, on_request, NULL)) {
        error_report("xen-virtio-s3: cannot watch %s: %s", request,
                     strerror(errno));
        return;
    }
    xs3.suspend.notify = on_suspend;
    qemu_register_suspend_notifier(&xs3.suspend);
    xs3.wakeup.notify = on_wakeup;
    qemu_register_wakeup_notifier(&xs3.wakeup);
    xs3.exit.notify = on_qemu_exit;
    qemu_add_exit_notifier(&xs3.exit);
    xs3.freeze.notify = on_freeze_change;
    virtio_freeze_add_notifier(&xs3.freeze);
    xen_virtio_s3_register_reset(on_reset, NULL);

    /* Last: a toolstack that sees this may rely on everything above. */
    if (vs3_xs_format_protocol(value, sizeof(value)) >= 0) {
        node_write(VS3_XS_PROTOCOL, value);
    }
}
