/*
 * A virtio-gpu scene inside the guest
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "gpu-guest.h"

static const GSceneRes layout[GSCENE_NRES] = {
    { .id = 1, .width = 320, .height = 200 },   /* on scanout 0 */
    { .id = 2, .width = 64, .height = 64 },
    { .id = 9, .width = 16, .height = 16 },
};

bool gscene_probe(GScene *s)
{
    memset(s, 0, sizeof(*s));
    memcpy(s->res, layout, sizeof(layout));
    guest_vio_init(&s->io);
    return vgpu_probe(&s->io, 0, &s->g) == 0;
}

bool gscene_init(GScene *s)
{
    return vgpu_init(&s->g, s->features) == 0;
}

/* A colour test pattern: bands, a gradient and a diagonal (BGRX). */
static uint32_t pixel(uint32_t id, uint32_t x, uint32_t y)
{
    uint32_t r = (x * 255 / 320) & 0xff, g = (y * 255 / 200) & 0xff;
    uint32_t b = ((x / 40) & 1) ? 0xc0 : 0x30;

    if (x == y || x == y + 1) {
        return 0x00ffffff;
    }
    return (r << 16) | (g << 8) | (b ^ (id * 0x21));
}

unsigned gscene_draw(GScene *s)
{
    unsigned failures = 0;

    for (unsigned i = 0; i < GSCENE_NRES; i++) {
        GSceneRes *r = &s->res[i];
        uint32_t len = r->width * r->height * 4;
        uint32_t *px;
        uint32_t t;

        r->backing = vio_alloc(&s->io, len, 4096);
        px = (uint32_t *)(uintptr_t)r->backing;
        for (uint32_t y = 0; y < r->height; y++) {
            for (uint32_t x = 0; x < r->width; x++) {
                px[y * r->width + x] = pixel(r->id, x, y);
            }
        }
        t = vgpu_resource_create_2d(&s->g, r->id, VGPU_FORMAT_B8G8R8X8_UNORM,
                                    r->width, r->height);
        if (t == VGPU_RESP_OK_NODATA) {
            t = vgpu_attach_backing(&s->g, r->id, r->backing, len);
        }
        if (t == VGPU_RESP_OK_NODATA) {
            t = vgpu_transfer_to_host_2d(&s->g, r->id, (VGpuRect){
                0, 0, r->width, r->height }, 0);
        }
        if (t != VGPU_RESP_OK_NODATA) {
            xtf_failure("resource %u: %s while drawing", r->id,
                        vgpu_resp_name(t));
            failures++;
        }
    }
    if (vgpu_set_scanout(&s->g, 0, s->res[0].id, (VGpuRect){
            0, 0, s->res[0].width, s->res[0].height }) !=
        VGPU_RESP_OK_NODATA ||
        vgpu_resource_flush(&s->g, s->res[0].id, (VGpuRect){
            0, 0, s->res[0].width, s->res[0].height }) !=
        VGPU_RESP_OK_NODATA) {
        xtf_failure("scanout 0: cannot show resource %u", s->res[0].id);
        failures++;
    }
    return failures;
}

bool gscene_set_freeze_mode(GScene *s, uint16_t mode)
{
    vpci_common_write(&s->g.pci, VS3_CFG_FREEZE_MODE, 2, mode);
    for (unsigned i = 0; i < 1000000; i++) {
        if (vpci_common_read(&s->g.pci, VS3_CFG_FREEZE_MODE, 2) == mode) {
            return true;
        }
        cpu_relax();
    }
    return false;
}

bool gscene_restore(GScene *s)
{
    vpci_restore_config(&s->g.pci);
    return gscene_init(s);
}

unsigned gscene_check(GScene *s)
{
    unsigned lost = 0;

    for (unsigned i = 0; i < GSCENE_NRES; i++) {
        GSceneRes *r = &s->res[i];
        uint32_t t = vgpu_resource_flush(&s->g, r->id, (VGpuRect){
            0, 0, r->width, r->height });

        printk("resource %u after resume: %s\n", r->id, vgpu_resp_name(t));
        lost += t != VGPU_RESP_OK_NODATA;
    }
    return lost;
}

/* i8042: output buffer full, data port. */
#define KBD_STATUS      0x64
#define KBD_DATA        0x60
#define KBD_OBF         0x01

bool wait_for_host(const char *what)
{
    uint64_t start;

    while (inb(KBD_STATUS) & KBD_OBF) {
        (void)inb(KBD_DATA);            /* drop anything stale */
    }
    mark(what);
    start = rdtsc();
    while (rdtsc() - start < 200000000000ull) {
        if (inb(KBD_STATUS) & KBD_OBF) {
            (void)inb(KBD_DATA);
            return true;
        }
        spin_batch();
    }
    xtf_warning("the host did not answer '%s'", what);
    return false;
}

int gscene_s3_cycle_test(GScene *s, bool freeze, unsigned cycles)
{
    AcpiSleep sleep;
    unsigned lost = 0;

    acpi_find_sleep(&sleep);
    if (!gscene_probe(s)) {
        xtf_skip("no virtio-gpu-pci device");
        return -1;
    }
    if (freeze) {
        if (vpci_device_features(&s->g.pci) & FEATURE_FREEZE) {
            s->features = FEATURE_FREEZE;
        } else {
            printk("virtio-gpu does not offer VIRTIO_F_FREEZE_MODE (bit %u):"
                   " a device model without freeze_mode\n",
                   VS3_F_FREEZE_MODE);
        }
    }
    if (!gscene_init(s)) {
        xtf_error("cannot initialise virtio-gpu");
        return -1;
    }
    if (gscene_draw(s)) {
        return -1;
    }
    mark("drawn");

    for (unsigned c = 1; c <= cycles; c++) {
        unsigned lost_now;

        if (s->features &&
            !gscene_set_freeze_mode(s, VS3_FREEZE_MODE_FREEZE_S3)) {
            xtf_failure("cycle %u: freeze_mode does not read FREEZE_S3", c);
            return -1;
        }
        if (s3_suspend(&sleep)) {
            xtf_error("cycle %u: the machine did not enter S3", c);
            return -1;
        }
        if (!gscene_restore(s)) {
            xtf_failure("cycle %u: cannot re-initialise virtio-gpu", c);
            return -1;
        }
        if (s->features) {
            uint16_t mode = vpci_common_read(&s->g.pci, VS3_CFG_FREEZE_MODE,
                                             2);

            if (mode != VS3_FREEZE_MODE_FREEZE_S3) {
                xtf_failure("cycle %u: freeze_mode reads %u after resume, "
                            "expected FREEZE_S3", c, mode);
            }
            if (!gscene_set_freeze_mode(s, VS3_FREEZE_MODE_UNFREEZE)) {
                xtf_failure("cycle %u: freeze_mode does not read UNFREEZE",
                            c);
            }
        }
        lost_now = gscene_check(s);
        printk("cycle %u: %u of %u resources lost\n", c, lost_now,
               GSCENE_NRES);
        lost += lost_now;
    }
    wait_for_host("restored");
    return (int)lost;
}
