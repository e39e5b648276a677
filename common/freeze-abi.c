/*
 * freeze_mode register ABI: names of values
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "virtio-s3/freeze-abi.h"

const char *vs3_freeze_mode_name(uint32_t value)
{
    switch (value) {
    case VS3_FREEZE_MODE_UNFREEZE:
        return "unfreeze";
    case VS3_FREEZE_MODE_FREEZE_S3:
        return "freeze-s3";
    default:
        return "reserved";
    }
}
