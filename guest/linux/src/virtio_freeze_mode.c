// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The freeze_mode register of a virtio-pci function.
 *
 * It sits after every field that virtio 1.3 defines in the common
 * configuration, beyond what virtio_pci_modern_dev maps, and is mapped
 * here on its own so that the transport library and the devices that
 * share it (vDPA) keep their layout and their mapping.
 */
#include <linux/iopoll.h>
#include <linux/io.h>
#include <linux/virtio_pci.h>

#include "virtio_freeze_mode.h"
#include "virtio-s3/freeze-abi.h"

/* A device acts on a write at once; this bounds a broken one. */
#define VFM_POLL_US	10
#define VFM_TIMEOUT_US	100000

static int vfm_find_common(struct pci_dev *pdev, u8 *bar, u32 *offset,
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

bool virtio_freeze_mode_map(struct virtio_freeze_mode *fm,
			    struct pci_dev *pdev)
{
	u32 offset, length;
	u8 bar;

	fm->reg = NULL;
	fm->pdev = pdev;
	if (vfm_find_common(pdev, &bar, &offset, &length))
		return false;
	/* A device that offers the feature has the whole structure. */
	if (length < VS3_CFG_COMMON_SIZE ||
	    (u64)offset + VS3_CFG_COMMON_SIZE > pci_resource_len(pdev, bar))
		return false;

	fm->reg = pci_iomap_range(pdev, bar, offset + VS3_CFG_FREEZE_MODE,
				  VS3_CFG_FREEZE_MODE_SIZE);
	return fm->reg;
}

void virtio_freeze_mode_unmap(struct virtio_freeze_mode *fm)
{
	if (fm->reg)
		pci_iounmap(fm->pdev, fm->reg);
	fm->reg = NULL;
}

static u16 vfm_read(void __iomem *reg)
{
	return ioread16(reg);
}

u16 virtio_freeze_mode_get(struct virtio_freeze_mode *fm)
{
	return vfm_read(fm->reg);
}

int virtio_freeze_mode_set(struct virtio_freeze_mode *fm, struct device *dev,
			   u16 mode)
{
	u16 now;
	int ret;

	iowrite16(mode, fm->reg);
	ret = read_poll_timeout(vfm_read, now, now == mode, VFM_POLL_US,
				VFM_TIMEOUT_US, false, fm->reg);
	if (ret) {
		dev_err(dev, "freeze_mode: the device did not take %s (reads %s)\n",
			vs3_freeze_mode_name(mode), vs3_freeze_mode_name(now));
		return -EIO;
	}
	dev_dbg(dev, "freeze_mode: %s\n", vs3_freeze_mode_name(mode));
	return 0;
}
