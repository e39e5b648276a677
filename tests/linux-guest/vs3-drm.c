/*
 * vs3-drm: a small KMS client for the Linux guest test
 *
 * Draws two patterns into two dumb buffers of the first connected
 * connector's preferred mode, shows the first, and keeps both.  It then
 * reads commands, one per line, from a FIFO:
 *
 *   show A | show B   put that buffer on the CRTC and flush it to the host
 *   quit
 *
 * and answers each on stdout ("vs3-drm: showing B", or what failed), so
 * that the init script can tell the test harness.  Each answer ends with
 * its number, "(answer N)", the first being the one to the initial show:
 * init waits for the answer to its own command, never an earlier one.  The buffers are made
 * once, before the first suspend, and never again: after a resume, showing
 * one proves that the device still has it.
 *
 * With --virgl the buffers are virgl resources, not dumb buffers: the
 * client creates a surface object on each in its virgl context, and draws
 * a buffer by pointing the context's framebuffer state at the surface and
 * clearing it to the buffer's colour (A red, B blue).  Each show draws
 * the buffer again through those objects, reads it back from the host
 * (TRANSFER_FROM_HOST into the zeroed guest backing) and checks every
 * pixel before putting it on the CRTC: after a resume that works only if
 * the host kept the context, its objects and the resource.  The answer
 * says "read back ok", or how many pixels were wrong.
 *
 * Raw DRM ioctls from the kernel's UAPI headers: no libdrm, a static
 * binary.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>
#include <libdrm/virtgpu_drm.h>

#include "virgl-protocol.h"

#define MAX_IDS 16

typedef struct Buffer {
    uint32_t handle, pitch, fb;
    uint64_t size;
    uint32_t *pixels;
    /* --virgl: the host resource, its surface object, its colour. */
    uint32_t res, surface, colour;
} Buffer;

static int drm_fd;
static unsigned answers;

static void die(const char *what)
{
    printf("vs3-drm: error: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void xioctl(unsigned long req, void *arg, const char *what)
{
    while (ioctl(drm_fd, req, arg) < 0) {
        if (errno != EINTR && errno != EAGAIN) {
            die(what);
        }
    }
}

/*
 * The patterns, in XRGB8888.  tests/e2e/e2e-report.py computes the same
 * ones to check the screendumps: keep the two in step.
 */
static uint32_t pattern(char which, uint32_t x, uint32_t y)
{
    if (which == 'A') {
        return ((x & 0xff) << 16) | ((y & 0xff) << 8) | ((x ^ y) & 0xff);
    }
    return (((x + y) & 0xff) << 16) | (((x * 3) & 0xff) << 8) |
           ((y * 5) & 0xff);
}

static void add_fb(Buffer *b, uint32_t w, uint32_t h)
{
    struct drm_mode_fb_cmd fb = { .width = w, .height = h, .bpp = 32,
                                  .depth = 24, .pitch = b->pitch,
                                  .handle = b->handle };

    xioctl(DRM_IOCTL_MODE_ADDFB, &fb, "ADDFB");
    b->fb = fb.fb_id;
}

/* The buffer's pixels, mapped through the DRM file at OFFSET. */
static void map_pixels(Buffer *b, uint64_t offset)
{
    b->pixels = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED,
                     drm_fd, offset);
    if (b->pixels == MAP_FAILED) {
        die("mmap");
    }
}

static void make_buffer(Buffer *b, char which, uint32_t w, uint32_t h)
{
    struct drm_mode_create_dumb create = { .width = w, .height = h,
                                           .bpp = 32 };
    struct drm_mode_map_dumb map = { 0 };

    xioctl(DRM_IOCTL_MODE_CREATE_DUMB, &create, "CREATE_DUMB");
    b->handle = create.handle;
    b->pitch = create.pitch;
    b->size = create.size;
    map.handle = b->handle;
    xioctl(DRM_IOCTL_MODE_MAP_DUMB, &map, "MAP_DUMB");
    map_pixels(b, map.offset);
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            b->pixels[y * (b->pitch / 4) + x] = pattern(which, x, y);
        }
    }
    add_fb(b, w, h);
}

/* --virgl */

static void submit(Buffer *b, const uint32_t *cmds, uint32_t n,
                   const char *what)
{
    struct drm_virtgpu_execbuffer eb = {
        .size = n * 4,
        .command = (uintptr_t)cmds,
        .bo_handles = (uintptr_t)&b->handle,
        .num_bo_handles = 1,
        .fence_fd = -1,
    };

    xioctl(DRM_IOCTL_VIRTGPU_EXECBUFFER, &eb, what);
}

static uint32_t f32(float f)
{
    uint32_t u;

    memcpy(&u, &f, sizeof(u));
    return u;
}

/*
 * A virgl resource for buffer WHICH, with a surface object on it in this
 * client's context (the kernel makes the context at the first 3D call).
 */
