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
	virtio_freeze_mode_unmap(&vp_dev->freeze.fm, vp_dev->pci_dev);
}

/*
 * Called from the transport's finalize_features, at probe and again on
 * every restore.  The bit lies outside the transport range that the core
 * keeps for us, and no device driver lists it, so the transport accepts it
 * itself, and only when the register is there to use.  A device that no
 * longer offers it on restore (another device model after migration) loses
 * it here, and the device types see that it kept nothing.
 */
void vp_freeze_transport_features(struct virtio_device *vdev)
{
	struct virtio_pci_device *vp_dev = to_vp_device(vdev);

	if (vp_dev->freeze.fm.reg &&
	    (vp_modern_get_features(&vp_dev->mdev) & VS3_F_FREEZE_MODE_MASK))
		__virtio_set_bit(vdev, VS3_F_FREEZE_MODE);
	else
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
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

	if (virtio_has_feature(&vp_dev->vdev, VS3_F_FREEZE_MODE)) {
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
	vp_dev->freeze.s3 = false;
	ret = virtio_pci_restore(dev);
	if (ret || !frozen)
		return ret;
	if (!virtio_has_feature(&vp_dev->vdev, VS3_F_FREEZE_MODE)) {
		/* The device no longer offers it: it kept nothing. */
		dev_warn(&vp_dev->vdev.dev,
			 "freeze_mode: no longer offered after resume\n");
		return 0;
	}
	return vp_freeze_set(vp_dev, VS3_FREEZE_MODE_UNFREEZE);
}
#endif
