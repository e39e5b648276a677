/*
 * virtio-vga is one function with two halves, virtio-gpu and a standard
 * VGA: across a frozen S3 cycle both are kept (the 2D scanout and the
 * VGA's registers), without the freeze both are reset.  And a
 * transitional device frozen by a modern driver and then met by a legacy
 * (pre-1.0) driver, which cannot restore frozen state, gets a clean
 * device.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define VGA_ON  "virtio-vga,x-freeze-mode=on"

/* VGA sequencer: index and data ports; register 2 is the map mask. */
#define VGA_SR_INDEX    0x3c4
#define VGA_SR_DATA     0x3c5
#define VGA_SR_MAP_MASK 2

static uint8_t vga_sr(Scene *s, uint8_t index)
{
    qvm_out(s->vm, VGA_SR_INDEX, 1, index);
    return qvm_in(s->vm, VGA_SR_DATA, 1);
}

static void vga_sr_write(Scene *s, uint8_t index, uint8_t val)
{
    qvm_out(s->vm, VGA_SR_INDEX, 1, index);
    qvm_out(s->vm, VGA_SR_DATA, 1, val);
}

/* Draw on the virtio half, program the VGA half, then an S3 cycle. */
static void vga_cycle(bool freeze)
{
    uint64_t features = freeze ? FEATURE_FREEZE : 0;
    g_autofree char *before = NULL, *after = NULL;
    Scene s;

    scene_start(&s, VGA_ON, NULL);
    scene_init(&s, features);
    scene_draw(&s);
    vga_sr_write(&s, VGA_SR_MAP_MASK, 0x0a);
    g_assert_cmphex(vga_sr(&s, VGA_SR_MAP_MASK), ==, 0x0a);
    before = qvm_screendump(s.vm, "before.ppm");

    scene_s3_cycle(&s, features);

    after = qvm_screendump(s.vm, "after.ppm");
    if (freeze) {
        scene_expect_all(&s, VGPU_RESP_OK_NODATA);
        g_assert_true(same_image(before, after));
        g_assert_cmphex(vga_sr(&s, VGA_SR_MAP_MASK), ==, 0x0a);
    } else {
        scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);
        g_assert_false(same_image(before, after));
        g_assert_cmphex(vga_sr(&s, VGA_SR_MAP_MASK), ==, 0);
    }
    scene_quit(&s);
}

static void test_frozen_cycle_keeps_both_halves(void)
{
    vga_cycle(true);
}

static void test_unfrozen_cycle_resets_both_halves(void)
{
    vga_cycle(false);
}

