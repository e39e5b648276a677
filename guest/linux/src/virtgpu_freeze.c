// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-gpu across ACPI S3, on a device that keeps its state.
 *
 * When the transport has negotiated VIRTIO_F_FREEZE_MODE, it writes
 * FREEZE_S3 before this driver's freeze, and the device then keeps its
 * resources, their backing and the scanouts through every reset until
 * the transport writes UNFREEZE after this driver's restore.  Only the
 * virtqueues go: freeze stops new commands, lets the ones in flight
 * complete and deletes the queues; restore makes new queues and lets the
 * held commands go on.  Every GEM object keeps its host resource id, and
 * nothing is uploaded again.  The display is never switched off, so the
 * host shows the last frame while the guest sleeps.
 *
 * Hibernation, and a device without the feature, get what this driver
 * has always done: nothing.
 *
 * Where virtio_pci is built into the kernel (Debian's 6.12), no module can
 * teach the transport freeze_mode.  Built with VIRTGPU_OWN_FREEZE_MODE,
 * this driver then lists the feature bit in its own feature table and
 * writes the register itself, in the order the transport would: FREEZE_S3
 * before its freeze, UNFREEZE after its restore.
 */
#include <linux/suspend.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include "virtgpu_drv.h"

/* Commands complete in microseconds; this bounds a hung host. */
#define VIRTIO_GPU_FREEZE_TIMEOUT	(5 * HZ)

#ifdef VIRTGPU_OWN_FREEZE_MODE
static void virtio_gpu_fm_unmap(void *data)
{
	struct virtio_gpu_device *vgdev = data;

	virtio_freeze_mode_unmap(&vgdev->freeze.fm,
				 to_pci_dev(vgdev->vdev->dev.parent));
}

static void virtio_gpu_fm_init(struct virtio_gpu_device *vgdev)
{
	struct device *parent = vgdev->vdev->dev.parent;

	vgdev->freeze.fm.reg = NULL;
	if (!virtio_has_feature(vgdev->vdev, VS3_F_FREEZE_MODE) ||
	    !parent || !dev_is_pci(parent))
		return;
	if (virtio_freeze_mode_map(&vgdev->freeze.fm, to_pci_dev(parent)))
		devm_add_action_or_reset(&vgdev->vdev->dev,
					 virtio_gpu_fm_unmap, vgdev);
}

static bool virtio_gpu_fm_usable(struct virtio_gpu_device *vgdev)
{
	return vgdev->freeze.fm.reg;
}

static int virtio_gpu_fm_set(struct virtio_gpu_device *vgdev, u16 mode)
{
	return virtio_freeze_mode_set(&vgdev->freeze.fm, &vgdev->vdev->dev,
				      mode);
}
#else
/* The transport writes the register (virtio_pci_freeze.c). */
static void virtio_gpu_fm_init(struct virtio_gpu_device *vgdev)
{
	vgdev->freeze.fm.reg = NULL;
}

static bool virtio_gpu_fm_usable(struct virtio_gpu_device *vgdev)
{
	return true;
}

static int virtio_gpu_fm_set(struct virtio_gpu_device *vgdev, u16 mode)
{
	return 0;
}
#endif

void virtio_gpu_freeze_init(struct virtio_gpu_device *vgdev)
{
	vgdev->freeze.frozen = false;
	atomic_set(&vgdev->freeze.submitters, 0);
	init_waitqueue_head(&vgdev->freeze.wq);
	virtio_gpu_fm_init(vgdev);
}

/*
 * A submitter that finds the queues gone waits until restore.  The flag
 * and the count are ordered against each other (the submitter counts
 * itself, then looks at the flag; freeze sets the flag, then looks at the
 * count), so freeze never deletes a queue that a submitter still uses.
 */
void virtio_gpu_freeze_enter(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	for (;;) {
		wait_event(fz->wq, !READ_ONCE(fz->frozen));
		atomic_inc(&fz->submitters);
		/* Counted before looking: pairs with smp_mb() in freeze. */
		smp_mb__after_atomic();
		if (likely(!READ_ONCE(fz->frozen)))
			return;
		virtio_gpu_freeze_exit(vgdev);
	}
}

void virtio_gpu_freeze_exit(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	if (atomic_dec_and_test(&fz->submitters) && READ_ONCE(fz->frozen))
		wake_up_all(&fz->wq);
}

static void virtio_gpu_freeze_release(struct virtio_gpu_device *vgdev)
{
	WRITE_ONCE(vgdev->freeze.frozen, false);
	wake_up_all(&vgdev->freeze.wq);
}

static bool virtio_gpu_vq_idle(struct virtqueue *vq)
{
	return READ_ONCE(vq->num_free) == virtqueue_get_vring_size(vq);
}

int virtio_gpu_freeze(struct virtio_device *vdev)
{
	struct drm_device *dev = vdev->priv;
	struct virtio_gpu_device *vgdev = dev->dev_private;
	struct virtio_gpu_freeze *fz = &vgdev->freeze;
	int ret;

	if (pm_suspend_target_state == PM_SUSPEND_ON ||
	    !virtio_has_feature(vdev, VS3_F_FREEZE_MODE) ||
	    !virtio_gpu_fm_usable(vgdev))
		return 0;

	ret = virtio_gpu_fm_set(vgdev, VS3_FREEZE_MODE_FREEZE_S3);
	if (ret)
		return ret;

	/* Work that would submit commands runs now, not while frozen. */
	flush_work(&vgdev->obj_free_work);
	flush_work(&vgdev->config_changed_work);

	WRITE_ONCE(fz->frozen, true);
	/* Flag set before counting: pairs with freeze_enter's barrier. */
	smp_mb();
	if (!wait_event_timeout(fz->wq, !atomic_read(&fz->submitters),
				VIRTIO_GPU_FREEZE_TIMEOUT))
		goto busy;

	virtio_gpu_notify(vgdev);
	if (!wait_event_timeout(vgdev->ctrlq.ack_queue,
				virtio_gpu_vq_idle(vgdev->ctrlq.vq),
				VIRTIO_GPU_FREEZE_TIMEOUT) ||
	    !wait_event_timeout(vgdev->cursorq.ack_queue,
				virtio_gpu_vq_idle(vgdev->cursorq.vq),
				VIRTIO_GPU_FREEZE_TIMEOUT))
		goto busy;

	/*
	 * The device stops using the rings before they are freed.  With
	 * FREEZE_S3 in effect this reset keeps the resources and scanouts.
	 */
	virtio_reset_device(vdev);
	flush_work(&vgdev->ctrlq.dequeue_work);
	flush_work(&vgdev->cursorq.dequeue_work);
	vdev->config->del_vqs(vdev);
	vgdev->ctrlq.vq = NULL;
	vgdev->cursorq.vq = NULL;
	return 0;

busy:
	dev_err(&vdev->dev, "commands still in flight after %u s: not suspending\n",
		VIRTIO_GPU_FREEZE_TIMEOUT / HZ);
	virtio_gpu_freeze_release(vgdev);
	virtio_gpu_fm_set(vgdev, VS3_FREEZE_MODE_UNFREEZE);
	return -EBUSY;
}

int virtio_gpu_restore(struct virtio_device *vdev)
{
	struct drm_device *dev = vdev->priv;
	struct virtio_gpu_device *vgdev = dev->dev_private;
	int ret;

	if (!READ_ONCE(vgdev->freeze.frozen))
		return 0;

	ret = virtio_gpu_find_vqs(vgdev);
	if (ret) {
		dev_err(&vdev->dev, "cannot set up the virtqueues again: %d\n",
			ret);
		return ret;
	}
	if (!virtio_has_feature(vdev, VS3_F_FREEZE_MODE))
		dev_err(&vdev->dev,
			"the device no longer keeps its state: resources lost\n");

	virtio_device_ready(vdev);
	virtio_gpu_freeze_release(vgdev);
	return virtio_gpu_fm_set(vgdev, VS3_FREEZE_MODE_UNFREEZE);
}
