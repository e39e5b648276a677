# xtf-lite: what XTF's build/common.mk gives a test Makefile, for tests
# booted from a disk image by SeaBIOS in an HVM domain.  Tests keep XTF's
# Makefile form (NAME, CATEGORY, TEST-ENVS, TEST-EXTRA-CFG, obj-perenv).
#
# O: output directory (default: the test's own directory, as XTF).

ROOT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
O ?= .

CC ?= gcc
LD := ld
OBJCOPY := objcopy

CFLAGS_xtf := -m32 -march=i686 -std=gnu11 -O2 -g0 -ffreestanding -fno-pic \
	-fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-builtin -mno-sse -mno-mmx --param=min-pagesize=0 -Wall -Wextra \
	-Wno-unused-parameter \
	-Werror
CPPFLAGS_xtf := -I$(ROOT)/include -DXTF_LITE
ASFLAGS_xtf := -m32

