/*
 * virtio-gpu commands for the tests (2D and the virgl subset we use)
 *
 * Struct layouts follow the virtio-gpu device specification (virtio 1.3,
 * 5.7.6); all fields are little-endian, as is every machine we run on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_VIRTIO_GPU_DRIVER_H
#define VS3_VIRTIO_GPU_DRIVER_H

#include "virtio-pci-modern.h"

#define VIRTIO_GPU_F_VIRGL                  0

enum {
    VGPU_CMD_GET_DISPLAY_INFO = 0x0100,
    VGPU_CMD_RESOURCE_CREATE_2D,
    VGPU_CMD_RESOURCE_UNREF,
    VGPU_CMD_SET_SCANOUT,
    VGPU_CMD_RESOURCE_FLUSH,
    VGPU_CMD_TRANSFER_TO_HOST_2D,
    VGPU_CMD_RESOURCE_ATTACH_BACKING,
    VGPU_CMD_RESOURCE_DETACH_BACKING,
    VGPU_CMD_CTX_CREATE = 0x0200,
    VGPU_CMD_CTX_DESTROY,
    VGPU_CMD_CTX_ATTACH_RESOURCE,
    VGPU_CMD_CTX_DETACH_RESOURCE,
    VGPU_CMD_RESOURCE_CREATE_3D,
    VGPU_CMD_TRANSFER_TO_HOST_3D,
    VGPU_CMD_TRANSFER_FROM_HOST_3D,
    VGPU_CMD_SUBMIT_3D,
    VGPU_RESP_OK_NODATA = 0x1100,
    VGPU_RESP_OK_DISPLAY_INFO,
    VGPU_RESP_ERR_UNSPEC = 0x1200,
    VGPU_RESP_ERR_OUT_OF_MEMORY,
    VGPU_RESP_ERR_INVALID_SCANOUT_ID,
    VGPU_RESP_ERR_INVALID_RESOURCE_ID,
    VGPU_RESP_ERR_INVALID_CONTEXT_ID,
    VGPU_RESP_ERR_INVALID_PARAMETER,
};

#define VGPU_FORMAT_B8G8R8X8_UNORM          2
/* No answer at all (timeout, or the device failed the request). */
#define VGPU_NO_RESPONSE                    0

typedef struct VGpuRect {
    uint32_t x, y, width, height;
} VGpuRect;

typedef struct VGpuBox {
    uint32_t x, y, z, w, h, d;
} VGpuBox;

typedef struct VGpu {
    VirtioPci pci;
    Virtq ctrlq;
    Virtq cursorq;
    uint64_t req;       /* request and response buffers in guest RAM */
    uint64_t resp;
} VGpu;

/* Find the nth virtio-gpu, map it; 0 or -1.  Does not initialise it. */
int vgpu_probe(Vio *io, int nth, VGpu *g);
/*
 * (Re)initialise as a driver does after probe or restore: reset,
 * negotiate VERSION_1 plus extra features, queues, DRIVER_OK.
 */
int vgpu_init(VGpu *g, uint64_t extra_features);

/* Run one control command; returns the response type. */
uint32_t vgpu_cmd(VGpu *g, const void *req, uint32_t req_len,
                  const void *extra, uint32_t extra_len,
                  void *resp, uint32_t resp_len);

uint32_t vgpu_get_display_info(VGpu *g, VGpuRect *scanout0);
uint32_t vgpu_resource_create_2d(VGpu *g, uint32_t id, uint32_t format,
                                 uint32_t width, uint32_t height);
uint32_t vgpu_resource_unref(VGpu *g, uint32_t id);
uint32_t vgpu_attach_backing(VGpu *g, uint32_t id, uint64_t gpa,
                             uint32_t len);
uint32_t vgpu_set_scanout(VGpu *g, uint32_t scanout, uint32_t id,
                          VGpuRect r);
uint32_t vgpu_transfer_to_host_2d(VGpu *g, uint32_t id, VGpuRect r,
                                  uint64_t offset);
uint32_t vgpu_resource_flush(VGpu *g, uint32_t id, VGpuRect r);

uint32_t vgpu_ctx_create(VGpu *g, uint32_t ctx, const char *name);
uint32_t vgpu_ctx_attach_resource(VGpu *g, uint32_t ctx, uint32_t id);
uint32_t vgpu_resource_create_3d(VGpu *g, uint32_t id, uint32_t target,
                                 uint32_t format, uint32_t bind,
                                 uint32_t width, uint32_t height);
uint32_t vgpu_transfer_3d(VGpu *g, bool to_host, uint32_t ctx, uint32_t id,
                          VGpuBox box, uint32_t stride);
/* Submit a virgl command stream of n dwords in context ctx. */
uint32_t vgpu_submit_3d(VGpu *g, uint32_t ctx, const uint32_t *cmds,
                        uint32_t n);

const char *vgpu_resp_name(uint32_t type);

#endif /* VS3_VIRTIO_GPU_DRIVER_H */
