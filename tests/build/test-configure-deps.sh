#!/bin/sh
# ./configure on a machine without a dependency stops and names the Debian
# package to install.  "Without" is simulated by pointing pkg-config at a
# copy of this machine's .pc files that lacks the package's files, so the
# real configure script runs against a real, reduced pkg-config view.

. "$VS3_SRCDIR/tests/lib/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pcdirs=$(pkg-config --variable pc_path pkg-config)

# hide PACKAGE: a pkg-config directory with every .pc file except PACKAGE's.
hide() {
    dir=$tmp/pc-$1
    mkdir -p "$dir"
    hidden=$(dpkg -L "$1" | grep '\.pc$')
    echo "$pcdirs" | tr ':' '\n' | while read -r d; do
        [ -d "$d" ] || continue
        for pc in "$d"/*.pc; do
            [ -e "$pc" ] || continue
            case " $(echo $hidden) " in *" $pc "*) continue ;; esac
            # the first directory on the path wins, as for pkg-config
            [ -e "$dir/${pc##*/}" ] || ln -s "$pc" "$dir/"
        done
    done
    echo "$dir"
}

# check PACKAGE: configure fails, naming PACKAGE, and creates no Makefile.
check() {
    pkg=$1
    dir=$(hide "$pkg")
    b=$tmp/build-$pkg
    mkdir -p "$b"
    out=$(cd "$b" && PKG_CONFIG_LIBDIR=$dir PKG_CONFIG_PATH= \
          "$VS3_SRCDIR/configure" --with-cache-dir="$tmp/cache" 2>&1)
    rc=$?
    tap_check "without $pkg: configure fails" test $rc -ne 0
    if echo "$out" | grep -q "install the Debian package $pkg"; then
        tap_ok "without $pkg: the error names $pkg"
    else
        tap_fail "without $pkg: the error names $pkg"
        tap_diag "$(echo "$out" | tail -3)"
    fi
    tap_check "without $pkg: no Makefile written" test ! -e "$b/Makefile"
}

tap_plan 10
check libxen-dev
check libvirglrenderer-dev
check libepoxy-dev

# And with nothing hidden, the same construction lets configure pass, so the
# failures above come from the hidden package alone.
all=$tmp/pc-all
mkdir -p "$all"
echo "$pcdirs" | tr ':' '\n' | while read -r d; do
    for pc in "$d"/*.pc; do
        [ -e "$pc" ] && [ ! -e "$all/${pc##*/}" ] && ln -s "$pc" "$all/"
    done
done
mkdir -p "$tmp/build-all"
(cd "$tmp/build-all" && PKG_CONFIG_LIBDIR=$all PKG_CONFIG_PATH= \
    "$VS3_SRCDIR/configure" -q --with-cache-dir="$tmp/cache" >/dev/null 2>&1)
tap_check "with every package: configure succeeds" test $? -eq 0

tap_done
