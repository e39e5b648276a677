/*
 * The freeze_mode register of a real virtio-pci device: layout, values,
 * negotiation.  Two virtio-gpu devices in one VM, x-freeze-mode on (slot 4)
 * and off (slot 5), are compared field by field.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define TWO_GPUS "virtio-gpu-pci,x-freeze-mode=on,addr=4" \
                 " -device virtio-gpu-pci,x-freeze-mode=off,addr=5"

typedef struct Field {
    const char *name;
    unsigned off;
    int size;
    bool address;       /* holds a ring address the driver chose */
} Field;

/* virtio 1.3 struct virtio_pci_common_cfg, every field before 0x40. */
static const Field fields[] = {
    { "device_feature_select", 0x00, 4, false },
    { "device_feature", 0x04, 4, false },
    { "driver_feature_select", 0x08, 4, false },
    { "driver_feature", 0x0c, 4, false },
    { "config_msix_vector", 0x10, 2, false },
    { "num_queues", 0x12, 2, false },
    { "device_status", 0x14, 1, false },
    { "config_generation", 0x15, 1, false },
    { "queue_select", 0x16, 2, false },
    { "queue_size", 0x18, 2, false },
    { "queue_msix_vector", 0x1a, 2, false },
    { "queue_enable", 0x1c, 2, false },
    { "queue_notify_off", 0x1e, 2, false },
    { "queue_desc", 0x20, 8, true },
    { "queue_driver", 0x28, 8, true },
    { "queue_device", 0x30, 8, true },
    { "queue_notif_config_data", 0x38, 2, false },
    { "queue_reset", 0x3a, 2, false },
    { "admin_queue_index", 0x3c, 2, false },
    { "admin_queue_num", 0x3e, 2, false },
};

static uint64_t read_field(VirtioPci *d, const Field *f)
{
    if (f->size == 8) {
        return vpci_common_read(d, f->off, 4) |
               (uint64_t)vpci_common_read(d, f->off + 4, 4) << 32;
    }
    return vpci_common_read(d, f->off, f->size);
}

/* Every pre-existing field reads the same on both devices. */
static void assert_same_fields(VGpu *on, VGpu *off, const char *phase)
{
    for (unsigned q = 0; q < 2; q++) {
        vpci_common_write(&on->pci, 0x16, 2, q);
        vpci_common_write(&off->pci, 0x16, 2, q);
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            const Field *f = &fields[i];
            uint64_t a = read_field(&on->pci, f), b = read_field(&off->pci, f);

            if (f->address) {
                /* Each device holds the address its own driver wrote. */
                Virtq *qa = q ? &on->cursorq : &on->ctrlq;
                Virtq *qb = q ? &off->cursorq : &off->ctrlq;
                uint64_t wa = f->off == 0x20 ? qa->desc : f->off == 0x28 ?
                              qa->avail : qa->used;
                uint64_t wb = f->off == 0x20 ? qb->desc : f->off == 0x28 ?
                              qb->avail : qb->used;

                g_assert_cmphex(a, ==, wa);
                g_assert_cmphex(b, ==, wb);
                continue;
            }
            if (a != b) {
                g_error("%s, queue %u: %s (0x%02x) reads 0x%" PRIx64
                        " with x-freeze-mode=on, 0x%" PRIx64 " with off",
                        phase, q, f->name, f->off, a, b);
            }
        }
    }
}

static void test_existing_fields_unchanged(void)
{
    Scene s;
    VGpu off;
    uint64_t fon, foff;

    scene_start(&s, TWO_GPUS, NULL);
    g_assert_cmpint(vgpu_probe(&s.io, 1, &off), ==, 0);
    g_assert_cmpuint(s.g.pci.bdf >> 3, ==, 4);
    g_assert_cmpuint(off.pci.bdf >> 3, ==, 5);

    /* The feature is the only difference the device offers. */
    fon = vpci_device_features(&s.g.pci);
    foff = vpci_device_features(&off.pci);
    g_assert_cmphex(fon & FEATURE_FREEZE, ==, FEATURE_FREEZE);
    g_assert_cmphex(foff & FEATURE_FREEZE, ==, 0);
    g_assert_cmphex(fon & ~FEATURE_FREEZE, ==, foff);

    /* Both driven by a driver that does not know the feature. */
    vpci_common_write(&s.g.pci, 0x00, 4, 0);
    vpci_common_write(&off.pci, 0x00, 4, 0);
    assert_same_fields(&s.g, &off, "fresh");
    g_assert_cmpuint(scene_freeze_mode(&s), ==, 0);
    g_assert_cmpint(vgpu_init(&s.g, 0), ==, 0);
    g_assert_cmpint(vgpu_init(&off, 0), ==, 0);
    vpci_common_write(&s.g.pci, 0x00, 4, 0);
    vpci_common_write(&off.pci, 0x00, 4, 0);
    assert_same_fields(&s.g, &off, "initialised");
    g_assert_cmpuint(vpci_common_read(&s.g.pci, VS3_CFG_FREEZE_MODE, 2), ==,
                     vpci_common_read(&off.pci, VS3_CFG_FREEZE_MODE, 2));
    scene_quit(&s);
}

