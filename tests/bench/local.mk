# Benchmarks: figures, not pass/fail (these machines are shared and noisy).
#   make bench     resume cost vs. preserved state against the same QEMU
#                  source built without our patches, in QEMU's own trace
#                  timestamps, with the qtest round-trip floor; QEMU memory;
#                  command-path cost against the same QEMU source built
#                  without our patches (qtest, wall clock and callgrind);
#                  xl trigger s3resume on nested Xen, both Debian stacks in
#                  one table: the xenstore protocol and QMP, our QEMU and
#                  Debian's (tests/bench/bench-xen)
# The output goes to the terminal and to $(builddir)/tests/bench/*.txt.

EXTRA_PROGRAMS = tests/bench/bench-resume tests/bench/bench-hotpath
tests_bench_bench_hotpath_SOURCES = tests/bench/bench-hotpath.c
tests_bench_bench_hotpath_CPPFLAGS = $(vs3_qtest_cppflags)
tests_bench_bench_hotpath_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_bench_bench_hotpath_LDADD = $(vs3_qtest_ldadd)
tests_bench_bench_resume_SOURCES = tests/bench/bench-resume.c
tests_bench_bench_resume_CPPFLAGS = $(vs3_qtest_cppflags)
tests_bench_bench_resume_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
tests_bench_bench_resume_LDADD = $(vs3_qtest_ldadd)
CLEANFILES += tests/bench/bench-resume tests/bench/bench-hotpath
EXTRA_DIST += tests/bench

.PHONY: bench
bench: tests/bench/bench-resume qemu-build qemu-pristine-build
	@echo "bench: QEMU $(abs_builddir)/qemu/qemu-system-i386, $$(nproc) cores, $$(date -u +%F)"
	VS3_QEMU='$(abs_builddir)/qemu/qemu-system-i386' \
	VS3_QEMU_PRISTINE='$(abs_builddir)/qemu-pristine/qemu-system-i386' \
	VS3_QEMU_FIRMWARE=/usr/share/seabios:/usr/share/qemu \
		tests/bench/bench-resume | grep -Ev '^(#|ok |1\.\.)' | \
		tee tests/bench/resume.txt

.PHONY: bench-xen
bench-xen: all
	'$(top_srcdir)/tests/bench/bench-xen' '$(VS3_CACHE_DIR)' '$(abs_builddir)' \
		'$(abs_builddir)/tests/bench/xen' > tests/bench/xen.txt; \
	rc=$$?; cat tests/bench/xen.txt; exit $$rc

bench: bench-xen

.PHONY: bench-hotpath qemu-pristine-build
qemu-pristine-build: upstream-sources
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/qemu-xen/build-qemu --pristine \
		$(VS3_CACHE_DIR) $(abs_builddir)/qemu-pristine

bench-hotpath: tests/bench/bench-hotpath qemu-build qemu-pristine-build
	VS3_QEMU='$(abs_builddir)/qemu/qemu-system-i386' \
	VS3_QEMU_PRISTINE='$(abs_builddir)/qemu-pristine/qemu-system-i386' \
	VS3_QEMU_FIRMWARE=/usr/share/seabios:/usr/share/qemu \
		tests/bench/bench-hotpath | grep -Ev '^(#|ok |1\.\.)' | \
		tee tests/bench/hotpath.txt

bench: bench-hotpath
