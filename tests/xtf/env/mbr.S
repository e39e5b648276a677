/*
 * Boot sector: load the test image that follows it on the disk to
 * 0x10000 with the BIOS's extended disk read, enter 32-bit protected mode
 * (flat segments, no paging) and jump to it.
 *
 * IMAGE_SECTORS is the image's size in sectors (set at build time).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define LOAD_SEG        0x1000          /* image at 0x10000 */
#define CHUNK           32              /* sectors per read */

        .code16
        .text
        .globl _start
_start:
        cli
        xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $0x7c00, %sp
        sti
        mov     %dl, drive

        mov     $IMAGE_SECTORS, %cx
1:      mov     %cx, %ax
        cmp     $CHUNK, %ax
        jbe     2f
        mov     $CHUNK, %ax
2:      mov     %ax, dap_count
        push    %cx
        push    %ax
        mov     $dap, %si
        mov     drive, %dl
        mov     $0x42, %ah
        int     $0x13
        pop     %ax
        pop     %cx
        jc      disk_error
        add     %ax, dap_lba            /* next sectors ... */
        shl     $5, %ax                 /* ... 512 bytes = 32 paragraphs each */
        add     %ax, dap_seg
        sub     dap_count, %cx
        jnz     1b

        cli
        lgdt    gdt_desc
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmp    $0x08, $pm32

disk_error:
        mov     $msg_error, %si
3:      lodsb
        test    %al, %al
        jz      4f
        outb    %al, $0xe9
        jmp     3b
4:      hlt
        jmp     4b

        .code32
pm32:
        mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %fs
        mov     %ax, %gs
        mov     %ax, %ss
        mov     $0x7c00, %esp
        ljmp    $0x08, $(LOAD_SEG << 4)

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf9a000000ffff      /* 0x08: code, flat 4 GiB */
        .quad   0x00cf92000000ffff      /* 0x10: data, flat 4 GiB */
gdt_desc:
        .word   gdt_desc - gdt - 1
        .long   gdt

dap:    .byte   0x10, 0
dap_count:
        .word   0
        .word   0                       /* offset */
dap_seg:
        .word   LOAD_SEG
dap_lba:
        .quad   1
drive:  .byte   0
msg_error:
        .asciz  "xtf-lite: disk read error\n"

        .org    510
        .byte   0x55, 0xaa

        .section .note.GNU-stack, "", @progbits
