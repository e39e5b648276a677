/**
 * @file tests/virtio-unplug/main.c
 * @ref test-virtio-unplug
 *
 * @page test-virtio-unplug A frozen virtio device is unplugged
 *
 * The guest negotiates VIRTIO_F_FREEZE_MODE on a virtio-blk, writes
 * FREEZE_S3 (so the device model publishes the device's freeze-mode node),
 * then waits for the host's unplug request and ejects the slot the way
 * ACPI's _EJ0 does on this machine: a write of the slot's bit to the PIIX4
 * PCI hotplug eject register.  The host checks that the device's nodes
 * went with it, and releases the guest with a key press.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "gpu-guest.h"
#include "virtio/virtio-pci-modern.h"
#include "virtio-s3/freeze-abi.h"

const char test_title[] = "unplug of a frozen virtio-pci device";

/* QEMU's PIIX4 ACPI PCI hotplug registers (hw/acpi/pcihp.c), bus 0. */
#define PCIHP_DOWN      0xae04  /* slots the host asked to remove */
#define PCIHP_EJECT     0xae08  /* write a slot's bit: eject it */

#define FEATURE_FREEZE  (1ull << VS3_F_FREEZE_MODE)
#define FEATURE_VERSION_1 (1ull << VIRTIO_F_VERSION_1)

/* About a minute under nested TCG. */
#define WAIT_TSC        200000000000ull

static bool wait_freeze_mode(VirtioPci *dev, uint16_t mode)
{
    uint64_t start = rdtsc();

    while (rdtsc() - start < WAIT_TSC / 60) {
        if (vpci_common_read(dev, VS3_CFG_FREEZE_MODE, 2) == mode) {
            return true;
        }
        spin_batch();
    }
    return false;
}

void test_main(void)
{
    static Vio io;
    VirtioPci dev;
    unsigned slot;
    uint64_t start;

    guest_vio_init(&io);
    if (vpci_find(&io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_BLOCK), 0, &dev)) {
        /* What bus 0 answered instead, for the report. */
        for (slot = 0; slot < 8; slot++) {
            printk("slot %u: id %08x\n", slot,
                   vio_pci_cfg_read(&io, slot << 3, 0, 4));
        }
        xtf_error("no virtio-blk-pci device");
        return;
    }
    if (vpci_map(&dev)) {
        xtf_error("cannot map the virtio-blk-pci device at %02x.%x",
                  dev.bdf >> 3, dev.bdf & 7);
        return;
    }
    slot = (dev.bdf >> 3) & 0x1f;
    if (!(vpci_device_features(&dev) & FEATURE_FREEZE)) {
        xtf_error("virtio-blk does not offer VIRTIO_F_FREEZE_MODE");
        return;
    }
    if (vpci_negotiate(&dev, FEATURE_VERSION_1 | FEATURE_FREEZE)) {
        xtf_error("cannot negotiate VIRTIO_F_FREEZE_MODE");
        return;
    }
    vpci_driver_ok(&dev);
    vpci_common_write(&dev, VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    if (!wait_freeze_mode(&dev, VS3_FREEZE_MODE_FREEZE_S3)) {
        xtf_error("freeze_mode does not read back FREEZE_S3");
        return;
    }
    printk("virtio-blk at slot %u frozen\n", slot);

    mark("unplug-ready");
    start = rdtsc();
    while (!(inl(PCIHP_DOWN) & (1u << slot))) {
        if (rdtsc() - start > WAIT_TSC) {
            xtf_failure("the host never asked to remove slot %u", slot);
            return;
        }
        spin_batch();
    }
    outl(1u << slot, PCIHP_EJECT);
    /* Gone: its configuration space reads all ones. */
    if (vio_pci_cfg_read(&io, dev.bdf, 0, 2) != 0xffff) {
        xtf_failure("slot %u still answers after the eject", slot);
        return;
    }
    /* The host looks at the device model while this domain still runs. */
    if (!wait_for_host("ejected")) {
        xtf_failure("the host never looked after the eject");
        return;
    }
    xtf_success(NULL);
}
