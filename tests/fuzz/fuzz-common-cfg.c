/*
 * Fuzz sequences of common-configuration writes as a driver would make
 * them (feature select and negotiation, freeze_mode, device_status),
 * replayed against a model of the device that feeds the freeze state
 * machine exactly as hw/virtio/virtio-freeze.c does: negotiated derived
 * from the status and the driver's features, FEATURES_OK reported when the
 * status gains it, a driver reset when 0 is written, wakeup and cold
 * resets in between.  The register never reads a reserved value, and state
 * is kept only for a driver that negotiated the feature and froze.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio-s3/freeze-fsm.h"

#define STATUS_FEATURES_OK  8

typedef struct Device {
    bool offer;                 /* x-freeze-mode=on */
    uint32_t dfselect;
    uint64_t driver_features;
    uint8_t status;
    VS3Freeze fsm;
    bool frozen_by_driver;      /* the driver wrote FREEZE_S3 and it held */
} Device;

static VS3Freeze *fsm(Device *d)
{
    d->fsm.offered = d->offer;
    d->fsm.negotiated = (d->status & STATUS_FEATURES_OK) &&
                        (d->driver_features & VS3_F_FREEZE_MODE_MASK) &&
                        d->offer;
    return &d->fsm;
}

static void reset(Device *d, VS3FreezeEvent ev)
{
    VS3FreezeOutcome o = vs3_freeze_step(fsm(d), ev, 0);

    if (o.action == VS3_STATE_KEEP) {
        assert(d->frozen_by_driver);
    } else {
        d->frozen_by_driver = false;
    }
    d->status = 0;
    d->driver_features = 0;
}

static void write_reg(Device *d, uint8_t reg, uint32_t val)
{
    switch (reg % 6) {
    case 0:                                         /* driver_feature_select */
        d->dfselect = val & 1;
        break;
    case 1:                                         /* driver_feature */
        if (d->status & STATUS_FEATURES_OK) {
            break;                                  /* fixed once accepted */
        }
        d->driver_features &= ~(UINT64_C(0xffffffff) << (32 * d->dfselect));
        d->driver_features |= (uint64_t)val << (32 * d->dfselect);
        if (!d->offer) {
            d->driver_features &= ~VS3_F_FREEZE_MODE_MASK;  /* QEMU masks */
        }
        break;
    case 2: {                                       /* device_status */
        uint8_t v = val & 0xff;

        if (v == 0) {
            reset(d, VS3_FEV_DRIVER_RESET);
            break;
        }
        if (!(d->status & STATUS_FEATURES_OK) && (v & STATUS_FEATURES_OK)) {
            bool accepted = d->driver_features & VS3_F_FREEZE_MODE_MASK;
            VS3FreezeOutcome o = vs3_freeze_step(fsm(d), VS3_FEV_FEATURES_OK,
                                                 accepted);

            if (o.action == VS3_STATE_DISCARD) {
                d->frozen_by_driver = false;
            }
        }
        d->status = v;
        break;
    }
    case 3: {                                       /* freeze_mode */
        VS3FreezeOutcome o = vs3_freeze_step(fsm(d), VS3_FEV_DRIVER_WRITE,
                                             val);

        if (o.verdict == VS3_ACCEPTED) {
            d->frozen_by_driver = o.new_mode == VS3_FREEZE_MODE_FREEZE_S3;
        }
        break;
    }
    case 4:                                         /* S3 wakeup */
        reset(d, VS3_FEV_WAKEUP_RESET);
        break;
    case 5:                                         /* system_reset */
        reset(d, VS3_FEV_COLD_RESET);
        assert(d->fsm.mode == VS3_FREEZE_MODE_UNFREEZE);
        break;
    }
    assert(vs3_freeze_mode_valid(vs3_freeze_read(&d->fsm)));
    assert(d->offer || vs3_freeze_read(&d->fsm) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Device d = { 0 };

    if (!size) {
        return 0;
    }
    d.offer = data[0] & 1;
    vs3_freeze_init(&d.fsm, d.offer);
    for (size_t i = 1; i + 4 < size; i += 5) {
        uint32_t v = data[i + 1] | (uint32_t)data[i + 2] << 8 |
                     (uint32_t)data[i + 3] << 16 | (uint32_t)data[i + 4] << 24;

        /* Favour the values that matter: small ones and feature bit 49. */
        if (data[i] & 0x80) {
            v = (data[i] & 0x40) ? VS3_F_FREEZE_MODE_WORD_MASK | 1 : v & 7;
        }
        write_reg(&d, data[i], v);
    }
    return 0;
}
