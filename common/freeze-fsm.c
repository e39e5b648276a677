/*
 * The freeze state machine of one virtio device
 *
 * Every rule here is a normative statement of docs/misc/virtio-freeze-mode.md;
 * the comments name the section.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>

#include "virtio-s3/freeze-fsm.h"

void vs3_freeze_init(VS3Freeze *f, bool offered)
{
    f->mode = VS3_FREEZE_MODE_UNFREEZE;
    f->offered = offered;
    f->negotiated = false;
}

/*
 * A reset keeps device state only while the driver asked for it (FREEZE_S3).
 * Features are always renegotiated after a reset, so the feature is no longer
 * negotiated; the mode itself stays, so that the restoring driver can read it
 * back and then write UNFREEZE ("Device reset while frozen").
 */
static VS3StateAction reset_action(VS3Freeze *f)
{
    f->negotiated = false;
    return f->mode == VS3_FREEZE_MODE_FREEZE_S3 ? VS3_STATE_KEEP
                                                : VS3_STATE_DISCARD;
}

VS3FreezeOutcome vs3_freeze_step(VS3Freeze *f, VS3FreezeEvent ev, uint32_t arg)
{
    VS3FreezeOutcome o = {
        .verdict = VS3_ACCEPTED,
        .action = VS3_STATE_UNTOUCHED,
        .old_mode = f->mode,
    };

    switch (ev) {
    case VS3_FEV_DRIVER_WRITE:
        /* Without the feature the field does not exist for the driver. */
        if (!f->negotiated) {
            o.verdict = VS3_REJECT_NOT_NEGOTIATED;
        } else if (!vs3_freeze_mode_valid(arg)) {
            o.verdict = VS3_REJECT_RESERVED;
        } else {
            f->mode = (uint16_t)arg;
        }
        break;

    case VS3_FEV_FEATURES_OK:
        if (arg > 1) {
            o.verdict = VS3_REJECT_BAD_EVENT;
        } else if (arg && !f->offered) {
            o.verdict = VS3_REJECT_NOT_OFFERED;
        } else if (arg) {
            f->negotiated = true;
        } else {
            f->negotiated = false;
            /*
             * A driver that does not know the feature cannot restore frozen
             * state (e.g. another kernel after kexec): give it today's
             * freshly reset device rather than stale resources.
             */
            if (f->mode == VS3_FREEZE_MODE_FREEZE_S3) {
                f->mode = VS3_FREEZE_MODE_UNFREEZE;
                o.action = VS3_STATE_DISCARD;
            }
        }
        break;

    case VS3_FEV_DRIVER_RESET:
    case VS3_FEV_WAKEUP_RESET:
        o.action = reset_action(f);
        break;

    case VS3_FEV_COLD_RESET:
        vs3_freeze_init(f, f->offered);
        o.action = VS3_STATE_DISCARD;
        break;

    default:
        o.verdict = VS3_REJECT_BAD_EVENT;
        break;
    }

    o.new_mode = f->mode;
    return o;
}

const char *vs3_freeze_event_name(VS3FreezeEvent ev)
{
    static const char *const names[VS3_FEV__MAX] = {
        [VS3_FEV_DRIVER_WRITE] = "driver-write",
        [VS3_FEV_FEATURES_OK] = "features-ok",
        [VS3_FEV_DRIVER_RESET] = "driver-reset",
        [VS3_FEV_WAKEUP_RESET] = "wakeup-reset",
        [VS3_FEV_COLD_RESET] = "cold-reset",
    };

    return (unsigned)ev < VS3_FEV__MAX ? names[ev] : "invalid-event";
}

const char *vs3_verdict_name(VS3Verdict v)
{
    static const char *const names[VS3_VERDICT__MAX] = {
        [VS3_ACCEPTED] = "accepted",
        [VS3_REJECT_RESERVED] = "reserved-value",
        [VS3_REJECT_NOT_NEGOTIATED] = "not-negotiated",
        [VS3_REJECT_NOT_OFFERED] = "not-offered",
        [VS3_REJECT_NOT_SUSPENDED] = "not-suspended",
        [VS3_REJECT_SUSPENDED] = "already-suspended",
        [VS3_REJECT_BUSY] = "busy",
        [VS3_REJECT_BAD_EVENT] = "invalid-event",
    };

    return (unsigned)v < VS3_VERDICT__MAX ? names[v] : "invalid-verdict";
}

const char *vs3_state_action_name(VS3StateAction a)
{
    switch (a) {
    case VS3_STATE_UNTOUCHED:
        return "untouched";
    case VS3_STATE_KEEP:
        return "keep";
    case VS3_STATE_DISCARD:
        return "discard";
    }
    return "invalid-action";
}
