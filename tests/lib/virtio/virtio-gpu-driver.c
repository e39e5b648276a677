/*
 * virtio-gpu commands for the tests
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "virtio-gpu-driver.h"

#define REQ_MAX     4096
#define RESP_MAX    512

struct vgpu_hdr {
    uint32_t type;
    uint32_t flags;
    uint64_t fence_id;
    uint32_t ctx_id;
    uint8_t ring_idx;
    uint8_t padding[3];
};

struct vgpu_mem_entry {
    uint64_t addr;
    uint32_t length;
    uint32_t padding;
};

_Static_assert(sizeof(struct vgpu_hdr) == 24, "virtio_gpu_ctrl_hdr");
_Static_assert(sizeof(VGpuRect) == 16, "virtio_gpu_rect");
_Static_assert(sizeof(VGpuBox) == 24, "virtio_gpu_box");

int vgpu_probe(Vio *io, int nth, VGpu *g)
{
    memset(g, 0, sizeof(*g));
    if (vpci_find(io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_GPU), nth, &g->pci) ||
        vpci_map(&g->pci)) {
        return -1;
    }
    g->req = vio_alloc(io, REQ_MAX, 64);
    g->resp = vio_alloc(io, RESP_MAX, 64);
    return g->req && g->resp ? 0 : -1;
}

int vgpu_init(VGpu *g, uint64_t extra_features)
{
    if (vpci_negotiate(&g->pci, (1ull << VIRTIO_F_VERSION_1) |
                                extra_features) ||
        vpci_setup_queue(&g->pci, &g->ctrlq, 0, 16) ||
        vpci_setup_queue(&g->pci, &g->cursorq, 1, 16)) {
        return -1;
    }
    vpci_driver_ok(&g->pci);
    return 0;
}

uint32_t vgpu_cmd(VGpu *g, const void *req, uint32_t req_len,
                  const void *extra, uint32_t extra_len,
                  void *resp, uint32_t resp_len)
{
    Vio *io = g->pci.io;
    VBuf bufs[2];
    struct vgpu_hdr h;

    if (req_len + extra_len > REQ_MAX || resp_len > RESP_MAX ||
        resp_len < sizeof(h)) {
        return VGPU_NO_RESPONSE;
    }
    io->ops->mem_write(io->opaque, g->req, req, req_len);
    if (extra_len) {
        io->ops->mem_write(io->opaque, g->req + req_len, extra, extra_len);
    }
    vio_memset(io, g->resp, 0, resp_len);
    bufs[0] = (VBuf){ g->req, req_len + extra_len, false };
    bufs[1] = (VBuf){ g->resp, resp_len, true };
    if (vq_run(&g->pci, &g->ctrlq, bufs, 2) < 0) {
        return VGPU_NO_RESPONSE;
    }
    io->ops->mem_read(io->opaque, g->resp, resp, resp_len);
    memcpy(&h, resp, sizeof(h));
    return h.type;
}

/* A command whose only answer is a header. */
static uint32_t simple(VGpu *g, const void *req, uint32_t len)
{
    struct vgpu_hdr resp;

    return vgpu_cmd(g, req, len, NULL, 0, &resp, sizeof(resp));
}

static struct vgpu_hdr hdr(uint32_t type, uint32_t ctx)
{
    struct vgpu_hdr h = { .type = type, .ctx_id = ctx };

    return h;
}

uint32_t vgpu_get_display_info(VGpu *g, VGpuRect *scanout0)
{
    struct vgpu_hdr req = hdr(VGPU_CMD_GET_DISPLAY_INFO, 0);
    struct {
        struct vgpu_hdr h;
        struct {
            VGpuRect r;
            uint32_t enabled, flags;
        } pmodes[16];
    } resp;
    uint32_t t = vgpu_cmd(g, &req, sizeof(req), NULL, 0, &resp, sizeof(resp));

    *scanout0 = resp.pmodes[0].r;
    return t;
}

