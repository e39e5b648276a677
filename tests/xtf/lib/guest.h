/*
 * Guest-side helpers of the S3 tests: ACPI, S3 with a wake path back into
 * C, and the virtio drivers of tests/lib/virtio on this machine's I/O.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_GUEST_H
#define VS3_GUEST_H

#include <xtf.h>

#include "virtio/virtio-gpu-driver.h"

/* What S3 entry needs from the ACPI tables (or Xen's defaults). */
typedef struct AcpiSleep {
    uint16_t pm1a_cnt;
    uint16_t slp_typ_s3;
    uint32_t facs;          /* physical address, 0 without ACPI tables */
    bool from_tables;       /* false: no tables, Xen's fixed layout assumed */
} AcpiSleep;

void acpi_find_sleep(AcpiSleep *s);

/*
 * Enter ACPI S3 and return once resumed (0), or -1 if the machine did not
 * suspend.  Wakes in real mode through the FACS waking vector (firmware)
 * or the reset vector (no firmware), back to protected mode, back here.
 */
int s3_suspend(const AcpiSleep *s);
/* Number of resumes so far. */
unsigned s3_resume_count(void);

/* Guest RAM handed to devices (rings, command buffers, backing). */
#define GUEST_DMA_START     0x00400000u
#define GUEST_DMA_END       0x04000000u
/* Where unassigned BARs go (no firmware assigned them). */
#define GUEST_MMIO_START    0xe0000000u
#define GUEST_MMIO_END      0xf0000000u

void guest_vio_init(Vio *io);

/* The time stamp counter: bounds for waits that must end. */
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

/*
 * Spin between two looks at the clock or at a port in a long wait.  Each
 * look is a VM exit (a port read always, rdtsc when Xen intercepts it),
 * and nested under TCG every exit and VMRUN is slow and exposes the outer
 * emulator's nested-SVM fault (tests/e2e/README.md): look a few thousand
 * times less often, the wait is as long.
 */
#define SPIN_BATCH  4096

static inline void spin_batch(void)
{
    for (unsigned i = 0; i < SPIN_BATCH; i++) {
        cpu_relax();
    }
}

/* Print a line the dom0 harness waits for: "VS3-MARK: <what>". */
void mark(const char *what);

#endif /* VS3_GUEST_H */
