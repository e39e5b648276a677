/*
 * A virtio-gpu scene inside the guest: resources drawn in guest RAM, one
 * on scanout 0, and the driver steps around S3.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_GPU_GUEST_H
#define VS3_GPU_GUEST_H

#include "guest.h"
#include "virtio-s3/freeze-abi.h"

#define FEATURE_FREEZE  (1ull << VS3_F_FREEZE_MODE)
#define GSCENE_NRES     3

typedef struct GSceneRes {
    uint32_t id, width, height;
    uint64_t backing;
} GSceneRes;

typedef struct GScene {
    Vio io;
    VGpu g;
    GSceneRes res[GSCENE_NRES];
    uint64_t features;          /* what the driver negotiates */
} GScene;

/* Find and map the virtio-gpu; false if there is none. */
bool gscene_probe(GScene *s);
/* Initialise the device as a driver does at probe or restore. */
bool gscene_init(GScene *s);
/* Create, fill, upload the resources, scanout 0, flush; failures count. */
unsigned gscene_draw(GScene *s);
/* Write freeze_mode and poll until it reads back (bounded); ok? */
bool gscene_set_freeze_mode(GScene *s, uint16_t mode);
/* After resume: PCI config back, re-initialise.  Ok? */
bool gscene_restore(GScene *s);
/* Flush every old resource; how many did not answer OK_NODATA. */
unsigned gscene_check(GScene *s);

/*
 * Tell the host that the display is ready to be captured and wait until it
 * says it has captured it (a key press injected by the host), at most about
 * a minute; false if the host never answered.
 */
bool wait_for_host(const char *what);

/*
 * The S3 scenario of the virtio-gpu tests: draw, freeze (if freeze is
 * true and the device offers the feature), S3, be resumed by the host,
 * restore, unfreeze, flush every old resource, let the host capture the
 * display.  Returns the number of resources lost, or -1 (reported) if the
 * scenario could not run to the end.
 */
int gscene_s3_cycle_test(GScene *s, bool freeze, unsigned cycles);

#endif /* VS3_GPU_GUEST_H */
