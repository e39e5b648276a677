/**
 * @file tests/virtio-gpu-s3-stock/main.c
 * @ref test-virtio-gpu-s3-stock
 *
 * @page test-virtio-gpu-s3-stock virtio-gpu across ACPI S3 without freeze
 *
 * The same guest as virtio-gpu-s3, but its driver never negotiates the
 * feature: it records today's behaviour (every resource gone after the
 * wakeup), against which the fix is measured.  Success means the baseline
 * was reproduced.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "gpu-guest.h"

const char test_title[] = "virtio-gpu without freeze_mode loses its resources in S3";

void test_main(void)
{
    GScene s;
    int lost = gscene_s3_cycle_test(&s, false, 1);

    if (lost < 0) {
        return;
    }
    if (lost == GSCENE_NRES) {
        printk("baseline: all %u resources lost across S3, as today\n",
               GSCENE_NRES);
        xtf_success(NULL);
    } else {
        xtf_failure("baseline not reproduced: %d of %u resources lost",
                    lost, GSCENE_NRES);
    }
}
