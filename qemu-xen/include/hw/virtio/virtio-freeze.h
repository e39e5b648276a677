/*
 * virtio freeze_mode: keep device state across ACPI S3
 *
 * Every virtio device carries a VirtIOFreeze (in VirtIODevice).  The
 * virtio-pci transport exposes it as the freeze_mode register; the generic
 * reset path asks it whether a reset keeps or discards the device's state.
 * Device types that have state worth keeping set
 * VirtioDeviceClass::freeze_reset, which is called instead of ::reset when a
 * reset keeps state; types without it are reset as before.
 *
 * The rules are those of the shared protocol core (virtio-s3/freeze-fsm.h,
 * docs/misc/virtio-freeze-mode.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_FREEZE_H
#define HW_VIRTIO_FREEZE_H

#include "virtio-s3/freeze-abi.h"
#include "virtio-s3/freeze-fsm.h"

typedef struct VirtIOFreeze {
    /*
     * Only fsm.mode is state of its own; fsm.offered and fsm.negotiated are
     * derived from the device's features and status before every event.
     */
    VS3Freeze fsm;
    /* The next reset was requested by the driver (device_status = 0). */
    bool driver_reset_pending;
    /* The next reset is the machine's S3 wakeup reset (RESET_TYPE_WAKEUP). */
    bool wakeup_reset_pending;
    /* The last reset kept the device type's state (freeze_reset ran). */
    bool kept;
} VirtIOFreeze;

/* The register, as the transport sees it. */
uint16_t virtio_freeze_mode_read(VirtIODevice *vdev);
void virtio_freeze_mode_write(VirtIODevice *vdev, uint32_t val);

/*
 * Observers of every device's freeze_mode (the Xen glue publishes it):
 * told with a VirtIOFreezeChange whenever a device's mode changes, and when
 * the device goes away.
 */
typedef struct VirtIOFreezeChange {
    VirtIODevice *vdev;
    uint16_t mode;
    bool unplug;
} VirtIOFreezeChange;

void virtio_freeze_add_notifier(Notifier *n);

/*
 * Right after a machine reset of the device: did it keep its device type's
 * state (FREEZE_S3 through the S3 wakeup, and a type that keeps state)?  A
 * device with state outside its VirtIODevice (virtio-vga's VGA) keeps that
 * too, or its halves disagree.
 */
bool virtio_freeze_kept(VirtIODevice *vdev);
/*
 * The transport kept the whole device through a machine reset (PCI PM
 * No_Soft_Reset in D3hot), so virtio_reset() did not run: the device
 * type's state is kept as well.
 */
void virtio_freeze_kept_by_transport(VirtIODevice *vdev);

/* Hooks of the generic virtio code. */
void virtio_freeze_features_ok(VirtIODevice *vdev);
void virtio_freeze_note_driver_reset(VirtIODevice *vdev);
/*
 * The transport is about to reset the device for the machine's S3 wakeup
 * (QEMU 10: it got RESET_TYPE_WAKEUP).  vdev may be NULL (no device).
 */
void virtio_freeze_note_wakeup_reset(VirtIODevice *vdev);
void virtio_freeze_device_reset(VirtIODevice *vdev);
void virtio_freeze_unrealize(VirtIODevice *vdev);
void virtio_freeze_legacy_driver(VirtIODevice *vdev);

extern const VMStateDescription vmstate_virtio_freeze;

#endif /* HW_VIRTIO_FREEZE_H */
