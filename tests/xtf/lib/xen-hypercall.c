/*
 * Hypercalls and HVM parameters for a 32-bit HVM test guest
 *
 * Xen offers its CPUID leaves at 0x40000000 (or 0x100 further on when it
 * also offers Viridian's); leaf 2 of them names the MSR that makes Xen
 * write its hypercall stubs, 32 bytes each, into a page of ours.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "xen-guest.h"

#define HYPERVISOR_event_channel_op 32
#define HYPERVISOR_hvm_op           34
#define HVMOP_get_param             1
#define DOMID_SELF                  0x7ff0u

static uint8_t hypercall_page[4096] __attribute__((aligned(4096)));
static bool have_hypercalls;

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
                  uint32_t *d)
{
    __asm__ volatile ("cpuid"
                      : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                      : "0" (leaf), "2" (0));
}

int xen_hypercall_init(void)
{
    uint32_t base, a, b, c, d;

    for (base = 0x40000000u; base < 0x40010000u; base += 0x100) {
        cpuid(base, &a, &b, &c, &d);
        /* "XenVMMXenVMM" */
        if (b == 0x566e6558u && c == 0x65584d4du && d == 0x4d4d566eu &&
            a - base >= 2) {
            cpuid(base + 2, &a, &b, &c, &d);
            __asm__ volatile ("wrmsr"
                              :: "c" (b), "a" ((uint32_t)hypercall_page),
                                 "d" (0) : "memory");
            have_hypercalls = true;
            return 0;
        }
    }
    return -1;
}

/*
 * Two arguments in %ebx and %ecx, the result in %eax.  A debug Xen
 * scribbles over the argument registers on return: all are outputs.
 */
static long hypercall2(unsigned int nr, uint32_t a1, uint32_t a2)
{
    void *entry = hypercall_page + nr * 32;
    long ret;
    uint32_t b, c, d, s, di;

    /* The stub's address from memory: every register is taken. */
    __asm__ volatile ("call *%[entry]"
                      : "=a" (ret), "=b" (b), "=c" (c), "=d" (d), "=S" (s),
                        "=D" (di)
                      : [entry] "m" (entry), "1" (a1), "2" (a2)
                      : "memory");
    return ret;
}

long xen_hvm_get_param(uint32_t index, uint64_t *value)
{
    struct {
        uint16_t domid;
        uint16_t pad;
        uint32_t index;
        uint64_t value;
    } p = { .domid = DOMID_SELF, .index = index };
    long rc;

    if (!have_hypercalls) {
        return -38;     /* ENOSYS */
    }
    rc = hypercall2(HYPERVISOR_hvm_op, HVMOP_get_param, (uint32_t)&p);
    if (rc == 0) {
        *value = p.value;
    }
    return rc;
}

long xen_evtchn_send(uint32_t port)
{
    struct {
        uint32_t port;
    } s = { port };

    if (!have_hypercalls) {
        return -38;     /* ENOSYS */
    }
    return hypercall2(HYPERVISOR_event_channel_op, 4 /* EVTCHNOP_send */,
                      (uint32_t)&s);
}
