/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The freeze_mode register of a virtio-pci function (offset 0x40 of the
 * common configuration, docs/misc/virtio-freeze-mode.md of this project):
 * find it, map it on its own, write a mode and wait until it is in effect.
 * Used by the transport where virtio_pci is a module (Linux 6.1), and by
 * virtio-gpu itself where the transport is built in (Debian's 6.12).
 */
#ifndef _VIRTIO_FREEZE_MODE_H
#define _VIRTIO_FREEZE_MODE_H

#include <linux/device.h>
#include <linux/pci.h>
#include <linux/types.h>

struct virtio_freeze_mode {
	/* freeze_mode, or NULL if the common configuration is too short */
	void __iomem *reg;
	struct pci_dev *pdev;
};

/* False if the function's common configuration does not reach it. */
bool virtio_freeze_mode_map(struct virtio_freeze_mode *fm,
			    struct pci_dev *pdev);
void virtio_freeze_mode_unmap(struct virtio_freeze_mode *fm);
/* The mode in effect, as the device reports it. */
u16 virtio_freeze_mode_get(struct virtio_freeze_mode *fm);
/* 0, or -EIO (logged against DEV) if the device does not take MODE. */
int virtio_freeze_mode_set(struct virtio_freeze_mode *fm, struct device *dev,
			   u16 mode);

#endif
