/*
 * 32-bit entry of a test image, at 0x10000: flat segments from the boot
 * sector, no paging, interrupts off.  Clear .bss, install the exception
 * handlers, run the test.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
        .code32
        .section .text.head, "ax"
        .globl _start
_start:
        cli
        mov     $stack_top, %esp
        cld
        mov     $__bss_start, %edi
        mov     $__bss_end, %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb
        call    xtf_lite_load_idt
        call    xtf_lite_main
1:      cli
        hlt
        jmp     1b

        .bss
        .p2align 4
        .space  32768
        .globl  stack_top
stack_top:

        .section .note.GNU-stack, "", @progbits
