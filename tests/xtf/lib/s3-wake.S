/*
 * ACPI S3 entry and the way back.
 *
 * s3_enter(port, value) saves the callee-saved registers and the stack
 * pointer, writes SLP_TYP|SLP_EN to PM1a_CNT and waits.  If the machine
 * does not suspend, it returns 1.  If it does, it comes back from the wake
 * stub below through s3_resume32 and returns 0.
 *
 * The wake stub runs in real mode at 0800:0000 (copied to 0x8000 by
 * s3_suspend(), entered by the firmware through the FACS waking vector or
 * by our own reset vector): it loads a flat GDT, enters protected mode and
 * jumps to s3_resume32, which restores the saved context: the stack and
 * the IDT (the wakeup reset left the real-mode one, with which any
 * exception would be a silent triple fault).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
        .code32
        .text
        .globl  s3_enter
s3_enter:
        push    %ebp
        push    %ebx
        push    %esi
        push    %edi
        mov     %esp, s3_saved_esp
        sidt    s3_saved_idtr
        mov     20(%esp), %edx          /* port */
        mov     24(%esp), %eax          /* value */
        outw    %ax, %dx
        call    s3_wait_for_suspend     /* returns only if we never slept */
        mov     $1, %eax
        jmp     1f

        .globl  s3_resume32
s3_resume32:
        mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %fs
        mov     %ax, %gs
        mov     %ax, %ss
        mov     s3_saved_esp, %esp
        lidt    s3_saved_idtr
        incl    s3_resumes
        xor     %eax, %eax
1:      pop     %edi
        pop     %esi
        pop     %ebx
        pop     %ebp
        ret

        .code16
        .globl  s3_wake_stub, s3_wake_stub_end, s3_wake_gdt_desc
s3_wake_stub:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   (s3_wake_gdt_desc - s3_wake_stub)
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmpl   $0x08, $s3_resume32

        .p2align 3
s3_wake_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff      /* 0x08: code, flat */
        .quad   0x00cf92000000ffff      /* 0x10: data, flat */
s3_wake_gdt_desc:
        .word   s3_wake_gdt_desc - s3_wake_gdt - 1
        .long   0                       /* linear base, set when installed */
s3_wake_stub_end:

        .data
        .globl  s3_saved_esp, s3_resumes
s3_saved_esp:
        .long   0
s3_saved_idtr:
        .word   0
        .long   0
s3_resumes:
        .long   0

        .section .note.GNU-stack, "", @progbits
