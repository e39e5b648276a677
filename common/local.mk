# The shared S3 protocol core: register ABI, freeze and sleep state
# machines, xenstore protocol.  Pure C; QEMU and libxl compile these same
# files.

noinst_LIBRARIES += common/libvs3common.a
common_libvs3common_a_SOURCES = \
	common/freeze-abi.c \
	common/freeze-fsm.c \
	common/sleep-fsm.c \
	common/xs-proto.c \
	common/s3-handshake.c \
	common/include/virtio-s3/freeze-abi.h \
	common/include/virtio-s3/freeze-fsm.h \
	common/include/virtio-s3/sleep-fsm.h \
	common/include/virtio-s3/xs-proto.h \
	common/include/virtio-s3/s3-handshake.h
