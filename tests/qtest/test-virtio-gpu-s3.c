/*
 * virtio-gpu 2D across ACPI S3, driven as a guest driver and a management
 * tool would: the real QEMU, -accel qtest, PIIX4 PM for S3 entry, QMP
 * system_wakeup for the wakeup.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define GPU_ON  "virtio-gpu-pci,x-freeze-mode=on"
#define GPU_OFF "virtio-gpu-pci,x-freeze-mode=off"

/*
 * The fix: a driver that negotiated freeze_mode and froze the device finds
 * every resource, its backing and the scanout again after S3.
 */
static void test_frozen_cycle_keeps_resources(void)
{
    Scene s;
    g_autofree char *before = NULL, *after = NULL;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    before = qvm_screendump(s.vm, "before.ppm");

    scene_s3_cycle(&s, FEATURE_FREEZE);

    /*
     * Nothing re-created or re-uploaded: old ids answer, and the host-side
     * image on the scanout is the one drawn before suspend.
     */
    scene_expect_all(&s, VGPU_RESP_OK_NODATA);
    after = qvm_screendump(s.vm, "after.ppm");
    g_assert_true(same_image(before, after));
    /* Their backing is still attached. */
    for (int i = 0; i < SCENE_NRES; i++) {
        g_assert_cmphex(scene_transfer(&s, &s.res[i]), ==,
                        VGPU_RESP_OK_NODATA);
    }

    /* The reset paths said what they did. */
    g_assert_true(scene_log_has(&s, "wakeup-reset: keep"));
    g_assert_true(scene_log_has(&s, "driver-reset: keep"));
    g_assert_true(scene_log_has(&s, "kept 3 resources"));
    scene_quit(&s);
}

/*
 * Regression guard: the same sequence by a driver that does not negotiate
 * the feature reproduces today's bug, so the test above can fail.
 */
static void test_stock_driver_loses_resources(void)
{
    Scene s;
    g_autofree char *before = NULL, *after = NULL;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, 0);
    scene_draw(&s);
    before = qvm_screendump(s.vm, "before.ppm");

    /* Un-negotiated: the write changes nothing. */
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    scene_s3_cycle(&s, 0);

    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    after = qvm_screendump(s.vm, "after.ppm");
    g_assert_false(same_image(before, after));
    g_assert_true(scene_log_has(&s, "wakeup-reset: discard"));
    scene_quit(&s);
}

/* With the property off the feature is not offered and nothing changes. */
static void test_property_off_is_stock(void)
{
    Scene s;

    scene_start(&s, GPU_OFF, NULL);
    g_assert_false(vpci_device_features(&s.g.pci) & FEATURE_FREEZE);
    /*
     * A driver that accepts it anyway: QEMU masks features it did not
     * offer, so the bit is not negotiated and the register stays inert.
     */
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, 0);
    g_assert_true(scene_log_has(&s, "not-negotiated"));
    scene_s3_cycle(&s, 0);
    g_assert_cmphex(scene_flush(&s, &s.res[0]), ==,
                    VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    scene_quit(&s);
}

/* Three cycles in a row, resources kept through all of them. */
static void test_repeated_cycles(void)
{
    Scene s;
    g_autofree char *before = NULL;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    before = qvm_screendump(s.vm, "before.ppm");
    for (int cycle = 0; cycle < 3; cycle++) {
        g_autofree char *name = g_strdup_printf("after-%d.ppm", cycle);
        g_autofree char *after = NULL;

        scene_s3_cycle(&s, FEATURE_FREEZE);
        scene_expect_all(&s, VGPU_RESP_OK_NODATA);
        after = qvm_screendump(s.vm, name);
        g_assert_true(same_image(before, after));
    }
    scene_quit(&s);
}

/* A cold reset after freezing frees everything and forgets the freeze. */
static void test_cold_reset_after_freeze(void)
{
    Scene s;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    /* system_reset while suspended: a reset, not a wakeup. */
    qs3_system_reset(s.vm);
    vpci_restore_config(&s.g.pci);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    scene_init(&s, FEATURE_FREEZE);
    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    g_assert_true(scene_log_has(&s, "cold-reset: discard"));
    scene_quit(&s);
}

/* The guest froze, then aborted its suspend: the restore keeps state. */
static void test_aborted_suspend(void)
{
    Scene s;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    scene_init(&s, FEATURE_FREEZE);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    scene_expect_all(&s, VGPU_RESP_OK_NODATA);
    scene_quit(&s);
}

/*
 * A driver that finds the device frozen but does not know the feature
 * (another kernel) gets a clean device, not stale resources.
 */
static void test_foreign_driver_gets_clean_device(void)
{
    Scene s;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    qs3_wakeup(s.vm);
    vpci_restore_config(&s.g.pci);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    scene_init(&s, 0);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmphex(scene_flush(&s, &s.res[0]), ==,
                    VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    scene_quit(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-gpu-s3/2d/frozen-cycle-keeps-resources",
                    test_frozen_cycle_keeps_resources);
    g_test_add_func("/virtio-gpu-s3/2d/stock-driver-loses-resources",
                    test_stock_driver_loses_resources);
    g_test_add_func("/virtio-gpu-s3/2d/property-off-is-stock",
                    test_property_off_is_stock);
    g_test_add_func("/virtio-gpu-s3/2d/repeated-cycles", test_repeated_cycles);
    g_test_add_func("/virtio-gpu-s3/2d/cold-reset-after-freeze",
                    test_cold_reset_after_freeze);
    g_test_add_func("/virtio-gpu-s3/2d/aborted-suspend", test_aborted_suspend);
    g_test_add_func("/virtio-gpu-s3/2d/foreign-driver-gets-clean-device",
                    test_foreign_driver_gets_clean_device);
    return g_test_run();
}
