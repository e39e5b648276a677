/*
 * virtio-pci: PCI Power Management with No_Soft_Reset on conventional PCI
 *
 * Linux 6.8 and later leave a virtio device alone across suspend to RAM
 * when the function's PMCSR reports No_Soft_Reset: no virtio reset before
 * sleep, no re-initialisation after; the PCI core puts the function in
 * D3hot before sleep and back in D0 after, restores its configuration
 * space, and the driver carries on with the virtqueues it had.  QEMU
 * offers the bit only on PCI Express functions behind a port, and Xen's
 * xenfv machine (i440fx) has conventional PCI only.
 *
 * With x-pm-no-soft-reset=on the function has a PCI PM 1.2 capability
 * (D0 and D3hot; no D1, D2 or PME) whose PMCSR reports No_Soft_Reset, on
 * conventional PCI as on Express.  The ACPI S3 wakeup reset leaves a
 * function in D3hot as it is: virtio status, features, queue addresses and
 * indices, the MSI-X vector of each queue, and the device type's state.
 * What the PCI core resets for every function (command, BARs, the MSI-X
 * table) is configuration space, which the guest restores after D3hot ->
 * D0 in any case.  Every other reset frees everything as before: a cold
 * reset (system_reset), a wakeup of a function left in D0, the driver's
 * own reset (device_status = 0, which does not come through here), unplug.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/range.h"
#include "hw/pci/pci.h"
#include "hw/virtio/virtio-pci-pm.h"
#include "trace.h"

#define PM_STATE_D0         0
#define PM_STATE_D3HOT      3
/* PMC: PCI PM 1.2, no D1, no D2, no PME, no auxiliary current. */
#define PM_PMC_VERSION_1_2  0x3

static const char *const pm_state_name[] = { "D0", "D1", "D2", "D3hot" };

static const char *proxy_name(VirtIOPCIProxy *proxy)
{
    return object_get_typename(OBJECT(proxy));
}

/* The PM capability's offset when No_Soft_Reset is offered, else 0. */
static uint8_t pm_cap(VirtIOPCIProxy *proxy)
{
    if (!(proxy->flags & VIRTIO_PCI_FLAG_PM_NO_SOFT_RESET_ANY_BUS)) {
        return 0;
    }
    return pci_find_capability(&proxy->pci_dev, PCI_CAP_ID_PM);
}

static unsigned pm_state(VirtIOPCIProxy *proxy, uint8_t pos)
{
    return pci_get_word(proxy->pci_dev.config + pos + PCI_PM_CTRL) &
           PCI_PM_CTRL_STATE_MASK;
}

bool virtio_pci_pm_realize(VirtIOPCIProxy *proxy, Error **errp)
{
    PCIDevice *dev = &proxy->pci_dev;
    int pos;

    if (!(proxy->flags & VIRTIO_PCI_FLAG_PM_NO_SOFT_RESET_ANY_BUS)) {
        return true;
    }
    /* A function behind a PCI Express port has one already. */
    pos = pci_find_capability(dev, PCI_CAP_ID_PM);
    if (!pos) {
        /*
         * Not pci_pm_init() (QEMU 10): the PCI core would then report D0
         * after every reset, the S3 wakeup's of a function we keep too,
         * where the guest should find the D3hot it left it in.
         */
        pos = pci_add_capability(dev, PCI_CAP_ID_PM, 0, PCI_PM_SIZEOF, errp);
        if (pos < 0) {
            return false;
        }
        pci_set_word(dev->config + pos + PCI_PM_PMC, PM_PMC_VERSION_1_2);
    }
    /* No_Soft_Reset is read-only; the guest writes the state only. */
    pci_set_word(dev->config + pos + PCI_PM_CTRL, PCI_PM_CTRL_NO_SOFT_RESET);
    pci_set_word(dev->wmask + pos + PCI_PM_CTRL, PCI_PM_CTRL_STATE_MASK);
    return true;
}

uint32_t virtio_pci_pm_write_config(VirtIOPCIProxy *proxy, uint32_t address,
                                    uint32_t val, int len)
{
    uint8_t pos = pm_cap(proxy);
    unsigned shift, old, new;

    if (!pos || !range_covers_byte(address, len, pos + PCI_PM_CTRL)) {
        return val;
    }
    shift = (pos + PCI_PM_CTRL - address) * 8;
    old = pm_state(proxy, pos);
    new = (val >> shift) & PCI_PM_CTRL_STATE_MASK;
    if (new == old) {
        return val;
    }
    if (new != PM_STATE_D0 && new != PM_STATE_D3HOT) {
        /*
         * PCI PM 1.2, 3.2.4: a write of an unsupported state completes
         * normally, its data is discarded and the state does not change.
         */
        trace_virtio_pci_pm_state(proxy_name(proxy), pm_state_name[old],
                                  pm_state_name[new], "refused");
        qemu_log_mask(LOG_GUEST_ERROR, "%s: PMCSR: %s is not supported, "
                      "the function stays in %s\n", proxy_name(proxy),
                      pm_state_name[new], pm_state_name[old]);
        return (val & ~(PCI_PM_CTRL_STATE_MASK << shift)) | (old << shift);
    }
    trace_virtio_pci_pm_state(proxy_name(proxy), pm_state_name[old],
                              pm_state_name[new], "done");
    return val;
}

bool virtio_pci_pm_reset_keeps(VirtIOPCIProxy *proxy, bool wakeup)
{
    uint8_t pos = pm_cap(proxy);
    VirtIODevice *vdev;
    unsigned state;
    bool keep;

    if (!pos) {
        return false;
    }
    state = pm_state(proxy, pos);
    keep = wakeup && state == PM_STATE_D3HOT;
    trace_virtio_pci_pm_reset(proxy_name(proxy),
                              wakeup ? "wakeup-reset" : "cold-reset",
                              pm_state_name[state], keep ? "keep" : "discard");
    vdev = virtio_bus_get_device(&proxy->bus);
    if (keep && vdev) {
        /* virtio_reset() does not run: say what it would have said. */
        virtio_freeze_kept_by_transport(vdev);
    }
    return keep;
}

void virtio_pci_pm_reset_done(VirtIOPCIProxy *proxy)
{
    uint8_t pos = pm_cap(proxy);

    if (pos) {
        pci_set_word(proxy->pci_dev.config + pos + PCI_PM_CTRL,
                     PCI_PM_CTRL_NO_SOFT_RESET);
    }
}
