#!/bin/sh
# scripts/apt-source-entries: the entries for the machine's own release
# and for another one are derived from an apt configuration, never typed
# in.  A made-up configuration of the machine's release (one-line and
# deb822 files, a disabled entry, a third-party suite) goes in; the
# stanzas that come out are compared.

. "$VS3_SRCDIR/tests/lib/tap.sh"

entries=$VS3_SRCDIR/scripts/apt-source-entries
own=$(. /etc/os-release && echo "$VERSION_CODENAME")
etc=$(mktemp -d)
trap 'rm -rf "$etc"' EXIT
mkdir "$etc/sources.list.d"
cat > "$etc/sources.list" <<LIST
deb [signed-by=/k.gpg] file:/srv/apt/debian $own main contrib
# deb file:/srv/apt/debian $own-backports main
LIST
cat > "$etc/sources.list.d/sec.sources" <<SRC
Types: deb
URIs: file:/srv/apt/security
Suites: $own-security
Components: main

Types: deb
URIs: file:/srv/apt/off
Suites: $own-updates
Components: main
Enabled: no

Types: deb
URIs: file:/srv/apt/third
Suites: stable
Components: main
SRC

tap_plan 6

out=$("$entries" "$etc")
tap_diag "$out"
first=$(printf '%s\n' "$out" | sed -n '1,5p' | tr '\n' '|')
if [ "$first" = "Types: deb-src|URIs: file:/srv/apt/debian|Suites: $own|Components: main contrib|Signed-By: /k.gpg|" ]; then
    tap_ok "own release: a one-line entry gets its deb-src twin, key kept"
else
    tap_fail "own release: first stanza is '$first'"
fi
if printf '%s\n' "$out" | grep -q "srv/apt/off" ||
   printf '%s\n' "$out" | grep -q "backports"; then
    tap_fail "own release: a disabled or commented-out entry came out"
else
    tap_ok "own release: disabled and commented-out entries are left out"
fi

out=$("$entries" --binary trixie "$etc")
tap_diag "$out"
if [ "$(printf '%s\n' "$out" | grep -c '^Types: deb$')" = 2 ] &&
   printf '%s\n' "$out" | grep -qx "Suites: trixie" &&
   printf '%s\n' "$out" | grep -qx "Suites: trixie-security"; then
    tap_ok "--binary trixie: deb stanzas with the suites renamed"
else
    tap_fail "--binary trixie: not two deb stanzas for trixie and trixie-security"
fi
if printf '%s\n' "$out" | grep -q "srv/apt/third"; then
    tap_fail "--binary trixie: a suite of another release was renamed"
else
    tap_ok "--binary trixie: suites that are not the machine's release are left out"
fi

out=$("$entries" --source trixie "$etc")
if [ "$(printf '%s\n' "$out" | grep -c '^Types: deb-src$')" = 2 ] &&
   ! printf '%s\n' "$out" | grep -q '^Types: deb$' &&
   printf '%s\n' "$out" | grep -qx "Suites: trixie-security"; then
    tap_ok "--source trixie: the same entries as deb-src"
else
    tap_fail "--source trixie: want two deb-src stanzas"
fi

if "$entries" --source 2>/dev/null; then
    tap_fail "--source without a codename was accepted"
else
    tap_ok "--source without a codename is refused"
fi

tap_done
