/*
 * The ACPI S3 state machine of one domain
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "virtio-s3/sleep-fsm.h"

VS3SleepOutcome vs3_sleep_step(VS3SleepState *s, VS3SleepEvent ev)
{
    VS3SleepOutcome o = {
        .verdict = VS3_ACCEPTED,
        .old_state = *s,
    };
    VS3SleepState next = *s;

    if ((unsigned)*s >= VS3_SLEEP__MAX) {
        o.verdict = VS3_REJECT_BAD_EVENT;
        o.new_state = *s;
        return o;
    }

    switch (ev) {
    case VS3_SEV_GUEST_SUSPEND:
        if (*s == VS3_SLEEP_RUNNING) {
            next = VS3_SLEEP_SUSPENDED;
        } else {
            o.verdict = VS3_REJECT_SUSPENDED;
        }
        break;

    case VS3_SEV_RESUME_REQUEST:
        /* One request at a time: a second one while resuming is refused. */
        if (*s == VS3_SLEEP_SUSPENDED) {
            next = VS3_SLEEP_RESUMING;
        } else if (*s == VS3_SLEEP_RESUMING) {
            o.verdict = VS3_REJECT_BUSY;
        } else {
            o.verdict = VS3_REJECT_NOT_SUSPENDED;
        }
        break;

    case VS3_SEV_WAKEUP:
        /* Any wakeup source ends S3, requested by the toolstack or not. */
        if (*s == VS3_SLEEP_RUNNING) {
            o.verdict = VS3_REJECT_NOT_SUSPENDED;
        } else {
            next = VS3_SLEEP_RUNNING;
        }
        break;

    case VS3_SEV_WAKEUP_FAILED:
        /* Nothing woke: the guest is still in S3. */
        if (*s == VS3_SLEEP_RESUMING) {
            next = VS3_SLEEP_SUSPENDED;
        } else {
            o.verdict = VS3_REJECT_NOT_SUSPENDED;
        }
        break;

    case VS3_SEV_COLD_RESET:
        next = VS3_SLEEP_RUNNING;
        break;

    default:
        o.verdict = VS3_REJECT_BAD_EVENT;
        break;
    }

    *s = next;
    o.new_state = next;
    return o;
}

const char *vs3_sleep_state_name(VS3SleepState s)
{
    static const char *const names[VS3_SLEEP__MAX] = {
        [VS3_SLEEP_RUNNING] = "running",
        [VS3_SLEEP_SUSPENDED] = "suspended",
        [VS3_SLEEP_RESUMING] = "resuming",
    };

    return (unsigned)s < VS3_SLEEP__MAX ? names[s] : "invalid-state";
}

const char *vs3_sleep_event_name(VS3SleepEvent ev)
{
    static const char *const names[VS3_SEV__MAX] = {
        [VS3_SEV_GUEST_SUSPEND] = "guest-suspend",
        [VS3_SEV_RESUME_REQUEST] = "resume-request",
        [VS3_SEV_WAKEUP] = "wakeup",
        [VS3_SEV_WAKEUP_FAILED] = "wakeup-failed",
        [VS3_SEV_COLD_RESET] = "cold-reset",
    };

    return (unsigned)ev < VS3_SEV__MAX ? names[ev] : "invalid-event";
}
