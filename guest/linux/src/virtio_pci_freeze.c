// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-pci freeze_mode: keep virtio device state across ACPI S3.
 *
 * Without it, the platform's wakeup reset (QEMU resets every device when
 * an S3 guest wakes) takes all device state with it, and a driver that
 * cannot rebuild its state from guest memory (virtio-gpu: the host holds
 * the pixels) has lost it for good.  A device that offers
 * VIRTIO_F_FREEZE_MODE keeps what its type declares preservable across
 * resets while freeze_mode reads FREEZE_S3; virtqueues and transport state
 * are reset as always, so the driver's usual restore path stays valid.
 */
#include <linux/pci.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include "virtio_pci_common.h"
#include "virtio-s3/freeze-abi.h"

void vp_freeze_probe(struct virtio_pci_device *vp_dev)
{
	vp_dev->freeze.s3 = false;
	virtio_freeze_mode_map(&vp_dev->freeze.fm, vp_dev->pci_dev);
}

void vp_freeze_remove(struct virtio_pci_device *vp_dev)
{
	virtio_freeze_mode_unmap(&vp_dev->freeze.fm);
}

/*
 * Called from the transport's finalize_features, at probe and again on
 * every restore.  The bit lies outside the transport range that the core
 * keeps for us, and no device driver lists it, so the transport accepts it
 * itself, and only when the register is there to use.  A device that no
 * longer offers it on restore (another device model after migration) loses
 * it here, and the device types see that it kept nothing.
 *
 * A device still frozen when no suspend of ours is under way holds state
 * for an earlier driver (one whose resume failed, or the kernel before a
 * kexec): FEATURES_OK without the bit makes it discard that state, so
 * that this driver starts from a clean device.
 */
void vp_freeze_transport_features(struct virtio_device *vdev)
{
	struct virtio_pci_device *vp_dev = to_vp_device(vdev);
	struct virtio_freeze_mode *fm = &vp_dev->freeze.fm;

	if (!fm->reg ||
	    !(vp_modern_get_features(&vp_dev->mdev) & VS3_F_FREEZE_MODE_MASK)) {
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
		return;
	}
	if (!vp_dev->freeze.s3 &&
	    virtio_freeze_mode_get(fm) != VS3_FREEZE_MODE_UNFREEZE) {
		dev_info(&vdev->dev,
			 "freeze_mode: discarding state kept for an earlier driver\n");
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
		return;
	}
	__virtio_set_bit(vdev, VS3_F_FREEZE_MODE);
}

/* The device can take a write: a driver is bound and FEATURES_OK is set. */
static bool vp_freeze_negotiated(struct virtio_pci_device *vp_dev)
{
	return vp_dev->vdev.dev.driver &&
	       virtio_has_feature(&vp_dev->vdev, VS3_F_FREEZE_MODE) &&
	       (vp_modern_get_status(&vp_dev->mdev) &
		VIRTIO_CONFIG_S_FEATURES_OK);
}

#ifdef CONFIG_PM_SLEEP
static int vp_freeze_set(struct virtio_pci_device *vp_dev, u16 mode)
{
	return virtio_freeze_mode_set(&vp_dev->freeze.fm, &vp_dev->vdev.dev,
				      mode);
}

int virtio_pci_s3_suspend(struct device *dev)
{
	struct virtio_pci_device *vp_dev = pci_get_drvdata(to_pci_dev(dev));
	int ret;

	if (vp_freeze_negotiated(vp_dev)) {
		/*
		 * Before the device type's freeze: from here on a reset keeps
		 * the state that the driver is about to rely on.  If the
		 * device does not take it, suspend fails rather than lose
		 * that state on wakeup.
		 */
		ret = vp_freeze_set(vp_dev, VS3_FREEZE_MODE_FREEZE_S3);
		if (ret)
			return ret;
		vp_dev->freeze.s3 = true;
	}

	ret = virtio_pci_freeze(dev);
	if (ret && vp_dev->freeze.s3) {
		vp_dev->freeze.s3 = false;
		vp_freeze_set(vp_dev, VS3_FREEZE_MODE_UNFREEZE);
	}
	return ret;
}

int virtio_pci_s3_resume(struct device *dev)
{
	struct virtio_pci_device *vp_dev = pci_get_drvdata(to_pci_dev(dev));
	bool frozen = vp_dev->freeze.s3;
	int ret;

	/*
	 * The full restore: reset, features (ours included: FEATURES_OK
	 * tells the device that this driver knows the kept state), the
	 * device type's restore, DRIVER_OK.  Only then UNFREEZE.
	 */
	ret = virtio_pci_restore(dev);
	vp_dev->freeze.s3 = false;
	if (!frozen)
		return ret;
	if (!vp_freeze_negotiated(vp_dev)) {
		/* No longer offered, or the restore failed: nothing kept. */
		dev_warn(&vp_dev->vdev.dev,
			 "freeze_mode: not negotiated after resume: device state not kept\n");
		return ret;
	}
	/* A device left frozen is harmless while a driver runs it. */
	vp_freeze_set(vp_dev, VS3_FREEZE_MODE_UNFREEZE);
	return ret;
}
#endif
