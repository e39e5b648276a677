# QEMU 7.2 (xen target) with freeze_mode: the pinned Debian source plus
# qemu-xen/patches/7.2 and our files, built in $(VS3_CACHE_DIR)/qemu and kept
# there, so that a rebuild after a change of ours takes seconds.

EXTRA_DIST += qemu-xen

.PHONY: qemu-build
qemu-build: upstream-sources
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/qemu-xen/build-qemu \
		$(VS3_CACHE_DIR) $(abs_builddir)/qemu

all-local: qemu-build

clean-local: qemu-clean-link
.PHONY: qemu-clean-link
qemu-clean-link:
	rm -f qemu/qemu-system-i386