static void make_virgl_buffer(Buffer *b, char which, uint32_t w, uint32_t h)
{
    struct drm_virtgpu_resource_create rc = {
        .target = PIPE_TEXTURE_2D,
        .format = VIRGL_FORMAT_B8G8R8X8_UNORM,
        .bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW |
                VIRGL_BIND_SCANOUT,
        .width = w, .height = h, .depth = 1, .array_size = 1,
        .size = w * h * 4, .stride = w * 4,
    };
    struct drm_virtgpu_map map = { 0 };
    uint32_t cmds[6];

    xioctl(DRM_IOCTL_VIRTGPU_RESOURCE_CREATE, &rc, "VIRTGPU_RESOURCE_CREATE");
    b->handle = rc.bo_handle;
    b->res = rc.res_handle;
    b->pitch = w * 4;
    b->size = (uint64_t)w * h * 4;
    b->surface = which == 'A' ? 1 : 2;
    b->colour = which == 'A' ? 0xff0000 : 0x0000ff;
    map.handle = b->handle;
    xioctl(DRM_IOCTL_VIRTGPU_MAP, &map, "VIRTGPU_MAP");
    map_pixels(b, map.offset);
    cmds[0] = VIRGL_CMD0(VIRGL_CCMD_CREATE_OBJECT, VIRGL_OBJECT_SURFACE, 5);
    cmds[1] = b->surface;
    cmds[2] = b->res;
    cmds[3] = VIRGL_FORMAT_B8G8R8X8_UNORM;
    cmds[4] = 0;                /* level */
    cmds[5] = 0;                /* layers */
    submit(b, cmds, 6, "EXECBUFFER (surface)");
    add_fb(b, w, h);
}

/*
 * Draw buffer B through the context's objects made before the first
 * suspend, read it back from the host, and count the wrong pixels.
 */
static uint32_t draw_virgl_buffer(Buffer *b, uint32_t w, uint32_t h)
{
    const uint32_t cmds[] = {
        VIRGL_CMD0(VIRGL_CCMD_SET_FRAMEBUFFER_STATE, 0, 3),
        1, 0, b->surface,
        VIRGL_CMD0(VIRGL_CCMD_CLEAR, 0, 8),
        PIPE_CLEAR_COLOR0,
        f32(((b->colour >> 16) & 0xff) / 255.0f),
        f32(((b->colour >> 8) & 0xff) / 255.0f),
        f32((b->colour & 0xff) / 255.0f), f32(1.0f),
        0, 0,                   /* depth (double) */
        0,                      /* stencil */
    };
    struct drm_virtgpu_3d_transfer_from_host xfer = {
        .bo_handle = b->handle,
        .box = { .w = w, .h = h, .d = 1 },
    };
    struct drm_virtgpu_3d_wait wait = { .handle = b->handle };
    uint32_t bad = 0;

    /* Nothing of an earlier draw can pass for this one. */
    memset(b->pixels, 0, b->size);
    submit(b, cmds, sizeof(cmds) / 4, "EXECBUFFER (clear)");
    xioctl(DRM_IOCTL_VIRTGPU_TRANSFER_FROM_HOST, &xfer, "TRANSFER_FROM_HOST");
    xioctl(DRM_IOCTL_VIRTGPU_WAIT, &wait, "VIRTGPU_WAIT");
    for (uint32_t i = 0; i < w * h; i++) {
        bad += (b->pixels[i] & 0xffffff) != b->colour;
    }
    return bad;
}

static bool virgl_available(void)
{
    int value = 0;
    struct drm_virtgpu_getparam gp = {
        .param = VIRTGPU_PARAM_3D_FEATURES,
        .value = (uintptr_t)&value,
    };

    xioctl(DRM_IOCTL_VIRTGPU_GETPARAM, &gp, "VIRTGPU_GETPARAM");
    return value != 0;
}

static struct drm_mode_modeinfo mode;
static uint32_t crtc_id, connector_id;

