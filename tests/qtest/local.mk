# Device-model tests: the built QEMU under -accel qtest, driven by our own
# qtest/QMP client and the guest-side drivers of tests/lib/virtio.

noinst_LIBRARIES += tests/qtest/libvs3qtest.a
tests_qtest_libvs3qtest_a_SOURCES = \
	tests/qtest/qtest-client.c tests/qtest/qtest-client.h \
	tests/qtest/qtest-vio.c tests/qtest/qtest-vio.h \
	tests/qtest/gpu-scene.c tests/qtest/gpu-scene.h \
	tests/qtest/xvfb.c tests/qtest/xvfb.h \
	tests/lib/virtio/vio.c tests/lib/virtio/vio.h \
	tests/lib/virtio/virtio-pci-modern.c tests/lib/virtio/virtio-pci-modern.h \
	tests/lib/virtio/virtio-gpu-driver.c tests/lib/virtio/virtio-gpu-driver.h
vs3_qtest_cppflags = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/lib \
	-I$(top_srcdir)/tests/qtest
tests_qtest_libvs3qtest_a_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_libvs3qtest_a_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)

vs3_qtests = \
	tests/qtest/test-freeze-register \
	tests/qtest/test-virtio-gpu-s3 \
	tests/qtest/test-virgl-s3 \
	tests/qtest/test-virtio-blk-s3 \
	tests/qtest/test-virtio-vga-s3 \
	tests/qtest/test-freeze-migration \
	tests/qtest/test-freeze-leaks \
	tests/qtest/test-hostile-guest \
	tests/qtest/test-pm-no-soft-reset

check_PROGRAMS += $(vs3_qtests)
TESTS += $(vs3_qtests)

vs3_qtest_ldadd = tests/qtest/libvs3qtest.a $(GLIB_LIBS)
tests_qtest_test_freeze_register_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_freeze_register_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_freeze_register_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_virtio_gpu_s3_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_virtio_gpu_s3_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_virtio_gpu_s3_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_virgl_s3_SOURCES = tests/qtest/test-virgl-s3.c \
	tests/lib/virgl-protocol.h
tests_qtest_test_virgl_s3_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_virgl_s3_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_virgl_s3_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_virtio_vga_s3_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_virtio_vga_s3_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_virtio_vga_s3_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_virtio_blk_s3_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_virtio_blk_s3_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_virtio_blk_s3_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_freeze_migration_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_freeze_migration_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_freeze_migration_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_freeze_leaks_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_freeze_leaks_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_freeze_leaks_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_hostile_guest_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_hostile_guest_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_hostile_guest_LDADD = $(vs3_qtest_ldadd)
tests_qtest_test_pm_no_soft_reset_CPPFLAGS = $(vs3_qtest_cppflags)
tests_qtest_test_pm_no_soft_reset_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_qtest_test_pm_no_soft_reset_LDADD = $(vs3_qtest_ldadd)

AM_TESTS_ENVIRONMENT += \
	VS3_QEMU='$(abs_builddir)/qemu/qemu-system-i386'; export VS3_QEMU; \
	VS3_QEMU_FIRMWARE=/usr/share/seabios:/usr/share/qemu; \
	export VS3_QEMU_FIRMWARE;

# The same programs on Debian 13's QEMU 10.0, in its build root.
TESTS += tests/qtest/test-qemu-10.0.sh
AM_TESTS_ENVIRONMENT += \
	VS3_QEMU10='$(abs_builddir)/qemu-10.0/qemu-system-i386'; export VS3_QEMU10;
