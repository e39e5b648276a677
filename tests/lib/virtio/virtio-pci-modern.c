/*
 * A virtio 1.x PCI driver just big enough for the tests
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "virtio-s3/freeze-abi.h"
#include "virtio-pci-modern.h"

#define PCI_VENDOR_ID           0x00
#define PCI_COMMAND             0x04
#define PCI_COMMAND_IO          0x1
#define PCI_COMMAND_MEMORY      0x2
#define PCI_COMMAND_MASTER      0x4
#define PCI_STATUS              0x06
#define PCI_STATUS_CAP_LIST     0x10
#define PCI_BAR0                0x10
#define PCI_CAPABILITY_LIST     0x34
#define PCI_CAP_ID_VNDR         0x09

#define VIRTIO_PCI_CAP_COMMON   1
#define VIRTIO_PCI_CAP_NOTIFY   2
#define VIRTIO_PCI_CAP_ISR      3
#define VIRTIO_PCI_CAP_DEVICE   4

/* struct virtio_pci_cap / virtio_pci_notify_cap field offsets. */
#define CAP_CFG_TYPE            3
#define CAP_BAR                 4
#define CAP_OFFSET              8
#define CAP_NOTIFY_MULT         16

static inline Vio *io_of(VirtioPci *d)
{
    return d->io;
}

int vpci_find(Vio *io, uint16_t device_id, int nth, VirtioPci *dev)
{
    unsigned slot, fn;

    for (slot = 0; slot < 32; slot++) {
        for (fn = 0; fn < 8; fn++) {
            unsigned bdf = (slot << 3) | fn;
            uint32_t id = vio_pci_cfg_read(io, bdf, PCI_VENDOR_ID, 4);

            if ((id & 0xffff) == VIRTIO_PCI_VENDOR && (id >> 16) == device_id &&
                nth-- == 0) {
                memset(dev, 0, sizeof(*dev));
                dev->io = io;
                dev->bdf = bdf;
                dev->device_id = device_id;
                return 0;
            }
        }
    }
    return -1;
}

/* Address of memory BAR n, assigning one from the MMIO window if unset. */
static uint64_t bar_address(VirtioPci *dev, unsigned n)
{
    Vio *io = io_of(dev);
    unsigned off = PCI_BAR0 + 4 * n;
    uint32_t lo = vio_pci_cfg_read(io, dev->bdf, off, 4);
    bool is64 = (lo & 0x6) == 0x4;
    uint64_t addr = lo & ~0xfu;
    uint64_t size;

    if (lo & 1) {
        return 0;                           /* I/O BAR: not used by virtio */
    }
    if (is64) {
        addr |= (uint64_t)vio_pci_cfg_read(io, dev->bdf, off + 4, 4) << 32;
    }
    if (addr) {
        return addr;                        /* assigned by firmware */
    }
    vio_pci_cfg_write(io, dev->bdf, off, 4, 0xffffffff);
    size = ~(vio_pci_cfg_read(io, dev->bdf, off, 4) & ~0xfu) + 1;
    size &= 0xffffffffu;
    if (!size) {
        return 0;
    }
    addr = (io->mmio_next + size - 1) & ~(size - 1);
    if (addr + size > io->mmio_end) {
        return 0;
    }
    io->mmio_next = addr + size;
    vio_pci_cfg_write(io, dev->bdf, off, 4, (uint32_t)addr);
    if (is64) {
        vio_pci_cfg_write(io, dev->bdf, off + 4, 4, (uint32_t)(addr >> 32));
    }
    return addr;
}

int vpci_map(VirtioPci *dev)
{
    Vio *io = io_of(dev);
    uint8_t pos;
    uint16_t cmd;

    if (!(vio_pci_cfg_read(io, dev->bdf, PCI_STATUS, 2) &
          PCI_STATUS_CAP_LIST)) {
        return -1;
    }
    for (pos = vio_pci_cfg_read(io, dev->bdf, PCI_CAPABILITY_LIST, 1) & ~3;
         pos; pos = vio_pci_cfg_read(io, dev->bdf, pos + 1, 1) & ~3) {
        uint8_t type, bar;
        uint64_t addr;

        if (vio_pci_cfg_read(io, dev->bdf, pos, 1) != PCI_CAP_ID_VNDR) {
            continue;
        }
        type = vio_pci_cfg_read(io, dev->bdf, pos + CAP_CFG_TYPE, 1);
        bar = vio_pci_cfg_read(io, dev->bdf, pos + CAP_BAR, 1);
        /* Skip VIRTIO_PCI_CAP_PCI_CFG and others that map no BAR of ours. */
        if (type < VIRTIO_PCI_CAP_COMMON || type > VIRTIO_PCI_CAP_DEVICE ||
            bar > 5) {
            continue;
        }
        addr = bar_address(dev, bar);
        if (!addr) {
            return -1;
        }
        addr += vio_pci_cfg_read(io, dev->bdf, pos + CAP_OFFSET, 4);
        switch (type) {
        case VIRTIO_PCI_CAP_COMMON:
            dev->common = addr;
            break;
        case VIRTIO_PCI_CAP_NOTIFY:
            dev->notify_base = addr;
            dev->notify_mult = vio_pci_cfg_read(io, dev->bdf,
                                                pos + CAP_NOTIFY_MULT, 4);
            break;
        case VIRTIO_PCI_CAP_ISR:
            dev->isr = addr;
            break;
        case VIRTIO_PCI_CAP_DEVICE:
            dev->device_cfg = addr;
            break;
        }
    }
    cmd = vio_pci_cfg_read(io, dev->bdf, PCI_COMMAND, 2);
    dev->saved_command = cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
    vio_pci_cfg_write(io, dev->bdf, PCI_COMMAND, 2, dev->saved_command);
    for (unsigned n = 0; n < 6; n++) {
        dev->saved_bar[n] = vio_pci_cfg_read(io, dev->bdf, PCI_BAR0 + 4 * n, 4);
    }
    return dev->common && dev->notify_base ? 0 : -1;
}

