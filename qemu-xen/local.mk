# The device model with freeze_mode, from the pinned Debian source plus
# qemu-xen/patches/<version> and our files, built in $(VS3_CACHE_DIR) and
# kept there, so that a rebuild after a change of ours takes seconds:
#   Debian 12: QEMU 7.2 in $(VS3_CACHE_DIR)/qemu, linked from qemu/
#   Debian 13: QEMU 10.0 in $(VS3_CACHE_DIR)/qemu-10.0, built and run in
#              a Debian 13 build root (scripts/build-root), linked from
#              qemu-10.0/

EXTRA_DIST += qemu-xen

.PHONY: qemu-build qemu-10-build
qemu-build: upstream-sources
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/qemu-xen/build-qemu \
		$(VS3_CACHE_DIR) $(abs_builddir)/qemu

# After QEMU 7.2: the two builds share the machine's two cores badly.
qemu-10-build: upstream-sources qemu-build
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/qemu-xen/build-qemu --stack trixie \
		$(VS3_CACHE_DIR) $(abs_builddir)/qemu-10.0

all-local: qemu-build qemu-10-build

clean-local: qemu-clean-link
.PHONY: qemu-clean-link
qemu-clean-link:
	rm -f qemu/qemu-system-i386 qemu-10.0/qemu-system-i386
