/*
 * ACPI S3 of a Xen HVM domain: the PIIX4 PM I/O setup across a wakeup
 *
 * The wakeup reset resets the PIIX4 PM function like every other device:
 * its PM I/O base (PMBA) and the bit that enables it (PMREGMISC) are
 * cleared, so the ACPI PM1 registers disappear from I/O space.  On Xen
 * nothing sets them up again: hvmloader programmed them at boot and does
 * not run on resume, and the guest's ACPI code expects them where they
 * were.  Without them a guest's next S3 request goes nowhere.  Note them
 * when the guest enters S3 and write them back after every wakeup.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/notify.h"
#include "hw/acpi/piix4.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_host.h"
#include "hw/virtio/virtio-s3-compat.h"
#include "hw/xen/xen-virtio-s3.h"
#include "trace.h"

/* PIIX4 power management: PM I/O base and its enable bit. */
#define PIIX4_PMBA          0x40
#define PIIX4_PMREGMISC     0x80
#define PIIX4_PMIOSE        0x01

typedef struct XenVirtioS3Pm {
    Notifier suspend;
    Notifier wakeup;
    PCIDevice *pm;              /* PIIX4 PM function, if the machine has one */
    uint32_t pmba;
    uint8_t pmregmisc;
} XenVirtioS3Pm;

static XenVirtioS3Pm s3pm;

static void pm_suspend(Notifier *n, void *data)
{
    if (!s3pm.pm) {
        /* Created after xen_hvm_init_pc(), so looked up on first use. */
        Object *obj = object_resolve_path_type("", TYPE_PIIX4_PM, NULL);

        s3pm.pm = obj ? PCI_DEVICE(obj) : NULL;
    }
    if (s3pm.pm) {
        s3pm.pmba = pci_get_long(s3pm.pm->config + PIIX4_PMBA);
        s3pm.pmregmisc = s3pm.pm->config[PIIX4_PMREGMISC];
    }
}

/*
 * Through the device's own config write path, so that PIIX4 maps its PM
 * I/O again exactly as when firmware programmed it.
 */
static void pm_wakeup(Notifier *n, void *data)
{
    if (!s3pm.pm || !(s3pm.pmregmisc & PIIX4_PMIOSE)) {
        return;
    }
    pci_host_config_write_common(s3pm.pm, PIIX4_PMBA,
                                 pci_config_size(s3pm.pm), s3pm.pmba, 4);
    pci_host_config_write_common(s3pm.pm, PIIX4_PMREGMISC,
                                 pci_config_size(s3pm.pm), s3pm.pmregmisc, 1);
    trace_xen_virtio_s3_pm_restore(s3pm.pmba, s3pm.pmregmisc);
}

/*
 * Notifiers run in reverse order of registration.  Registered after Xen's
 * own and xen_virtio_s3_init()'s, these note the setup before the protocol
 * publishes "suspended", and put it back before the domain runs again.
 */
void xen_virtio_s3_pm_init(void)
{
    s3pm.suspend.notify = pm_suspend;
    qemu_register_suspend_notifier(&s3pm.suspend);
    s3pm.wakeup.notify = pm_wakeup;
    qemu_register_wakeup_notifier(&s3pm.wakeup);
}
