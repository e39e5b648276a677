/*
 * The drivers of tests/lib/virtio on this guest's own I/O: port I/O
 * instructions, MMIO and RAM through flat 32-bit addresses (no paging).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest.h"

static uint32_t d_pio_read(void *opaque, uint16_t port, int size)
{
    return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

static void d_pio_write(void *opaque, uint16_t port, int size, uint32_t v)
{
    if (size == 1) {
        outb(v, port);
    } else if (size == 2) {
        outw(v, port);
    } else {
        outl(v, port);
    }
}

static uint64_t d_mmio_read(void *opaque, uint64_t addr, int size)
{
    uintptr_t a = (uintptr_t)addr;

    switch (size) {
    case 1:
        return *(volatile uint8_t *)a;
    case 2:
        return *(volatile uint16_t *)a;
    case 4:
        return *(volatile uint32_t *)a;
    default:
        return *(volatile uint32_t *)a |
               (uint64_t)*(volatile uint32_t *)(a + 4) << 32;
    }
}

static void d_mmio_write(void *opaque, uint64_t addr, int size, uint64_t v)
{
    uintptr_t a = (uintptr_t)addr;

    switch (size) {
    case 1:
        *(volatile uint8_t *)a = v;
        break;
    case 2:
        *(volatile uint16_t *)a = v;
        break;
    case 4:
        *(volatile uint32_t *)a = v;
        break;
    default:
        *(volatile uint32_t *)a = v;
        *(volatile uint32_t *)(a + 4) = v >> 32;
        break;
    }
}

static void d_mem_read(void *opaque, uint64_t gpa, void *buf, size_t len)
{
    __asm__ volatile ("" ::: "memory");
    memcpy(buf, (const void *)(uintptr_t)gpa, len);
}

static void d_mem_write(void *opaque, uint64_t gpa, const void *buf,
                        size_t len)
{
    memcpy((void *)(uintptr_t)gpa, buf, len);
    __asm__ volatile ("" ::: "memory");
}

/* A device answers within microseconds; 2^27 polls is tens of seconds. */
static bool d_relax(void *opaque, unsigned iteration)
{
    cpu_relax();
    return iteration < (1u << 27);
}

static const VioOps direct_ops = {
    .pio_read = d_pio_read,
    .pio_write = d_pio_write,
    .mmio_read = d_mmio_read,
    .mmio_write = d_mmio_write,
    .mem_read = d_mem_read,
    .mem_write = d_mem_write,
    .relax = d_relax,
};

void guest_vio_init(Vio *io)
{
    *io = (Vio){
        .ops = &direct_ops,
        .mem_next = GUEST_DMA_START,
        .mem_end = GUEST_DMA_END,
        .mmio_next = GUEST_MMIO_START,
        .mmio_end = GUEST_MMIO_END,
    };
}

void mark(const char *what)
{
    printk("VS3-MARK: %s\n", what);
}
