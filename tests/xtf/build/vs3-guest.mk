# The guest library of the S3 tests (tests/xtf/lib) and the virtio drivers
# it shares with the host-side tests (tests/lib/virtio), for a test's
# obj-perenv.  The tests' Makefiles include it after build/common.mk; in an
# XTF checkout, copy it to XTF's build/ and point VS3_SRC at this project.

VS3_SRC ?= $(abspath $(ROOT)/../..)

vpath %.c $(VS3_SRC)/tests/xtf/lib $(VS3_SRC)/tests/lib/virtio
vpath %.S $(VS3_SRC)/tests/xtf/lib

VS3_GUEST_OBJS := acpi.o s3.o s3-wake.o vio-direct.o gpu-guest.o \
	vio.o virtio-pci-modern.o virtio-gpu-driver.o

CFLAGS += -I$(VS3_SRC)/tests/xtf/lib -I$(VS3_SRC)/tests/lib \
	-I$(VS3_SRC)/common/include