uint32_t vgpu_resource_create_2d(VGpu *g, uint32_t id, uint32_t format,
                                 uint32_t width, uint32_t height)
{
    struct {
        struct vgpu_hdr h;
        uint32_t resource_id, format, width, height;
    } req = { hdr(VGPU_CMD_RESOURCE_CREATE_2D, 0), id, format, width,
              height };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_resource_unref(VGpu *g, uint32_t id)
{
    struct {
        struct vgpu_hdr h;
        uint32_t resource_id, padding;
    } req = { hdr(VGPU_CMD_RESOURCE_UNREF, 0), id, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_attach_backing(VGpu *g, uint32_t id, uint64_t gpa,
                             uint32_t len)
{
    struct {
        struct vgpu_hdr h;
        uint32_t resource_id, nr_entries;
    } req = { hdr(VGPU_CMD_RESOURCE_ATTACH_BACKING, 0), id, 1 };
    struct vgpu_mem_entry e = { gpa, len, 0 };
    struct vgpu_hdr resp;

    return vgpu_cmd(g, &req, sizeof(req), &e, sizeof(e), &resp,
                    sizeof(resp));
}

uint32_t vgpu_set_scanout(VGpu *g, uint32_t scanout, uint32_t id,
                          VGpuRect r)
{
    struct {
        struct vgpu_hdr h;
        VGpuRect r;
        uint32_t scanout_id, resource_id;
    } req = { hdr(VGPU_CMD_SET_SCANOUT, 0), r, scanout, id };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_transfer_to_host_2d(VGpu *g, uint32_t id, VGpuRect r,
                                  uint64_t offset)
{
    struct {
        struct vgpu_hdr h;
        VGpuRect r;
        uint64_t offset;
        uint32_t resource_id, padding;
    } req = { hdr(VGPU_CMD_TRANSFER_TO_HOST_2D, 0), r, offset, id, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_resource_flush(VGpu *g, uint32_t id, VGpuRect r)
{
    struct {
        struct vgpu_hdr h;
        VGpuRect r;
        uint32_t resource_id, padding;
    } req = { hdr(VGPU_CMD_RESOURCE_FLUSH, 0), r, id, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_ctx_create(VGpu *g, uint32_t ctx, const char *name)
{
    struct {
        struct vgpu_hdr h;
        uint32_t nlen, context_init;
        char debug_name[64];
    } req = { hdr(VGPU_CMD_CTX_CREATE, ctx), 0, 0, { 0 } };
    size_t n = strlen(name);

    if (n > sizeof(req.debug_name)) {
        n = sizeof(req.debug_name);
    }
    memcpy(req.debug_name, name, n);
    req.nlen = (uint32_t)n;
    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_ctx_attach_resource(VGpu *g, uint32_t ctx, uint32_t id)
{
    struct {
        struct vgpu_hdr h;
        uint32_t resource_id, padding;
    } req = { hdr(VGPU_CMD_CTX_ATTACH_RESOURCE, ctx), id, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_resource_create_3d(VGpu *g, uint32_t id, uint32_t target,
                                 uint32_t format, uint32_t bind,
                                 uint32_t width, uint32_t height)
{
    struct {
        struct vgpu_hdr h;
        uint32_t resource_id, target, format, bind, width, height, depth;
        uint32_t array_size, last_level, nr_samples, flags, padding;
    } req = { hdr(VGPU_CMD_RESOURCE_CREATE_3D, 0), id, target, format, bind,
              width, height, 1, 1, 0, 0, 0, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_transfer_3d(VGpu *g, bool to_host, uint32_t ctx, uint32_t id,
                          VGpuBox box, uint32_t stride)
{
    struct {
        struct vgpu_hdr h;
        VGpuBox box;
        uint64_t offset;
        uint32_t resource_id, level, stride, layer_stride;
    } req = { hdr(to_host ? VGPU_CMD_TRANSFER_TO_HOST_3D :
                            VGPU_CMD_TRANSFER_FROM_HOST_3D, ctx),
              box, 0, id, 0, stride, 0 };

    return simple(g, &req, sizeof(req));
}

uint32_t vgpu_submit_3d(VGpu *g, uint32_t ctx, const uint32_t *cmds,
                        uint32_t n)
{
    struct {
        struct vgpu_hdr h;
        uint32_t size, padding;
    } req = { hdr(VGPU_CMD_SUBMIT_3D, ctx), n * 4, 0 };
    struct vgpu_hdr resp;

    return vgpu_cmd(g, &req, sizeof(req), cmds, n * 4, &resp, sizeof(resp));
}

const char *vgpu_resp_name(uint32_t type)
{
    switch (type) {
    case VGPU_RESP_OK_NODATA:
        return "OK_NODATA";
    case VGPU_RESP_OK_DISPLAY_INFO:
        return "OK_DISPLAY_INFO";
    case VGPU_RESP_ERR_UNSPEC:
        return "ERR_UNSPEC";
    case VGPU_RESP_ERR_OUT_OF_MEMORY:
        return "ERR_OUT_OF_MEMORY";
    case VGPU_RESP_ERR_INVALID_SCANOUT_ID:
        return "ERR_INVALID_SCANOUT_ID";
    case VGPU_RESP_ERR_INVALID_RESOURCE_ID:
        return "ERR_INVALID_RESOURCE_ID";
    case VGPU_RESP_ERR_INVALID_CONTEXT_ID:
        return "ERR_INVALID_CONTEXT_ID";
    case VGPU_RESP_ERR_INVALID_PARAMETER:
        return "ERR_INVALID_PARAMETER";
    case VGPU_NO_RESPONSE:
        return "no response";
    default:
        return "unknown response";
    }
}
