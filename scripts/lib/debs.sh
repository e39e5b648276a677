# Shared by the scripts that fetch pinned Debian packages and take kernel
# modules out of them (tests/e2e/fetch-debs, tests/linux-guest/*,
# guest/linux/build-dkms).  Source it.

# The start of the .deb file name that apt-get download writes for
# PACKAGE=VERSION (an epoch's "N:" as "N%3a").
vs3_deb_file() {
    printf '%s_%s_' "${1%%=*}" "$(echo "${1#*=}" | sed 's/:/%3a/g')"
}

# Copy the kernel module SRC (.ko, .ko.xz or .ko.zst) to DST, uncompressed.
vs3_unpack_ko() {
    case $1 in
    *.xz) xz -dc "$1" > "$2" ;;
    *.zst) zstd -qdc "$1" > "$2" ;;
    *) cp "$1" "$2" ;;
    esac
}

# The version of this project (AC_INIT in TOP/configure.ac).
vs3_project_version() {
    sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\]).*/\1/p' "$1/configure.ac"
}

# Hold an exclusive lock on FILE (on file descriptor 9) until the calling
# script exits: two scripts that share a part of the cache (the guest
# driver test and the nested test's guest images, run side by side by
# make -j2 check) take turns instead of unpacking over each other.
vs3_lock() {
    exec 9> "$1"
    if ! flock -n 9; then
        printf '%s: waiting for %s\n' "${0##*/}" "$1" >&2
        flock 9
    fi
}
