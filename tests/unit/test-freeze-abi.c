/*
 * Unit tests: freeze_mode register ABI
 *
 * The expected layout below is typed from the virtio 1.3 specification
 * (4.1.4.3 "Common configuration structure layout"), not from our header,
 * so that a moved field fails here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "virtio-s3/freeze-abi.h"

typedef struct Field {
    const char *name;
    unsigned offset;
    unsigned size;
} Field;

/* virtio 1.3 struct virtio_pci_common_cfg, in order. */
static const Field spec_fields[] = {
    { "device_feature_select", 0x00, 4 },
    { "device_feature", 0x04, 4 },
    { "driver_feature_select", 0x08, 4 },
    { "driver_feature", 0x0c, 4 },
    { "config_msix_vector", 0x10, 2 },
    { "num_queues", 0x12, 2 },
    { "device_status", 0x14, 1 },
    { "config_generation", 0x15, 1 },
    { "queue_select", 0x16, 2 },
    { "queue_size", 0x18, 2 },
    { "queue_msix_vector", 0x1a, 2 },
    { "queue_enable", 0x1c, 2 },
    { "queue_notify_off", 0x1e, 2 },
    { "queue_desc", 0x20, 8 },
    { "queue_driver", 0x28, 8 },
    { "queue_device", 0x30, 8 },
    { "queue_notif_config_data", 0x38, 2 },
    { "queue_reset", 0x3a, 2 },
    { "admin_queue_index", 0x3c, 2 },
    { "admin_queue_num", 0x3e, 2 },
};

static const unsigned our_offsets[] = {
    VS3_CFG_DEVICE_FEATURE_SELECT, VS3_CFG_DEVICE_FEATURE,
    VS3_CFG_DRIVER_FEATURE_SELECT, VS3_CFG_DRIVER_FEATURE,
    VS3_CFG_CONFIG_MSIX_VECTOR, VS3_CFG_NUM_QUEUES, VS3_CFG_DEVICE_STATUS,
    VS3_CFG_CONFIG_GENERATION, VS3_CFG_QUEUE_SELECT, VS3_CFG_QUEUE_SIZE,
    VS3_CFG_QUEUE_MSIX_VECTOR, VS3_CFG_QUEUE_ENABLE, VS3_CFG_QUEUE_NOTIFY_OFF,
    VS3_CFG_QUEUE_DESC, VS3_CFG_QUEUE_DRIVER, VS3_CFG_QUEUE_DEVICE,
    VS3_CFG_QUEUE_NOTIF_CONFIG_DATA, VS3_CFG_QUEUE_RESET,
    VS3_CFG_ADMIN_QUEUE_INDEX, VS3_CFG_ADMIN_QUEUE_NUM,
};

/* Every pre-existing field stays where virtio 1.3 puts it. */
static void test_existing_offsets(void)
{
    size_t i;

    g_assert_cmpuint(G_N_ELEMENTS(our_offsets), ==, G_N_ELEMENTS(spec_fields));
    for (i = 0; i < G_N_ELEMENTS(spec_fields); i++) {
        if (our_offsets[i] != spec_fields[i].offset) {
            g_test_message("%s at 0x%x, spec says 0x%x", spec_fields[i].name,
                           our_offsets[i], spec_fields[i].offset);
        }
        g_assert_cmphex(our_offsets[i], ==, spec_fields[i].offset);
    }
}

/* freeze_mode lies after the last spec field and overlaps none of them. */
static void test_freeze_mode_placement(void)
{
    const Field *last = &spec_fields[G_N_ELEMENTS(spec_fields) - 1];
    size_t i;

    g_assert_cmphex(VS3_CFG_FREEZE_MODE, ==, last->offset + last->size);
    g_assert_cmphex(VS3_CFG_FREEZE_MODE, ==, 0x40);
    g_assert_cmpuint(VS3_CFG_FREEZE_MODE_SIZE, ==, 2);
    /* Naturally aligned for a le16 access. */
    g_assert_cmpuint(VS3_CFG_FREEZE_MODE % VS3_CFG_FREEZE_MODE_SIZE, ==, 0);
    g_assert_cmphex(VS3_CFG_COMMON_SIZE, ==,
                    VS3_CFG_FREEZE_MODE + VS3_CFG_FREEZE_MODE_SIZE);
    for (i = 0; i < G_N_ELEMENTS(spec_fields); i++) {
        const Field *f = &spec_fields[i];

        g_assert_true(f->offset + f->size <= VS3_CFG_FREEZE_MODE ||
                      f->offset >= VS3_CFG_FREEZE_MODE +
                                   VS3_CFG_FREEZE_MODE_SIZE);
    }
}

/* Exactly UNFREEZE (0) and FREEZE_S3 (3) are valid; S4 (4) is reserved. */
static void test_every_value(void)
{
    uint32_t v;
    unsigned valid = 0;

    g_assert_cmpuint(VS3_FREEZE_MODE_UNFREEZE, ==, 0);
    g_assert_cmpuint(VS3_FREEZE_MODE_FREEZE_S3, ==, 3);
    for (v = 0; v <= UINT16_MAX; v++) {
        bool expect = v == 0 || v == 3;

        g_assert_cmpint(vs3_freeze_mode_valid(v), ==, expect);
        g_assert_cmpstr(vs3_freeze_mode_name(v), ==,
                        v == 0 ? "unfreeze" : v == 3 ? "freeze-s3"
                                                     : "reserved");
        valid += vs3_freeze_mode_valid(v);
    }
    g_assert_cmpuint(valid, ==, 2);
    g_assert_false(vs3_freeze_mode_valid(VS3_FREEZE_MODE_RESERVED_S4));
    /* A 32-bit access cannot smuggle a valid value in the low half. */
    g_assert_false(vs3_freeze_mode_valid(0x10000));
    g_assert_false(vs3_freeze_mode_valid(0x10003));
    g_assert_false(vs3_freeze_mode_valid(UINT32_MAX));
}

/*
 * The feature bit stays out of everything the spec (1.3 and later) has
 * given away: transport bits 24..43 and the device-specific ranges.
 */
static void test_feature_bit(void)
{
    g_assert_cmpuint(VS3_F_FREEZE_MODE, >=, 44);
    g_assert_cmpuint(VS3_F_FREEZE_MODE, <=, 49);
    /* Not visible to legacy drivers, which see feature word 0 only. */
    g_assert_cmpuint(VS3_F_FREEZE_MODE_WORD, ==, 1);
    g_assert_cmphex(VS3_F_FREEZE_MODE_WORD_MASK, ==,
                    1u << (VS3_F_FREEZE_MODE - 32));
    g_assert_cmphex(VS3_F_FREEZE_MODE_MASK, ==,
                    (uint64_t)VS3_F_FREEZE_MODE_WORD_MASK << 32);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/freeze-abi/existing-offsets", test_existing_offsets);
    g_test_add_func("/freeze-abi/freeze-mode-placement",
                    test_freeze_mode_placement);
    g_test_add_func("/freeze-abi/every-value", test_every_value);
    g_test_add_func("/freeze-abi/feature-bit", test_feature_bit);
    return g_test_run();
}
