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
 *
 * The register sits at offset 0x40 of the common configuration, after
 * every field that virtio 1.3 defines.  It is mapped here, on its own,
 * so that virtio_pci_modern_dev and the devices that share it (vDPA)
 * keep their layout and their mapping.
 */
#include <linux/iopoll.h>
#include <linux/pci.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_pci.h>

#include "virtio_pci_common.h"
#include "virtio-s3/freeze-abi.h"

/* A device acts on a write at once; this bounds a broken one. */
#define VP_FREEZE_POLL_US	10
#define VP_FREEZE_TIMEOUT_US	100000

static int vp_freeze_find_common(struct pci_dev *pdev, u8 *bar, u32 *offset,
				 u32 *length)
{
	u8 pos, type;

	for (pos = pci_find_capability(pdev, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(pdev, pos, PCI_CAP_ID_VNDR)) {
		pci_read_config_byte(pdev, pos +
				     offsetof(struct virtio_pci_cap, cfg_type),
				     &type);
		if (type != VIRTIO_PCI_CAP_COMMON_CFG)
			continue;
		pci_read_config_byte(pdev, pos +
				     offsetof(struct virtio_pci_cap, bar), bar);
		if (*bar >= PCI_STD_NUM_BARS || !pci_resource_len(pdev, *bar))
			continue;
		pci_read_config_dword(pdev, pos +
				      offsetof(struct virtio_pci_cap, offset),
				      offset);
		pci_read_config_dword(pdev, pos +
				      offsetof(struct virtio_pci_cap, length),
				      length);
		/* The first usable one, as virtio_pci_modern_dev picks it. */
		return 0;
	}
	return -ENOENT;
}

void vp_freeze_probe(struct virtio_pci_device *vp_dev)
{
	struct pci_dev *pdev = vp_dev->pci_dev;
	u32 offset, length;
	u8 bar;

	vp_dev->freeze.reg = NULL;
	vp_dev->freeze.s3 = false;

	if (vp_freeze_find_common(pdev, &bar, &offset, &length))
		return;
	/* A device that offers the feature has the whole structure. */
	if (length < VS3_CFG_COMMON_SIZE ||
	    (u64)offset + VS3_CFG_COMMON_SIZE > pci_resource_len(pdev, bar))
		return;

	vp_dev->freeze.reg = pci_iomap_range(pdev, bar,
					     offset + VS3_CFG_FREEZE_MODE,
					     VS3_CFG_FREEZE_MODE_SIZE);
}

void vp_freeze_remove(struct virtio_pci_device *vp_dev)
{
	if (vp_dev->freeze.reg)
		pci_iounmap(vp_dev->pci_dev, vp_dev->freeze.reg);
	vp_dev->freeze.reg = NULL;
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

	if (vp_dev->freeze.reg &&
	    (vp_modern_get_features(&vp_dev->mdev) & VS3_F_FREEZE_MODE_MASK))
		__virtio_set_bit(vdev, VS3_F_FREEZE_MODE);
	else
		__virtio_clear_bit(vdev, VS3_F_FREEZE_MODE);
}

static int vp_freeze_set(struct virtio_pci_device *vp_dev, u16 mode)
{
	struct virtio_device *vdev = &vp_dev->vdev;
	u16 now;
	int ret;

	vp_iowrite16(mode, vp_dev->freeze.reg);
	ret = read_poll_timeout(vp_ioread16, now, now == mode,
				VP_FREEZE_POLL_US, VP_FREEZE_TIMEOUT_US, false,
				vp_dev->freeze.reg);
	if (ret) {
		dev_err(&vdev->dev,
			"freeze_mode: the device did not take %s (reads %s)\n",
			vs3_freeze_mode_name(mode), vs3_freeze_mode_name(now));
		return -EIO;
	}
	dev_dbg(&vdev->dev, "freeze_mode: %s\n", vs3_freeze_mode_name(mode));
	return 0;
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
