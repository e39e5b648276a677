/**
 * @file tests/s3-repeat/main.c
 * @ref test-s3-repeat
 *
 * @page test-s3-repeat Three ACPI S3 cycles in a row
 *
 * Each wakeup resets the PIIX4 PM function; without the device model
 * restoring its I/O setup, the second S3 request goes nowhere.  Three
 * frozen cycles, every resource checked after each.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "gpu-guest.h"

const char test_title[] = "Three ACPI S3 cycles, resources kept through each";

void test_main(void)
{
    GScene s;
    int lost = gscene_s3_cycle_test(&s, true, 3);

    if (lost < 0) {
        return;
    }
    if (s3_resume_count() != 3) {
        xtf_failure("%u resumes, expected 3", s3_resume_count());
    } else if (lost) {
        xtf_failure("%d resources lost over 3 cycles", lost);
    } else {
        xtf_success(NULL);
    }
}
