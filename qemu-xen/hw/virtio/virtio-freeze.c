/*
 * virtio freeze_mode: keep device state across ACPI S3
 *
 * The decisions are the shared core's (virtio-s3/freeze-fsm.h); this file
 * feeds it the events of a QEMU virtio device and carries out the outcome.
 * Nothing here runs on the virtqueue path: only register accesses, status
 * changes, resets, migration and unplug come through.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/notify.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-s3-compat.h"
#include "migration/vmstate.h"
#include "trace.h"

/*
 * The core's view of the device.  Whether the feature is offered and
 * negotiated is derived from the device itself, so that it is right after
 * migration too; only the mode is state of our own.
 */
static VS3Freeze *freeze_fsm(VirtIODevice *vdev)
{
    VS3Freeze *f = &vdev->freeze.fsm;

    f->offered = virtio_host_has_feature(vdev, VS3_F_FREEZE_MODE);
    f->negotiated = (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
                    virtio_vdev_has_feature(vdev, VS3_F_FREEZE_MODE);
    return f;
}

static NotifierList freeze_observers =
    NOTIFIER_LIST_INITIALIZER(freeze_observers);

void virtio_freeze_add_notifier(Notifier *n)
{
    notifier_list_add(&freeze_observers, n);
}

static void freeze_tell(VirtIODevice *vdev, VS3FreezeOutcome o, bool unplug)
{
    VirtIOFreezeChange change = {
        .vdev = vdev,
        .mode = o.new_mode,
        .unplug = unplug,
    };

    if (unplug || o.new_mode != o.old_mode) {
        notifier_list_notify(&freeze_observers, &change);
    }
}

uint16_t virtio_freeze_mode_read(VirtIODevice *vdev)
{
    return vs3_freeze_read(&vdev->freeze.fsm);
}

void virtio_freeze_mode_write(VirtIODevice *vdev, uint32_t val)
{
    VS3FreezeOutcome o = vs3_freeze_step(freeze_fsm(vdev),
                                         VS3_FEV_DRIVER_WRITE, val);

    trace_virtio_freeze_mode_write(vdev, vdev->name, val,
                                   vs3_verdict_name(o.verdict),
                                   o.old_mode, o.new_mode);
    if (o.verdict != VS3_ACCEPTED) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: freeze_mode write of %u ignored: %s\n",
                      vdev->name, val, vs3_verdict_name(o.verdict));
    }
    freeze_tell(vdev, o, false);
}

bool virtio_freeze_kept(VirtIODevice *vdev)
{
    return vdev->freeze.kept;
}

void virtio_freeze_kept_by_transport(VirtIODevice *vdev)
{
    vdev->freeze.kept = true;
}

/* Full reset of the device type's state, as every reset did before. */
static void freeze_discard(VirtIODevice *vdev)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (k->reset) {
        k->reset(vdev);
    }
}

/* Called when the driver sets FEATURES_OK, after validation. */
void virtio_freeze_features_ok(VirtIODevice *vdev)
{
    bool accepted = virtio_vdev_has_feature(vdev, VS3_F_FREEZE_MODE);
    VS3FreezeOutcome o = vs3_freeze_step(freeze_fsm(vdev),
                                         VS3_FEV_FEATURES_OK, accepted);

    trace_virtio_freeze_features_ok(vdev, vdev->name, accepted,
                                    vs3_state_action_name(o.action),
                                    o.old_mode, o.new_mode);
    if (o.action == VS3_STATE_DISCARD) {
        /* A driver that cannot restore frozen state gets a clean device. */
        freeze_discard(vdev);
    }
    freeze_tell(vdev, o, false);
}

void virtio_freeze_note_driver_reset(VirtIODevice *vdev)
{
    vdev->freeze.driver_reset_pending = true;
}

void virtio_freeze_note_wakeup_reset(VirtIODevice *vdev)
{
    if (vdev) {
        vdev->freeze.wakeup_reset_pending = true;
    }
}

/*
 * Called by virtio_reset() in place of VirtioDeviceClass::reset.  A reset is
 * the driver's (noted by the transport just before), the S3 wakeup's
 * (noted by the transport from the reset type, or on QEMU 7.2 the machine
 * says so), or else a cold one.
 */
