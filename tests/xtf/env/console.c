/*
 * Console: every character to Xen's debug port (0xe9, seen in "xl dmesg"
 * as "(dN) ...") and to COM1 (the domain's serial console).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#define DEBUG_PORT  0xe9
#define COM1        0x3f8

static void put_char(char c)
{
    outb(c, DEBUG_PORT);
    if (c == '\n') {
        outb('\r', COM1);
    }
    outb(c, COM1);
}

void vprintk(const char *fmt, va_list args)
{
    char buf[512];

    vsnprintf(buf, sizeof(buf), fmt, args);
    for (const char *p = buf; *p; p++) {
        put_char(*p);
    }
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}
