/*
 * The virtio_gpu xl.cfg key: a virtio-gpu whose display survives ACPI S3.
 *
 * libxl turns libxl_virtio_gpu_info into one QEMU -device, with both of
 * the device model's S3 mechanisms on when s3 is set: freeze_mode
 * (x-freeze-mode, for guests with our driver) and PCI PM No_Soft_Reset
 * (x-pm-no-soft-reset, for Linux 6.8 and later as they are).  Every
 * combination is checked before the domain is built.
 *
 * SPDX-License-Identifier: LGPL-2.1-only
 */

#include "libxl_osdeps.h"

#include "libxl_internal.h"

/* The device's QEMU id, for monitor commands such as screendump. */
#define VIRTIO_GPU_QEMU_ID "virtio_gpu"
/*
 * virtio-vga's VGA memory (QEMU's virtio_vga_base_realize()).  Under Xen
 * the device model populates it from the domain's allowance, which
 * videoram sizes: without it QEMU cannot start.
 */
#define VIRTIO_VGA_VRAM_KB (8 * 1024)

/* The vga= value of xl.cfg that selects this card. */
static const char *xl_vga_name(libxl_vga_interface_type kind)
{
    switch (kind) {
    case LIBXL_VGA_INTERFACE_TYPE_STD:
        return "stdvga";
    case LIBXL_VGA_INTERFACE_TYPE_CIRRUS:
        return "cirrus";
    case LIBXL_VGA_INTERFACE_TYPE_QXL:
        return "qxl";
    default:
        return libxl_vga_interface_type_to_string(kind);
    }
}

/* A defbool the caller set to true (sdl and opengl are defaulted later). */
static bool set_true(libxl_defbool b)
{
    return !libxl_defbool_is_default(b) && libxl_defbool_val(b);
}

int libxl__virtio_gpu_setdefault(libxl__gc *gc,
                                 libxl_domain_build_info *b_info)
{
    libxl_virtio_gpu_info *g = &b_info->u.hvm.virtio_gpu;

    switch (g->model) {
    case LIBXL_VIRTIO_GPU_MODEL_NONE:
        return 0;
    case LIBXL_VIRTIO_GPU_MODEL_VIRTIO_VGA:
    case LIBXL_VIRTIO_GPU_MODEL_VIRTIO_GPU_PCI:
        break;
    default:
        LOG(ERROR, "virtio_gpu: invalid model %d", g->model);
        return ERROR_INVAL;
    }
    libxl_defbool_setdefault(&g->virgl, false);
    libxl_defbool_setdefault(&g->s3, true);

    if (b_info->device_model_version != LIBXL_DEVICE_MODEL_VERSION_QEMU_XEN) {
        LOG(ERROR, "virtio_gpu needs the upstream QEMU device model "
            "(device_model_version=\"qemu-xen\")");
        return ERROR_INVAL;
    }
    if (libxl_defbool_val(b_info->device_model_stubdomain)) {
        LOG(ERROR, "virtio_gpu is not supported with a device model stub "
            "domain");
        return ERROR_INVAL;
    }
    if (g->model == LIBXL_VIRTIO_GPU_MODEL_VIRTIO_VGA) {
        /* virtio-vga is the domain's VGA: no emulated card beside it. */
        switch (b_info->u.hvm.vga.kind) {
        case LIBXL_VGA_INTERFACE_TYPE_UNKNOWN:
            b_info->u.hvm.vga.kind = LIBXL_VGA_INTERFACE_TYPE_NONE;
            break;
        case LIBXL_VGA_INTERFACE_TYPE_NONE:
            break;
        default:
            LOG(ERROR, "virtio_gpu model=virtio-vga is the domain's VGA: "
                "remove vga=\"%s\", or use model=virtio-gpu-pci",
                xl_vga_name(b_info->u.hvm.vga.kind));
            return ERROR_INVAL;
        }
        if (b_info->video_memkb == LIBXL_MEMKB_DEFAULT) {
            b_info->video_memkb = VIRTIO_VGA_VRAM_KB;
        } else if (b_info->video_memkb < VIRTIO_VGA_VRAM_KB) {
            LOG(ERROR, "virtio_gpu model=virtio-vga needs videoram=%d or "
                "more (its VGA's memory), not %"PRIu64,
                VIRTIO_VGA_VRAM_KB / 1024, b_info->video_memkb / 1024);
            return ERROR_INVAL;
        }
    }
    /*
     * Measured with QEMU 7.2: virgl on a second display, beside the
     * emulated VGA, gets no OpenGL context from the SDL display, and QEMU
     * aborts at the guest's first 3D command.
     */
    if (libxl_defbool_val(g->virgl) &&
        g->model == LIBXL_VIRTIO_GPU_MODEL_VIRTIO_GPU_PCI &&
        b_info->u.hvm.vga.kind != LIBXL_VGA_INTERFACE_TYPE_NONE) {
        LOG(ERROR, "virtio_gpu renderer=virgl must be the domain's only "
            "display: use model=virtio-vga, or set vga=\"none\"");
        return ERROR_INVAL;
    }
    if (libxl_defbool_val(g->virgl) &&
        !(set_true(b_info->u.hvm.sdl.enable) &&
          set_true(b_info->u.hvm.sdl.opengl))) {
        LOG(ERROR, "virtio_gpu renderer=virgl needs an OpenGL display: "
            "set sdl=1 and opengl=1");
        return ERROR_INVAL;
    }
    return 0;
}

void libxl__virtio_gpu_dm_args(libxl__gc *gc,
                               const libxl_domain_build_info *b_info,
                               flexarray_t *dm_args)
{
    const libxl_virtio_gpu_info *g = &b_info->u.hvm.virtio_gpu;
    bool virgl;
    const char *dev;

    if (g->model == LIBXL_VIRTIO_GPU_MODEL_NONE)
        return;
    virgl = libxl_defbool_val(g->virgl);
    if (g->model == LIBXL_VIRTIO_GPU_MODEL_VIRTIO_VGA)
        dev = virgl ? "virtio-vga-gl" : "virtio-vga";
    else
        dev = virgl ? "virtio-gpu-gl-pci" : "virtio-gpu-pci";
    flexarray_append_pair(dm_args, "-device",
                          GCSPRINTF("%s,id=%s%s", dev, VIRTIO_GPU_QEMU_ID,
                                    libxl_defbool_val(g->s3) ?
                                    ",x-freeze-mode=on,x-pm-no-soft-reset=on"
                                    : ""));
    /*
     * For qemu-xen, libxl gives "-display sdl" whatever opengl says (its
     * opengl was the traditional device model's), and virglrenderer needs
     * the display's OpenGL context.  QEMU takes the last -display.
     */
    if (virgl)
        flexarray_append_pair(dm_args, "-display", "sdl,gl=on");
}

/*
 * Local variables:
 * mode: C
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
