/*
 * Guest-side I/O for the test drivers: memory handed out to devices
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "vio.h"

uint64_t vio_alloc(Vio *io, uint64_t len, uint64_t align)
{
    uint64_t a = (io->mem_next + align - 1) & ~(align - 1);

    if (a + len > io->mem_end || a + len < a) {
        return 0;
    }
    io->mem_next = a + len;
    vio_memset(io, a, 0, len);
    return a;
}

void vio_memset(Vio *io, uint64_t gpa, int c, size_t len)
{
    uint8_t chunk[512];
    size_t i;

    for (i = 0; i < sizeof(chunk); i++) {
        chunk[i] = (uint8_t)c;
    }
    while (len) {
        size_t n = len < sizeof(chunk) ? len : sizeof(chunk);

        io->ops->mem_write(io->opaque, gpa, chunk, n);
        gpa += n;
        len -= n;
    }
}
