#!/bin/sh
# make check: the guest tests and the toolstack checks on real Xen 4.17,
# nested under QEMU TCG, with our device model and with Debian's (see
# tests/e2e/run-e2e): the Debian 12 stack.  TAP, one line per expectation.
eval "set -- $VS3_E2E_ARGS"
exec "$VS3_SRCDIR/tests/e2e/run-e2e" "$@"
