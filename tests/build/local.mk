# Checks of the build system itself.

TESTS += tests/build/test-configure-deps.sh
EXTRA_DIST += tests/build/test-configure-deps.sh