void virtio_freeze_device_reset(VirtIODevice *vdev)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);
    VS3FreezeEvent ev;
    VS3FreezeOutcome o;

    if (vdev->freeze.driver_reset_pending) {
        ev = VS3_FEV_DRIVER_RESET;
    } else if (vdev->freeze.wakeup_reset_pending ||
               vs3_wakeup_reset_in_progress()) {
        ev = VS3_FEV_WAKEUP_RESET;
    } else {
        ev = VS3_FEV_COLD_RESET;
    }
    vdev->freeze.driver_reset_pending = false;
    vdev->freeze.wakeup_reset_pending = false;

    o = vs3_freeze_step(freeze_fsm(vdev), ev, 0);
    freeze_tell(vdev, o, false);
    vdev->freeze.kept = o.action == VS3_STATE_KEEP && k->freeze_reset;
    if (vdev->freeze.kept) {
        trace_virtio_freeze_reset(vdev, vdev->name, vs3_freeze_event_name(ev),
                                  "keep", o.new_mode);
        k->freeze_reset(vdev);
        return;
    }
    /* A type that declares no preservable state is reset in full. */
    trace_virtio_freeze_reset(vdev, vdev->name, vs3_freeze_event_name(ev),
                              o.action == VS3_STATE_KEEP ?
                              "discard (type keeps no state)" : "discard",
                              o.new_mode);
    freeze_discard(vdev);
}

/*
 * A legacy (pre-1.0) driver writes status or features through the legacy
 * interface.  It can neither negotiate freeze_mode nor set FEATURES_OK,
 * so it cannot restore frozen state: discard it before the driver
 * programs the device.  Nothing to do for a device that is not frozen.
 */
void virtio_freeze_legacy_driver(VirtIODevice *vdev)
{
    VS3FreezeOutcome o;

    if (vdev->freeze.fsm.mode == VS3_FREEZE_MODE_UNFREEZE) {
        return;
    }
    o = vs3_freeze_step(freeze_fsm(vdev), VS3_FEV_COLD_RESET, 0);
    trace_virtio_freeze_reset(vdev, vdev->name, "legacy-driver", "discard",
                              o.new_mode);
    vdev->freeze.kept = false;
    freeze_tell(vdev, o, false);
    freeze_discard(vdev);
}

/*
 * Unplug is a cold path: state kept for a frozen driver has no owner any
 * more.  Called once the transport has stopped the device.  A device that
 * is not frozen is the driver's to tear down, as before.
 */
void virtio_freeze_unrealize(VirtIODevice *vdev)
{
    uint16_t mode = vdev->freeze.fsm.mode;
    bool free_state = mode != VS3_FREEZE_MODE_UNFREEZE;

    freeze_tell(vdev, vs3_freeze_step(freeze_fsm(vdev), VS3_FEV_COLD_RESET,
                                      0), true);
    trace_virtio_freeze_unrealize(vdev, vdev->name, mode, free_state);
    if (free_state) {
        freeze_discard(vdev);
    }
}

/* Sent only while a mode other than UNFREEZE is in effect. */
static bool virtio_freeze_needed(void *opaque)
{
    VirtIODevice *vdev = opaque;

    return vdev->freeze.fsm.mode != VS3_FREEZE_MODE_UNFREEZE;
}

static int virtio_freeze_post_load(void *opaque, int version_id)
{
    VirtIODevice *vdev = opaque;
    VS3Freeze *f = freeze_fsm(vdev);

    if (!vs3_freeze_mode_valid(f->mode)) {
        error_report("%s: reserved freeze_mode %u in the migration stream",
                     vdev->name, f->mode);
        return -EINVAL;
    }
    if (!f->offered) {
        error_report("%s: device is frozen in the migration stream, but "
                     "x-freeze-mode is off here", vdev->name);
        return -EINVAL;
    }
    return 0;
}

const VMStateDescription vmstate_virtio_freeze = {
    .name = "virtio/freeze_mode",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = virtio_freeze_needed,
    .post_load = virtio_freeze_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(freeze.fsm.mode, VirtIODevice),
        VMSTATE_END_OF_LIST()
    }
};
