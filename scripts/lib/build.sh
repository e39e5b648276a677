# Shared by scripts/run-tests and scripts/s3-demo: install what is missing,
# generate, configure and build the tree.  Source it; it defines vs3_build.
#
# Environment:
#   VS3_BUILD_DIR   build directory (default: _build in the checkout)
#   VS3_CACHE_DIR   cache for upstream sources and builds (configure's
#                   default when unset: ~/.cache/xen-virtio-s3)

vs3_top=$(cd "$(dirname "$0")/.." && pwd)
vs3_build_dir=${VS3_BUILD_DIR:-$vs3_top/_build}
vs3_jobs=$(nproc 2>/dev/null || echo 2)
vs3_t0=$(date +%s)

vs3_step() {
    printf '\n==> [%4ss] %s\n' "$(($(date +%s) - vs3_t0))" "$*"
}

vs3_build() {
    vs3_step "dependencies (scripts/install-deps)"
    "$vs3_top/scripts/install-deps" || return 1

    if [ ! -x "$vs3_top/configure" ] ||
       [ "$vs3_top/configure.ac" -nt "$vs3_top/configure" ]; then
        vs3_step "generating configure (autogen.sh)"
        "$vs3_top/autogen.sh" || return 1
    fi

    mkdir -p "$vs3_build_dir" || return 1
    cd "$vs3_build_dir" || return 1
    if [ ! -f config.status ] || [ "$vs3_top/configure" -nt config.status ]; then
        vs3_step "configure (in $vs3_build_dir)"
        set --
        [ -n "${VS3_CACHE_DIR:-}" ] && set -- "--with-cache-dir=$VS3_CACHE_DIR"
        "$vs3_top/configure" -q "$@" || return 1
    fi

    vs3_step "build (make -j$vs3_jobs)"
    make -j"$vs3_jobs" || return 1
}