/* A cold reset of a frozen virtio-vga resets the VGA too. */
static void test_cold_reset_resets_vga(void)
{
    Scene s;

    scene_start(&s, VGA_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    vga_sr_write(&s, VGA_SR_MAP_MASK, 0x0a);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    qs3_system_reset(s.vm);
    vpci_restore_config(&s.g.pci);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmphex(vga_sr(&s, VGA_SR_MAP_MASK), ==, 0);
    scene_quit(&s);
}

/*
 * PCI PM No_Soft_Reset: a virtio-vga in D3hot keeps both halves through
 * the wakeup, with no freeze_mode and no re-initialisation.
 */
static void test_nsr_d3hot_keeps_both_halves(void)
{
    g_autofree char *before = NULL, *after = NULL;
    Scene s;

    scene_start(&s, "virtio-vga,x-pm-no-soft-reset=on", NULL);
    scene_init(&s, 0);
    scene_draw(&s);
    vga_sr_write(&s, VGA_SR_MAP_MASK, 0x0a);
    before = qvm_screendump(s.vm, "before.ppm");
    qs3_cycle_in_d3hot(s.vm, &s.g.pci);
    scene_expect_all(&s, VGPU_RESP_OK_NODATA);
    after = qvm_screendump(s.vm, "after.ppm");
    g_assert_true(same_image(before, after));
    g_assert_cmphex(vga_sr(&s, VGA_SR_MAP_MASK), ==, 0x0a);
    scene_quit(&s);
}

/* PCI configuration space. */
#define PCI_COMMAND             0x04
#define PCI_COMMAND_IO          0x1
#define PCI_BASE_ADDRESS_0      0x10
#define PCI_BASE_ADDRESS_SPACE_IO 0x1

/* virtio-pci's legacy I/O BAR: device status and guest features. */
#define LEGACY_IO_BASE          0xc000
#define VIRTIO_PCI_GUEST_FEATURES   4
#define VIRTIO_PCI_STATUS       18
#define VIRTIO_BLK_F_CONFIG_WCE 11
#define VIRTIO_BLK_CFG_WRITEBACK 32
/* A transitional virtio-blk has the legacy device id. */
#define VIRTIO_BLK_LEGACY_ID    0x1001

static void test_legacy_driver_gets_clean_device(void)
{
    Scene s;
    VirtioPci blk;
    Virtq vq;

    scene_start(&s, VGA_ON, "-blockdev driver=null-co,node-name=disk0,"
                "size=1048576 -device virtio-blk-pci,drive=disk0,"
                "x-freeze-mode=on,addr=6 -trace virtio_blk_freeze_*");
    g_assert_cmpint(vpci_find(&s.io, VIRTIO_BLK_LEGACY_ID, 0, &blk), ==, 0);
    g_assert_cmpint(vpci_map(&blk), ==, 0);

    /* A modern driver: write-through, frozen, through S3. */
    g_assert_cmpint(vpci_negotiate(&blk, (1ull << VIRTIO_F_VERSION_1) |
                                         (1ull << VIRTIO_BLK_F_CONFIG_WCE) |
                                         FEATURE_FREEZE), ==, 0);
    g_assert_cmpint(vpci_setup_queue(&blk, &vq, 0, 16), ==, 0);
    vpci_driver_ok(&blk);
    vpci_config_write(&blk, VIRTIO_BLK_CFG_WRITEBACK, 1, 0);
    vpci_common_write(&blk, VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    qs3_wakeup(s.vm);
    vpci_restore_config(&blk);
    g_assert_cmpuint(vpci_common_read(&blk, VS3_CFG_FREEZE_MODE, 2), ==,
                     VS3_FREEZE_MODE_FREEZE_S3);

    /* A legacy driver takes over through the I/O BAR. */
    vio_pci_cfg_write(&s.io, blk.bdf, PCI_BASE_ADDRESS_0, 4,
                      LEGACY_IO_BASE | PCI_BASE_ADDRESS_SPACE_IO);
    vio_pci_cfg_write(&s.io, blk.bdf, PCI_COMMAND, 2,
                      vio_pci_cfg_read(&s.io, blk.bdf, PCI_COMMAND, 2) |
                      PCI_COMMAND_IO);
    /*
     * Its first write: the features (a driver that skips the reset; a
     * reset alone would discard the state as any non-wakeup reset does).
     */
    qvm_out(s.vm, LEGACY_IO_BASE + VIRTIO_PCI_GUEST_FEATURES, 4,
            1u << VIRTIO_BLK_F_CONFIG_WCE);

    /* Nothing frozen is left: the mode, and the configured write-back. */
    g_assert_cmpuint(vpci_common_read(&blk, VS3_CFG_FREEZE_MODE, 2), ==,
                     VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmpuint(vpci_config_read(&blk, VIRTIO_BLK_CFG_WRITEBACK, 1), ==,
                     1);
    g_assert_true(scene_log_has(&s, "virtio-blk legacy-driver: discard"));
    scene_quit(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-vga-s3/frozen-cycle-keeps-both-halves",
                    test_frozen_cycle_keeps_both_halves);
    g_test_add_func("/virtio-vga-s3/unfrozen-cycle-resets-both-halves",
                    test_unfrozen_cycle_resets_both_halves);
    g_test_add_func("/virtio-vga-s3/cold-reset-resets-vga",
                    test_cold_reset_resets_vga);
    g_test_add_func("/virtio-vga-s3/legacy-driver-gets-clean-device",
                    test_legacy_driver_gets_clean_device);
    g_test_add_func("/virtio-vga-s3/pm-no-soft-reset/d3hot-keeps-both-halves",
                    test_nsr_d3hot_keeps_both_halves);
    return g_test_run();
}
