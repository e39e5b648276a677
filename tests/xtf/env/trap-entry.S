/*
 * Exception entry stubs of xtf-lite: vectors 0-31 each push an error code
 * (0 where the CPU pushes none) and their vector, save the general
 * registers and call xtf_lite_exception(), which reports and ends the
 * test.  Without them any exception (no IDT) is a triple fault that says
 * nothing about where it happened.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
        .code32
        .text

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
                    (v) == 21 || (v) == 29 || (v) == 30)

        .macro  stub v
        .p2align 3
trap_\v:
        .if !HAS_ERR(\v)
        push    $0
        .endif
        push    $\v
        jmp     trap_common
        .endm

        .globl  xtf_lite_trap_stubs
xtf_lite_trap_stubs:
        .irp    v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        stub    \v
        .endr

trap_common:
        pushal
        push    %esp                    /* XtfLiteTrapFrame * */
        call    xtf_lite_exception
1:      cli
        hlt
        jmp     1b

        /* Entry address of each stub, for the IDT. */
        .section .rodata
        .globl  xtf_lite_trap_entries
        .p2align 2
xtf_lite_trap_entries:
        .irp    v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        .long   trap_\v
        .endr

        .section .note.GNU-stack, "", @progbits
