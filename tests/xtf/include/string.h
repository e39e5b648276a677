/*
 * <string.h> of the guest: the functions env/libc.c provides.  Here so
 * that shared sources (tests/lib/virtio) build freestanding and 32-bit
 * without the host's 32-bit C library headers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XTF_LITE_STRING_H
#define XTF_LITE_STRING_H

#include <stddef.h>

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif /* XTF_LITE_STRING_H */
