# Sourced by run-tests.sh: a frozen virtio-pci device is hot-unplugged.
# The guest (tests/xtf/tests/virtio-unplug) freezes a virtio-blk and
# ejects its slot when asked; our QEMU must publish the device's
# freeze-mode while it is there and remove its nodes when it is gone,
# leaving the rest of the protocol's nodes and itself alive.

run_unplug() {
    name=test-hvm32-virtio-unplug glog=/tmp/unplug.guest.log cfg=/tmp/unplug.cfg
    own_image "$name" unplug > "$cfg"
    use_our_dm "$cfg"
    : > "$glog"
    xl dmesg -c > /dev/null 2>&1
    say "ours unplug: xl create"
    if ! out=$(xl create "$cfg" 2>&1); then
        check unplug-freeze-mode-published FAIL "xl create: $out"
        check unplug-nodes-removed FAIL "no domain"
        return
    fi
    d=$(xl domid "$name")
    # Up to 107 s were seen from xl create to here on a loaded machine.
    if ! guest_wait "$d" "$glog" "VS3-MARK: unplug-ready" 300; then
        sed 's/^/E2E-GUEST ours unplug: /' "$glog"
        check unplug-freeze-mode-published FAIL "the guest never froze its virtio-blk"
        check unplug-nodes-removed FAIL "not reached"
        destroy_domain "$d"
        return
    fi
    slot=$(sed -n 's/^virtio-blk at slot \([0-9]*\) frozen.*/\1/p' "$glog" | head -1)
    if [ -z "$slot" ]; then
        sed 's/^/E2E-GUEST ours unplug: /' "$glog"
        check unplug-freeze-mode-published FAIL "the guest did not say which slot it froze"
        check unplug-nodes-removed FAIL "not reached"
        destroy_domain "$d"
        return
    fi
    addr=$(printf '0000-00-%02x-0' "$slot")
    node=$DMNODE/$d/virtio-s3/devices/$addr
    mode=$(xenstore-read "$node/freeze-mode" 2>&1)
    type=$(xenstore-read "$node/type" 2>&1)
    if [ "$mode" = 3 ] && [ "$type" = virtio-blk ]; then
        check unplug-freeze-mode-published PASS "$addr: type $type, freeze-mode $mode while the driver has it frozen"
    else
        check unplug-freeze-mode-published FAIL "$addr: type '$type', freeze-mode '$mode' (want virtio-blk, 3); published: $(published_modes "$d")"
    fi
    out=$(xl qemu-monitor-command "$d" "device_del vs3blk" 2>&1)
    say "ours unplug: device_del vs3blk: ${out:-done}"
    guest_wait "$d" "$glog" "VS3-MARK: ejected" 120
    # QEMU unrealizes the device when the guest ejects it; the nodes go
    # then, not at domain destruction.
    i=0
    while xenstore-exists "$node" 2>/dev/null && [ $i -lt 10 ]; do
        sleep 1; i=$((i + 1))
    done
    state=$(xenstore-read "$DMNODE/$d/virtio-s3/state" 2>&1)
    left=""
    xenstore-exists "$node" 2>/dev/null &&
        left="[$(xenstore-ls "$node" 2>&1 | tr '\n' ' ')]"
    dm_alive=no
    kill -0 "$(xenstore-read "/local/domain/$d/image/device-model-pid")" 2>/dev/null &&
        dm_alive=yes
    xl qemu-monitor-command "$d" "sendkey ret" > /dev/null 2>&1
    guest_wait "$d" "$glog" "Test result:" 60
    sed 's/^/E2E-GUEST ours unplug: /' "$glog"
    result=$(sed -n 's/^Test result: //p' "$glog" | head -1)
    if ! grep -q "VS3-MARK: ejected" "$glog"; then
        check unplug-nodes-removed FAIL "the guest did not eject the device (result '${result:-none}')"
    elif [ -n "$left" ]; then
        check unplug-nodes-removed FAIL "$node left behind after the eject: $left"
    elif [ $dm_alive = no ]; then
        check unplug-nodes-removed FAIL "the device model is gone"
    elif [ "$result" != SUCCESS ]; then
        check unplug-nodes-removed FAIL "guest result '${result:-none}'"
    else
        check unplug-nodes-removed PASS "$addr removed after the eject; device model alive, state '$state'; guest $result"
    fi
    destroy_domain "$d"
}
