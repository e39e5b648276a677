#!/bin/sh
# The upstream trees in the cache are the pinned Debian source packages,
# with Debian's patches applied, and a second fetch reuses them.

. "$VS3_SRCDIR/tests/lib/tap.sh"

src=$VS3_CACHE_DIR/sources
pins=$VS3_SRCDIR/upstream/versions

tap_plan 10

pinned_versions() {
    sed -e 's/#.*//' "$pins" | awk -v n="$1" '$1 == n { $1 = ""; print }'
}

changelog_version() {
    dpkg-parsechangelog -l "$1/debian/changelog" -S Version 2>/dev/null
}

for name in qemu xen; do
    v=$(cat "$src/$name.version" 2>/dev/null)
    tree=$(cat "$src/$name.tree" 2>/dev/null)
    case " $(pinned_versions $name) " in
        *" $v "*) tap_ok "$name: version in use ($v) is pinned" ;;
        *) tap_fail "$name: version in use '$v' is not one of: $(pinned_versions $name)" ;;
    esac
    got=$(changelog_version "$tree")
    if [ -n "$got" ] && [ "$got" = "$v" ]; then
        tap_ok "$name: unpacked tree's debian/changelog says $got"
    else
        tap_fail "$name: tree $tree has changelog version '$got', want '$v'"
    fi
done

# Upstream versions inside the trees: QEMU 7.2 (Debian follows the 7.2.x
# stable releases), Xen 4.17.
qtree=$(cat "$src/qemu.tree")
xtree=$(cat "$src/xen.tree")
case $(cat "$qtree/VERSION") in
    7.2.*) tap_ok "qemu tree is QEMU 7.2 ($(cat "$qtree/VERSION"))" ;;
    *) tap_fail "qemu tree is QEMU $(cat "$qtree/VERSION"), want 7.2.x" ;;
esac
tap_check "xen tree is Xen 4.17" \
    grep -q '^export XEN_SUBVERSION *= *17$' "$xtree/xen/Makefile"

# Debian's patches are applied (quilt state recorded by dpkg-source).
tap_check "qemu tree has Debian's patches applied" \
    test -s "$qtree/.pc/applied-patches"

# A second fetch downloads nothing and unpacks nothing: the trees are the
# same directories (inode) and the orig tarballs were not rewritten.
before=$(stat -c '%i %Y' "$qtree" "$xtree" "$src"/qemu/*.orig.tar.* "$src"/xen/*.orig.tar.*)
out=$("$VS3_SRCDIR/scripts/fetch-upstream" "$VS3_CACHE_DIR" 2>&1)
rc=$?
after=$(stat -c '%i %Y' "$qtree" "$xtree" "$src"/qemu/*.orig.tar.* "$src"/xen/*.orig.tar.*)
tap_check "second fetch succeeds" test $rc -eq 0
tap_diag "$out"
if [ "$before" = "$after" ] && [ "$(echo "$out" | grep -c ': reusing ')" -eq 2 ]; then
    tap_ok "second fetch reuses both trees and downloads"
else
    tap_fail "second fetch re-fetched or re-unpacked something"
fi
if echo "$out" | grep -q 'unpacking'; then
    tap_fail "second fetch unpacked again"
else
    tap_ok "second fetch did not unpack"
fi

tap_done
