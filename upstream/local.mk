# Pinned upstream source packages (upstream/versions), fetched with
# apt-get source into $(VS3_CACHE_DIR) once and reused.  Always run: the
# script is quick when the cache is complete, and notices when it is not.

EXTRA_DIST += upstream/versions

.PHONY: upstream-sources
upstream-sources:
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/scripts/fetch-upstream $(VS3_CACHE_DIR)

all-local: upstream-sources
