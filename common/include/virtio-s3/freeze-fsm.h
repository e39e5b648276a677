/*
 * The freeze state machine of one virtio device
 *
 * What a device does with its freeze_mode register and with its state when
 * the driver writes the register, negotiates features or resets it, and when
 * the machine wakes from S3 or is reset cold.  The device model feeds events
 * in and acts on the outcome (keep or discard device state); the machine has
 * no other input, so it can be tested exhaustively on its own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VIRTIO_S3_FREEZE_FSM_H
#define VIRTIO_S3_FREEZE_FSM_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio-s3/freeze-abi.h"

typedef enum VS3FreezeEvent {
    /* The driver writes freeze_mode; arg is the value written. */
    VS3_FEV_DRIVER_WRITE,
    /*
     * The driver sets FEATURES_OK; arg is 1 if its driver features include
     * VS3_F_FREEZE_MODE, 0 otherwise.
     */
    VS3_FEV_FEATURES_OK,
    /* The driver writes 0 to device_status. */
    VS3_FEV_DRIVER_RESET,
    /* The machine resets its devices while waking from ACPI S3. */
    VS3_FEV_WAKEUP_RESET,
    /* system_reset, guest reboot, hot-unplug, device model exit. */
    VS3_FEV_COLD_RESET,
    VS3_FEV__MAX
} VS3FreezeEvent;

/* Whether an event was carried out; anything but ACCEPTED changed nothing. */
typedef enum VS3Verdict {
    VS3_ACCEPTED,
    VS3_REJECT_RESERVED,        /* freeze_mode value is reserved */
    VS3_REJECT_NOT_NEGOTIATED,  /* freeze_mode written without the feature */
    VS3_REJECT_NOT_OFFERED,     /* driver accepted a feature never offered */
    VS3_REJECT_NOT_SUSPENDED,   /* (sleep machine) the system is not in S3 */
    VS3_REJECT_SUSPENDED,       /* (sleep machine) the system is already in S3 */
    VS3_REJECT_BUSY,            /* (sleep machine) a resume is in flight */
    VS3_REJECT_BAD_EVENT,       /* event number out of range */
    VS3_VERDICT__MAX
} VS3Verdict;

/* What happens to the device's own state (resources, configuration). */
typedef enum VS3StateAction {
    VS3_STATE_UNTOUCHED,  /* the event resets nothing */
    VS3_STATE_KEEP,       /* transport and queues reset, device state kept */
    VS3_STATE_DISCARD,    /* full reset: device state freed, as today */
} VS3StateAction;

typedef struct VS3Freeze {
    uint16_t mode;      /* the mode in effect: what a read returns */
    bool offered;       /* the device offers VS3_F_FREEZE_MODE */
    bool negotiated;    /* FEATURES_OK with VS3_F_FREEZE_MODE since last reset */
} VS3Freeze;

typedef struct VS3FreezeOutcome {
    VS3Verdict verdict;
    VS3StateAction action;
    uint16_t old_mode;
    uint16_t new_mode;
} VS3FreezeOutcome;

/* A device that offers the feature (offered = true) or not, after cold reset. */
void vs3_freeze_init(VS3Freeze *f, bool offered);

/* Apply one event; on any verdict but VS3_ACCEPTED *f is unchanged. */
VS3FreezeOutcome vs3_freeze_step(VS3Freeze *f, VS3FreezeEvent ev, uint32_t arg);

/* The value a driver reads from freeze_mode. */
static inline uint16_t vs3_freeze_read(const VS3Freeze *f)
{
    return f->mode;
}

const char *vs3_freeze_event_name(VS3FreezeEvent ev);
const char *vs3_verdict_name(VS3Verdict v);
const char *vs3_state_action_name(VS3StateAction a);

#endif /* VIRTIO_S3_FREEZE_FSM_H */
