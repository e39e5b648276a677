/*
 * PCI PM No_Soft_Reset on conventional PCI (x-pm-no-soft-reset), driven
 * the way Linux 6.8 and later drive it across suspend to RAM: no virtio
 * reset, no freeze_mode, the function in D3hot before S3, the
 * configuration space restored and D0 after, then the same virtqueues
 * carry on.  The real QEMU, -accel qtest, an i440fx machine (no PCI
 * Express anywhere), QMP system_wakeup for the wakeup.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define GPU_NSR     "virtio-gpu-pci,x-pm-no-soft-reset=on"
#define GPU_BOTH    "virtio-gpu-pci,x-pm-no-soft-reset=on,x-freeze-mode=on"
#define GPU_STOCK   "virtio-gpu-pci"
#define TRACE_PM    "-trace virtio_pci_pm_*"

#define STATUS_LIVE (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
                     VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

static void set_d_state(Scene *s, unsigned state)
{
    vpci_pm_set_state(&s->g.pci, state);
}

static unsigned d_state(Scene *s)
{
    return vpci_pm_state(&s->g.pci);
}

/*
 * What the PCI core and vp_supports_pm_no_reset() see: a PCI PM 1.2
 * capability on a conventional function, No_Soft_Reset set, D0 and D3hot
 * accepted, D1 and D2 refused (not in PMC), No_Soft_Reset read-only.
 */
static void test_capability(void)
{
    Scene s;

    scene_start(&s, GPU_NSR, TRACE_PM);
    g_assert_cmpuint(vpci_find_cap(&s.g.pci, PCI_CAP_ID_PM), !=, 0);
    g_assert_cmphex(vpci_pm_pmc(&s.g.pci) & 0x7, ==, 0x3);
    /* No D1, D2, PME support advertised. */
    g_assert_cmphex(vpci_pm_pmc(&s.g.pci) & 0xfe00, ==, 0);
    g_assert_cmphex(vpci_pm_ctrl(&s.g.pci), ==,
                    PCI_PM_CTRL_NO_SOFT_RESET | PCI_D0);

    set_d_state(&s, PCI_D3HOT);
    g_assert_cmpuint(d_state(&s), ==, PCI_D3HOT);
    set_d_state(&s, 2);
    g_assert_cmpuint(d_state(&s), ==, PCI_D3HOT);
    g_assert_true(scene_log_has(&s, "PMCSR D3hot -> D2: refused"));
    set_d_state(&s, 1);
    g_assert_cmpuint(d_state(&s), ==, PCI_D3HOT);
    /* Clearing No_Soft_Reset is not possible. */
    vpci_pm_write_ctrl(&s.g.pci, PCI_D0);
    g_assert_cmphex(vpci_pm_ctrl(&s.g.pci), ==,
                    PCI_PM_CTRL_NO_SOFT_RESET | PCI_D0);
    g_assert_true(scene_log_has(&s, "PMCSR D3hot -> D0: done"));
    scene_quit(&s);
}

/* The default device is unchanged: no PM capability on conventional PCI. */
static void test_property_off_is_stock(void)
{
    Scene s;

    scene_start(&s, GPU_STOCK, NULL);
    g_assert_cmpuint(vpci_find_cap(&s.g.pci, PCI_CAP_ID_PM), ==, 0);
    scene_quit(&s);
}

/*
 * Linux's suspend and resume with No_Soft_Reset: D3hot, S3, wakeup,
 * configuration space restored, D0, and the old virtqueues work on: every
 * resource, its backing and the scanout are there.
 */
static void s3_cycle_in_d3hot(Scene *s)
{
    qs3_cycle_in_d3hot(s->vm, &s->g.pci);
}

static void test_d3hot_wakeup_keeps_device(void)
{
    Scene s;
    g_autofree char *before = NULL, *after = NULL;

    scene_start(&s, GPU_NSR, TRACE_PM);
    scene_init(&s, 0);
    scene_draw(&s);
    before = qvm_screendump(s.vm, "before.ppm");

    s3_cycle_in_d3hot(&s);

    /* Nothing re-initialised: the driver's status is still there. */
    g_assert_cmphex(vpci_get_status(&s.g.pci), ==, STATUS_LIVE);
    scene_expect_all(&s, VGPU_RESP_OK_NODATA);
    for (int i = 0; i < SCENE_NRES; i++) {
        g_assert_cmphex(scene_transfer(&s, &s.res[i]), ==,
                        VGPU_RESP_OK_NODATA);
    }
    after = qvm_screendump(s.vm, "after.ppm");
    g_assert_true(same_image(before, after));
    g_assert_true(scene_log_has(&s, "wakeup-reset in D3hot: keep"));
    scene_quit(&s);
}

