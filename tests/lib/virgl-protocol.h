/*
 * The few words of virglrenderer's command stream that the virgl tests
 * speak (virglrenderer's src/virgl_protocol.h and Gallium's p_defines.h):
 * one definition for the device-model test (tests/qtest/test-virgl-s3.c)
 * and the Linux guest's client (tests/linux-guest/vs3-drm.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_VIRGL_PROTOCOL_H
#define VS3_VIRGL_PROTOCOL_H

#define VIRGL_CMD0(cmd, obj, len)       ((cmd) | ((obj) << 8) | ((len) << 16))
#define VIRGL_CCMD_CREATE_OBJECT        1
#define VIRGL_CCMD_SET_FRAMEBUFFER_STATE 5
#define VIRGL_CCMD_CLEAR                7
#define VIRGL_OBJECT_SURFACE            8
#define VIRGL_FORMAT_B8G8R8X8_UNORM     2
#define VIRGL_BIND_RENDER_TARGET        (1 << 1)
#define VIRGL_BIND_SAMPLER_VIEW         (1 << 3)
#define VIRGL_BIND_SCANOUT              (1 << 18)
#define PIPE_TEXTURE_2D                 2
#define PIPE_CLEAR_COLOR0               (1 << 2)

#endif /* VS3_VIRGL_PROTOCOL_H */
