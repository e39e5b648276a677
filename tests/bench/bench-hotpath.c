/*
 * What freeze_mode costs on the command path: virtio-gpu
 * TRANSFER_TO_HOST_2D + RESOURCE_FLUSH pairs through our QEMU (feature on
 * and negotiated) and through the same QEMU source built without our
 * patches, in the same run:
 *
 * - wall clock: pairs per second, binaries alternated, median of 3 each
 *   (noisy on shared machines: qtest round trips dominate);
 * - callgrind: instructions per pair of the whole QEMU process (every
 *   thread, every function: the qtest socket, the main loop, the notify,
 *   the control queue, the 2D paths), from runs of 0 and N pairs of each
 *   binary, so that start-up and exit cancel out: repeatable.
 *
 * $VS3_QEMU is ours, $VS3_QEMU_PRISTINE the other.  Prints figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "gpu-scene.h"

#define WALL_PAIRS  2000
#define CG_PAIRS    300

/* Run pairs of commands on a fresh VM; seconds spent in the loop. */
static double run(const char *qemu, bool ours, unsigned pairs,
                  const char *wrapper, char **report)
{
    Scene s;
    gint64 t0;
    double secs;

    g_setenv("VS3_QEMU", qemu, TRUE);
    if (wrapper) {
        g_setenv("VS3_QEMU_WRAPPER", wrapper, TRUE);
    }
    scene_start(&s, ours ? "virtio-gpu-pci,x-freeze-mode=on"
                         : "virtio-gpu-pci", NULL);
    g_unsetenv("VS3_QEMU_WRAPPER");
    scene_init(&s, ours ? FEATURE_FREEZE : 0);
    scene_draw(&s);
    t0 = g_get_monotonic_time();
    for (unsigned i = 0; i < pairs; i++) {
        g_assert_cmphex(scene_transfer(&s, &s.res[0]), ==,
                        VGPU_RESP_OK_NODATA);
        g_assert_cmphex(scene_flush(&s, &s.res[0]), ==, VGPU_RESP_OK_NODATA);
    }
    secs = (g_get_monotonic_time() - t0) / 1e6;
    if (report) {
        *report = qvm_quit_reading(s.vm, "callgrind.out");
    } else {
        scene_quit(&s);
    }
    return secs;
}

static double median3(double a, double b, double c)
{
    return a > b ? (b > c ? b : (a > c ? c : a)) : (a > c ? a : (b > c ? c : b));
}

/* Total instructions ("summary:" or "totals:" line) of a callgrind run. */
static double instructions(const char *qemu, bool ours, unsigned pairs)
{
    g_autofree char *out = NULL;
    const char *p;

    run(qemu, ours, pairs, "valgrind --tool=callgrind "
        "--callgrind-out-file=@DIR@/callgrind.out", &out);
    g_assert_nonnull(out);
    p = strstr(out, "\nsummary: ");
    if (!p) {
        p = strstr(out, "\ntotals: ");
    }
    g_assert_nonnull(p);
    return g_ascii_strtod(strchr(p + 1, ' ') + 1, NULL);
}

static void bench_hotpath(void)
{
    g_autofree char *ours = g_strdup(g_getenv("VS3_QEMU"));
    const char *pristine = g_getenv("VS3_QEMU_PRISTINE");
    double w[2][3], ws[2], ipp[2];

    g_assert_nonnull(pristine);
    for (int r = 0; r < 3; r++) {
        w[0][r] = WALL_PAIRS / run(pristine, false, WALL_PAIRS, NULL, NULL);
        w[1][r] = WALL_PAIRS / run(ours, true, WALL_PAIRS, NULL, NULL);
    }
    for (int b = 0; b < 2; b++) {
        ws[b] = median3(w[b][0], w[b][1], w[b][2]);
    }
    ipp[0] = (instructions(pristine, false, CG_PAIRS) -
              instructions(pristine, false, 0)) / CG_PAIRS;
    ipp[1] = (instructions(ours, true, CG_PAIRS) -
              instructions(ours, true, 0)) / CG_PAIRS;

    printf("hot path: TRANSFER_TO_HOST_2D + RESOURCE_FLUSH (64x48 resource)"
           "\n\n");
    printf("%-40s %14s %20s\n", "QEMU", "pairs/s (wall)",
           "instructions/pair");
    printf("%-40s %14.0f %20.0f\n", "same source, without our patches",
           ws[0], ipp[0]);
    printf("%-40s %14.0f %20.0f\n", "ours (freeze_mode on, negotiated)",
           ws[1], ipp[1]);
    printf("%-40s %13.2f%% %19.2f%%\n", "ours vs. without",
           100.0 * (ws[1] / ws[0] - 1), 100.0 * (ipp[1] / ipp[0] - 1));
    printf("\n(wall clock: median of 3 alternated runs of %u pairs each; "
           "instructions: callgrind, the whole QEMU process, %u pairs minus "
           "0)\n", WALL_PAIRS, CG_PAIRS);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bench/hotpath", bench_hotpath);
    return g_test_run();
}
