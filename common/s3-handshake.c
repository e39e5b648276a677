/*
 * The request/response handshake of the xenstore protocol, both sides
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>

#include "virtio-s3/s3-handshake.h"

int vs3_ts_next_seq(VS3Node request, VS3Node response, uint32_t *seq)
{
    VS3Request req;
    VS3Response rsp;
    bool have_rsp = false;

    if (response.value) {
        if (vs3_xs_parse_response(response.value, response.len, &rsp) < 0) {
            return -EPROTO;
        }
        have_rsp = true;
    }
    if (!request.value) {
        /*
         * No request yet.  Continue after any response left over, so that
         * it can never be taken for the answer to our request.
         */
        *seq = have_rsp ? vs3_xs_next_seq(rsp.seq) : 1;
        return 0;
    }
    switch (vs3_xs_parse_request(request.value, request.len, &req)) {
    case 0:
        break;
    case -ENOTSUP:
        req.cmd = VS3_CMD__MAX;         /* another revision's command */
        break;
    default:
        return -EPROTO;
    }
    if (req.cmd != VS3_CMD_CANCEL && (!have_rsp || rsp.seq != req.seq)) {
        return -EBUSY;
    }
    *seq = vs3_xs_next_seq(req.seq);
    return 0;
}

VS3TsOutcome vs3_ts_on_response(uint32_t seq, VS3Node response)
{
    VS3Response rsp;

    if (!response.value) {
        return VS3_TS_WAIT;
    }
    if (vs3_xs_parse_response(response.value, response.len, &rsp) < 0) {
        return VS3_TS_MALFORMED;
    }
    if (rsp.seq != seq) {
        return VS3_TS_WAIT;             /* answers an earlier request */
    }
    switch (rsp.status) {
    case VS3_STATUS_OK:
        return VS3_TS_OK;
    case VS3_STATUS_NOT_SUSPENDED:
        return VS3_TS_NOT_SUSPENDED;
    case VS3_STATUS_BUSY:
        return VS3_TS_BUSY;
    case VS3_STATUS_UNSUPPORTED:
        return VS3_TS_UNSUPPORTED;
    case VS3_STATUS_FAILED:
    default:
        return VS3_TS_FAILED;
    }
}

VS3DmAction vs3_dm_on_request(VS3DmState *dm, VS3Node request,
                              VS3Response *rsp, bool *malformed)
{
    VS3Request req;
    VS3SleepOutcome o;

    *malformed = false;
    if (!request.value) {
        return VS3_DM_IGNORE;
    }
    switch (vs3_xs_parse_request(request.value, request.len, &req)) {
    case 0:
        break;
    case -ENOTSUP:
        if (req.seq == dm->last_seq) {
            return VS3_DM_IGNORE;
        }
        dm->last_seq = req.seq;
        rsp->seq = req.seq;
        rsp->status = VS3_STATUS_UNSUPPORTED;
        return VS3_DM_RESPOND;
    default:
        *malformed = true;
        return VS3_DM_IGNORE;
    }
    /* Watches fire again for values already seen: act on a seq once. */
    if (req.seq == dm->last_seq || req.cmd == VS3_CMD_CANCEL) {
        return VS3_DM_IGNORE;
    }
    dm->last_seq = req.seq;
    rsp->seq = req.seq;

    o = vs3_sleep_step(&dm->sleep, VS3_SEV_RESUME_REQUEST);
    switch (o.verdict) {
    case VS3_ACCEPTED:
        dm->pending_seq = req.seq;
        return VS3_DM_WAKE;
    case VS3_REJECT_BUSY:
        rsp->status = VS3_STATUS_BUSY;
        return VS3_DM_RESPOND;
    default:
        rsp->status = VS3_STATUS_NOT_SUSPENDED;
        return VS3_DM_RESPOND;
    }
}

/* Ends the pending request; true if its answer is still wanted. */
static bool answer_pending(VS3DmState *dm, VS3Status status,
                           VS3Response *rsp)
{
    uint32_t seq = dm->pending_seq;

    dm->pending_seq = 0;
    if (!seq || seq != dm->last_seq) {
        return false;                   /* none, or superseded */
    }
    rsp->seq = seq;
    rsp->status = status;
    return true;
}

bool vs3_dm_on_wakeup(VS3DmState *dm, VS3Response *rsp)
{
    vs3_sleep_step(&dm->sleep, VS3_SEV_WAKEUP);
    return answer_pending(dm, VS3_STATUS_OK, rsp);
}

bool vs3_dm_on_wakeup_failed(VS3DmState *dm, VS3Response *rsp)
{
    vs3_sleep_step(&dm->sleep, VS3_SEV_WAKEUP_FAILED);
    return answer_pending(dm, VS3_STATUS_FAILED, rsp);
}

bool vs3_dm_on_cold_reset(VS3DmState *dm, VS3Response *rsp)
{
    vs3_sleep_step(&dm->sleep, VS3_SEV_COLD_RESET);
    return answer_pending(dm, VS3_STATUS_FAILED, rsp);
}

void vs3_dm_on_suspend(VS3DmState *dm)
{
    vs3_sleep_step(&dm->sleep, VS3_SEV_GUEST_SUSPEND);
}
