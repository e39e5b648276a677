#!/bin/sh
# A run's summary says whether domain 0's libxenlight and xl are the
# hypervisor's version (tests/e2e/stack-versions), from the real pins of
# both stacks and made-up console lines.

. "$VS3_SRCDIR/tests/lib/tap.sh"
sv=$VS3_SRCDIR/tests/e2e/stack-versions
pins=$VS3_SRCDIR/tests/e2e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'E2E: xen_version            : 4.20.5-pre\r\n' > "$tmp/trixie.log"
printf 'E2E: xen_version            : 4.17.7\r\n' > "$tmp/bookworm.log"
hyp12=$(sed -n 's/^xen-hypervisor-[^=]*=//p' "$pins/dom0-packages-bookworm")
grep -v '^xen-hypervisor' "$pins/dom0-packages-bookworm" > "$tmp/nohyp"

tap_plan 4
out=$("$sv" "$pins/dom0-packages-trixie" debian - "$tmp/trixie.log")
tap_check "Debian 13, Debian's tools: the same version as the hypervisor, which xl info calls 4.20.5-pre" \
    sh -c 'echo "$1" | grep -q "^hypervisor: Xen 4.20.5-pre (xen-hypervisor 4.20.4+63" &&
           echo "$1" | grep -qx "  tools and hypervisor: the same version"' - "$out"
tap_diag "$out"
out=$("$sv" "$pins/dom0-packages-bookworm" ours 4.17.5+72-g01140da4e8-1 "$tmp/bookworm.log")
tap_check "Debian 12, ours from source 4.17.5+72 over hypervisor 4.17.7+13: NOT the same" \
    sh -c 'echo "$1" | grep -q "ours, built from Debian.s xen source 4.17.5+72" &&
           echo "$1" | grep -q "NOT the same version"' - "$out"
tap_diag "$out"
out=$("$sv" "$pins/dom0-packages-bookworm" ours "$hyp12" "$tmp/bookworm.log")
tap_check "ours built from the hypervisor's own source version: the same" \
    sh -c 'echo "$1" | grep -qx "  tools and hypervisor: the same version"' - "$out"
out=$("$sv" "$tmp/nohyp" ours "" /nonexistent)
tap_check "no hypervisor pin, no tools version, no console: NOT the same, and ? for each" \
    sh -c 'echo "$1" | grep -q "^hypervisor: Xen ? (xen-hypervisor ?)" &&
           echo "$1" | grep -q "NOT the same version"' - "$out"
tap_diag "$out"
tap_done
