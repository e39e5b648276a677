/**
 * @file tests/freeze-mode-abi/main.c
 * @ref test-freeze-mode-abi
 *
 * @page test-freeze-mode-abi The freeze_mode register as a guest sees it
 *
 * Every common-configuration field that virtio 1.3 defines still works at
 * its offset; freeze_mode (0x40) ignores writes until the feature is
 * negotiated, ignores reserved values, and reads back the mode in effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "gpu-guest.h"

const char test_title[] = "freeze_mode register ABI (virtio-pci common cfg)";

static VirtioPci *dev;

static uint32_t rd(unsigned off, int size)
{
    return vpci_common_read(dev, off, size);
}

static void wr(unsigned off, int size, uint32_t v)
{
    vpci_common_write(dev, off, size, v);
}

static void expect(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        xtf_failure("%s: read 0x%x, expected 0x%x", what, got, want);
    }
}

/* Fields before 0x40 behave as virtio 1.3 says, at their offsets. */
static void check_existing_fields(void)
{
    wr(VS3_CFG_DEVICE_FEATURE_SELECT, 4, 1);
    expect("device_feature_select (0x00)",
           rd(VS3_CFG_DEVICE_FEATURE_SELECT, 4), 1);
    /* VIRTIO_F_VERSION_1 is bit 0 of feature word 1. */
    expect("device_feature word 1 (0x04) VERSION_1",
           rd(VS3_CFG_DEVICE_FEATURE, 4) & 1, 1);
    wr(VS3_CFG_DRIVER_FEATURE_SELECT, 4, 1);
    expect("driver_feature_select (0x08)",
           rd(VS3_CFG_DRIVER_FEATURE_SELECT, 4), 1);
    expect("num_queues (0x12) of virtio-gpu", rd(VS3_CFG_NUM_QUEUES, 2), 2);
    wr(VS3_CFG_QUEUE_SELECT, 2, 1);
    expect("queue_select (0x16)", rd(VS3_CFG_QUEUE_SELECT, 2), 1);
    if (!rd(VS3_CFG_QUEUE_SIZE, 2)) {
        xtf_failure("queue_size (0x18) of queue 1 reads 0");
    }
    expect("queue_notify_off (0x1e) of queue 1",
           rd(VS3_CFG_QUEUE_NOTIFY_OFF, 2), 1);
    wr(VS3_CFG_QUEUE_DESC, 4, 0x12345000);
    expect("queue_desc (0x20)", rd(VS3_CFG_QUEUE_DESC, 4), 0x12345000);
    wr(VS3_CFG_QUEUE_DESC, 4, 0);
    expect("queue_reset (0x3a)", rd(VS3_CFG_QUEUE_RESET, 2), 0);
    wr(VS3_CFG_QUEUE_SELECT, 2, 0);
    wr(VS3_CFG_DEVICE_STATUS, 1, VIRTIO_STATUS_ACKNOWLEDGE);
    expect("device_status (0x14)", rd(VS3_CFG_DEVICE_STATUS, 1),
           VIRTIO_STATUS_ACKNOWLEDGE);
    wr(VS3_CFG_DEVICE_STATUS, 1, 0);
}

void test_main(void)
{
    static const uint32_t reserved[] = { 1, 2, 4, 5, 0x8000, 0xffff };
    GScene s;

    if (!gscene_probe(&s)) {
        xtf_skip("no virtio-gpu-pci device");
        return;
    }
    dev = &s.g.pci;
    check_existing_fields();
    if (!(vpci_device_features(dev) & FEATURE_FREEZE)) {
        xtf_skip("virtio-gpu does not offer VIRTIO_F_FREEZE_MODE");
        return;
    }

    /* Not negotiated: writes change nothing. */
    wr(VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    expect("freeze_mode written before negotiation",
           rd(VS3_CFG_FREEZE_MODE, 2), VS3_FREEZE_MODE_UNFREEZE);
    s.features = 0;
    if (!gscene_init(&s)) {
        xtf_error("cannot initialise virtio-gpu");
        return;
    }
    wr(VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    expect("freeze_mode written without the feature",
           rd(VS3_CFG_FREEZE_MODE, 2), VS3_FREEZE_MODE_UNFREEZE);

    /* Negotiated: reserved values change nothing, valid ones read back. */
    s.features = FEATURE_FREEZE;
    if (!gscene_init(&s)) {
        xtf_error("cannot negotiate VIRTIO_F_FREEZE_MODE");
        return;
    }
    for (unsigned i = 0; i < ARRAY_SIZE(reserved); i++) {
        wr(VS3_CFG_FREEZE_MODE, 2, reserved[i]);
        expect("freeze_mode after a reserved value (from UNFREEZE)",
               rd(VS3_CFG_FREEZE_MODE, 2), VS3_FREEZE_MODE_UNFREEZE);
    }
    wr(VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    expect("freeze_mode after FREEZE_S3", rd(VS3_CFG_FREEZE_MODE, 2),
           VS3_FREEZE_MODE_FREEZE_S3);
    for (unsigned i = 0; i < ARRAY_SIZE(reserved); i++) {
        wr(VS3_CFG_FREEZE_MODE, 2, reserved[i]);
        expect("freeze_mode after a reserved value (from FREEZE_S3)",
               rd(VS3_CFG_FREEZE_MODE, 2), VS3_FREEZE_MODE_FREEZE_S3);
    }
    wr(VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_UNFREEZE);
    expect("freeze_mode after UNFREEZE", rd(VS3_CFG_FREEZE_MODE, 2),
           VS3_FREEZE_MODE_UNFREEZE);
    /* A reset while not frozen leaves it UNFREEZE. */
    wr(VS3_CFG_DEVICE_STATUS, 1, 0);
    expect("freeze_mode after reset", rd(VS3_CFG_FREEZE_MODE, 2),
           VS3_FREEZE_MODE_UNFREEZE);
    xtf_success(NULL);
}
