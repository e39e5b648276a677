# libxenlight and xl (Xen 4.17) with the virtio-s3 resume path: the pinned
# Debian Xen source plus tools/patches and our files, built in
# $(VS3_CACHE_DIR)/xen and installed into $(builddir)/xen/dist.

EXTRA_DIST += tools

.PHONY: xen-tools-build
xen-tools-build: upstream-sources
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/tools/build-xen-tools \
		$(VS3_CACHE_DIR) $(abs_builddir)/xen

all-local: xen-tools-build

clean-local: xen-tools-clean
.PHONY: xen-tools-clean
xen-tools-clean:
	rm -rf xen/dist xen/xl
