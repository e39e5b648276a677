/*
 * virtio-pci: PCI Power Management with No_Soft_Reset on conventional PCI
 *
 * With x-pm-no-soft-reset=on a virtio-pci function has a PCI PM 1.2
 * capability (D0 and D3hot) whose PMCSR reports No_Soft_Reset, on
 * conventional PCI as on PCI Express, and the ACPI S3 wakeup reset leaves
 * a function that its driver put in D3hot as it was.  The transport calls
 * these hooks; the rules are in virtio-pci-pm.c and
 * docs/misc/virtio-pm-no-soft-reset.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_PCI_PM_H
#define HW_VIRTIO_PCI_PM_H

#include "hw/virtio/virtio-pci.h"

/*
 * From realize, before the device type adds its own capabilities.
 * False, with errp set, if the capability does not fit.
 */
bool virtio_pci_pm_realize(VirtIOPCIProxy *proxy, Error **errp);

/*
 * A configuration space write, before it is applied: returns the value to
 * apply (a request for an unsupported D-state keeps the current one).
 */
uint32_t virtio_pci_pm_write_config(VirtIOPCIProxy *proxy, uint32_t address,
                                    uint32_t val, int len);

/*
 * The machine resets the function; wakeup: for the S3 wakeup (QEMU 10:
 * RESET_TYPE_WAKEUP).  True: keep it whole, do nothing else (the S3
 * wakeup, No_Soft_Reset, D3hot).  False: reset it in full; the caller
 * then calls virtio_pci_pm_reset_done().
 */
bool virtio_pci_pm_reset_keeps(VirtIOPCIProxy *proxy, bool wakeup);
/* After a full reset: back in D0, No_Soft_Reset still reported. */
void virtio_pci_pm_reset_done(VirtIOPCIProxy *proxy);

#endif /* HW_VIRTIO_PCI_PM_H */
