/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virtio-pci freeze_mode: the guest half of keeping device state across
 * ACPI S3 (docs/misc/virtio-freeze-mode.md of this project).
 *
 * The transport negotiates VIRTIO_F_FREEZE_MODE when the device offers it,
 * writes FREEZE_S3 before the device type's freeze on suspend to RAM, and
 * UNFREEZE after the device type's restore on resume.  Hibernation and
 * every other path keep the full reset.
 */
#ifndef _VIRTIO_PCI_FREEZE_H
#define _VIRTIO_PCI_FREEZE_H

#include <linux/device.h>
#include <linux/types.h>

#include "virtio_freeze_mode.h"

struct virtio_device;
struct virtio_pci_device;

struct vp_freeze {
	struct virtio_freeze_mode fm;
	/* FREEZE_S3 is in effect for the suspend under way */
	bool s3;
};

void vp_freeze_probe(struct virtio_pci_device *vp_dev);
void vp_freeze_remove(struct virtio_pci_device *vp_dev);
void vp_freeze_transport_features(struct virtio_device *vdev);

/* The PM callbacks for suspend to RAM, around the transport's own. */
int virtio_pci_s3_suspend(struct device *dev);
int virtio_pci_s3_resume(struct device *dev);

/* virtio_pci_common.c: the full freeze and restore (hibernation too). */
int virtio_pci_freeze(struct device *dev);
int virtio_pci_restore(struct device *dev);

#endif
