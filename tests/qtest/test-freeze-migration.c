/*
 * freeze_mode in the migration stream: what a frozen device keeps travels
 * with it, the subsection is sent only while frozen (so streams of
 * unfrozen devices stay those of stock QEMU), and a destination that cannot
 * honour it refuses the stream with a clear error.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE         /* memmem */
#include <string.h>
#include <unistd.h>

#include "gpu-scene.h"

#define GPU_ON  "virtio-gpu-pci,x-freeze-mode=on"
#define GPU_OFF "virtio-gpu-pci,x-freeze-mode=off"
#define GPU_NSR "virtio-gpu-pci,x-pm-no-soft-reset=on"

/* Migrate s into a file; returns its path (in the VM's directory). */
static char *migrate_to_file(Scene *s)
{
    char *path = g_build_filename(qvm_dir(s->vm), "stream", NULL);

    g_free(qvm_qmp(s->vm, NULL, "{\"execute\": \"migrate\", \"arguments\":"
                   " {\"uri\": \"exec:cat > %s\"}}", path));
    for (int i = 0; i < 3000; i++) {
        g_autofree char *r = qvm_qmp(s->vm, NULL,
                                     "{\"execute\": \"query-migrate\"}");

        if (r && strstr(r, "\"status\": \"completed\"")) {
            return path;
        }
        g_assert_null(r ? strstr(r, "\"status\": \"failed\"") : NULL);
        g_usleep(10 * 1000);
    }
    g_error("migration did not complete");
}

static bool file_contains(const char *path, const char *text)
{
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    return memmem(data, len, text, strlen(text)) != NULL;
}

/* Copy a file out of the source VM's directory, which quit removes. */
static char *keep_copy(const char *path)
{
    g_autofree char *data = NULL;
    gsize len;
    int fd;
    char *copy = g_strdup("/tmp/vs3-stream-XXXXXX");

    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    fd = g_mkstemp(copy);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(g_file_set_contents(copy, data, len, NULL));
    return copy;
}

/* Start a destination VM that loads stream. */
static void scene_incoming(Scene *s, const char *device, const char *stream)
{
    g_autofree char *extra = g_strdup_printf("-incoming \"exec:cat %s\"",
                                             stream);

    memset(s, 0, sizeof(*s));
    s->vm = qvm_start("-m 256 -device %s -d guest_errors"
                      " -trace virtio_freeze_* %s", device, extra);
}

static void wait_incoming(Scene *s)
{
    for (int i = 0; i < 3000; i++) {
        g_autofree char *st = qvm_status(s->vm);

        if (strcmp(st, "inmigrate") != 0) {
            return;
        }
        g_usleep(10 * 1000);
    }
    g_error("incoming migration did not finish");
}

/*
 * A destination with DEVICE loads stream: it must exit with a failure
 * status and say WHY in its log.  The stream file is removed.
 */
static void expect_refused(const char *device, const char *stream,
                           const char *why)
{
    g_autofree char *log = NULL;
    Scene dst;
    int status;

    scene_incoming(&dst, device, stream);
    status = qvm_wait_exit(dst.vm, &log);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), !=, 0);
    g_assert_nonnull(strstr(log, why));
    unlink(stream);
}

/* Frozen, migrated, restored on the destination: nothing lost. */
static void test_frozen_state_travels(void)
{
    Scene src, dst;
    g_autofree char *shot = NULL, *before = NULL, *after = NULL;
    g_autofree char *stream = NULL, *copy = NULL;
    SceneRes res[SCENE_NRES];

    scene_start(&src, GPU_ON, NULL);
    scene_init(&src, FEATURE_FREEZE);
    scene_draw(&src);
    shot = qvm_screendump(src.vm, "before.ppm");
    before = keep_copy(shot);
    scene_write_freeze_mode(&src, VS3_FREEZE_MODE_FREEZE_S3);
    stream = migrate_to_file(&src);
    g_assert_true(file_contains(stream, "virtio/freeze_mode"));
    copy = keep_copy(stream);
    memcpy(res, src.res, sizeof(res));
    scene_quit(&src);

    scene_incoming(&dst, GPU_ON, copy);
    wait_incoming(&dst);
    qvio_init(&dst.io, dst.vm);
    g_assert_cmpint(vgpu_probe(&dst.io, 0, &dst.g), ==, 0);
    memcpy(dst.res, res, sizeof(res));
    /* The frozen mode arrived with the device. */
    g_assert_cmpuint(scene_freeze_mode(&dst), ==, VS3_FREEZE_MODE_FREEZE_S3);
    /* The restoring driver's reset keeps, and the old ids answer. */
    scene_init(&dst, FEATURE_FREEZE);
    scene_write_freeze_mode(&dst, VS3_FREEZE_MODE_UNFREEZE);
    scene_expect_all(&dst, VGPU_RESP_OK_NODATA);
    after = qvm_screendump(dst.vm, "after.ppm");
    g_assert_true(same_image(before, after));
    scene_quit(&dst);
    unlink(copy);
    unlink(before);
}

