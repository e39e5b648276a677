/*
 * The ACPI S3 state machine of one domain, as the device model sees it
 *
 * The guest enters S3; the toolstack asks for a resume; the device model
 * wakes the machine (from the toolstack's request or any other wakeup
 * source); a cold reset ends everything.  The device model publishes the
 * state in xenstore (see xs-proto.h) and answers toolstack requests from it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VIRTIO_S3_SLEEP_FSM_H
#define VIRTIO_S3_SLEEP_FSM_H

#include "virtio-s3/freeze-fsm.h"

typedef enum VS3SleepState {
    VS3_SLEEP_RUNNING,
    VS3_SLEEP_SUSPENDED,  /* guest in S3, vCPUs parked */
    VS3_SLEEP_RESUMING,   /* a toolstack resume request is being carried out */
    VS3_SLEEP__MAX
} VS3SleepState;

typedef enum VS3SleepEvent {
    VS3_SEV_GUEST_SUSPEND,    /* guest wrote SLP_TYP(S3) | SLP_EN */
    VS3_SEV_RESUME_REQUEST,   /* toolstack asked for an S3 resume */
    VS3_SEV_WAKEUP,           /* the machine woke (devices reset for wakeup) */
    VS3_SEV_WAKEUP_FAILED,    /* the requested wakeup could not be started */
    VS3_SEV_COLD_RESET,       /* system_reset, reboot, destroy */
    VS3_SEV__MAX
} VS3SleepEvent;

typedef struct VS3SleepOutcome {
    VS3Verdict verdict;
    VS3SleepState old_state;
    VS3SleepState new_state;
} VS3SleepOutcome;

/* Apply one event; on any verdict but VS3_ACCEPTED *s is unchanged. */
VS3SleepOutcome vs3_sleep_step(VS3SleepState *s, VS3SleepEvent ev);

const char *vs3_sleep_state_name(VS3SleepState s);
const char *vs3_sleep_event_name(VS3SleepEvent ev);

#endif /* VIRTIO_S3_SLEEP_FSM_H */
