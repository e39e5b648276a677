/*
 * Fuzz the freeze state machine with event sequences: every byte pair is
 * (event, argument); the invariants of docs/misc/virtio-freeze-mode.md
 * hold after every step.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "virtio-s3/freeze-fsm.h"

/* Some arguments that matter, and everything else. */
static uint32_t arg_of(uint8_t b)
{
    static const uint32_t special[] = { 0, 1, 3, 4, 0xffff, 0x10003,
                                        UINT32_MAX };

    return b < 7 * 16 ? special[b % 7] : b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    VS3Freeze f;

    vs3_freeze_init(&f, size && (data[0] & 1));
    for (size_t i = 1; i + 1 < size; i += 2) {
        VS3Freeze before = f;
        VS3FreezeEvent ev = (VS3FreezeEvent)(data[i] % (VS3_FEV__MAX + 1));
        uint32_t arg = arg_of(data[i + 1]);
        VS3FreezeOutcome o = vs3_freeze_step(&f, ev, arg);

        /* The mode in effect is always a valid one. */
        assert(vs3_freeze_mode_valid(f.mode));
        assert(vs3_freeze_read(&f) == f.mode);
        /* Negotiation needs the offer; the offer never changes. */
        assert(!f.negotiated || f.offered);
        assert(f.offered == before.offered);
        /* Without the offer nothing is ever frozen or kept. */
        assert(f.offered || (f.mode == 0 && o.action != VS3_STATE_KEEP));
        /* Rejected events change nothing and reset nothing. */
        if (o.verdict != VS3_ACCEPTED) {
            assert(memcmp(&f, &before, sizeof(f)) == 0);
            assert(o.action == VS3_STATE_UNTOUCHED);
        }
        /* Only a frozen device keeps state through a reset. */
        if (o.action == VS3_STATE_KEEP) {
            assert(before.mode == VS3_FREEZE_MODE_FREEZE_S3);
            assert(ev == VS3_FEV_DRIVER_RESET || ev == VS3_FEV_WAKEUP_RESET);
        }
        /* A cold reset always discards and unfreezes. */
        if (ev == VS3_FEV_COLD_RESET) {
            assert(o.action == VS3_STATE_DISCARD && f.mode == 0);
        }
        /* Any reset ends the negotiation. */
        if (o.action != VS3_STATE_UNTOUCHED && ev != VS3_FEV_FEATURES_OK) {
            assert(!f.negotiated);
        }
        assert(o.old_mode == before.mode && o.new_mode == f.mode);
    }
    return 0;
}
