/*
 * virtio-blk: the state kept across ACPI S3 while freeze_mode is FREEZE_S3
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_BLK_FREEZE_H
#define HW_VIRTIO_BLK_FREEZE_H

/* VirtioDeviceClass::freeze_reset of virtio-blk. */
void virtio_blk_freeze_reset(VirtIODevice *vdev);

#endif /* HW_VIRTIO_BLK_FREEZE_H */
