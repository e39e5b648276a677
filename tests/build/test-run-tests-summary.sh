#!/bin/sh
# scripts/run-tests ends with its one summary line, in the same format,
# also when the build fails: here make is made to fail.

. "$VS3_SRCDIR/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
printf '#!/bin/sh\necho "make: (failing on purpose)" >&2\nexit 2\n' > "$tmp/bin/make"
chmod +x "$tmp/bin/make"

tap_plan 2
PATH="$tmp/bin:$PATH" VS3_BUILD_DIR="$tmp/build" \
    "$VS3_SRCDIR/scripts/run-tests" > "$tmp/out" 2>&1
rc=$?
last=$(tail -n 1 "$tmp/out")
tap_check "a failed build exits non-zero (exit $rc)" [ $rc -ne 0 ]
tap_check "its last line is the summary ('$last')" \
    [ "$last" = "check: 0 passed, 1 failed, 0 skipped" ]
tap_done || { tap_diag "$(tail -n 20 "$tmp/out")"; false; }
