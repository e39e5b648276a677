/*
 * Cold paths stay cold: a reset, a hot-unplug and QEMU's exit free what a
 * frozen device kept and forget the freeze.  QEMU runs under valgrind; no
 * block allocated by virtio-gpu, virtio-blk or the freeze code may be lost.
 *
 * virtio-gpu-pci cannot be hot-unplugged in QEMU 7.2 (it refuses), so the
 * frozen unplug is a virtio-blk's: the generic unrealize path is the same.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define GPU "virtio-gpu-pci,x-freeze-mode=on,addr=4,id=gpu"
#define BLK "-blockdev driver=null-co,node-name=disk0,size=1048576" \
            " -device virtio-blk-pci,drive=disk0,disable-legacy=on," \
            "x-freeze-mode=on,addr=6,id=blk"

/* ACPI PCI hotplug (PIIX4): the guest ejects a slot by writing its bit. */
#define ACPI_PCIHP_EJ   0xae08

static void draw_and_freeze(Scene *s)
{
    scene_init(s, FEATURE_FREEZE);
    scene_draw(s);
    scene_write_freeze_mode(s, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(scene_freeze_mode(s), ==, VS3_FREEZE_MODE_FREEZE_S3);
}

/* Loss records of valgrind's report that involve our allocations. */
static unsigned our_lost_records(const char *report)
{
    g_auto(GStrv) records = g_strsplit(report, "\n==", -1);
    unsigned n = 0;

    for (char **r = records; *r; r++) {
        if ((strstr(*r, "definitely lost") || strstr(*r, "indirectly lost")) &&
            strstr(*r, "loss record") &&
            (strstr(*r, "virtio_gpu") || strstr(*r, "virtio_blk") ||
             strstr(*r, "virtio_freeze"))) {
            g_test_message("%s", *r);
            n++;
        }
    }
    return n;
}

static void test_cold_paths_free_everything(void)
{
    g_autofree char *report = NULL;
    VirtioPci blk;
    Virtq vq;
    Scene s;

    g_setenv("VS3_QEMU_WRAPPER", "valgrind --leak-check=full"
             " --show-leak-kinds=definite,indirect --num-callers=40"
             " --log-file=@DIR@/valgrind.log", TRUE);
    scene_start(&s, GPU, BLK);
    g_unsetenv("VS3_QEMU_WRAPPER");
    g_assert_cmpint(vpci_find(&s.io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_BLOCK), 0,
                              &blk), ==, 0);
    g_assert_cmpint(vpci_map(&blk), ==, 0);

    /* system_reset while frozen and suspended: everything freed. */
    draw_and_freeze(&s);
    qs3_suspend(s.vm);
    qs3_system_reset(s.vm);
    vpci_restore_config(&s.g.pci);
    vpci_restore_config(&blk);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_true(scene_log_has(&s, "virtio-gpu cold-reset: discard, mode 0"));

    /* A frozen virtio-blk unplugged: its kept state is freed. */
    g_assert_cmpint(vpci_negotiate(&blk, (1ull << VIRTIO_F_VERSION_1) |
                                         FEATURE_FREEZE), ==, 0);
    g_assert_cmpint(vpci_setup_queue(&blk, &vq, 0, 16), ==, 0);
    vpci_driver_ok(&blk);
    vpci_common_write(&blk, VS3_CFG_FREEZE_MODE, 2, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(vpci_common_read(&blk, VS3_CFG_FREEZE_MODE, 2), ==,
                     VS3_FREEZE_MODE_FREEZE_S3);
    g_free(qvm_qmp(s.vm, NULL, "{\"execute\": \"device_del\","
                   " \"arguments\": {\"id\": \"blk\"}}"));
    qvm_out(s.vm, ACPI_PCIHP_EJ, 4, 1u << 6);
    qvm_wait_event(s.vm, "DEVICE_DELETED");
    g_assert_true(scene_log_has(&s, "virtio-blk mode was 3, free state 1"));

    /* The GPU frozen again, with resources, when QEMU exits. */
    draw_and_freeze(&s);
    report = qvm_quit_reading(s.vm, "valgrind.log");
    g_assert_nonnull(report);
    g_assert_nonnull(strstr(report, "LEAK SUMMARY"));
    g_assert_cmpuint(our_lost_records(report), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!g_find_program_in_path("valgrind")) {
        g_test_skip("valgrind not installed (Debian package valgrind)");
    }
    g_test_add_func("/freeze-leaks/cold-paths-free-everything",
                    test_cold_paths_free_everything);
    return g_test_run();
}
