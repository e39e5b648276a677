/*
 * virtio-blk: reset that keeps the guest's write-cache setting across S3
 *
 * A driver that negotiated VIRTIO_BLK_F_CONFIG_WCE may have changed the
 * write-cache mode; today's reset puts back the mode the device was
 * configured with, so a guest that suspended with write-through finds
 * write-back after resume.  While frozen, everything else is reset as
 * usual (requests drained and dropped) and the guest's mode is kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-blk-freeze.h"
#include "trace.h"

void virtio_blk_freeze_reset(VirtIODevice *vdev)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    bool wce = blk_enable_write_cache(s->blk);

    k->reset(vdev);
    blk_set_enable_write_cache(s->blk, wce);
    trace_virtio_blk_freeze_reset(vdev, wce);
}
