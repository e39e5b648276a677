# Checks of the pinned upstream sources in the cache.

TESTS += tests/upstream/test-pinned-sources.sh tests/upstream/test-apt-entries.sh
EXTRA_DIST += tests/upstream/test-pinned-sources.sh tests/upstream/test-apt-entries.sh tests/lib/tap.sh