void vpci_restore_config(VirtioPci *dev)
{
    Vio *io = io_of(dev);

    for (unsigned n = 0; n < 6; n++) {
        vio_pci_cfg_write(io, dev->bdf, PCI_BAR0 + 4 * n, 4,
                          dev->saved_bar[n]);
    }
    vio_pci_cfg_write(io, dev->bdf, PCI_COMMAND, 2, dev->saved_command);
}

unsigned vpci_find_cap(VirtioPci *dev, uint8_t cap_id)
{
    Vio *io = io_of(dev);
    unsigned pos;
    /* 48 capabilities fill the 192 bytes after the header: no loops. */
    int left = 48;

    if (!(vio_pci_cfg_read(io, dev->bdf, PCI_STATUS, 2) &
          PCI_STATUS_CAP_LIST)) {
        return 0;
    }
    for (pos = vio_pci_cfg_read(io, dev->bdf, PCI_CAPABILITY_LIST, 1) & ~3;
         pos && left--; pos = vio_pci_cfg_read(io, dev->bdf, pos + 1, 1) & ~3) {
        if (vio_pci_cfg_read(io, dev->bdf, pos, 1) == cap_id) {
            return pos;
        }
    }
    return 0;
}

uint16_t vpci_pm_pmc(VirtioPci *dev)
{
    return vio_pci_cfg_read(io_of(dev), dev->bdf,
                            vpci_find_cap(dev, PCI_CAP_ID_PM) + PCI_PM_PMC, 2);
}

uint16_t vpci_pm_ctrl(VirtioPci *dev)
{
    return vio_pci_cfg_read(io_of(dev), dev->bdf,
                            vpci_find_cap(dev, PCI_CAP_ID_PM) + PCI_PM_CTRL,
                            2);
}

void vpci_pm_write_ctrl(VirtioPci *dev, uint16_t val)
{
    vio_pci_cfg_write(io_of(dev), dev->bdf,
                      vpci_find_cap(dev, PCI_CAP_ID_PM) + PCI_PM_CTRL, 2, val);
}

unsigned vpci_pm_state(VirtioPci *dev)
{
    return vpci_pm_ctrl(dev) & PCI_PM_CTRL_STATE_MASK;
}

void vpci_pm_set_state(VirtioPci *dev, unsigned state)
{
    vpci_pm_write_ctrl(dev, (vpci_pm_ctrl(dev) & ~PCI_PM_CTRL_STATE_MASK) |
                            state);
}

uint32_t vpci_common_read(VirtioPci *dev, unsigned off, int size)
{
    return io_of(dev)->ops->mmio_read(io_of(dev)->opaque, dev->common + off,
                                      size);
}

void vpci_common_write(VirtioPci *dev, unsigned off, int size, uint32_t v)
{
    io_of(dev)->ops->mmio_write(io_of(dev)->opaque, dev->common + off, size,
                                v);
}

uint32_t vpci_config_read(VirtioPci *dev, unsigned off, int size)
{
    return io_of(dev)->ops->mmio_read(io_of(dev)->opaque,
                                      dev->device_cfg + off, size);
}

void vpci_config_write(VirtioPci *dev, unsigned off, int size, uint32_t v)
{
    io_of(dev)->ops->mmio_write(io_of(dev)->opaque, dev->device_cfg + off,
                                size, v);
}

uint8_t vpci_get_status(VirtioPci *dev)
{
    return vpci_common_read(dev, VS3_CFG_DEVICE_STATUS, 1);
}

void vpci_set_status(VirtioPci *dev, uint8_t status)
{
    vpci_common_write(dev, VS3_CFG_DEVICE_STATUS, 1, status);
}

uint64_t vpci_device_features(VirtioPci *dev)
{
    uint64_t f;

    vpci_common_write(dev, VS3_CFG_DEVICE_FEATURE_SELECT, 4, 0);
    f = vpci_common_read(dev, VS3_CFG_DEVICE_FEATURE, 4);
    vpci_common_write(dev, VS3_CFG_DEVICE_FEATURE_SELECT, 4, 1);
    f |= (uint64_t)vpci_common_read(dev, VS3_CFG_DEVICE_FEATURE, 4) << 32;
    return f;
}

