# Minimal TAP producer for shell tests: plan, ok/not ok, diagnostics.
# Source it, call tap_plan N, then tap_ok / tap_fail / tap_check; tap_done
# exits non-zero if any test failed.

tap_n=0
tap_failed=0

tap_plan() { echo "1..$1"; }
tap_ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
tap_fail() {
    tap_n=$((tap_n + 1))
    tap_failed=$((tap_failed + 1))
    echo "not ok $tap_n - $*"
}
tap_diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# tap_check DESCRIPTION COMMAND...: ok if the command succeeds.
tap_check() {
    desc=$1
    shift
    if "$@"; then tap_ok "$desc"; else tap_fail "$desc"; fi
}

tap_done() { [ "$tap_failed" -eq 0 ]; }
