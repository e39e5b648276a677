/*
 * A guest that abuses freeze_mode cannot make QEMU hold more than the
 * guest legitimately owns, and a cold reset takes everything back.
 *
 * virtio-gpu accounts the host memory of its resources against
 * max_hostmem; a frozen device keeps its resources, so the accounting must
 * too, and a reset must free them (or the guest could not allocate its
 * quota again).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

#define HOSTMEM     (64u << 20)
#define GPU         "virtio-gpu-pci,x-freeze-mode=on,max_hostmem=67108864"
#define RES_W       256
#define RES_H       256             /* 256 KiB each: 256 of them fill it */

/* Create resources from id first until the device refuses; how many. */
static unsigned fill(Scene *s, uint32_t first)
{
    unsigned n = 0;

    for (;;) {
        uint32_t t = vgpu_resource_create_2d(&s->g, first + n,
                                             VGPU_FORMAT_B8G8R8X8_UNORM,
                                             RES_W, RES_H);

        if (t != VGPU_RESP_OK_NODATA) {
            g_assert_cmphex(t, ==, VGPU_RESP_ERR_OUT_OF_MEMORY);
            return n;
        }
        n++;
        g_assert_cmpuint(n, <=, HOSTMEM / (RES_W * RES_H * 4));
    }
}

static void reboot(Scene *s)
{
    qs3_system_reset(s->vm);
    vpci_restore_config(&s->g.pci);
    g_assert_cmpuint(scene_freeze_mode(s), ==, VS3_FREEZE_MODE_UNFREEZE);
    scene_init(s, FEATURE_FREEZE);
}

/* Thousands of writes, valid and reserved, mixed with resets. */
static void test_flood(void)
{
    uint32_t x = 12345;
    long before, after;
    Scene s;

    scene_start(&s, GPU, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    before = qvm_rss_kib(s.vm);
    for (unsigned i = 0; i < 5000; i++) {
        uint16_t mode;

        x = x * 1103515245 + 12345;
        scene_write_freeze_mode(&s, (x >> 8) & 1 ? (x >> 16) & 7 : x >> 16);
        mode = scene_freeze_mode(&s);
        g_assert_true(vs3_freeze_mode_valid(mode));
    }
    after = qvm_rss_kib(s.vm);
    g_test_message("RSS %ld KiB before, %ld KiB after 5000 writes", before,
                   after);
    g_assert_cmpint(after - before, <, 8 * 1024);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    g_assert_cmphex(scene_flush(&s, &s.res[0]), ==, VGPU_RESP_OK_NODATA);
    scene_quit(&s);
}

/* Frozen forever: still works; a reboot takes it all back. */
static void test_never_unfreezes(void)
{
    unsigned n, again;
    Scene s;

    scene_start(&s, GPU, NULL);
    scene_init(&s, FEATURE_FREEZE);
    n = fill(&s, 1);
    g_assert_cmpuint(n, >, 0);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    qs3_wakeup(s.vm);
    vpci_restore_config(&s.g.pci);
    scene_init(&s, FEATURE_FREEZE);
    /* No UNFREEZE: the kept resources count against the quota still. */
    g_assert_cmpuint(scene_freeze_mode(&s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    g_assert_cmpuint(fill(&s, 10000), ==, 0);
    reboot(&s);
    again = fill(&s, 1);
    g_assert_cmpuint(again, ==, n);
    scene_quit(&s);
}

/* Quota full, then S3: QEMU holds nothing more; reset frees the quota. */
static void test_fill_then_suspend(void)
{
    long before, suspended, after;
    unsigned n;
    Scene s;

    scene_start(&s, GPU, NULL);
    scene_init(&s, FEATURE_FREEZE);
    n = fill(&s, 1);
    before = qvm_rss_kib(s.vm);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    qs3_suspend(s.vm);
    suspended = qvm_rss_kib(s.vm);
    qs3_wakeup(s.vm);
    vpci_restore_config(&s.g.pci);
    scene_init(&s, FEATURE_FREEZE);
    scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    after = qvm_rss_kib(s.vm);
    g_test_message("%u resources; RSS %ld / %ld / %ld KiB", n, before,
                   suspended, after);
    g_assert_cmpint(suspended - before, <, 4 * 1024);
    g_assert_cmpint(after - before, <, 4 * 1024);
    reboot(&s);
    g_assert_cmpuint(fill(&s, 1), ==, n);
    scene_quit(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hostile-guest/flood-freeze-writes", test_flood);
    g_test_add_func("/hostile-guest/never-unfreezes", test_never_unfreezes);
    g_test_add_func("/hostile-guest/fill-quota-then-suspend",
                    test_fill_then_suspend);
    return g_test_run();
}
