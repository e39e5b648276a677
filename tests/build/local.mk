# Checks of the build system itself.

TESTS += tests/build/test-configure-deps.sh tests/build/test-run-tests-summary.sh \
	tests/build/test-qemu-checkpatch.sh
EXTRA_DIST += tests/build/test-configure-deps.sh tests/build/test-run-tests-summary.sh \
	tests/build/test-qemu-checkpatch.sh
