# Checks of the pinned upstream sources in the cache.

TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	VS3_CACHE_DIR='$(VS3_CACHE_DIR)'; export VS3_CACHE_DIR; \
	VS3_SRCDIR='$(abs_top_srcdir)'; export VS3_SRCDIR;

TESTS += tests/upstream/test-pinned-sources.sh
EXTRA_DIST += tests/upstream/test-pinned-sources.sh tests/lib/tap.sh
