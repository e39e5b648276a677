/*
 * virtio-gpu-gl (virgl) across ACPI S3: a virgl context and a 3D resource
 * survive a frozen S3 cycle.
 *
 * The proof that the context survived: before suspend the context gets a
 * surface object on the resource and a framebuffer state; after resume
 * only a CLEAR is submitted, which draws only if that context state still
 * exists, and the pixels are read back with TRANSFER_FROM_HOST_3D (which
 * also fails if the context or the resource is gone).
 *
 * Runs under an Xvfb of its own: there is no DRM render node here, so
 * QEMU's display is SDL with GL on Mesa's software renderer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"
#include "virgl-protocol.h"
#include "xvfb.h"

#define GL_GPU      "virtio-gpu-gl-pci,x-freeze-mode=on"
#define GL_DISPLAY  "-display sdl,gl=on"
#define F_VIRGL     (1ull << VIRTIO_GPU_F_VIRGL)

#define CTX     1
#define RES     10
#define SURFACE 1
#define SIZE    64

static GPid xvfb;

static uint32_t f32(float f)
{
    uint32_t u;

    memcpy(&u, &f, sizeof(u));
    return u;
}

/* Clear colour 0 of the current framebuffer to (r, g, b). */
static uint32_t submit_clear(Scene *s, float r, float g, float b)
{
    const uint32_t cmds[] = {
        VIRGL_CMD0(VIRGL_CCMD_CLEAR, 0, 8),
        PIPE_CLEAR_COLOR0, f32(r), f32(g), f32(b), f32(1.0f),
        0, 0,                   /* depth (double) */
        0,                      /* stencil */
    };

    return vgpu_submit_3d(&s->g, CTX, cmds, G_N_ELEMENTS(cmds));
}

/* Context state that the clear after resume relies on. */
static void set_up_context(Scene *s, uint64_t backing)
{
    const uint32_t cmds[] = {
        VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5),
        SURFACE, RES, VIRGL_FORMAT_B8G8R8X8_UNORM, 0, 0,
        VIRGL_CMD0(VIRGL_CCMD_SET_FRAMEBUFFER_STATE, 0, 3),
        1, 0, SURFACE,
    };

    g_assert_cmphex(vgpu_ctx_create(&s->g, CTX, "vs3-test"), ==,
                    VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_resource_create_3d(&s->g, RES, PIPE_TEXTURE_2D,
                                            VIRGL_FORMAT_B8G8R8X8_UNORM,
                                            VIRGL_BIND_RENDER_TARGET |
                                            VIRGL_BIND_SAMPLER_VIEW,
                                            SIZE, SIZE), ==,
                    VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_attach_backing(&s->g, RES, backing, SIZE * SIZE * 4),
                    ==, VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_ctx_attach_resource(&s->g, CTX, RES), ==,
                    VGPU_RESP_OK_NODATA);
    g_assert_cmphex(vgpu_submit_3d(&s->g, CTX, cmds, G_N_ELEMENTS(cmds)), ==,
                    VGPU_RESP_OK_NODATA);
}

/*
 * Read the resource back into its (zeroed) backing; return how many pixels
 * have the colour rgb (0xRRGGBB).
 */
static unsigned count_pixels(Scene *s, uint64_t backing, uint32_t rgb)
{
    g_autofree uint32_t *px = g_new(uint32_t, SIZE * SIZE);
    unsigned n = 0;

    vio_memset(&s->io, backing, 0, SIZE * SIZE * 4);
    vgpu_transfer_3d(&s->g, false, CTX, RES,
                     (VGpuBox){ 0, 0, 0, SIZE, SIZE, 1 }, SIZE * 4);
    qvm_memread(s->vm, backing, px, SIZE * SIZE * 4);
    for (unsigned i = 0; i < SIZE * SIZE; i++) {
        n += (px[i] & 0xffffff) == rgb;
    }
    return n;
}

static void run_cycle(bool negotiate_freeze)
{
    uint64_t features = F_VIRGL | (negotiate_freeze ? FEATURE_FREEZE : 0);
    uint64_t backing;
    Scene s;

    scene_start(&s, GL_GPU, GL_DISPLAY);
    scene_init(&s, features);
    backing = vio_alloc(&s.io, SIZE * SIZE * 4, 4096);
    set_up_context(&s, backing);
    g_assert_cmphex(submit_clear(&s, 1, 0, 0), ==, VGPU_RESP_OK_NODATA);
    g_assert_cmpuint(count_pixels(&s, backing, 0xff0000), ==, SIZE * SIZE);

    scene_s3_cycle(&s, features);

    g_assert_cmphex(submit_clear(&s, 0, 0, 1), ==, VGPU_RESP_OK_NODATA);
    if (negotiate_freeze) {
        g_assert_cmpuint(count_pixels(&s, backing, 0x0000ff), ==,
                         SIZE * SIZE);
        g_assert_cmphex(vgpu_set_scanout(&s.g, 0, RES,
                                         (VGpuRect){ 0, 0, SIZE, SIZE }), ==,
                        VGPU_RESP_OK_NODATA);
        g_assert_true(scene_log_has(&s, "wakeup-reset: keep"));
    } else {
        /*
         * Today: virgl_renderer_reset() destroyed the context, so the
         * clear drew nothing and the read-back in context CTX fails.
         */
        g_assert_cmpuint(count_pixels(&s, backing, 0x0000ff), ==, 0);
        g_assert_true(scene_log_has(&s, "wakeup-reset: discard"));
    }
    scene_quit(&s);
}

static void test_frozen_cycle_keeps_context(void)
{
    run_cycle(true);
}

static void test_stock_driver_loses_context(void)
{
    run_cycle(false);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-gpu-s3/virgl/frozen-cycle-keeps-context",
                    test_frozen_cycle_keeps_context);
    g_test_add_func("/virtio-gpu-s3/virgl/stock-driver-loses-context",
                    test_stock_driver_loses_context);
    xvfb = xvfb_start();
    ret = g_test_run();
    xvfb_stop(xvfb);
    return ret;
}
