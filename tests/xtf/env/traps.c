/*
 * The IDT of xtf-lite: every exception is reported (vector, error code,
 * where, registers) and ends the test with "Test result: CRASH", as XTF
 * reports an unhandled exception.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#define NR_TRAPS        32
#define GATE_INT32      0x8e00u         /* present, DPL 0, 32-bit interrupt gate */
#define FLAT_CS         0x08

/* What the stubs leave on the stack, lowest address first. */
typedef struct XtfLiteTrapFrame {
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;    /* pushal */
    uint32_t vector, error;
    uint32_t eip, cs, eflags;                           /* the CPU's */
} XtfLiteTrapFrame;

extern const uint32_t xtf_lite_trap_entries[NR_TRAPS];
void xtf_lite_exception(const XtfLiteTrapFrame *f);

static uint64_t idt[NR_TRAPS] __attribute__((aligned(8)));

static const char *const names[NR_TRAPS] = {
    [0] = "#DE", [1] = "#DB", [2] = "NMI", [3] = "#BP", [4] = "#OF",
    [5] = "#BR", [6] = "#UD", [7] = "#NM", [8] = "#DF", [10] = "#TS",
    [11] = "#NP", [12] = "#SS", [13] = "#GP", [14] = "#PF", [16] = "#MF",
    [17] = "#AC", [18] = "#MC", [19] = "#XM", [20] = "#VE", [21] = "#CP",
};

void xtf_lite_load_idt(void);
void xtf_lite_load_idt(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint32_t base;
    } desc = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };

    for (unsigned v = 0; v < NR_TRAPS; v++) {
        uint32_t a = xtf_lite_trap_entries[v];

        idt[v] = (a & 0xffffu) | ((uint32_t)FLAT_CS << 16) |
                 ((uint64_t)((a & 0xffff0000u) | GATE_INT32) << 32);
    }
    asm volatile ("lidt %0" :: "m" (desc));
}

void xtf_lite_exception(const XtfLiteTrapFrame *f)
{
    uint32_t cr0, cr2;

    asm volatile ("mov %%cr0, %0; mov %%cr2, %1" : "=r" (cr0), "=r" (cr2));
    printk("PANIC: exception %u %s, error 0x%x, at %04x:%08x, eflags 0x%x\n",
           f->vector, names[f->vector] ? names[f->vector] : "",
           f->error, f->cs & 0xffff, f->eip, f->eflags);
    printk("PANIC: eax %08x ebx %08x ecx %08x edx %08x esi %08x edi %08x "
           "ebp %08x esp %08x cr0 %08x cr2 %08x\n", f->eax, f->ebx, f->ecx,
           f->edx, f->esi, f->edi, f->ebp, f->esp, cr0, cr2);
    xtf_lite_exit("CRASH");
}
