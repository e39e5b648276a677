/*
 * vsnprintf: %[0][width][l|ll|z](d|u|x|s|c|p) and %%, enough for tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

struct out {
    char *buf;
    size_t size, len;
};

static void emit(struct out *o, char c)
{
    if (o->len + 1 < o->size) {
        o->buf[o->len] = c;
    }
    o->len++;
}

/*
 * *v /= base, returning the remainder, by shift and subtract: 64-bit
 * division on i386 would otherwise need libgcc, which we do not link.
 */
static unsigned divmod(unsigned long long *v, unsigned base)
{
    unsigned long long q = 0, r = 0;

    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((*v >> i) & 1);
        if (r >= base) {
            r -= base;
            q |= 1ull << i;
        }
    }
    *v = q;
    return (unsigned)r;
}

static void number(struct out *o, unsigned long long v, unsigned base,
                   bool negative, unsigned width, char pad)
{
    char digits[24];
    unsigned n = 0;

    do {
        digits[n++] = "0123456789abcdef"[divmod(&v, base)];
    } while (v);
    if (negative) {
        digits[n++] = '-';
    }
    while (width > n) {
        emit(o, pad);
        width--;
    }
    while (n) {
        emit(o, digits[--n]);
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { buf, size, 0 };

    for (; *fmt; fmt++) {
        unsigned width = 0, longs = 0;
        char pad = ' ';
        unsigned long long v;

        if (*fmt != '%') {
            emit(&o, *fmt);
            continue;
        }
        fmt++;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (unsigned)(*fmt++ - '0');
        }
        while (*fmt == 'l' || *fmt == 'z') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'd':
            v = longs > 1 ? (unsigned long long)va_arg(args, long long) :
                longs ? (unsigned long long)va_arg(args, long) :
                        (unsigned long long)va_arg(args, int);
            if ((long long)v < 0) {
                number(&o, -(long long)v, 10, true, width, pad);
            } else {
                number(&o, v, 10, false, width, pad);
            }
            break;
        case 'u':
        case 'x':
            v = longs > 1 ? va_arg(args, unsigned long long) :
                longs ? va_arg(args, unsigned long) :
                        va_arg(args, unsigned int);
            number(&o, v, *fmt == 'u' ? 10 : 16, false, width, pad);
            break;
        case 'p':
            emit(&o, '0');
            emit(&o, 'x');
            number(&o, (uintptr_t)va_arg(args, void *), 16, false, 8, '0');
            break;
        case 's': {
            const char *s = va_arg(args, const char *);

            for (s = s ? s : "(null)"; *s; s++) {
                emit(&o, *s);
            }
            break;
        }
        case 'c':
            emit(&o, (char)va_arg(args, int));
            break;
        case '%':
            emit(&o, '%');
            break;
        default:
            emit(&o, '%');
            emit(&o, *fmt);
            break;
        }
    }
    if (size) {
        buf[o.len < size ? o.len : size - 1] = '\0';
    }
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}
