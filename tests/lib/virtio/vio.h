/*
 * Guest-side I/O for the test drivers
 *
 * The virtio drivers under tests/lib/virtio/ are written once and run in
 * two places: driven over QEMU's qtest protocol from a host test program,
 * and inside a bare-metal guest under Xen (tests/xtf/).  Everything they do
 * to the machine goes through these operations.  Freestanding C: no libc
 * beyond string.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_VIO_H
#define VS3_VIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct VioOps {
    uint32_t (*pio_read)(void *opaque, uint16_t port, int size);
    void (*pio_write)(void *opaque, uint16_t port, int size, uint32_t val);
    uint64_t (*mmio_read)(void *opaque, uint64_t addr, int size);
    void (*mmio_write)(void *opaque, uint64_t addr, int size, uint64_t val);
    void (*mem_read)(void *opaque, uint64_t gpa, void *buf, size_t len);
    void (*mem_write)(void *opaque, uint64_t gpa, const void *buf,
                      size_t len);
    /*
     * Called while polling for the device: lets it make progress.
     * Returns false once the caller should give up (timeout).
     */
    bool (*relax)(void *opaque, unsigned iteration);
} VioOps;

typedef struct Vio {
    const VioOps *ops;
    void *opaque;
    uint64_t mem_next, mem_end;     /* guest RAM handed out by vio_alloc */
    uint64_t mmio_next, mmio_end;   /* window for unassigned PCI BARs */
} Vio;

/* Guest-physical memory for rings and buffers; 0 when exhausted. */
uint64_t vio_alloc(Vio *io, uint64_t len, uint64_t align);
void vio_memset(Vio *io, uint64_t gpa, int c, size_t len);

static inline uint32_t vio_pci_cfg_read(Vio *io, unsigned bdf, unsigned off,
                                        int size)
{
    io->ops->pio_write(io->opaque, 0xcf8, 4,
                       0x80000000u | (bdf << 8) | (off & 0xfc));
    return io->ops->pio_read(io->opaque, 0xcfc + (off & 3), size);
}

static inline void vio_pci_cfg_write(Vio *io, unsigned bdf, unsigned off,
                                     int size, uint32_t val)
{
    io->ops->pio_write(io->opaque, 0xcf8, 4,
                       0x80000000u | (bdf << 8) | (off & 0xfc));
    io->ops->pio_write(io->opaque, 0xcfc + (off & 3), size, val);
}

#endif /* VS3_VIO_H */