int vpci_negotiate(VirtioPci *dev, uint64_t features)
{
    uint8_t s;

    vpci_set_status(dev, 0);
    if (vpci_get_status(dev) != 0) {
        return -1;
    }
    vpci_set_status(dev, VIRTIO_STATUS_ACKNOWLEDGE);
    vpci_set_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vpci_common_write(dev, VS3_CFG_DRIVER_FEATURE_SELECT, 4, 0);
    vpci_common_write(dev, VS3_CFG_DRIVER_FEATURE, 4, (uint32_t)features);
    vpci_common_write(dev, VS3_CFG_DRIVER_FEATURE_SELECT, 4, 1);
    vpci_common_write(dev, VS3_CFG_DRIVER_FEATURE, 4,
                      (uint32_t)(features >> 32));
    vpci_set_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                         VIRTIO_STATUS_FEATURES_OK);
    s = vpci_get_status(dev);
    return s & VIRTIO_STATUS_FEATURES_OK ? 0 : -1;
}

int vpci_setup_queue(VirtioPci *dev, Virtq *vq, uint16_t index,
                     uint16_t size)
{
    Vio *io = io_of(dev);
    uint16_t max, noff;

    vpci_common_write(dev, VS3_CFG_QUEUE_SELECT, 2, index);
    max = vpci_common_read(dev, VS3_CFG_QUEUE_SIZE, 2);
    if (!max || size > max || size > VQ_MAX_SIZE || (size & (size - 1))) {
        return -1;
    }
    memset(vq, 0, sizeof(*vq));
    vq->index = index;
    vq->size = size;
    vq->desc = vio_alloc(io, 16u * size, 16);
    vq->avail = vio_alloc(io, 6u + 2u * size, 2);
    vq->used = vio_alloc(io, 6u + 8u * size, 4);
    if (!vq->desc || !vq->avail || !vq->used) {
        return -1;
    }
    vpci_common_write(dev, VS3_CFG_QUEUE_SIZE, 2, size);
    vpci_common_write(dev, VS3_CFG_QUEUE_DESC, 4, (uint32_t)vq->desc);
    vpci_common_write(dev, VS3_CFG_QUEUE_DESC + 4, 4, vq->desc >> 32);
    vpci_common_write(dev, VS3_CFG_QUEUE_DRIVER, 4, (uint32_t)vq->avail);
    vpci_common_write(dev, VS3_CFG_QUEUE_DRIVER + 4, 4, vq->avail >> 32);
    vpci_common_write(dev, VS3_CFG_QUEUE_DEVICE, 4, (uint32_t)vq->used);
    vpci_common_write(dev, VS3_CFG_QUEUE_DEVICE + 4, 4, vq->used >> 32);
    noff = vpci_common_read(dev, VS3_CFG_QUEUE_NOTIFY_OFF, 2);
    vq->notify = dev->notify_base + (uint64_t)noff * dev->notify_mult;
    vpci_common_write(dev, VS3_CFG_QUEUE_ENABLE, 2, 1);
    return 0;
}

void vpci_driver_ok(VirtioPci *dev)
{
    vpci_set_status(dev, vpci_get_status(dev) | VIRTIO_STATUS_DRIVER_OK);
}

/* struct virtq_desc */
struct vq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

#define VQ_DESC_F_NEXT   1
#define VQ_DESC_F_WRITE  2

int64_t vq_run(VirtioPci *dev, Virtq *vq, const VBuf *bufs, unsigned n)
{
    Vio *io = io_of(dev);
    struct vq_desc d;
    uint16_t slot, used_idx;
    uint32_t len;
    unsigned i, iter;

    if (!n || n > vq->size) {
        return -1;
    }
    /* One request at a time: the chain always starts at descriptor 0. */
    for (i = 0; i < n; i++) {
        d.addr = bufs[i].addr;
        d.len = bufs[i].len;
        d.flags = (i + 1 < n ? VQ_DESC_F_NEXT : 0) |
                  (bufs[i].device_writes ? VQ_DESC_F_WRITE : 0);
        d.next = i + 1 < n ? i + 1 : 0;
        io->ops->mem_write(io->opaque, vq->desc + 16u * i, &d, sizeof(d));
    }
    slot = 0;
    io->ops->mem_write(io->opaque,
                       vq->avail + 4 + 2u * (vq->avail_idx % vq->size),
                       &slot, 2);
    vq->avail_idx++;
    io->ops->mem_write(io->opaque, vq->avail + 2, &vq->avail_idx, 2);
    io->ops->mmio_write(io->opaque, vq->notify, 2, vq->index);

    for (iter = 0;; iter++) {
        io->ops->mem_read(io->opaque, vq->used + 2, &used_idx, 2);
        if (used_idx != vq->used_idx) {
            break;
        }
        if (!io->ops->relax(io->opaque, iter)) {
            return -1;
        }
    }
    io->ops->mem_read(io->opaque,
                      vq->used + 4 + 8u * (vq->used_idx % vq->size) + 4,
                      &len, 4);
    vq->used_idx++;
    return len;
}
