/*
 * A virtio-gpu "scene" for the S3 tests: a VM with one virtio-gpu, some 2D
 * resources with backing in guest RAM, one of them on scanout 0.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_GPU_SCENE_H
#define VS3_GPU_SCENE_H

#include "qtest-vio.h"
#include "virtio/virtio-gpu-driver.h"
#include "virtio-s3/freeze-abi.h"

#define FEATURE_FREEZE      (1ull << VS3_F_FREEZE_MODE)
#define SCENE_NRES          3

typedef struct SceneRes {
    uint32_t id, width, height;
    uint64_t backing;
} SceneRes;

typedef struct Scene {
    QVM *vm;
    Vio io;
    VGpu g;
    SceneRes res[SCENE_NRES];
} Scene;

/* Start a VM with "-device DEVICE" (properties included) and probe it. */
void scene_start(Scene *s, const char *device, const char *extra_args);
void scene_quit(Scene *s);

/* Initialise the device with these features (VERSION_1 is implied). */
void scene_init(Scene *s, uint64_t features);
/* Create, fill, upload the resources; put the first on scanout 0; flush. */
void scene_draw(Scene *s);

uint16_t scene_freeze_mode(Scene *s);
void scene_write_freeze_mode(Scene *s, uint32_t val);

/* RESOURCE_FLUSH / TRANSFER_TO_HOST_2D of an old resource, full rect. */
uint32_t scene_flush(Scene *s, const SceneRes *r);
uint32_t scene_transfer(Scene *s, const SceneRes *r);

/* RESOURCE_FLUSH every resource of the scene; each must answer resp. */
void scene_expect_all(Scene *s, uint32_t resp);

/* The whole S3 cycle of a driver: freeze (if features has the bit), S3,
 * system_wakeup, re-initialise with features, unfreeze (if frozen). */
void scene_s3_cycle(Scene *s, uint64_t features);

/* Does QEMU's log contain this text (trace events, guest errors)? */
bool scene_log_has(Scene *s, const char *text);
/* Are two screendumps identical, pixel for pixel? */
bool same_image(const char *a, const char *b);

#endif /* VS3_GPU_SCENE_H */
