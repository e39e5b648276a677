/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virtio-gpu across ACPI S3 on a device that keeps its state
 * (VIRTIO_F_FREEZE_MODE, negotiated by the virtio-pci transport).
 */
#ifndef VIRTGPU_FREEZE_H
#define VIRTGPU_FREEZE_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "virtio_freeze_mode.h"
#include "virtio-s3/freeze-abi.h"

struct virtio_device;
struct virtio_gpu_device;

struct virtio_gpu_freeze {
	/* the virtqueues are gone: submitters wait in freeze_enter */
	bool frozen;
	/* submitters past freeze_enter */
	atomic_t submitters;
	wait_queue_head_t wq;
	/*
	 * With VIRTGPU_OWN_FREEZE_MODE (the transport is built into the
	 * kernel and knows nothing of freeze_mode), the register, which
	 * this driver then writes itself.
	 */
	struct virtio_freeze_mode fm;
};

void virtio_gpu_freeze_init(struct virtio_gpu_device *vgdev);

/* Around every use of a virtqueue by a command submitter. */
void virtio_gpu_freeze_enter(struct virtio_gpu_device *vgdev);
void virtio_gpu_freeze_exit(struct virtio_gpu_device *vgdev);

/* virtgpu_kms.c (the series' hook patch): the virtqueues, made again. */
int virtio_gpu_find_vqs(struct virtio_gpu_device *vgdev);

/* The virtio_driver PM callbacks. */
int virtio_gpu_freeze(struct virtio_device *vdev);
int virtio_gpu_restore(struct virtio_device *vdev);

#endif
