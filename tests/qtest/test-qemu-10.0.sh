#!/bin/sh
# The device-model tests on Debian 13's QEMU 10.0 (qemu-xen/build-qemu
# --stack trixie), run where that binary runs: in the Debian 13 build root
# (scripts/build-root), with Debian 13's firmware.  The test programs are
# the ones make check runs on QEMU 7.2, virgl (Xvfb and Mesa's software
# renderer) and valgrind's leak check included.  TAP, one line per program.

. "$VS3_SRCDIR/tests/lib/tap.sh"

progs="test-freeze-register test-virtio-gpu-s3 test-virtio-vga-s3
test-virtio-blk-s3 test-freeze-migration test-hostile-guest
test-pm-no-soft-reset test-virgl-s3 test-freeze-leaks"
qemu=$VS3_QEMU10
dir=$(pwd)/tests/qtest

tap_plan 10
if [ -x "$qemu" ] && "$VS3_SRCDIR/scripts/build-root" "$VS3_CACHE_DIR" trixie -- \
        "$qemu" -version > qemu-10.0-version.log 2>&1 &&
   grep -q "QEMU emulator version 10\.0\." qemu-10.0-version.log; then
    tap_ok "the binary runs in the build root: $(grep -m1 "QEMU emulator version" qemu-10.0-version.log)"
else
    tap_fail "no QEMU 10.0 that runs: $(tail -3 qemu-10.0-version.log 2>/dev/null | tr '\n' ' ')"
fi
for p in $progs; do
    log=$dir/$p-10.0.log
    "$VS3_SRCDIR/scripts/build-root" "$VS3_CACHE_DIR" trixie -- \
        env VS3_QEMU="$qemu" VS3_QEMU_FIRMWARE=/usr/share/seabios:/usr/share/qemu \
        sh -c 'cd /tmp && exec "$1"' sh "$dir/$p" > "$log" 2>&1
    rc=$?
    passed=$(grep '^ok ' "$log" | grep -vc '# SKIP')
    failed=$(grep -c '^not ok ' "$log")
    skipped=$(grep -c '^ok .*# SKIP' "$log")
    grep '^not ok \|^# .*\(FAIL\|ERROR\|assert\)' "$log" | sed 's/^/# /'
    # A case skipped here (valgrind or Xvfb missing in the build root)
    # is one not run: it fails.
    if [ $rc -eq 0 ] && [ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$passed" -gt 0 ]; then
        tap_ok "$p on QEMU 10.0: $passed passed"
    else
        tap_diag "$(tail -5 "$log")"
        tap_fail "$p on QEMU 10.0: exit $rc, $passed passed, $failed failed, $skipped skipped (log: $log)"
    fi
done
tap_done
