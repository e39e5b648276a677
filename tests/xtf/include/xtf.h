/*
 * The subset of the Xen Test Framework's API that the tests here use
 *
 * Tests include <xtf.h> and define test_title[] and test_main(), exactly as
 * in an XTF checkout, where XTF's own headers provide all of this.  This
 * environment implements it for a test booted from a disk image by SeaBIOS
 * (XTF boots HVM tests as firmware, which cannot resume from S3 through
 * firmware; see tests/xtf/README.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XTF_LITE_XTF_H
#define XTF_LITE_XTF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Provided by the test. */
extern const char test_title[];
void test_main(void);

/* Console output: Xen's debug port 0xe9 and COM1. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list args);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Reporting, as XTF: the worst status reported wins (success < skip <
 * error < failure); "Test result: ..." is printed when test_main returns.
 */
void xtf_success(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xtf_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xtf_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xtf_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xtf_failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool xtf_status_is_success(void);

/* xtf-lite only: print the result line and power the domain off. */
void xtf_lite_exit(const char *result) __attribute__((noreturn));

/* libc subset. */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Port I/O, XTF's argument order (value first). */
static inline void outb(uint8_t v, uint16_t p)
{
    __asm__ volatile ("outb %b0, %w1" :: "a" (v), "Nd" (p));
}
static inline void outw(uint16_t v, uint16_t p)
{
    __asm__ volatile ("outw %w0, %w1" :: "a" (v), "Nd" (p));
}
static inline void outl(uint32_t v, uint16_t p)
{
    __asm__ volatile ("outl %0, %w1" :: "a" (v), "Nd" (p));
}
static inline uint8_t inb(uint16_t p)
{
    uint8_t v;

    __asm__ volatile ("inb %w1, %b0" : "=a" (v) : "Nd" (p));
    return v;
}
static inline uint16_t inw(uint16_t p)
{
    uint16_t v;

    __asm__ volatile ("inw %w1, %w0" : "=a" (v) : "Nd" (p));
    return v;
}
static inline uint32_t inl(uint16_t p)
{
    uint32_t v;

    __asm__ volatile ("inl %w1, %0" : "=a" (v) : "Nd" (p));
    return v;
}
static inline void cpu_relax(void)
{
    __asm__ volatile ("pause" ::: "memory");
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* XTF_LITE_XTF_H */
