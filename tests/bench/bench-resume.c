/*
 * What S3 preservation costs: from system_wakeup until the virtio-gpu is
 * usable again with every resource present, for growing amounts of state:
 *
 * - freeze: our QEMU; the driver re-initialises and unfreezes;
 * - stock: the same QEMU source built without our patches
 *   ($VS3_QEMU_PRISTINE); the driver must re-create and re-upload
 *   everything.
 *
 * The time is QEMU's own: trace timestamps (-msg timestamp=on) of the
 * system_wakeup command and of the first RESOURCE_FLUSH after it.  Every
 * step of the driver is a qtest round trip, so the same run measures the
 * round trip (median of RTT_SAMPLES trivial commands) and counts the
 * commands of the timed part: their product is the floor that the driver
 * emulation alone costs.  QEMU's resident memory before suspend, while
 * suspended and after resume is that of the freeze run.
 *
 * The real QEMU under -accel qtest; guest memory is filled inside QEMU
 * (qtest memset), so building the state costs no socket traffic.  Prints
 * figures; asserts only that every resource is present afterwards.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu-scene.h"

#define RTT_SAMPLES     501
#define TRACE_ARGS      "-msg timestamp=on -trace qmp_enter_system_wakeup " \
                        "-trace virtio_gpu_cmd_res_flush"

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
    double seconds;             /* in QEMU, from its trace timestamps */
    double rtt;                 /* one qtest round trip, median */
    unsigned long commands;     /* qtest round trips of the timed part */
    long rss_before, rss_suspended, rss_after;  /* KiB */
} Result;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Median time of a trivial qtest command (a PCI config address read). */
static double qtest_rtt(Scene *s)
{
    double t[RTT_SAMPLES];

    for (unsigned i = 0; i < RTT_SAMPLES; i++) {
        gint64 t0 = g_get_monotonic_time();

        qvm_in(s->vm, 0xcf8, 4);
        t[i] = (g_get_monotonic_time() - t0) / 1e6;
    }
    qsort(t, RTT_SAMPLES, sizeof(t[0]), cmp_double);
    return t[RTT_SAMPLES / 2];
}

/*
 * Seconds between the trace lines "PID@SEC.USEC:qmp_enter_system_wakeup"
 * and the first "...:virtio_gpu_cmd_res_flush" after it.
 */
static double traced_resume(const char *log)
{
    g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
    double start = -1;

    for (char **l = lines; *l; l++) {
        const char *at = strchr(*l, '@');
        double t = at ? g_ascii_strtod(at + 1, NULL) : 0;

        if (start < 0 && strstr(*l, ":qmp_enter_system_wakeup")) {
            start = t;
        } else if (start >= 0 && strstr(*l, ":virtio_gpu_cmd_res_flush")) {
            return t - start;
        }
    }
    g_error("no system_wakeup and RESOURCE_FLUSH trace lines in QEMU's log");
}

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
    g_autofree char *ours = g_strdup(g_getenv("VS3_QEMU"));
    g_autofree char *log = NULL;
    Result r = { 0 };
    unsigned long cmds;
    Scene s;

    if (!freeze) {
        g_setenv("VS3_QEMU", g_getenv("VS3_QEMU_PRISTINE"), TRUE);
    }
    scene_start(&s, freeze ?
                "virtio-gpu-pci,x-freeze-mode=on,max_hostmem=1073741824" :
                "virtio-gpu-pci,max_hostmem=1073741824",
                "-m 1600 " TRACE_ARGS);
    g_setenv("VS3_QEMU", ours, TRUE);
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

    r.rtt = qtest_rtt(&s);

    /* Timed (in QEMU): wakeup until every resource is usable again. */
    cmds = qvm_qtest_commands(s.vm);
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
    r.commands = qvm_qtest_commands(s.vm) - cmds;
    r.rss_after = qvm_rss_kib(s.vm);

    /* The first flush ends the timed part; every resource is there. */
    for (unsigned i = 0; i < c->count; i++) {
        g_assert_cmphex(vgpu_resource_flush(&s.g, i + 1, (VGpuRect){
                            0, 0, c->width, c->height }), ==,
                        VGPU_RESP_OK_NODATA);
    }
    log = qvm_log(s.vm);
    r.seconds = traced_resume(log);
    scene_quit(&s);
    return r;
}

static void bench_resume(void)
{
    g_assert_nonnull(g_getenv("VS3_QEMU_PRISTINE"));
    printf("resume cost: system_wakeup -> virtio-gpu usable with every "
           "resource present, in QEMU (trace timestamps)\n");
    printf("freeze: our QEMU, driver re-initialises and unfreezes; stock: "
           "the same QEMU 7.2 source\nbuilt without our patches, driver "
           "re-creates and re-uploads every resource\n\n");
    printf("%9s %9s | %10s %7s | %10s %7s | %7s | %9s | %s\n",
           "resources", "state", "freeze", "qtests", "stock", "qtests",
           "ratio", "qtest RTT", "QEMU RSS MiB (freeze): before/suspended/"
           "after");
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        Result f = run(c, true), st = run(c, false);

        printf("%9u %5zu MiB | %8.3f s %7lu | %8.3f s %7lu | %6.1fx | "
               "%6.0f us | %6ld / %6ld / %6ld\n",
               c->count, c->count * (size_t)c->width * c->height * 4 >> 20,
               f.seconds, f.commands, st.seconds, st.commands,
               st.seconds / f.seconds, f.rtt * 1e6,
               f.rss_before >> 10, f.rss_suspended >> 10, f.rss_after >> 10);
        printf("%20s | floor %6.3f s %8s | floor %6.3f s\n", "",
               f.commands * f.rtt, "", st.commands * st.rtt);
        fflush(stdout);
    }
    printf("\n(qtests: qtest round trips in the timed part; floor: qtests "
           "x the median round trip,\nthe part of the time that is the test "
           "driver's emulation, not the device's work)\n");
}