/* Unfrozen devices send no freeze subsection: the stock stream. */
static void test_unfrozen_stream_has_no_subsection(void)
{
    Scene s;
    g_autofree char *stream = NULL;

    scene_start(&s, GPU_ON, NULL);
    scene_init(&s, FEATURE_FREEZE);
    scene_draw(&s);
    stream = migrate_to_file(&s);
    g_assert_false(file_contains(stream, "virtio/freeze_mode"));
    g_assert_true(file_contains(stream, "virtio-gpu"));
    scene_quit(&s);
}

/*
 * A destination without x-freeze-mode cannot keep what the stream froze:
 * it refuses the stream, saying why, instead of silently dropping state.
 */
static void test_destination_without_feature_refuses(void)
{
    Scene src;
    g_autofree char *stream = NULL, *copy = NULL;

    scene_start(&src, GPU_ON, NULL);
    scene_init(&src, FEATURE_FREEZE);
    scene_draw(&src);
    scene_write_freeze_mode(&src, VS3_FREEZE_MODE_FREEZE_S3);
    /* The driver's reset while frozen: features are no longer negotiated. */
    vpci_set_status(&src.g.pci, 0);
    stream = migrate_to_file(&src);
    copy = keep_copy(stream);
    scene_quit(&src);

    expect_refused(GPU_OFF, copy, "device is frozen in the migration "
                   "stream, but x-freeze-mode is off here");
}

/*
 * PCI PM No_Soft_Reset: the D-state is configuration space and travels with
 * it.  A function put in D3hot before migration is kept by the wakeup on
 * the destination.
 */
static void test_pm_d3hot_travels(void)
{
    Scene src, dst;
    g_autofree char *stream = NULL, *copy = NULL;
    SceneRes res[SCENE_NRES];
    VGpu g;

    scene_start(&src, GPU_NSR, NULL);
    scene_init(&src, 0);
    scene_draw(&src);
    vpci_pm_set_state(&src.g.pci, PCI_D3HOT);
    stream = migrate_to_file(&src);
    copy = keep_copy(stream);
    memcpy(res, src.res, sizeof(res));
    /* The driver's view of its queues goes with the guest. */
    g = src.g;
    scene_quit(&src);

    scene_incoming(&dst, GPU_NSR, copy);
    wait_incoming(&dst);
    qvio_init(&dst.io, dst.vm);
    dst.g = g;
    dst.g.pci.io = &dst.io;
    memcpy(dst.res, res, sizeof(res));
    g_assert_cmphex(vpci_pm_ctrl(&dst.g.pci), ==,
                    PCI_PM_CTRL_NO_SOFT_RESET | PCI_D3HOT);
    qs3_cycle_in_d3hot(dst.vm, &dst.g.pci);
    scene_expect_all(&dst, VGPU_RESP_OK_NODATA);
    scene_quit(&dst);
    unlink(copy);
}

/* A destination without the capability refuses the stream. */
static void test_pm_destination_without_capability_refuses(void)
{
    Scene src;
    g_autofree char *stream = NULL, *copy = NULL;

    scene_start(&src, GPU_NSR, NULL);
    stream = migrate_to_file(&src);
    copy = keep_copy(stream);
    scene_quit(&src);

    /* Refused for the configuration space, not for anything else. */
    expect_refused(GPU_OFF, copy, "Bad config data");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/freeze-migration/frozen-state-travels",
                    test_frozen_state_travels);
    g_test_add_func("/freeze-migration/unfrozen-stream-has-no-subsection",
                    test_unfrozen_stream_has_no_subsection);
    g_test_add_func("/freeze-migration/destination-without-feature-refuses",
                    test_destination_without_feature_refuses);
    g_test_add_func("/freeze-migration/pm-d3hot-travels",
                    test_pm_d3hot_travels);
    g_test_add_func("/freeze-migration/pm-destination-without-capability-refuses",
                    test_pm_destination_without_capability_refuses);
    return g_test_run();
}
