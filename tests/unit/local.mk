# Unit tests of the shared core.

vs3_unit_tests = \
	tests/unit/test-freeze-abi \
	tests/unit/test-freeze-fsm \
	tests/unit/test-sleep-fsm \
	tests/unit/test-xs-proto \
	tests/unit/test-s3-handshake

check_PROGRAMS += $(vs3_unit_tests)
TESTS += $(vs3_unit_tests)

vs3_unit_cflags = $(AM_CFLAGS) $(GLIB_CFLAGS)
vs3_unit_ldadd = common/libvs3common.a $(GLIB_LIBS)

tests_unit_test_freeze_abi_CFLAGS = $(vs3_unit_cflags)
tests_unit_test_freeze_abi_LDADD = $(vs3_unit_ldadd)
tests_unit_test_freeze_fsm_CFLAGS = $(vs3_unit_cflags)
tests_unit_test_freeze_fsm_LDADD = $(vs3_unit_ldadd)
tests_unit_test_sleep_fsm_CFLAGS = $(vs3_unit_cflags)
tests_unit_test_sleep_fsm_LDADD = $(vs3_unit_ldadd)
tests_unit_test_xs_proto_CFLAGS = $(vs3_unit_cflags)
tests_unit_test_xs_proto_LDADD = $(vs3_unit_ldadd)
tests_unit_test_s3_handshake_CFLAGS = $(vs3_unit_cflags)
tests_unit_test_s3_handshake_LDADD = $(vs3_unit_ldadd)
