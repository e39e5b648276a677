/*
 * The test drivers (tests/lib/virtio) on a qtest VM, and ACPI S3 on it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_QTEST_VIO_H
#define VS3_QTEST_VIO_H

#include "qtest-client.h"
#include "virtio/vio.h"
#include "virtio/virtio-pci-modern.h"

/* Guest RAM the tests give to devices: start at 16 MiB of a -m 256 VM. */
#define QVIO_MEM_START      0x01000000ull
#define QVIO_MEM_END        0x10000000ull
/* Unassigned BARs go here (inside i440fx's PCI hole). */
#define QVIO_MMIO_START     0xe0000000ull
#define QVIO_MMIO_END       0xf0000000ull

void qvio_init(Vio *io, QVM *vm);

/*
 * Enter ACPI S3 as a guest does: enable PIIX4 PM I/O, write
 * SLP_TYP(S3) | SLP_EN to PM1a_CNT; returns once QEMU reports "suspended".
 */
void qs3_suspend(QVM *vm);
/* Wake the VM as a management tool does (QMP system_wakeup). */
void qs3_wakeup(QVM *vm);
/*
 * Cold reset (QMP system_reset), from S3 or running; returns once the VM
 * runs again (a reset from S3 leaves it paused in prelaunch: continue it).
 */
void qs3_system_reset(QVM *vm);
/*
 * S3 as Linux >= 6.8 does it for a function with PCI PM No_Soft_Reset:
 * D3hot, suspend, wakeup (the function must still be in D3hot: the
 * wakeup left it alone), configuration space restored, D0.
 */
void qs3_cycle_in_d3hot(QVM *vm, VirtioPci *dev);

#endif /* VS3_QTEST_VIO_H */