/* Three cycles in a row on the same virtqueues. */
static void test_repeated_cycles(void)
{
    Scene s;
    g_autofree char *before = NULL;

    scene_start(&s, GPU_NSR, TRACE_PM);
    scene_init(&s, 0);
    scene_draw(&s);
    before = qvm_screendump(s.vm, "before.ppm");
    for (int cycle = 0; cycle < 3; cycle++) {
        g_autofree char *name = g_strdup_printf("after-%d.ppm", cycle);
        g_autofree char *after = NULL;

        s3_cycle_in_d3hot(&s);
        scene_expect_all(&s, VGPU_RESP_OK_NODATA);
        after = qvm_screendump(s.vm, name);
        g_assert_true(same_image(before, after));
    }
    scene_quit(&s);
}

/*
 * The guard: the same device left in D0 over S3 (a driver that does not
 * use PCI PM) is reset by the wakeup, as today, so the tests above can
 * fail.
 */
static void test_d0_wakeup_resets(void)
{
    Scene s;

    scene_start(&s, GPU_NSR, TRACE_PM);
    scene_init(&s, 0);
    scene_draw(&s);
    qs3_suspend(s.vm);
    qs3_wakeup(s.vm);
    vpci_restore_config(&s.g.pci);
    g_assert_cmphex(vpci_get_status(&s.g.pci), ==, 0);
    scene_init(&s, 0);
    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    g_assert_true(scene_log_has(&s, "wakeup-reset in D0: discard"));
    scene_quit(&s);
}

/* system_reset from S3 in D3hot is cold: everything goes, back in D0. */
static void test_cold_reset_in_d3hot(void)
{
    Scene s;

    scene_start(&s, GPU_NSR, TRACE_PM);
    scene_init(&s, 0);
    scene_draw(&s);
    set_d_state(&s, PCI_D3HOT);
    qs3_suspend(s.vm);
    qs3_system_reset(s.vm);
    g_assert_cmphex(vpci_pm_ctrl(&s.g.pci), ==,
                    PCI_PM_CTRL_NO_SOFT_RESET | PCI_D0);
    vpci_restore_config(&s.g.pci);
    g_assert_cmphex(vpci_get_status(&s.g.pci), ==, 0);
    scene_init(&s, 0);
    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    g_assert_true(scene_log_has(&s, "cold-reset in D3hot: discard"));
    scene_quit(&s);
}

/*
 * The driver's own reset (device_status = 0) frees everything, in D0 as
 * in D3hot: No_Soft_Reset is about the machine's wakeup only.
 */
static void driver_reset_in(unsigned state)
{
    Scene s;

    scene_start(&s, GPU_NSR, TRACE_PM);
    scene_init(&s, 0);
    scene_draw(&s);
    set_d_state(&s, state);
    vpci_set_status(&s.g.pci, 0);
    set_d_state(&s, PCI_D0);
    scene_init(&s, 0);
    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
    scene_quit(&s);
}

static void test_driver_reset(void)
{
    driver_reset_in(PCI_D0);
}

static void test_driver_reset_in_d3hot(void)
{
    driver_reset_in(PCI_D3HOT);
}

/*
 * A driver that uses both: it froze the device (FREEZE_S3) and put it in
 * D3hot.  No_Soft_Reset keeps the whole device, so it needs no
 * re-initialisation; freeze_mode stays FREEZE_S3 until the driver writes
 * UNFREEZE.
 */
static void test_both_mechanisms(void)
{
    Scene s;

    scene_start(&s, GPU_BOTH, TRACE_PM);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    s3_cycle_in_d3hot(&s);
    g_assert_cmphex(vpci_get_status(&s.g.pci), ==, STATUS_LIVE);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    scene_expect_all(&s, VGPU_RESP_OK_NODATA);
    scene_quit(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pm-no-soft-reset/capability", test_capability);
    g_test_add_func("/pm-no-soft-reset/property-off-is-stock",
                    test_property_off_is_stock);
    g_test_add_func("/pm-no-soft-reset/d3hot-wakeup-keeps-device",
                    test_d3hot_wakeup_keeps_device);
    g_test_add_func("/pm-no-soft-reset/repeated-cycles", test_repeated_cycles);
    g_test_add_func("/pm-no-soft-reset/d0-wakeup-resets",
                    test_d0_wakeup_resets);
    g_test_add_func("/pm-no-soft-reset/cold-reset-in-d3hot",
                    test_cold_reset_in_d3hot);
    g_test_add_func("/pm-no-soft-reset/driver-reset", test_driver_reset);
    g_test_add_func("/pm-no-soft-reset/driver-reset-in-d3hot",
                    test_driver_reset_in_d3hot);
    g_test_add_func("/pm-no-soft-reset/both-mechanisms",
                    test_both_mechanisms);
    return g_test_run();
}
