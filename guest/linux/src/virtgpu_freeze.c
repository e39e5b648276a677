// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-gpu across ACPI S3, on a device that keeps its state.
 *
 * When VIRTIO_F_FREEZE_MODE is negotiated, FREEZE_S3 is written before
 * this driver's freeze, and the device then keeps its resources, their
 * backing and the scanouts through every reset until UNFREEZE is written
 * after this driver's restore.  Only the virtqueues go: freeze stops new
 * commands, lets the ones in flight complete and deletes the queues;
 * restore makes new queues and lets the held commands go on.  Every GEM
 * object keeps its host resource id, and nothing is uploaded again.  The
 * display is never switched off, so the host shows the last frame while
 * the guest sleeps.
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
#include <linux/delay.h>
#include <linux/suspend.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/workqueue.h>

#include <drm/drm_managed.h>

#include "virtgpu_drv.h"

/* Commands complete in microseconds; this bounds a hung host. */
#define VIRTIO_GPU_FREEZE_TIMEOUT	(5 * HZ)

#ifdef VIRTGPU_OWN_FREEZE_MODE
static void virtio_gpu_fm_unmap(void *data)
{
	virtio_freeze_mode_unmap(data);
}

/* The register of VDEV's function, mapped until VDEV's driver goes. */
static struct virtio_freeze_mode *virtio_gpu_fm_map(struct virtio_device *vdev)
{
	struct device *parent = vdev->dev.parent;
	struct virtio_freeze_mode *fm;

	if (!parent || !dev_is_pci(parent))
		return NULL;
	fm = devm_kzalloc(&vdev->dev, sizeof(*fm), GFP_KERNEL);
	if (!fm || !virtio_freeze_mode_map(fm, to_pci_dev(parent)))
		return NULL;
	if (devm_add_action_or_reset(&vdev->dev, virtio_gpu_fm_unmap, fm))
		return NULL;
	return fm;
}

/*
 * Before features are negotiated at probe: take the bit only where the
 * register can be used, and not from a device still frozen for an
 * earlier driver (its resource ids would collide with ours): FEATURES_OK
 * without the bit makes the device discard that state.
 */
int virtio_gpu_freeze_validate(struct virtio_device *vdev)
{
	struct virtio_freeze_mode fm;

	if (!virtio_has_feature(vdev, VS3_F_FREEZE_MODE))
		return 0;
	if (!dev_is_pci(vdev->dev.parent) ||
	    !virtio_freeze_mode_map(&fm, to_pci_dev(vdev->dev.parent))) {
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
		return 0;
	}
	if (virtio_freeze_mode_get(&fm) != VS3_FREEZE_MODE_UNFREEZE) {
		dev_info(&vdev->dev,
			 "freeze_mode: discarding state kept for an earlier driver\n");
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
	}
	virtio_freeze_mode_unmap(&fm);
	return 0;
}

static int virtio_gpu_fm_set(struct virtio_gpu_device *vgdev, u16 mode)
{
	return virtio_freeze_mode_set(vgdev->freeze.fm, &vgdev->vdev->dev,
				      mode);
}
#else
/* The transport negotiates and writes the register (virtio_pci_freeze.c). */
static struct virtio_freeze_mode *virtio_gpu_fm_map(struct virtio_device *vdev)
{
	return NULL;
}

int virtio_gpu_freeze_validate(struct virtio_device *vdev)
{
	return 0;
}

static int virtio_gpu_fm_set(struct virtio_gpu_device *vgdev, u16 mode)
{
	return 0;
}
#endif

/* Whether the device keeps our state through the coming suspend. */
static bool virtio_gpu_freeze_keeps(struct virtio_gpu_device *vgdev)
{
	struct virtio_device *vdev = vgdev->vdev;

	if (pm_suspend_target_state == PM_SUSPEND_ON ||
	    !virtio_has_feature(vdev, VS3_F_FREEZE_MODE))
		return false;
#ifdef VIRTGPU_OWN_FREEZE_MODE
	return vgdev->freeze.fm;
#else
	return true;
#endif
}

static void virtio_gpu_freeze_release(struct virtio_gpu_device *vgdev)
{
	/* The new virtqueues are seen by whoever sees the gate open. */
	smp_store_release(&vgdev->freeze.frozen, false);
	wake_up_all(&vgdev->freeze.wq);
}

/* The virtqueues are gone for good: every submitter fails from now on. */
static void virtio_gpu_freeze_kill(struct virtio_gpu_device *vgdev)
{
	WRITE_ONCE(vgdev->freeze.dead, true);
	virtio_gpu_freeze_release(vgdev);
}

static int virtio_gpu_freeze_pm_notify(struct notifier_block *nb,
				       unsigned long action, void *data)
{
	struct virtio_gpu_device *vgdev =
		container_of(nb, struct virtio_gpu_device, freeze.pm_nb);

	/* The core gave up before our restore (features refused...). */
	if (action == PM_POST_SUSPEND && READ_ONCE(vgdev->freeze.frozen) &&
	    !READ_ONCE(vgdev->freeze.dead)) {
		dev_err(&vgdev->vdev->dev,
			"not restored after resume: the device is unusable\n");
		virtio_gpu_freeze_kill(vgdev);
	}
	return NOTIFY_DONE;
}

