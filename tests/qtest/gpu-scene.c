/*
 * A virtio-gpu scene for the S3 tests
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "gpu-scene.h"

static const SceneRes layout[SCENE_NRES] = {
    { .id = 1, .width = 64, .height = 48 },     /* on scanout 0 */
    { .id = 2, .width = 32, .height = 32 },
    { .id = 7, .width = 16, .height = 8 },
};

void scene_start(Scene *s, const char *device, const char *extra_args)
{
    memset(s, 0, sizeof(*s));
    memcpy(s->res, layout, sizeof(layout));
    s->vm = qvm_start("-m 256 -device %s -d guest_errors"
                      " -trace virtio_freeze_* -trace virtio_gpu_freeze_*"
                      " %s", device, extra_args ? extra_args : "");
    qvio_init(&s->io, s->vm);
    g_assert_cmpint(vgpu_probe(&s->io, 0, &s->g), ==, 0);
}

void scene_quit(Scene *s)
{
    qvm_quit(s->vm);
    s->vm = NULL;
}

void scene_init(Scene *s, uint64_t features)
{
    g_assert_cmpint(vgpu_init(&s->g, features), ==, 0);
}

/* A pattern that differs per resource and per pixel (BGRX). */
static uint32_t pixel(uint32_t id, uint32_t x, uint32_t y)
{
    return (((x * 4 + id * 40) & 0xff) << 16) | (((y * 5) & 0xff) << 8) |
           ((x ^ y ^ (id * 0x55)) & 0xff);
}

void scene_draw(Scene *s)
{
    for (int i = 0; i < SCENE_NRES; i++) {
        SceneRes *r = &s->res[i];
        uint32_t len = r->width * r->height * 4;
        g_autofree uint32_t *px = g_new(uint32_t, r->width * r->height);

        for (uint32_t y = 0; y < r->height; y++) {
            for (uint32_t x = 0; x < r->width; x++) {
                px[y * r->width + x] = pixel(r->id, x, y);
            }
        }
        r->backing = vio_alloc(&s->io, len, 4096);
        g_assert_cmphex(r->backing, !=, 0);
        qvm_memwrite(s->vm, r->backing, px, len);
        g_assert_cmphex(vgpu_resource_create_2d(&s->g, r->id,
                                                VGPU_FORMAT_B8G8R8X8_UNORM,
                                                r->width, r->height), ==,
                        VGPU_RESP_OK_NODATA);
        g_assert_cmphex(vgpu_attach_backing(&s->g, r->id, r->backing, len),
                        ==, VGPU_RESP_OK_NODATA);
        g_assert_cmphex(scene_transfer(s, r), ==, VGPU_RESP_OK_NODATA);
    }
    g_assert_cmphex(vgpu_set_scanout(&s->g, 0, s->res[0].id,
                                     (VGpuRect){ 0, 0, s->res[0].width,
                                                 s->res[0].height }), ==,
                    VGPU_RESP_OK_NODATA);
    g_assert_cmphex(scene_flush(s, &s->res[0]), ==, VGPU_RESP_OK_NODATA);
}

uint16_t scene_freeze_mode(Scene *s)
{
    return vpci_common_read(&s->g.pci, VS3_CFG_FREEZE_MODE, 2);
}

void scene_write_freeze_mode(Scene *s, uint32_t val)
{
    vpci_common_write(&s->g.pci, VS3_CFG_FREEZE_MODE, 2, val);
}

uint32_t scene_flush(Scene *s, const SceneRes *r)
{
    return vgpu_resource_flush(&s->g, r->id,
                               (VGpuRect){ 0, 0, r->width, r->height });
}

uint32_t scene_transfer(Scene *s, const SceneRes *r)
{
    return vgpu_transfer_to_host_2d(&s->g, r->id,
                                    (VGpuRect){ 0, 0, r->width, r->height },
                                    0);
}

void scene_expect_all(Scene *s, uint32_t resp)
{
    for (int i = 0; i < SCENE_NRES; i++) {
        uint32_t got = scene_flush(s, &s->res[i]);

        if (got != resp) {
            g_error("resource %u answers %s, expected %s", s->res[i].id,
                    vgpu_resp_name(got), vgpu_resp_name(resp));
        }
    }
}

void scene_s3_cycle(Scene *s, uint64_t features)
{
    bool frozen = features & FEATURE_FREEZE;

    if (frozen) {
        scene_write_freeze_mode(s, VS3_FREEZE_MODE_FREEZE_S3);
        /* The driver polls until the device reports the mode in effect. */
        g_assert_cmpuint(scene_freeze_mode(s), ==, VS3_FREEZE_MODE_FREEZE_S3);
    }
    qs3_suspend(s->vm);
    qs3_wakeup(s->vm);
    vpci_restore_config(&s->g.pci);
    scene_init(s, features);
    if (frozen) {
        g_assert_cmpuint(scene_freeze_mode(s), ==, VS3_FREEZE_MODE_FREEZE_S3);
        scene_write_freeze_mode(s, VS3_FREEZE_MODE_UNFREEZE);
        g_assert_cmpuint(scene_freeze_mode(s), ==, VS3_FREEZE_MODE_UNFREEZE);
    }
}

bool scene_log_has(Scene *s, const char *text)
{
    g_autofree char *log = qvm_log(s->vm);

    return strstr(log, text) != NULL;
}

bool same_image(const char *a, const char *b)
{
    g_autofree char *da = NULL, *db = NULL;
    gsize la, lb;

    g_assert_true(g_file_get_contents(a, &da, &la, NULL));
    g_assert_true(g_file_get_contents(b, &db, &lb, NULL));
    if (la != lb) {
        g_test_message("%s is %zu bytes, %s is %zu", a, la, b, lb);
        return false;
    }
    return memcmp(da, db, la) == 0;
}
