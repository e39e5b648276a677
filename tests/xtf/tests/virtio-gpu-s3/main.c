/**
 * @file tests/virtio-gpu-s3/main.c
 * @ref test-virtio-gpu-s3
 *
 * @page test-virtio-gpu-s3 virtio-gpu across ACPI S3 with freeze_mode
 *
 * Negotiate VIRTIO_F_FREEZE_MODE, draw a pattern through 2D resources and
 * scanout 0, write FREEZE_S3, enter S3, get resumed by the toolstack
 * (xl trigger <domid> s3resume), restore the device, write UNFREEZE and
 * flush every old resource: each must answer OK_NODATA.  The host compares
 * the display before suspend and after restore.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "gpu-guest.h"

const char test_title[] = "virtio-gpu keeps resources across ACPI S3";

void test_main(void)
{
    GScene s;
    int lost = gscene_s3_cycle_test(&s, true, 1);

    if (lost < 0) {
        return;
    }
    /* The verdict is what the device answered, whatever it offered. */
    if (lost) {
        xtf_failure("%d of %u resources lost across S3 %s", lost,
                    GSCENE_NRES, s.features ? "despite FREEZE_S3" :
                    "(the device model offers no freeze_mode)");
    } else {
        xtf_success(NULL);
    }
}
