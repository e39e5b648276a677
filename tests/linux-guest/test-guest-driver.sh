#!/bin/sh
# make check: the guest driver package (guest/linux).  It builds from the
# pinned linux-source; our kernel code and hook patches pass each pinned
# kernel's checkpatch.pl --strict; a Debian user's "dpkg -i" and "dkms
# install" in a chroot of Debian 12 (6.1) and of Debian 13 (6.12) with
# the pinned headers build the modules and make them the ones modprobe
# loads; a kernel the package has no source for is refused by name.  TAP.

set -u
top=$VS3_SRCDIR
cache=$VS3_CACHE_DIR
out=$(pwd)/tests/linux-guest/driver
. "$top/scripts/lib/debs.sh"
version=$(vs3_project_version "$top")
deb=$out/virtio-s3-dkms_${version}_all.deb
n=0 failed=0
echo "1..9"
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

checkpatch() {   # series args...
    local series=$1
    shift
    perl "$out/checkpatch/$series/checkpatch.pl" --strict --no-tree \
        --no-summary --terse "$@"
}
# The tool itself must be able to fail: a line it must reject.
printf 'int f(void)\n{\n\tint x;  \n\treturn x;\n}\n' > "$out/bad.c"
if [ -f "$out/checkpatch/6.12/checkpatch.pl" ] &&
   ! checkpatch 6.12 -f "$out/bad.c" > /dev/null 2>&1; then
    ok 0 "checkpatch.pl rejects a trailing blank (it can fail)"
else
    ok 1 "checkpatch.pl rejects a trailing blank (it can fail)"
fi
for series in 6.1 6.12; do
    rc=0
    checkpatch "$series" -f "$top"/guest/linux/src/*.c \
        "$top"/guest/linux/src/*.h "$top"/guest/linux/compat/*.h \
        > "$out/checkpatch.log" 2>&1 || rc=1
    quote "$out/checkpatch.log"
    for p in "$top"/guest/linux/patches/"$series"/*.patch; do
        checkpatch "$series" "$p" > "$out/checkpatch.log" 2>&1 || rc=1
        quote "$out/checkpatch.log"
    done
    ok $rc "our kernel files and patches/$series pass $series's checkpatch.pl --strict"
done

# Debian 12: virtio_pci and virtio-gpu; Debian 13: virtio-gpu (virtio_pci
# is built in there).
for series in 6.1 6.12; do
    "$top/tests/linux-guest/dkms-install" "$cache" "$deb" "$series" \
        "$out/modules-$series" > "$out/install.log" 2>&1
    rc=$?
    quote "$out/install.log"
    ok $rc "$series: dpkg -i and dkms install with the pinned linux-headers (modinfo finds DKMS's modules)"
done
# The modules are the ones our code went into.
if strings "$out/modules-6.1/virtio_pci.ko" 2>/dev/null | grep -q "freeze_mode: the device did not take" &&
   strings "$out/modules-6.1/virtio-gpu.ko" 2>/dev/null | grep -q "commands still in flight"; then
    ok 0 "6.1: DKMS built virtio_pci.ko and virtio-gpu.ko with our code in them"
else
    ok 1 "6.1: DKMS built virtio_pci.ko and virtio-gpu.ko with our code in them"
fi
if strings "$out/modules-6.12/virtio-gpu.ko" 2>/dev/null | grep -q "freeze_mode: the device did not take" &&
   strings "$out/modules-6.12/virtio-gpu.ko" 2>/dev/null | grep -q "commands still in flight" &&
   [ ! -e "$out/modules-6.12/virtio_pci.ko" ]; then
    ok 0 "6.12: DKMS built virtio-gpu.ko with our code and its own freeze_mode, and no virtio_pci"
else
    ok 1 "6.12: DKMS built virtio-gpu.ko with our code and its own freeze_mode, and no virtio_pci"
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
