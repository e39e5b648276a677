# Sourced by run-tests.sh after faults.sh (dm_pid): the virtio_gpu xl.cfg key.  A good value makes
# libxl give QEMU the device with both S3 mechanisms; a bad one is refused
# by xl or libxl with a message that says what is wrong, and no domain is
# built.  (The guest tests themselves use the key: tests/xtf/tests/*.)

# The virtio-gpu-s3 test's configuration with its display keys
# (virtio_gpu, vga, sdl) replaced by these lines, in $cfg.
xl_cfg_file() {   # label cfg-lines...
    label=$1; shift
    cfg=/tmp/xl-cfg-$label.cfg
    own_image test-hvm32-virtio-gpu-s3 "xl-cfg-$label" |
        sed -e "s/^name = .*/name = \"xl-cfg-$label\"/" \
            -e '/^virtio_gpu/d' -e '/^vga/d' -e '/^sdl/d' > "$cfg"
    use_our_dm "$cfg"
    printf '%s\n' "$@" >> "$cfg"
}

# xl create of the virtio-gpu-s3 test with these lines appended to its
# configuration: "exit N: message" on stdout.
xl_cfg_create() {   # label cfg-lines...
    xl_cfg_file "$@"
    out=$(xl create "$cfg" 2>&1); rc=$?
    echo "exit $rc: $(echo "$out" | grep -v '^Parsing config' | tr '\n' ' ')"
}

# The value is refused: xl exits non-zero (not on a signal), says WHY, and
# no domain of that name exists afterwards.
xl_cfg_refused() {   # check label why cfg-lines...
    name=$1 label=$2 why=$3; shift 3
    got=$(xl_cfg_create "$label" "$@")
    if xl list "xl-cfg-$label" > /dev/null 2>&1; then
        destroy_domain "$(xl domid "xl-cfg-$label")"
        check "$name" FAIL "a domain was built: $got"
    elif rc=${got#exit }; rc=${rc%%:*}; [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] &&
         echo "$got" | grep -qF "$why"; then
        check "$name" PASS "$got"
    else
        check "$name" FAIL "$got (wanted a failure and: $why)"
    fi
}

# QEMU's command line, one argument per line.
dm_args() {   # domid
    tr '\0' '\n' < "/proc/$(dm_pid "$1")/cmdline"
}

# Built with the key: the -device argument QEMU got.
xl_cfg_args() {   # check label want cfg-lines...
    name=$1 label=$2 want=$3; shift 3
    got=$(xl_cfg_create "$label" "$@")
    d=$(xl domid "xl-cfg-$label" 2>/dev/null)
    if [ -z "$d" ]; then
        check "$name" FAIL "not built: $got; device model: $(tail -5 "/var/log/xen/qemu-dm-xl-cfg-$label.log" 2>&1 | tr '\n' ' ')"
        return
    fi
    args=$(dm_args "$d")
    destroy_domain "$d"
    if echo "$args" | grep -qxF -- "$want"; then
        check "$name" PASS "-device $want"
    else
        check "$name" FAIL "no -device $want in: $(echo "$args" | grep -A1 -- -device | tr '\n' ' ')"
    fi
}

# renderer=virgl: the arguments libxl spawns QEMU with (xl -vvv), whether
# or not QEMU then starts (its OpenGL display wants an X server, which only
# the virgl runs' domain 0 has).  libxl's own "-display sdl" (sdl=1) has
# no OpenGL: the key's "-display sdl,gl=on" must come after it.
xl_cfg_virgl() {   # check label
    name=$1 label=$2
    xl_cfg_file "$label" 'virtio_gpu = "model=virtio-gpu-pci, renderer=virgl"' \
        'vga = "none"' 'sdl = 1' 'opengl = 1'
    xl -vvv create "$cfg" > /tmp/xl-cfg-$label.log 2>&1
    d=$(xl domid "xl-cfg-$label" 2>/dev/null)
    [ -n "$d" ] && destroy_domain "$d"
    args=$(sed -n 's/.*libxl__spawn_local_dm: Domain [0-9]*: *//p' \
           /tmp/xl-cfg-$label.log | sed -n '/^-/,$p' | tr '\n' ' ')
    last_display=$(echo "$args" | tr ' ' '\n' | grep -A1 -x -- -display | tail -1)
    if echo "$args" | grep -q -- "-device virtio-gpu-gl-pci,id=virtio_gpu,x-freeze-mode=on,x-pm-no-soft-reset=on" &&
       [ "$last_display" = "sdl,gl=on" ]; then
        check "$name" PASS "-device virtio-gpu-gl-pci,...; last -display $last_display"
    else
        check "$name" FAIL "last -display '${last_display:-none}' in: $(echo "$args" | cut -c1-600)"
    fi
}

run_xl_cfg() {
    xl_cfg_args xl-cfg-virtio-gpu-pci pci \
        "virtio-gpu-pci,id=virtio_gpu,x-freeze-mode=on,x-pm-no-soft-reset=on" \
        'virtio_gpu = "model=virtio-gpu-pci"'
    xl_cfg_args xl-cfg-virtio-vga vga \
        "virtio-vga,id=virtio_gpu,x-freeze-mode=on,x-pm-no-soft-reset=on" \
        'virtio_gpu = ""'
    xl_cfg_args xl-cfg-s3-off s3off "virtio-gpu-pci,id=virtio_gpu" \
        'virtio_gpu = "model=virtio-gpu-pci, s3=off"'
    xl_cfg_refused xl-cfg-bad-model badmodel \
        'model must be virtio-vga, virtio-gpu-pci or none, not "cirrus"' \
        'virtio_gpu = "model=cirrus"'
    xl_cfg_refused xl-cfg-unknown-key badkey \
        'unknown key (model, renderer, s3): "sr"' \
        'virtio_gpu = "sr=on"'
    xl_cfg_refused xl-cfg-missing-comma comma \
        'one value per key, separated by commas: "virtio-gpu-pci s3=off"' \
        'virtio_gpu = "model=virtio-gpu-pci s3=off"'
    xl_cfg_refused xl-cfg-vga-conflict vgaconflict \
        'virtio_gpu model=virtio-vga is the domain'"'"'s VGA: remove vga="stdvga"' \
        'virtio_gpu = "model=virtio-vga"' 'vga = "stdvga"'
    xl_cfg_refused xl-cfg-vga-videoram videoram \
        'virtio_gpu model=virtio-vga needs videoram=8 or more (its VGA'"'"'s memory), not 4' \
        'virtio_gpu = "model=virtio-vga"' 'videoram = 4'
    xl_cfg_virgl xl-cfg-virgl-display virgldisplay
    xl_cfg_refused xl-cfg-virgl-needs-gl virgl \
        'virtio_gpu renderer=virgl needs an OpenGL display: set sdl=1 and opengl=1' \
        'virtio_gpu = "renderer=virgl"'
    xl_cfg_refused xl-cfg-virgl-second-display virglsecond \
        'virtio_gpu renderer=virgl must be the domain'"'"'s only display: use model=virtio-vga, or set vga="none"' \
        'virtio_gpu = "model=virtio-gpu-pci, renderer=virgl"' 'sdl = 1' 'opengl = 1'
}
