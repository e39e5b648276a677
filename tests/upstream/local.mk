# Checks of the pinned upstream sources in the cache.

TESTS += tests/upstream/test-pinned-sources.sh
EXTRA_DIST += tests/upstream/test-pinned-sources.sh tests/lib/tap.sh
