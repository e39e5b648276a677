#!/bin/sh
# make check: the guest driver package (guest/linux).  It builds from the
# pinned linux-source; our kernel code and hook patches pass the pinned
# kernel's checkpatch.pl --strict; a Debian 12 user's "dpkg -i" and
# "dkms install" in a bookworm chroot with the pinned headers build both
# modules and make them the ones modprobe loads; a kernel the package has
# no source for is refused by name.  TAP.

set -u
top=$VS3_SRCDIR
cache=$VS3_CACHE_DIR
out=$(pwd)/tests/linux-guest/driver
version=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\]).*/\1/p' "$top/configure.ac")
deb=$out/virtio-s3-dkms_${version}_all.deb
n=0 failed=0
echo "1..7"
ok() {   # verdict description
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
quote() { sed 's/^/# /' "$1"; }

mkdir -p "$out"
"$top/guest/linux/build-dkms" "$cache" "$out" "$version" > "$out/build.log" 2>&1
rc=$?
quote "$out/build.log"
ok $rc "the package builds from the pinned linux-source"

cp=$out/checkpatch/checkpatch.pl
checkpatch() { perl "$cp" --strict --no-tree --no-summary --terse "$@"; }
# The tool itself must be able to fail: a line it must reject.
printf 'int f(void)\n{\n\tint x;  \n\treturn x;\n}\n' > "$out/bad.c"
if [ -f "$cp" ] && ! checkpatch -f "$out/bad.c" > /dev/null 2>&1; then
    ok 0 "checkpatch.pl rejects a trailing blank (it can fail)"
else
    ok 1 "checkpatch.pl rejects a trailing blank (it can fail)"
fi
checkpatch -f "$top"/guest/linux/src/*.c "$top"/guest/linux/src/*.h \
    "$top"/guest/linux/compat/*.h > "$out/checkpatch-src.log" 2>&1
rc=$?
quote "$out/checkpatch-src.log"
ok $rc "our kernel files pass checkpatch.pl --strict"
rc=0
for p in "$top"/guest/linux/patches/*/*.patch; do
    checkpatch "$p" > "$out/checkpatch-patch.log" 2>&1 || rc=1
    quote "$out/checkpatch-patch.log"
done
ok $rc "the hook patches pass checkpatch.pl --strict"

"$top/tests/linux-guest/dkms-install" "$cache" "$deb" 6.1 "$out/modules-6.1" \
    > "$out/install.log" 2>&1
rc=$?
quote "$out/install.log"
ok $rc "dpkg -i and dkms install in Debian 12 with linux-headers 6.1 (modinfo finds DKMS's modules)"

# The modules are the ones our code went into.
if strings "$out/modules-6.1/virtio_pci.ko" 2>/dev/null | grep -q "freeze_mode: the device did not take" &&
   strings "$out/modules-6.1/virtio-gpu.ko" 2>/dev/null | grep -q "commands still in flight"; then
    ok 0 "DKMS built virtio_pci.ko and virtio-gpu.ko with our code in them"
else
    ok 1 "DKMS built virtio_pci.ko and virtio-gpu.ko with our code in them"
fi

make -C "$out/virtio-s3-$version" KVER=5.10.0-30-amd64 KDIR=/nonexistent \
    > "$out/refuse.log" 2>&1
rc=$?
quote "$out/refuse.log"
if [ $rc -ne 0 ] && grep -q "no driver source for kernel 5.10.0-30-amd64" "$out/refuse.log"; then
    ok 0 "a kernel without source in the package is refused by name"
else
    ok 1 "a kernel without source in the package is refused by name"
fi
exit $failed
