#!/bin/sh
# The upstream trees in the cache are the pinned Debian source packages,
# with Debian's patches applied, and a second fetch reuses them.

. "$VS3_SRCDIR/tests/lib/tap.sh"

src=$VS3_CACHE_DIR/sources
pins=$VS3_SRCDIR/upstream/versions

tap_plan 14

pinned_versions() {   # stack name
    sed -e 's/#.*//' "$pins" | awk -v s="$1" -v n="$2" '$1 == s && $2 == n { $1 = $2 = ""; print }'
}

changelog_version() {
    dpkg-parsechangelog -l "$1/debian/changelog" -S Version 2>/dev/null
}

for pin in bookworm/qemu bookworm/xen trixie/qemu; do
    stack=${pin%/*} name=${pin#*/}
    v=$(cat "$src/$name-$stack.version" 2>/dev/null)
    tree=$(cat "$src/$name-$stack.tree" 2>/dev/null)
    case " $(pinned_versions "$stack" "$name") " in
        *" $v "*) tap_ok "$pin: version in use ($v) is pinned" ;;
        *) tap_fail "$pin: version in use '$v' is not one of: $(pinned_versions "$stack" "$name")" ;;
    esac
    got=$(changelog_version "$tree")
    if [ -n "$got" ] && [ "$got" = "$v" ]; then
        tap_ok "$pin: unpacked tree's debian/changelog says $got"
    else
        tap_fail "$pin: tree $tree has changelog version '$got', want '$v'"
    fi
done

# Upstream versions inside the trees: QEMU 7.2 and 10.0 (Debian follows
# the stable releases), Xen 4.17.
qtree=$(cat "$src/qemu-bookworm.tree")
q10tree=$(cat "$src/qemu-trixie.tree")
xtree=$(cat "$src/xen-bookworm.tree")
case $(cat "$qtree/VERSION") in
    7.2.*) tap_ok "bookworm/qemu tree is QEMU 7.2 ($(cat "$qtree/VERSION"))" ;;
    *) tap_fail "bookworm/qemu tree is QEMU $(cat "$qtree/VERSION"), want 7.2.x" ;;
esac
case $(cat "$q10tree/VERSION") in
    10.0.*) tap_ok "trixie/qemu tree is QEMU 10.0 ($(cat "$q10tree/VERSION"))" ;;
    *) tap_fail "trixie/qemu tree is QEMU $(cat "$q10tree/VERSION"), want 10.0.x" ;;
esac
tap_check "bookworm/xen tree is Xen 4.17" \
    grep -q '^export XEN_SUBVERSION *= *17$' "$xtree/xen/Makefile"

# Debian's patches are applied (quilt state recorded by dpkg-source).
tap_check "bookworm/qemu tree has Debian's patches applied" \
    test -s "$qtree/.pc/applied-patches"
tap_check "trixie/qemu tree has Debian's patches applied" \
    test -s "$q10tree/.pc/applied-patches"

# A second fetch downloads nothing and unpacks nothing: the trees are the
# same directories (inode) and the orig tarballs were not rewritten.
before=$(stat -c '%i %Y' "$qtree" "$q10tree" "$xtree" "$src"/qemu/*.orig.tar.* "$src"/xen/*.orig.tar.*)
out=$("$VS3_SRCDIR/scripts/fetch-upstream" "$VS3_CACHE_DIR" 2>&1)
rc=$?
after=$(stat -c '%i %Y' "$qtree" "$q10tree" "$xtree" "$src"/qemu/*.orig.tar.* "$src"/xen/*.orig.tar.*)
tap_check "second fetch succeeds" test $rc -eq 0
tap_diag "$out"
if [ "$before" = "$after" ] && [ "$(echo "$out" | grep -c ': reusing ')" -eq 3 ]; then
    tap_ok "second fetch reuses every tree and download"
else
    tap_fail "second fetch re-fetched or re-unpacked something"
fi
if echo "$out" | grep -q 'unpacking'; then
    tap_fail "second fetch unpacked again"
else
    tap_ok "second fetch did not unpack"
fi

tap_done
