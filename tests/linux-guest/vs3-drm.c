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
 * that the init script can tell the test harness.  The buffers are made
 * once, before the first suspend, and never again: after a resume, showing
 * one proves that the device still has it.
 *
 * Raw DRM ioctls from the kernel's UAPI header: no libdrm, a static
 * binary.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
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

#define MAX_IDS 16

typedef struct Buffer {
    uint32_t handle, pitch, fb;
    uint64_t size;
    uint32_t *pixels;
} Buffer;

static int drm_fd;

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

static void make_buffer(Buffer *b, char which, uint32_t w, uint32_t h)
{
    struct drm_mode_create_dumb create = { .width = w, .height = h,
                                           .bpp = 32 };
    struct drm_mode_map_dumb map = { 0 };
    struct drm_mode_fb_cmd fb = { .width = w, .height = h, .bpp = 32,
                                  .depth = 24 };

    xioctl(DRM_IOCTL_MODE_CREATE_DUMB, &create, "CREATE_DUMB");
    b->handle = create.handle;
    b->pitch = create.pitch;
    b->size = create.size;
    map.handle = b->handle;
    xioctl(DRM_IOCTL_MODE_MAP_DUMB, &map, "MAP_DUMB");
    b->pixels = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED,
                     drm_fd, map.offset);
    if (b->pixels == MAP_FAILED) {
        die("mmap");
    }
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            b->pixels[y * (b->pitch / 4) + x] = pattern(which, x, y);
        }
    }
    fb.pitch = b->pitch;
    fb.handle = b->handle;
    xioctl(DRM_IOCTL_MODE_ADDFB, &fb, "ADDFB");
    b->fb = fb.fb_id;
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

int main(int argc, char **argv)
{
    Buffer buf[2];
    char line[64];
    FILE *cmds;

    if (argc != 3) {
        fprintf(stderr, "usage: vs3-drm CARD FIFO\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    drm_fd = open(argv[1], O_RDWR | O_CLOEXEC);
    if (drm_fd < 0) {
        die(argv[1]);
    }
    find_output();
    make_buffer(&buf[0], 'A', mode.hdisplay, mode.vdisplay);
    make_buffer(&buf[1], 'B', mode.hdisplay, mode.vdisplay);
    show(&buf[0]);
    printf("vs3-drm: drawn %ux%u, showing A\n", mode.hdisplay, mode.vdisplay);

    cmds = fopen(argv[2], "r+");
    if (!cmds) {
        die(argv[2]);
    }
    while (fgets(line, sizeof(line), cmds)) {
        if (!strcmp(line, "show A\n") || !strcmp(line, "show B\n")) {
            show(&buf[line[5] - 'A']);
            printf("vs3-drm: showing %c\n", line[5]);
        } else if (!strcmp(line, "quit\n")) {
            break;
        } else {
            printf("vs3-drm: unknown command %s", line);
        }
    }
    return 0;
}
