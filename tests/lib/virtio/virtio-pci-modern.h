/*
 * A virtio 1.x PCI driver just big enough for the tests
 *
 * Finds a device on bus 0, maps its BARs (keeping firmware assignments),
 * walks the virtio capabilities, negotiates features, sets up split
 * virtqueues and runs one request at a time to completion.  It also exposes
 * the common configuration registers raw, freeze_mode included, because
 * that is what the tests are about.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_VIRTIO_PCI_MODERN_H
#define VS3_VIRTIO_PCI_MODERN_H

#include "vio.h"

#define VIRTIO_PCI_VENDOR           0x1af4
#define VIRTIO_PCI_DEVICE_ID(type)  (0x1040 + (type))
#define VIRTIO_ID_BLOCK             2
#define VIRTIO_ID_GPU               16

#define VIRTIO_F_VERSION_1          32

#define VIRTIO_STATUS_ACKNOWLEDGE   1
#define VIRTIO_STATUS_DRIVER        2
#define VIRTIO_STATUS_DRIVER_OK     4
#define VIRTIO_STATUS_FEATURES_OK   8
#define VIRTIO_STATUS_FAILED        128

#define VQ_MAX_SIZE                 64

typedef struct Virtq {
    uint16_t index;
    uint16_t size;
    uint64_t desc, avail, used;
    uint16_t avail_idx;
    uint16_t used_idx;
    uint64_t notify;            /* address of this queue's notify register */
} Virtq;

typedef struct VirtioPci {
    Vio *io;
    unsigned bdf;
    uint16_t device_id;
    uint64_t common;            /* common configuration */
    uint64_t notify_base;
    uint32_t notify_mult;
    uint64_t isr;
    uint64_t device_cfg;
    uint32_t saved_bar[6];      /* config space as vpci_map left it */
    uint16_t saved_command;
} VirtioPci;

/* The nth (from 0) function on bus 0 with this device id: 0 or -1. */
int vpci_find(Vio *io, uint16_t device_id, int nth, VirtioPci *dev);
/* Assign unassigned BARs, enable memory and bus mastering, find caps. */
int vpci_map(VirtioPci *dev);

/*
 * Put back the BARs and command register saved by vpci_map, as an OS does
 * after S3: the wakeup resets PCI configuration space.
 */
void vpci_restore_config(VirtioPci *dev);

/* Offset of the function's first capability with this id, 0 if none. */
unsigned vpci_find_cap(VirtioPci *dev, uint8_t cap_id);

/*
 * PCI Power Management (PCI PM 1.2): the PM capability's registers.  The
 * function must have the capability (vpci_find_cap(dev, PCI_CAP_ID_PM)).
 */
#define PCI_CAP_ID_PM               0x01
#define PCI_PM_PMC                  2
#define PCI_PM_CTRL                 4
#define PCI_PM_CTRL_STATE_MASK      0x0003
#define PCI_PM_CTRL_NO_SOFT_RESET   0x0008
#define PCI_D0                      0
#define PCI_D3HOT                   3
uint16_t vpci_pm_pmc(VirtioPci *dev);
uint16_t vpci_pm_ctrl(VirtioPci *dev);
void vpci_pm_write_ctrl(VirtioPci *dev, uint16_t val);
/* PMCSR's PowerState field (0 = D0 ... 3 = D3hot), the rest unchanged. */
unsigned vpci_pm_state(VirtioPci *dev);
void vpci_pm_set_state(VirtioPci *dev, unsigned state);

/* Raw access to the common configuration structure. */
uint32_t vpci_common_read(VirtioPci *dev, unsigned off, int size);
void vpci_common_write(VirtioPci *dev, unsigned off, int size, uint32_t v);

uint8_t vpci_get_status(VirtioPci *dev);
void vpci_set_status(VirtioPci *dev, uint8_t status);
uint64_t vpci_device_features(VirtioPci *dev);

/*
 * Reset, ACKNOWLEDGE, DRIVER, write features, FEATURES_OK; 0 if the device
 * kept FEATURES_OK, -1 otherwise.  features must include VERSION_1.
 */
int vpci_negotiate(VirtioPci *dev, uint64_t features);
/* Set up queue index with size entries (<= VQ_MAX_SIZE). */
int vpci_setup_queue(VirtioPci *dev, Virtq *vq, uint16_t index,
                     uint16_t size);
void vpci_driver_ok(VirtioPci *dev);

typedef struct VBuf {
    uint64_t addr;
    uint32_t len;
    bool device_writes;
} VBuf;

/*
 * Put one descriptor chain on the queue, notify, and wait until the device
 * has used it.  Returns the length the device wrote, or -1 on timeout.
 */
int64_t vq_run(VirtioPci *dev, Virtq *vq, const VBuf *bufs, unsigned n);

/* Device-specific configuration space. */
uint32_t vpci_config_read(VirtioPci *dev, unsigned off, int size);
void vpci_config_write(VirtioPci *dev, unsigned off, int size, uint32_t v);

#endif /* VS3_VIRTIO_PCI_MODERN_H */
