# The end-to-end test on real Xen 4.17 nested under QEMU TCG (about two
# minutes once built).  Its output: $(builddir)/tests/e2e/out.

vs3_e2e_args = '$(VS3_CACHE_DIR)' '$(abs_builddir)/qemu/qemu-system-i386' \
	'$(abs_builddir)/xen/dist' '$(abs_builddir)/tests/xtf/images' \
	'$(abs_builddir)/tests/e2e/out'

TESTS += tests/e2e/test-nested-xen.sh
EXTRA_DIST += tests/e2e
AM_TESTS_ENVIRONMENT += VS3_E2E_ARGS="$(vs3_e2e_args)"; export VS3_E2E_ARGS;

# The report's verdict, on console logs made up for the purpose.
TESTS += tests/e2e/test-e2e-report.sh
