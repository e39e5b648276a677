# The end-to-end tests on real Xen nested under QEMU TCG, one per Debian
# stack: Debian 12 (Xen 4.17, our libxenlight and xl, QEMU 7.2) and Debian
# 13 (Xen 4.20 and its own toolstack, QEMU 10.0).  Their output:
# $(builddir)/tests/e2e/out and out-trixie.  They take turns on the
# machine (tests/e2e/run-e2e).

vs3_e2e_args = '$(VS3_CACHE_DIR)' '$(abs_builddir)/qemu/qemu-system-i386' \
	'$(abs_builddir)/xen/dist' '$(abs_builddir)/tests/xtf/images' \
	'$(abs_builddir)/tests/e2e/out'
vs3_e2e_trixie_args = --stack trixie '$(VS3_CACHE_DIR)' \
	'$(abs_builddir)/qemu-10.0/qemu-system-i386' - \
	'$(abs_builddir)/tests/xtf/images' '$(abs_builddir)/tests/e2e/out-trixie'

TESTS += tests/e2e/test-nested-xen.sh tests/e2e/test-nested-xen-trixie.sh
EXTRA_DIST += tests/e2e
AM_TESTS_ENVIRONMENT += VS3_E2E_ARGS="$(vs3_e2e_args)"; export VS3_E2E_ARGS; \
	VS3_E2E_TRIXIE_ARGS="$(vs3_e2e_trixie_args)"; export VS3_E2E_TRIXIE_ARGS;

# The report's verdict, on console logs made up for the purpose; the
# versions line of its summary.
TESTS += tests/e2e/test-e2e-report.sh tests/e2e/test-stack-versions.sh
