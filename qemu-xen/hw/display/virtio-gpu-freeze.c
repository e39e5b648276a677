/*
 * virtio-gpu: reset that keeps resources across ACPI S3
 *
 * While freeze_mode is FREEZE_S3, the wakeup reset and the restoring
 * driver's reset keep every resource with its backing attachment, the
 * scanouts and the cursor, so that the guest can flush an old resource id
 * after resume and see the same pixels.  For virtio-gpu-gl nothing reaches
 * virglrenderer either: its contexts and 3D resources stay.  Nothing is
 * copied: keeping costs the same whatever the number and size of resources.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/virtio/virtio-gpu.h"
#include "hw/virtio/virtio-gpu-freeze.h"
#include "trace.h"

/*
 * Commands still queued belong to virtqueues that the reset is about to
 * empty; the driver will not see them completed.  Give their elements back
 * (unmapping guest memory) and drop them.
 */
static void drop_command(struct virtio_gpu_ctrl_command *cmd)
{
    virtqueue_detach_element(cmd->vq, &cmd->elem, 0);
    g_free(cmd);
}

void virtio_gpu_freeze_reset(VirtIODevice *vdev)
{
    VirtIOGPU *g = VIRTIO_GPU(vdev);
    struct virtio_gpu_simple_resource *res;
    struct virtio_gpu_ctrl_command *cmd;
    unsigned nres = 0, dropped = 0;

    QTAILQ_FOREACH(res, &g->reslist, next) {
        nres++;
    }
    while ((cmd = QTAILQ_FIRST(&g->cmdq))) {
        QTAILQ_REMOVE(&g->cmdq, cmd, next);
        drop_command(cmd);
        dropped++;
    }
    while ((cmd = QTAILQ_FIRST(&g->fenceq))) {
        QTAILQ_REMOVE(&g->fenceq, cmd, next);
        g->inflight--;
        drop_command(cmd);
        dropped++;
    }
    trace_virtio_gpu_freeze_reset(nres, g->hostmem, dropped);
}