/*
 * The limit: what a frozen GPU holding 512 MiB adds to the S3 wakeup of
 * the machine, against the same machine without any virtio-gpu.  QEMU's
 * own time from the system_wakeup command (trace timestamp) to its WAKEUP
 * event (the event's timestamp: sent once every device is reset and the
 * vCPUs run); median of LIMIT_CYCLES S3 cycles of each.
 */
#define LIMIT_CYCLES    5

static double event_time(const char *event)
{
    const char *sec = strstr(event, "\"seconds\": ");
    const char *usec = strstr(event, "\"microseconds\": ");

    g_assert_nonnull(sec);
    g_assert_nonnull(usec);
    return g_ascii_strtod(sec + 11, NULL) +
           g_ascii_strtod(usec + 16, NULL) / 1e6;
}

/* Start times of every system_wakeup in QEMU's trace log, in order. */
static GArray *wakeup_starts(const char *log)
{
    g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
    GArray *t = g_array_new(FALSE, FALSE, sizeof(double));

    for (char **l = lines; *l; l++) {
        const char *at = strchr(*l, '@');

        if (at && strstr(*l, ":qmp_enter_system_wakeup")) {
            double v = g_ascii_strtod(at + 1, NULL);

            g_array_append_val(t, v);
        }
    }
    return t;
}

static double median_wakeup(bool with_gpu)
{
    const Case *c = &cases[G_N_ELEMENTS(cases) - 1];
    size_t size = (size_t)c->width * c->height * 4;
    double ends[LIMIT_CYCLES], took[LIMIT_CYCLES];
    g_autofree char *log = NULL;
    g_autoptr(GArray) starts = NULL;
    QVM *vm;
    Scene s;

    if (with_gpu) {
        scene_start(&s, "virtio-gpu-pci,x-freeze-mode=on,"
                    "max_hostmem=1073741824", "-m 1600 " TRACE_ARGS);
        vm = s.vm;
        s.io.mem_end = 0x60000000;
        scene_init(&s, FEATURE_FREEZE);
        for (unsigned i = 0; i < c->count; i++) {
            uint64_t backing = vio_alloc(&s.io, size, 4096);

            qvm_memset(s.vm, backing, 0x40 + i % 64, size);
            make_resource(&s, i + 1, backing, c->width, c->height);
        }
        scene_write_freeze_mode(&s, VS3_FREEZE_MODE_FREEZE_S3);
    } else {
        vm = qvm_start("-m 1600 " TRACE_ARGS);
    }
    for (unsigned k = 0; k < LIMIT_CYCLES; k++) {
        g_autofree char *event = NULL;

        qs3_suspend(vm);
        g_free(qvm_qmp(vm, NULL, "{\"execute\": \"system_wakeup\"}"));
        event = qvm_wait_event_line(vm, "WAKEUP");
        ends[k] = event_time(event);
    }
    if (with_gpu) {
        /* Every resource kept through all the cycles. */
        vpci_restore_config(&s.g.pci);
        scene_init(&s, FEATURE_FREEZE);
        for (unsigned i = 0; i < c->count; i++) {
            g_assert_cmphex(vgpu_resource_flush(&s.g, i + 1, (VGpuRect){
                                0, 0, c->width, c->height }), ==,
                            VGPU_RESP_OK_NODATA);
        }
    }
    log = qvm_log(vm);
    starts = wakeup_starts(log);
    g_assert_cmpuint(starts->len, ==, LIMIT_CYCLES);
    for (unsigned k = 0; k < LIMIT_CYCLES; k++) {
        took[k] = ends[k] - g_array_index(starts, double, k);
    }
    qvm_quit(vm);
    qsort(took, LIMIT_CYCLES, sizeof(took[0]), cmp_double);
    return took[LIMIT_CYCLES / 2];
}

static void bench_limit(void)
{
    double none = median_wakeup(false), gpu = median_wakeup(true);

    printf("\nthe limit: S3 wakeup in QEMU (system_wakeup -> WAKEUP event), "
           "median of %u cycles\n\n", LIMIT_CYCLES);
    printf("%-44s %12s\n", "machine", "wakeup");
    printf("%-44s %10.2f ms\n", "without any virtio-gpu", none * 1e3);
    printf("%-44s %10.2f ms\n", "frozen virtio-gpu holding 512 MiB", gpu * 1e3);
    printf("%-44s %11.3f   (goal: 1.05 or less)\n", "ratio", gpu / none);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bench/resume", bench_resume);
    g_test_add_func("/bench/limit", bench_limit);
    return g_test_run();
}