static void virtio_gpu_freeze_fini(struct drm_device *dev, void *data)
{
	struct virtio_gpu_device *vgdev = data;

	unregister_pm_notifier(&vgdev->freeze.pm_nb);
}

int virtio_gpu_freeze_init(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	fz->frozen = false;
	fz->dead = false;
	atomic_set(&fz->submitters, 0);
	init_waitqueue_head(&fz->wq);
	fz->fm = NULL;
	if (virtio_has_feature(vgdev->vdev, VS3_F_FREEZE_MODE))
		fz->fm = virtio_gpu_fm_map(vgdev->vdev);
	fz->pm_nb.notifier_call = virtio_gpu_freeze_pm_notify;
	register_pm_notifier(&fz->pm_nb);
	return drmm_add_action_or_reset(vgdev->ddev, virtio_gpu_freeze_fini,
					vgdev);
}

/*
 * A submitter that finds the queues gone waits until restore.  The flag
 * and the count are ordered against each other (the submitter counts
 * itself, then looks at the flag; freeze sets the flag, then looks at the
 * count), so freeze never deletes a queue that a submitter still uses.
 */
int virtio_gpu_freeze_enter(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	for (;;) {
		/* Acquire: pairs with restore's release of the new queues. */
		wait_event(fz->wq, !smp_load_acquire(&fz->frozen));
		if (READ_ONCE(fz->dead))
			return -ENODEV;
		atomic_inc(&fz->submitters);
		/* Counted before looking: pairs with smp_mb() in freeze. */
		smp_mb__after_atomic();
		if (likely(!READ_ONCE(fz->frozen)))
			return 0;
		virtio_gpu_freeze_exit(vgdev);
	}
}

bool virtio_gpu_freeze_try_enter(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	/* Acquire: as in freeze_enter. */
	if (smp_load_acquire(&fz->frozen) || READ_ONCE(fz->dead))
		return false;
	atomic_inc(&fz->submitters);
	/* As in freeze_enter. */
	smp_mb__after_atomic();
	if (likely(!READ_ONCE(fz->frozen)))
		return true;
	virtio_gpu_freeze_exit(vgdev);
	return false;
}

void virtio_gpu_freeze_exit(struct virtio_gpu_device *vgdev)
{
	struct virtio_gpu_freeze *fz = &vgdev->freeze;

	if (atomic_dec_and_test(&fz->submitters) && READ_ONCE(fz->frozen))
		wake_up_all(&fz->wq);
}

/* virtio_gpu_notify() without the gate: freeze owns the queues. */
static void virtio_gpu_freeze_kick(struct virtio_gpu_device *vgdev)
{
	bool notify;

	spin_lock(&vgdev->ctrlq.qlock);
	atomic_set(&vgdev->pending_commands, 0);
	notify = virtqueue_kick_prepare(vgdev->ctrlq.vq);
	spin_unlock(&vgdev->ctrlq.qlock);
	if (notify)
		virtqueue_notify(vgdev->ctrlq.vq);
}

static bool virtio_gpu_vq_idle(struct virtqueue *vq)
{
	return READ_ONCE(vq->num_free) == virtqueue_get_vring_size(vq);
}

/* Commands in flight completed, and what completed them has finished. */
static bool virtio_gpu_freeze_quiet(struct virtio_gpu_device *vgdev)
{
	return virtio_gpu_vq_idle(vgdev->ctrlq.vq) &&
	       virtio_gpu_vq_idle(vgdev->cursorq.vq) &&
	       !work_busy(&vgdev->ctrlq.dequeue_work) &&
	       !work_busy(&vgdev->cursorq.dequeue_work);
}

int virtio_gpu_freeze(struct virtio_device *vdev)
{
	struct drm_device *dev = vdev->priv;
	struct virtio_gpu_device *vgdev = dev->dev_private;
	struct virtio_gpu_freeze *fz = &vgdev->freeze;
	unsigned long deadline;
	int ret;

	if (!virtio_gpu_freeze_keeps(vgdev))
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

	/*
	 * Wait for the submitters inside, kicking the queue for them: one
	 * that waits for room cannot kick it itself any more.  Then for the
	 * commands in flight, and for the dequeue workers, whose completion
	 * callbacks may submit (and then wait at the gate: the bound below
	 * turns that into a failed suspend, not a hang).
	 */
	deadline = jiffies + VIRTIO_GPU_FREEZE_TIMEOUT;
	while (atomic_read(&fz->submitters) || !virtio_gpu_freeze_quiet(vgdev)) {
		if (time_after(jiffies, deadline))
			goto busy;
		virtio_gpu_freeze_kick(vgdev);
		wait_event_timeout(fz->wq, !atomic_read(&fz->submitters),
				   HZ / 100);
	}

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
		virtio_gpu_freeze_kill(vgdev);
		return ret;
	}
	if (!virtio_has_feature(vdev, VS3_F_FREEZE_MODE) ||
	    !(vdev->config->get_features(vdev) & VS3_F_FREEZE_MODE_MASK))
		dev_err(&vdev->dev,
			"the device no longer keeps its state: resources lost\n");

	virtio_device_ready(vdev);
	virtio_gpu_freeze_release(vgdev);
	/* A device left frozen is harmless while this driver runs it. */
	virtio_gpu_fm_set(vgdev, VS3_FREEZE_MODE_UNFREEZE);
	return 0;
}