/* Off: 0x40 reads 0 at every width and ignores writes, as before. */
static void test_property_off_register_inert(void)
{
    Scene s;
    VGpu off;

    scene_start(&s, TWO_GPUS, NULL);
    g_assert_cmpint(vgpu_probe(&s.io, 1, &off), ==, 0);
    g_assert_cmpint(vgpu_init(&off, 0), ==, 0);
    for (uint32_t v = 0; v < 8; v++) {
        vpci_common_write(&off.pci, VS3_CFG_FREEZE_MODE, 2, v);
        g_assert_cmpuint(vpci_common_read(&off.pci, VS3_CFG_FREEZE_MODE, 2),
                         ==, 0);
        g_assert_cmpuint(vpci_common_read(&off.pci, VS3_CFG_FREEZE_MODE, 4),
                         ==, 0);
        g_assert_cmpuint(vpci_common_read(&off.pci, VS3_CFG_FREEZE_MODE, 1),
                         ==, 0);
    }
    scene_quit(&s);
}

/* Reserved values change nothing, from either valid mode. */
static void test_reserved_values(void)
{
    static const uint32_t reserved[] = { 1, 2, 4, 5, 0x7fff, 0x8000, 0xffff };
    Scene s;

    scene_start(&s, "virtio-gpu-pci,x-freeze-mode=on", NULL);
    scene_init(&s, FEATURE_FREEZE);
    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++) {
        scene_write_freeze_mode(&s, reserved[i]);
        g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    }
    /* A 32-bit write cannot hide a valid mode in its low half. */
    vpci_common_write(&s.g.pci, VS3_CFG_FREEZE_MODE, 4, 0x00010003);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);

    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++) {
        scene_write_freeze_mode(&s, reserved[i]);
        g_assert_cmpuint(scene_freeze_mode(&s), ==,
                         VS3_FREEZE_MODE_FREEZE_S3);
    }
    g_assert_true(scene_log_has(&s, "write 4: reserved-value, mode 0 -> 0"));
    g_assert_true(scene_log_has(&s, "write 4: reserved-value, mode 3 -> 3"));
    g_assert_true(scene_log_has(&s, "freeze_mode write of 65535 ignored"));
    scene_quit(&s);
}

/* Until FEATURES_OK with the bit, writes are ignored. */
static void test_write_before_negotiation(void)
{
    Scene s;

    scene_start(&s, "virtio-gpu-pci,x-freeze-mode=on", NULL);
    /* Fresh device, no driver yet. */
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);

    /* Feature written but FEATURES_OK not yet set. */
    vpci_set_status(&s.g.pci, 0);
    vpci_set_status(&s.g.pci, VIRTIO_STATUS_ACKNOWLEDGE |
                              VIRTIO_STATUS_DRIVER);
    vpci_common_write(&s.g.pci, VS3_CFG_DRIVER_FEATURE_SELECT, 4, 1);
    vpci_common_write(&s.g.pci, VS3_CFG_DRIVER_FEATURE, 4,
                      (uint32_t)(((1ull << VIRTIO_F_VERSION_1) |
                                  FEATURE_FREEZE) >> 32));
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);

    /* Negotiated without the bit: still ignored. */
    scene_init(&s, 0);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);

    /* Negotiated with it: accepted. */
    scene_init(&s, FEATURE_FREEZE);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_true(scene_log_has(&s, "write 3: not-negotiated, mode 0 -> 0"));
    g_assert_true(scene_log_has(&s, "write 3: accepted, mode 0 -> 3"));
    scene_quit(&s);
}

/* UNFREEZE without a FREEZE before it is accepted and changes nothing. */
static void test_unfreeze_without_freeze(void)
{
    Scene s;

    scene_start(&s, "virtio-gpu-pci,x-freeze-mode=on", NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_true(scene_log_has(&s, "write 0: accepted, mode 0 -> 0"));
    g_assert_cmphex(scene_flush(&s, &s.res[0]), ==, VGPU_RESP_OK_NODATA);
    /* And a reset without freeze is today's reset. */
    scene_init(&s, FEATURE_FREEZE);
    g_assert_cmphex(scene_flush(&s, &s.res[0]), ==,
                    VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    scene_quit(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/freeze-register/existing-fields-unchanged",
                    test_existing_fields_unchanged);
    g_test_add_func("/freeze-register/property-off-register-inert",
                    test_property_off_register_inert);
    g_test_add_func("/freeze-register/reserved-values", test_reserved_values);
    g_test_add_func("/freeze-register/write-before-negotiation",
                    test_write_before_negotiation);
    g_test_add_func("/freeze-register/unfreeze-without-freeze",
                    test_unfreeze_without_freeze);
    return g_test_run();
}
