#!/bin/sh
# Our QEMU code is written as QEMU's maintainers want it: every file of
# ours (qemu-xen/hw, qemu-xen/include) and every patch of
# qemu-xen/patches/10.0 passes the pinned QEMU 10.0's own
# scripts/checkpatch.pl (--strict: warnings fail too).  Our patches carry
# no Signed-off-by (nobody has signed them off), hence --no-signoff.

. "$VS3_SRCDIR/tests/lib/tap.sh"

tree=$(cat "$VS3_CACHE_DIR/sources/qemu-trixie.tree" 2>/dev/null)
cp=$tree/scripts/checkpatch.pl
run() { perl "$cp" --root="$tree" --no-signoff --strict --terse --no-summary "$@"; }

tap_plan 3
if [ ! -f "$cp" ]; then
    tap_fail "no QEMU 10.0 tree with scripts/checkpatch.pl (scripts/fetch-upstream)"
    tap_fail "our files: not checked"
    tap_fail "patches/10.0: not checked"
    tap_done
    exit
fi

# The tool must be able to fail here: a line QEMU's style rejects.
bad=$(mktemp --suffix=.c)
trap 'rm -f "$bad"' EXIT
printf 'int f(int x)\n{\n    if (x) return 1;\n    return 0;\n}\n' > "$bad"
if run -f "$bad" > /dev/null 2>&1; then
    tap_fail "checkpatch.pl accepts an if without braces: it cannot fail"
else
    tap_ok "checkpatch.pl rejects an if without braces (it can fail)"
fi

files=$(find "$VS3_SRCDIR/qemu-xen/hw" "$VS3_SRCDIR/qemu-xen/include" \
        -name '*.[ch]' | sort)
out=$(run -f $files 2>&1)
rc=$?
tap_diag "$out"
if [ $rc -eq 0 ]; then
    tap_ok "our $(echo "$files" | wc -l) QEMU files pass QEMU 10.0's checkpatch.pl --strict"
else
    tap_fail "our QEMU files: checkpatch.pl --strict reports the lines above"
fi

rc=0
for p in "$VS3_SRCDIR"/qemu-xen/patches/10.0/*.patch; do
    out=$(run "$p" 2>&1) || rc=1
    tap_diag "${p##*/}: $out"
done
if [ $rc -eq 0 ]; then
    tap_ok "qemu-xen/patches/10.0 passes QEMU 10.0's checkpatch.pl --strict"
else
    tap_fail "qemu-xen/patches/10.0: checkpatch.pl --strict reports the lines above"
fi
tap_done
