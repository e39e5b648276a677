/*
 * Fuzz the xenstore handshake: arbitrary request/response values seen by
 * both sides, interleaved with suspend and wakeup.  The device model never
 * acts twice on the value it just acted on, answers only the seq it was
 * asked, and the toolstack never takes an answer for another seq.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "virtio-s3/s3-handshake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_RUNNING };
    uint32_t last_acted = 0;
    size_t i = 0;

    while (i < size) {
        uint8_t op = data[i++];
        size_t len = i < size ? data[i++] % 24 : 0;
        VS3Node value = { (const char *)data + i, len };
        VS3Response rsp;
        VS3Request req;
        uint32_t seq;
        bool bad;

        if (i + len > size) {
            break;
        }
        i += len;
        switch (op % 5) {
        case 0:
            vs3_dm_on_suspend(&dm);
            break;
        case 1:
            if (vs3_dm_on_wakeup(&dm, &rsp)) {
                assert(rsp.seq != 0 && rsp.status == VS3_STATUS_OK);
            }
            assert(dm.sleep == VS3_SLEEP_RUNNING && dm.pending_seq == 0);
            break;
        case 2: {
            VS3DmAction a = vs3_dm_on_request(&dm, value, &rsp, &bad);
            int parsed = vs3_xs_parse_request(value.value, value.len, &req);

            if (a != VS3_DM_IGNORE) {
                /* Answers go to the seq that was asked, once. */
                assert(parsed == 0 || parsed == -ENOTSUP);
                assert(rsp.seq == req.seq);
                /* The watch fires again for the same value: not twice. */
                assert(last_acted != rsp.seq);
                last_acted = rsp.seq;
            }
            if (a == VS3_DM_WAKE) {
                assert(dm.sleep == VS3_SLEEP_RESUMING);
            }
            assert(!bad || parsed == -EINVAL);
            break;
        }
        case 3: {
            VS3Node other = { (const char *)data, i < size ? i : size };
            int r = vs3_ts_next_seq(value, other, &seq);

            assert(r == 0 || r == -EBUSY || r == -EPROTO);
            if (r == 0) {
                assert(seq != 0);
            }
            break;
        }
        case 4: {
            VS3TsOutcome o = vs3_ts_on_response(7, value);
            VS3Response parsed;

            if (o != VS3_TS_WAIT && o != VS3_TS_MALFORMED) {
                assert(vs3_xs_parse_response(value.value, value.len,
                                             &parsed) == 0);
                assert(parsed.seq == 7);
            }
            break;
        }
        }
    }
    return 0;
}
