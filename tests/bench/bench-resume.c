/*
 * What S3 preservation costs: time from system_wakeup until the virtio-gpu
 * is usable again with every resource present, with freeze_mode (the
 * driver re-initialises and unfreezes) and without (the driver must
 * re-create and re-upload everything), for growing amounts of state; and
 * QEMU's resident memory before suspend, while suspended and after resume.
 *
 * The real QEMU under -accel qtest; guest memory is filled inside QEMU
 * (qtest memset), so building the state costs no socket traffic.  Prints
 * figures; asserts only that every resource is present afterwards.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "gpu-scene.h"

typedef struct Case {
    unsigned count;
    uint32_t width, height;     /* per resource, 4 bytes per pixel */
} Case;

static const Case cases[] = {
    { 1, 512, 512 },            /* 1 MiB */
    { 64, 512, 512 },           /* 64 MiB */
    { 1024, 512, 256 },         /* 512 MiB */
};

typedef struct Result {
    double seconds;
    long rss_before, rss_suspended, rss_after;  /* KiB */
} Result;

/* Create, back, upload resource id; the backing is filled inside QEMU. */
static void make_resource(Scene *s, uint32_t id, uint64_t backing,
                          uint32_t w, uint32_t h)
{
    g_assert_cmphex(vgpu_resource_create_2d(&s->g, id,
                                            VGPU_FORMAT_B8G8R8X8_UNORM, w, h),
                    ==, VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_attach_backing(&s->g, id, backing, w * h * 4), ==,
                    VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_transfer_to_host_2d(&s->g, id,
                                             (VGpuRect){ 0, 0, w, h }, 0),
                    ==, VGPU_RESP_OK_NODATA);
}

static Result run(const Case *c, bool freeze)
{
    uint64_t features = freeze ? FEATURE_FREEZE : 0;
    size_t size = (size_t)c->width * c->height * 4;
    g_autofree uint64_t *backing = g_new(uint64_t, c->count);
    Result r = { 0 };
    Scene s;
    gint64 t0;

    scene_start(&s, "virtio-gpu-pci,x-freeze-mode=on,max_hostmem=1073741824",
                "-m 1600");
    s.io.mem_end = 0x60000000;  /* room for 512 MiB of backing */
    scene_init(&s, features);
    for (unsigned i = 0; i < c->count; i++) {
        backing[i] = vio_alloc(&s.io, size, 4096);
        g_assert_cmphex(backing[i], !=, 0);
        qvm_memset(s.vm, backing[i], 0x40 + i % 64, size);
        make_resource(&s, i + 1, backing[i], c->width, c->height);
    }
    r.rss_before = qvm_rss_kib(s.vm);
    if (freeze) {
        scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    }
    qs3_suspend(s.vm);
    r.rss_suspended = qvm_rss_kib(s.vm);

    /* Timed: wakeup until every resource is usable again. */
    t0 = g_get_monotonic_time();
    qs3_wakeup(s.vm);
    vpci_restore_config(&s.g.pci);
    scene_init(&s, features);
    if (freeze) {
        scene_write_freeze_mode(&s, VS3_FREEZE_MODE_UNFREEZE);
    } else {
        for (unsigned i = 0; i < c->count; i++) {
            make_resource(&s, i + 1, backing[i], c->width, c->height);
        }
    }
    r.seconds = (g_get_monotonic_time() - t0) / 1e6;
    r.rss_after = qvm_rss_kib(s.vm);

    /* Not timed: every resource is there. */
    for (unsigned i = 0; i < c->count; i++) {
        g_assert_cmphex(vgpu_resource_flush(&s.g, i + 1, (VGpuRect){
                            0, 0, c->width, c->height }), ==,
                        VGPU_RESP_OK_NODATA);
    }
    scene_quit(&s);
    return r;
}

static void bench_resume(void)
{
    printf("resume cost: system_wakeup -> virtio-gpu usable with every "
           "resource present\n\n");
    printf("%9s %9s | %12s %12s %8s | %-32s\n", "resources", "state",
           "freeze", "stock", "ratio", "QEMU RSS MiB (freeze): before/"
           "suspended/after");
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        Result f = run(c, true), st = run(c, false);

        printf("%9u %5zu MiB | %10.3f s %10.3f s %7.1fx | %6ld / %6ld / %6ld\n",
               c->count, c->count * (size_t)c->width * c->height * 4 >> 20,
               f.seconds, st.seconds, st.seconds / f.seconds,
               f.rss_before >> 10, f.rss_suspended >> 10, f.rss_after >> 10);
        fflush(stdout);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bench/resume", bench_resume);
    return g_test_run();
}
