/*
 * The test drivers (tests/lib/virtio) on a qtest VM, and ACPI S3 on it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "qtest-vio.h"

static uint32_t q_pio_read(void *opaque, uint16_t port, int size)
{
    return qvm_in(opaque, port, size);
}

static void q_pio_write(void *opaque, uint16_t port, int size, uint32_t val)
{
    qvm_out(opaque, port, size, val);
}

static uint64_t q_mmio_read(void *opaque, uint64_t addr, int size)
{
    return qvm_read(opaque, addr, size);
}

static void q_mmio_write(void *opaque, uint64_t addr, int size, uint64_t val)
{
    qvm_write(opaque, addr, size, val);
}

static void q_mem_read(void *opaque, uint64_t gpa, void *buf, size_t len)
{
    qvm_memread(opaque, gpa, buf, len);
}

static void q_mem_write(void *opaque, uint64_t gpa, const void *buf,
                        size_t len)
{
    qvm_memwrite(opaque, gpa, buf, len);
}

/*
 * Every qtest round trip lets QEMU's main loop run the device's bottom
 * halves; after a few quick polls, sleep a little between them.  Give up
 * after about 30 s.
 */
static bool q_relax(void *opaque, unsigned iteration)
{
    if (iteration < 16) {
        return true;
    }
    g_usleep(1000);
    return iteration < 30000;
}

static const VioOps qvio_ops = {
    .pio_read = q_pio_read,
    .pio_write = q_pio_write,
    .mmio_read = q_mmio_read,
    .mmio_write = q_mmio_write,
    .mem_read = q_mem_read,
    .mem_write = q_mem_write,
    .relax = q_relax,
};

void qvio_init(Vio *io, QVM *vm)
{
    *io = (Vio){
        .ops = &qvio_ops,
        .opaque = vm,
        .mem_next = QVIO_MEM_START,
        .mem_end = QVIO_MEM_END,
        .mmio_next = QVIO_MMIO_START,
        .mmio_end = QVIO_MMIO_END,
    };
}

/* PIIX4 power management function 00:01.3 and its registers. */
#define PIIX4_PM_BDF        ((1 << 3) | 3)
#define PIIX4_PMBA          0x40
#define PIIX4_PMREGMISC     0x80
#define PM_IO_BASE          0xb000
#define PM1A_CNT            (PM_IO_BASE + 4)
#define SLP_TYP_S3          (1 << 10)   /* QEMU's PIIX4: S3 is type 1 */
#define SLP_EN              (1 << 13)

void qs3_suspend(QVM *vm)
{
    Vio io;
    g_autofree char *status = NULL;

    qvio_init(&io, vm);
    /*
     * Firmware enables PM I/O at boot; there is none under qtest, and QEMU
     * resets the function on every wakeup, so do it each time.
     */
    vio_pci_cfg_write(&io, PIIX4_PM_BDF, PIIX4_PMBA, 4, PM_IO_BASE | 1);
    vio_pci_cfg_write(&io, PIIX4_PM_BDF, PIIX4_PMREGMISC, 1, 1);
    qvm_out(vm, PM1A_CNT, 2, SLP_TYP_S3 | SLP_EN);
    qvm_wait_event(vm, "SUSPEND");
    status = qvm_status(vm);
    g_assert_cmpstr(status, ==, "suspended");
}

void qs3_wakeup(QVM *vm)
{
    g_autofree char *status = NULL;

    g_free(qvm_qmp(vm, NULL, "{\"execute\": \"system_wakeup\"}"));
    qvm_wait_event(vm, "WAKEUP");
    status = qvm_status(vm);
    g_assert_cmpstr(status, ==, "running");
}

void qs3_system_reset(QVM *vm)
{
    g_autofree char *status = NULL;

    g_free(qvm_qmp(vm, NULL, "{\"execute\": \"system_reset\"}"));
    qvm_wait_event(vm, "RESET");
    status = qvm_status(vm);
    if (strcmp(status, "running") != 0) {
        g_free(qvm_qmp(vm, NULL, "{\"execute\": \"cont\"}"));
    }
}

void qs3_cycle_in_d3hot(QVM *vm, VirtioPci *dev)
{
    vpci_pm_set_state(dev, PCI_D3HOT);
    qs3_suspend(vm);
    qs3_wakeup(vm);
    g_assert_cmpuint(vpci_pm_state(dev), ==, PCI_D3HOT);
    vpci_restore_config(dev);
    vpci_pm_set_state(dev, PCI_D0);
}
