/*
 * Cold paths stay cold: a reset and a hot-unplug free what a frozen device
 * kept.  QEMU runs under valgrind.
 *
 * - system_reset of a frozen, suspended virtio-gpu: every resource is gone
 *   for the driver (ERR_INVALID_RESOURCE_ID) and for the allocator: at
 *   exit, no block allocated for a resource (its image or its backing) is
 *   left, reachable or not.  Nothing is drawn after the reset, so any such
 *   block is one the reset kept.  (A frozen device that skips the free on
 *   a cold reset fails here; kept state that is still referenced would be
 *   "still reachable" and invisible to a plain leak check.)
 * - a frozen virtio-blk unplugged: nothing of it is lost.  virtio-gpu-pci
 *   cannot be hot-unplugged in QEMU 7.2 (it refuses); the generic unrealize
 *   path is the same.
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

/*
 * Is this valgrind record (its lines, joined) one that counts?  LOST_ONLY:
 * only blocks definitely or indirectly lost ("possibly lost" ones have
 * interior pointers, and QEMU's own unplug leaves some: object property
 * tables, eventfd arrays); else every block still allocated at exit.
 */
static bool record_counts(const GString *rec, bool lost_only,
                          const char *const *funcs)
{
    if (!strstr(rec->str, "loss record") ||
        (lost_only && !strstr(rec->str, "definitely lost") &&
         !strstr(rec->str, "indirectly lost"))) {
        return false;
    }
    for (const char *const *f = funcs; *f; f++) {
        if (strstr(rec->str, *f)) {
            g_test_message("%s", rec->str);
            return true;
        }
    }
    return false;
}

/*
 * Records of valgrind's report (see record_counts()) whose allocation went
 * through one of FUNCS (NULL-terminated).  Every line starts "==PID== "; a
 * record is the run of lines up to the next empty one.
 */
static unsigned records_through(const char *report, bool lost_only,
                                const char *const *funcs)
{
    g_auto(GStrv) lines = g_strsplit(report, "\n", -1);
    g_autoptr(GString) rec = g_string_new("");
    unsigned n = 0;

    for (char **l = lines; *l; l++) {
        const char *text = strstr(*l, "== ");

        text = text ? text + 3 : *l;
        if (*text) {
            g_string_append_printf(rec, "%s\n", text);
            continue;
        }
        n += record_counts(rec, lost_only, funcs);
        g_string_truncate(rec, 0);
    }
    return n + record_counts(rec, lost_only, funcs);
}

static void start_under_valgrind(Scene *s, const char *extra)
{
    g_setenv("VS3_QEMU_WRAPPER", "valgrind --leak-check=full"
             " --show-leak-kinds=all --num-callers=40"
             " --log-file=@DIR@/valgrind.log", TRUE);
    scene_start(s, GPU, extra);
    g_unsetenv("VS3_QEMU_WRAPPER");
}

/* Quit QEMU and return valgrind's complete report (to g_free). */
static char *valgrind_report(Scene *s)
{
    char *report = qvm_quit_reading(s->vm, "valgrind.log");

    g_assert_nonnull(report);
    g_assert_nonnull(strstr(report, "LEAK SUMMARY"));
    return report;
}

static bool have_valgrind(void)
{
    g_autofree char *path = g_find_program_in_path("valgrind");

    if (!path) {
        g_test_skip("valgrind not installed (Debian package valgrind)");
    }
    return path != NULL;
}

/* Allocations made for a resource: its image and its backing's iovec. */
static const char *const resource_allocs[] = {
    "virtio_gpu_resource_create_2d", "virtio_gpu_create_mapping_iov", NULL,
};

/*
 * The control: resources alive at exit are found in valgrind's report
 * (the frames are there, not inlined away), so finding none after a cold
 * reset means something.
 */
static void test_check_sees_live_resources(void)
{
    g_autofree char *report = NULL;
    Scene s;

    if (!have_valgrind()) {
        return;
    }
    start_under_valgrind(&s, NULL);
    draw_and_freeze(&s);
    report = valgrind_report(&s);
    g_assert_cmpuint(records_through(report, false, resource_allocs), >=,
                     SCENE_NRES);
}

static void test_cold_reset_frees_resources(void)
{
    g_autofree char *report = NULL;
    Scene s;

    if (!have_valgrind()) {
        return;
    }
    start_under_valgrind(&s, NULL);
    draw_and_freeze(&s);
    qs3_suspend(s.vm);
    qs3_system_reset(s.vm);
    vpci_restore_config(&s.g.pci);
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_true(scene_log_has(&s, "virtio-gpu cold-reset: discard, mode 0"));
    scene_init(&s, 0);
    scene_expect_all(&s, VGPU_RESP_ERR_INVALID_RESOURCE_ID);

    report = valgrind_report(&s);
    g_assert_cmpuint(records_through(report, false, resource_allocs), ==, 0);
}

static void test_unplug_loses_nothing(void)
{
    static const char *const ours[] = {
        "virtio_gpu", "virtio_blk", "virtio_freeze", NULL,
    };
    g_autofree char *report = NULL;
    VirtioPci blk;
    Virtq vq;
    Scene s;

    if (!have_valgrind()) {
        return;
    }
    start_under_valgrind(&s, BLK);
    g_assert_cmpint(vpci_find(&s.io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_BLOCK), 0,
                              &blk), ==, 0);
    g_assert_cmpint(vpci_map(&blk), ==, 0);
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

    report = valgrind_report(&s);
    g_assert_cmpuint(records_through(report, true, ours), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/freeze-leaks/check-sees-live-resources",
                    test_check_sees_live_resources);
    g_test_add_func("/freeze-leaks/cold-reset-frees-resources",
                    test_cold_reset_frees_resources);
    g_test_add_func("/freeze-leaks/unplug-loses-nothing",
                    test_unplug_loses_nothing);
    return g_test_run();
}
