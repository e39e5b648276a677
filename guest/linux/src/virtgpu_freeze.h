/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virtio-gpu across ACPI S3 on a device that keeps its state
 * (VIRTIO_F_FREEZE_MODE, negotiated by the virtio-pci transport, or by
 * this driver where the transport is built into the kernel).
 */
#ifndef VIRTGPU_FREEZE_H
#define VIRTGPU_FREEZE_H

#include <linux/atomic.h>
#include <linux/notifier.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "virtio_freeze_mode.h"
#include "virtio-s3/freeze-abi.h"

struct virtio_device;
struct virtio_gpu_device;

struct virtio_gpu_freeze {
	/* the virtqueues are gone: submitters wait in freeze_enter */
	bool frozen;
	/* they never came back (restore failed or never ran) */
	bool dead;
	/* submitters past freeze_enter */
	atomic_t submitters;
	wait_queue_head_t wq;
	/* PM_POST_SUSPEND: a restore that never ran */
	struct notifier_block pm_nb;
	/*
	 * With VIRTGPU_OWN_FREEZE_MODE (the transport is built into the
	 * kernel and knows nothing of freeze_mode), the register, which
	 * this driver then writes itself; it outlives the device (devres).
	 */
	struct virtio_freeze_mode *fm;
};

int virtio_gpu_freeze_init(struct virtio_gpu_device *vgdev);

/*
 * Around every use of a virtqueue by a command submitter: enter waits
 * while the queues are gone and fails (-ENODEV) once they are gone for
 * good; try_enter does not wait (for kicks, which freeze does itself).
 */
int virtio_gpu_freeze_enter(struct virtio_gpu_device *vgdev);
bool virtio_gpu_freeze_try_enter(struct virtio_gpu_device *vgdev);
void virtio_gpu_freeze_exit(struct virtio_gpu_device *vgdev);

/* virtgpu_kms.c (the series' hook patch): the virtqueues, made again. */
int virtio_gpu_find_vqs(struct virtio_gpu_device *vgdev);

/* The virtio_driver callbacks. */
int virtio_gpu_freeze_validate(struct virtio_device *vdev);
int virtio_gpu_freeze(struct virtio_device *vdev);
int virtio_gpu_restore(struct virtio_device *vdev);

#endif
