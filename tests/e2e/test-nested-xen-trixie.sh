#!/bin/sh
# make check: the guest tests on real Xen 4.20 with Debian 13's domain 0
# and toolstack, nested under QEMU TCG, with our QEMU 10.0 and with
# Debian's (see tests/e2e/run-e2e --stack trixie).  TAP, one line per
# expectation.
eval "set -- $VS3_E2E_TRIXIE_ARGS"
exec "$VS3_SRCDIR/tests/e2e/run-e2e" "$@"
