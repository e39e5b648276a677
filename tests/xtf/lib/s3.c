/*
 * ACPI S3 with a way back into C
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest.h"

#define WAKE_BASE       0x8000u         /* real-mode 0800:0000 */
#define RESET_VECTOR    0xffff0u        /* f000:fff0 */
#define SLP_EN          (1u << 13)

/* FACS: firmware_waking_vector (32-bit) and x_firmware_waking_vector. */
#define FACS_WAKING_VECTOR      12
#define FACS_X_WAKING_VECTOR    24

/* PIIX4 PM function 00:01.3: PM I/O base and its enable. */
#define PIIX4_PM_CFG(off)       (0x80000000u | (1u << 11) | (3u << 8) | (off))

extern char s3_wake_stub[], s3_wake_stub_end[], s3_wake_gdt_desc[];
extern uint32_t s3_resumes;
int s3_enter(uint32_t port, uint32_t value);
void s3_wait_for_suspend(void);

/*
 * Called right after the S3 write: suspending takes the device model a
 * moment; a vCPU still running after ~10^11 TSC cycles (tens of seconds at
 * any plausible TSC rate) was not suspended.
 */
void s3_wait_for_suspend(void)
{
    uint64_t start = rdtsc();

    while (rdtsc() - start < 100000000000ull) {
        spin_batch();
    }
}

unsigned s3_resume_count(void)
{
    return s3_resumes;
}

/*
 * Without firmware tables this test is the firmware (XTF boots HVM tests
 * in place of hvmloader), so it enables PM I/O as hvmloader would at boot.
 * With firmware it must not: re-enabling PM I/O after a wakeup is the
 * device model's job, and repeated S3 is what the tests check.
 */
static void enable_pm_io(uint16_t pm1a_cnt)
{
    outl(PIIX4_PM_CFG(0x40), 0xcf8);
    outl((pm1a_cnt & 0xffc0u) | 1, 0xcfc);
    outl(PIIX4_PM_CFG(0x80), 0xcf8);
    outb(1, 0xcfc);
}

int s3_suspend(const AcpiSleep *s)
{
    /* The stub's GDT (3 descriptors) lies right before its descriptor. */
    uint32_t desc = WAKE_BASE + (uint32_t)(s3_wake_gdt_desc - s3_wake_stub);
    uint32_t gdt = desc - 3 * 8;
    int r;

    memcpy((void *)WAKE_BASE, s3_wake_stub, s3_wake_stub_end - s3_wake_stub);
    memcpy((void *)(desc + 2), &gdt, 4);

    if (s->facs) {
        uint32_t vector = WAKE_BASE;
        uint64_t x_vector = 0;

        memcpy((void *)(s->facs + FACS_WAKING_VECTOR), &vector, 4);
        memcpy((void *)(s->facs + FACS_X_WAKING_VECTOR), &x_vector, 8);
    } else {
        /* ljmp $0x0800, $0x0000 where the vCPU restarts. */
        static const uint8_t ljmp[] = { 0xea, 0x00, 0x00, 0x00, 0x08 };

        memcpy((void *)RESET_VECTOR, ljmp, sizeof(ljmp));
        if (s3_resumes == 0) {
            enable_pm_io(s->pm1a_cnt);
        }
    }

    printk("s3: entering S3 (outw 0x%x -> 0x%x), resume #%u next\n",
           (s->slp_typ_s3 << 10) | SLP_EN, s->pm1a_cnt, s3_resumes + 1);
    r = s3_enter(s->pm1a_cnt, (s->slp_typ_s3 << 10) | SLP_EN);
    if (r) {
        printk("s3: still running: the machine did not suspend\n");
        return -1;
    }
    printk("s3: resumed (#%u)\n", s3_resumes);
    return 0;
}