/* The first connected connector, its first mode and a CRTC for it. */
static void find_output(void)
{
    uint32_t conns[MAX_IDS], crtcs[MAX_IDS], encs[MAX_IDS];
    struct drm_mode_card_res res = { 0 };

    xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res, "GETRESOURCES");
    if (res.count_connectors > MAX_IDS || res.count_crtcs > MAX_IDS ||
        res.count_encoders > MAX_IDS) {
        errno = E2BIG;
        die("GETRESOURCES");
    }
    res.connector_id_ptr = (uintptr_t)conns;
    res.crtc_id_ptr = (uintptr_t)crtcs;
    res.encoder_id_ptr = (uintptr_t)encs;
    res.count_fbs = 0;
    xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res, "GETRESOURCES");

    for (uint32_t i = 0; i < res.count_connectors; i++) {
        struct drm_mode_modeinfo modes[64];
        struct drm_mode_get_connector c = { .connector_id = conns[i] };
        struct drm_mode_get_encoder e = { 0 };

        xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c, "GETCONNECTOR");
        if (c.connection != 1 || c.count_modes == 0) {
            continue;
        }
        if (c.count_modes > 64) {
            c.count_modes = 64;
        }
        c.modes_ptr = (uintptr_t)modes;
        c.count_props = 0;
        c.count_encoders = 0;
        xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c, "GETCONNECTOR");
        mode = modes[0];
        connector_id = conns[i];
        e.encoder_id = c.encoder_id ? c.encoder_id : encs[0];
        xioctl(DRM_IOCTL_MODE_GETENCODER, &e, "GETENCODER");
        crtc_id = e.crtc_id ? e.crtc_id : crtcs[0];
        return;
    }
    errno = ENODEV;
    die("no connected connector");
}

static void show(const Buffer *b)
{
    struct drm_mode_crtc crtc = {
        .crtc_id = crtc_id,
        .fb_id = b->fb,
        .set_connectors_ptr = (uintptr_t)&connector_id,
        .count_connectors = 1,
        .mode = mode,
        .mode_valid = 1,
    };
    struct drm_clip_rect clip = { 0, 0, mode.hdisplay, mode.vdisplay };
    struct drm_mode_fb_dirty_cmd dirty = {
        .fb_id = b->fb,
        .num_clips = 1,
        .clips_ptr = (uintptr_t)&clip,
    };

    xioctl(DRM_IOCTL_MODE_SETCRTC, &crtc, "SETCRTC");
    /* virtio-gpu sends a buffer to the host on a dirty or a flip. */
    xioctl(DRM_IOCTL_MODE_DIRTYFB, &dirty, "DIRTYFB");
}

/* Show buffer WHICH; with --virgl, draw it and check it first. */
static void show_buffer(Buffer *buf, char which, bool virgl)
{
    Buffer *b = &buf[which - 'A'];
    uint32_t bad;

    answers++;
    if (!virgl) {
        show(b);
        printf("vs3-drm: showing %c (answer %u)\n", which, answers);
        return;
    }
    bad = draw_virgl_buffer(b, mode.hdisplay, mode.vdisplay);
    show(b);
    if (bad) {
        printf("vs3-drm: showing %c, read back %u of %u pixels wrong "
               "(want 0x%06x, pixel 0 is 0x%06x) (answer %u)\n", which, bad,
               (uint32_t)mode.hdisplay * mode.vdisplay, b->colour,
               b->pixels[0] & 0xffffff, answers);
    } else {
        printf("vs3-drm: showing %c, read back ok (%ux%u of 0x%06x) "
               "(answer %u)\n", which, mode.hdisplay, mode.vdisplay,
               b->colour, answers);
    }
}

int main(int argc, char **argv)
{
    Buffer buf[2];
    char line[64];
    FILE *cmds;
    bool virgl = argc == 4 && !strcmp(argv[1], "--virgl");

    if (argc != 3 && !virgl) {
        fprintf(stderr, "usage: vs3-drm [--virgl] CARD FIFO\n");
        return 2;
    }
    argv += virgl;
    setvbuf(stdout, NULL, _IOLBF, 0);
    drm_fd = open(argv[1], O_RDWR | O_CLOEXEC);
    if (drm_fd < 0) {
        die(argv[1]);
    }
    if (virgl && !virgl_available()) {
        errno = ENODEV;
        die("no virgl on this device (VIRTGPU_PARAM_3D_FEATURES is 0)");
    }
    find_output();
    for (int i = 0; i < 2; i++) {
        if (virgl) {
            make_virgl_buffer(&buf[i], 'A' + i, mode.hdisplay, mode.vdisplay);
        } else {
            make_buffer(&buf[i], 'A' + i, mode.hdisplay, mode.vdisplay);
        }
    }
    if (virgl) {
        printf("vs3-drm: drawn %ux%u (virgl)\n", mode.hdisplay, mode.vdisplay);
        show_buffer(buf, 'A', virgl);
    } else {
        show(&buf[0]);
        printf("vs3-drm: drawn %ux%u, showing A (answer %u)\n",
               mode.hdisplay, mode.vdisplay, ++answers);
    }

    cmds = fopen(argv[2], "r+");
    if (!cmds) {
        die(argv[2]);
    }
    while (fgets(line, sizeof(line), cmds)) {
        if (!strcmp(line, "show A\n") || !strcmp(line, "show B\n")) {
            show_buffer(buf, line[5], virgl);
        } else if (!strcmp(line, "quit\n")) {
            break;
        } else {
            printf("vs3-drm: unknown command (answer %u) %s", ++answers,
                   line);
        }
    }
    return 0;
}
