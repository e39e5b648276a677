/*
 * The request/response handshake of the xenstore protocol, both sides
 *
 * What the toolstack and the device model decide from the values they read,
 * kept apart from any xenstore access so that it can be tested alone.
 * docs/misc/xenstore-paths-virtio-s3.pandoc describes the protocol.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VIRTIO_S3_S3_HANDSHAKE_H
#define VIRTIO_S3_S3_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio-s3/xs-proto.h"

/* A node's value as read: value == NULL when the node is absent. */
typedef struct VS3Node {
    const char *value;
    size_t len;
} VS3Node;

/*
 * Toolstack, before writing a request (inside the transaction that writes
 * it): from the current request and response nodes, the seq to use.
 * Returns 0, -EBUSY when a request is unanswered and not cancelled (another
 * toolstack call is waiting for it), or -EPROTO when a node holds a value
 * that the protocol does not allow.
 */
int vs3_ts_next_seq(VS3Node request, VS3Node response, uint32_t *seq);

typedef enum VS3TsOutcome {
    VS3_TS_WAIT,            /* no answer to our seq yet (absent or stale) */
    VS3_TS_OK,
    VS3_TS_NOT_SUSPENDED,
    VS3_TS_BUSY,
    VS3_TS_UNSUPPORTED,
    VS3_TS_FAILED,
    VS3_TS_MALFORMED,       /* the device model wrote something invalid */
} VS3TsOutcome;

/* Toolstack, when the response node changes while waiting for seq. */
VS3TsOutcome vs3_ts_on_response(uint32_t seq, VS3Node response);

typedef enum VS3DmAction {
    VS3_DM_IGNORE,          /* nothing to do (absent, handled, malformed) */
    VS3_DM_RESPOND,         /* write *rsp now */
    VS3_DM_WAKE,            /* wake the domain; answer rsp->seq once it runs */
} VS3DmAction;

typedef struct VS3DmState {
    VS3SleepState sleep;
    uint32_t last_seq;      /* seq of the last request acted on, 0 if none */
    uint32_t pending_seq;   /* seq to answer after the wakeup, 0 if none */
} VS3DmState;

/*
 * Device model, when the request node changes.  A malformed request is
 * ignored (*malformed set): it has no seq to answer.
 */
VS3DmAction vs3_dm_on_request(VS3DmState *dm, VS3Node request,
                              VS3Response *rsp, bool *malformed);
/*
 * Device model, once the domain runs again after any wakeup.  True when
 * *rsp is to be written: the answer to the request that asked for it, if
 * that request is still the last one acted on.  A later request means the
 * toolstack gave up on this one (only a cancelled request lets another
 * follow): answering it now would overwrite the later request's answer and
 * leave that request in flight for ever.
 */
bool vs3_dm_on_wakeup(VS3DmState *dm, VS3Response *rsp);
/*
 * Device model, when the wakeup that a request asked for could not be
 * started: the guest stays in S3, the request is answered "failed".
 */
bool vs3_dm_on_wakeup_failed(VS3DmState *dm, VS3Response *rsp);
/*
 * Device model, on a cold reset (system_reset, reboot): S3 is over; a
 * request being carried out is answered "failed" (the domain was reset,
 * not resumed).
 */
bool vs3_dm_on_cold_reset(VS3DmState *dm, VS3Response *rsp);
/* Device model, when the guest enters S3. */
void vs3_dm_on_suspend(VS3DmState *dm);

#endif /* VIRTIO_S3_S3_HANDSHAKE_H */
