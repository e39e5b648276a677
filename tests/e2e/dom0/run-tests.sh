#!/bin/sh
# Runs in the nested machine's domain 0.  For each guest test: xl create,
# follow the guest's console (port 0xe9 lines in Xen's console ring), and
# act as the user would:
#
#   guest suspended (QEMU: "paused (suspended)")  -> screendump "before"
#                                                    (first cycle), then
#                                                    xl trigger <domid> s3resume
#   guest prints "VS3-MARK: restored"              -> screendump "after",
#                                                    toolstack checks on the
#                                                    running domain, then a
#                                                    key press releases it
#   guest prints "Test result: ..."                -> record, destroy
#
# Everything the host needs is printed on the console, one line each:
#   E2E: <progress>                   E2E-RESULT <dm> <test> <result>
#   E2E-CHECK <name> PASS|FAIL <why>  E2E-GUEST <dm> <test>: <guest line>
#   E2E-FILE-BEGIN <name> / E2E-B64 <gzip|base64> / E2E-FILE-END <name>
#
# The tests to run come from the kernel command line: vs3.tests=dm:test,...
# (dm is "ours" or "stock").

OURS_DM=/usr/local/bin/qemu-system-i386
DMNODE=/local/domain/0/device-model
TEST_TIMEOUT=420

# xl, with a report on the console (fd 3) when it dies on a signal, even
# where its own output is discarded.
exec 3>&1
XL=/usr/lib/xen-4.17/bin/xl
xl() {
    "$XL" "$@"
    rc=$?
    if [ $rc -ge 128 ]; then
        echo "E2E-XL-CRASH signal $((rc - 128)): xl $*" >&3
    fi
    return $rc
}

# Domains created and destroyed in a row: does xl's monitoring child live?
run_create_stress() {
    crashed=0
    for i in $(seq 12); do
        cfg=/tmp/stress.cfg
        sed "s/^name = .*/name = \"stress-$i\"/" /guest/test-hvm32-freeze-mode-abi.cfg > "$cfg"
        use_our_dm "$cfg"
        out=$(xl create "$cfg" 2>&1) || echo "E2E: create-stress: create $i failed: $out"
        echo "$out" | grep -q "fatal signal" && crashed=$((crashed + 1))
        sleep 3
        xl destroy "stress-$i" 2>/dev/null
    done
    say "create-stress: 12 creates, $crashed monitoring children crashed"
}

# Many rounds of the commands the tests poll with, on a live domain.
run_xl_stress() {
    d=$(suspended_domain stress) || return
    xl trigger "$d" s3resume > /dev/null 2>&1
    for i in $(seq 300); do
        xl dmesg -c > /dev/null 2>&1
        xl qemu-monitor-command "$d" "info status" > /dev/null 2>&1
        xl list "$d" > /dev/null 2>&1
    done
    say "xl-stress: 300 rounds done"
    destroy_domain "$d"
}

now() { cut -d. -f1 /proc/uptime; }
up() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(up)" 'BEGIN { printf "%.1f", b - a }'; }
say() { echo "E2E: [$(up)] $*"; }
check() {   # name PASS|FAIL detail...
    name=$1; verdict=$2; shift 2
    echo "E2E-CHECK $name $verdict $*"
}

emit_file() {
    echo "E2E-FILE-BEGIN $(basename "$1")"
    gzip -c "$1" | base64 | sed 's/^/E2E-B64 /'
    echo "E2E-FILE-END $(basename "$1")"
}

shot() {   # dm test domid which
    f=/tmp/$1-$2-$4.ppm
    if xl qemu-monitor-command "$3" "screendump $f gpu0" >/dev/null 2>&1 &&
       [ -s "$f" ]; then
        emit_file "$f"
        say "$1 $2: screendump $4 taken"
    else
        say "$1 $2: screendump $4 FAILED"
    fi
}

# Toolstack behaviour that needs a running domain served by our QEMU.
toolstack_checks() {   # domid
    d=$1
    out=$(xl trigger "$d" s3resume 2>&1); rc=$?
    if [ $rc -ne 0 ] && echo "$out" | grep -q "is not suspended (ACPI S3); nothing to resume"; then
        check xl-s3resume-running-domain PASS "exit $rc: $out"
    else
        check xl-s3resume-running-domain FAIL "exit $rc: $out"
    fi

    out=$(xl trigger 31999 s3resume 2>&1); rc=$?
    if [ $rc -ne 0 ] && echo "$out" | grep -q "domain 31999 does not exist"; then
        check xl-s3resume-missing-domain PASS "exit $rc: $(echo "$out" | tail -1)"
    else
        check xl-s3resume-missing-domain FAIL "exit $rc: $out"
    fi

    out=$(xl trigger "$d" s3resume 7x 2>&1); rc=$?
    if [ $rc -ne 0 ] && echo "$out" | grep -q "invalid vcpu"; then
        check xl-trigger-bad-vcpu PASS "exit $rc: $out"
    else
        check xl-trigger-bad-vcpu FAIL "exit $rc: $out"
    fi

    # Only dom0 may touch the nodes: every one is owned by dom0 with no
    # access for anyone else ("n0"), the guest included.
    perms=$(xenstore-ls -p "$DMNODE/$d/virtio-s3" 2>&1)
    if [ -n "$perms" ] && ! echo "$perms" | grep -v '(n0)$' | grep -q .; then
        check dm-nodes-dom0-only PASS "$(echo "$perms" | wc -l) nodes, all (n0)"
    else
        check dm-nodes-dom0-only FAIL "$perms"
    fi

    # A malformed request is ignored: no response, state unchanged.
    before=$(xenstore-read "$DMNODE/$d/virtio-s3/response" 2>/dev/null)
    xenstore-write "$DMNODE/$d/virtio-s3/request" "not a request"
    sleep 2
    after=$(xenstore-read "$DMNODE/$d/virtio-s3/response" 2>/dev/null)
    state=$(xenstore-read "$DMNODE/$d/virtio-s3/state" 2>/dev/null)
    if [ "$before" = "$after" ] && [ "$state" = running ]; then
        check malformed-request-ignored PASS "response '$after', state $state"
    else
        check malformed-request-ignored FAIL "response '$before' -> '$after', state $state"
    fi
}

# Make a domain configuration use our device model.
use_our_dm() {   # cfg
    printf 'device_model_version = "qemu-xen"\ndevice_model_override = "%s"\n' \
        "$OURS_DM" >> "$1"
}

# The configuration of test image NAME, on a copy of the image of its own
# (ID), so that a domain left behind cannot lock the next one out.
own_image() {   # name id
    cp "/guest/$1.img" "/tmp/$2.img"
    sed "s|/guest/$1.img|/tmp/$2.img|" "/guest/$1.cfg"
}

# xl destroy, checked and tried again: a domain left behind would skew
# everything after it.
destroy_domain() {   # domid
    for i in 1 2 3; do
        xl destroy "$1" 2>/dev/null
        xl list "$1" > /dev/null 2>&1 || return 0
        sleep 2
    done
    say "domain $1 could not be destroyed"
    return 1
}

# Until QEMU reports the domain running (polled every 50 ms, 60 s at most).
wait_running() {
    i=0
    while [ $i -lt 1200 ]; do
        case "$(xl qemu-monitor-command "$1" "info status" 2>/dev/null)" in
        *"status: running"*) return 0 ;;
        esac
        usleep 50000
        i=$((i + 1))
    done
    return 1
}

# Boot the virtio-gpu-s3 guest with our QEMU and wait until it is in S3.
# Prints the domain id.
suspended_domain() {   # name
    cfg=/tmp/fault-$1.cfg
    own_image test-hvm32-virtio-gpu-s3 "fault-$1" |
        sed "s/^name = .*/name = \"fault-$1\"/" > "$cfg"
    use_our_dm "$cfg"
    xl create "$cfg" > /tmp/create.log 2>&1 || { cat /tmp/create.log >&2; return 1; }
    d=$(xl domid "fault-$1")
    i=0
    while [ $i -lt 120 ]; do
        case "$(xl qemu-monitor-command "$d" "info status" 2>/dev/null)" in
        *suspended*) echo "$d"; return 0 ;;
        esac
        sleep 1
        i=$((i + 1))
    done
    return 1
}

no_nodes_left() {   # check-name domid
    i=0
    while xenstore-exists "$DMNODE/$2" 2>/dev/null && [ $i -lt 10 ]; do
        sleep 1; i=$((i + 1))
    done
    if xenstore-exists "$DMNODE/$2" 2>/dev/null; then
        check "$1" FAIL "$DMNODE/$2 left behind: $(xenstore-ls "$DMNODE/$2" | tr '\n' ' ')"
    else
        check "$1" PASS "no $DMNODE/$2 left"
    fi
}

# Toolstack faults: each ends with a clear error, no hang beyond the
# timeout, and no node left behind.
run_faults() {
    # Two s3resume at once: one resumes, the other is refused.
    d=$(suspended_domain twice) || { check fault-two-triggers FAIL "no suspended domain"; return; }
    xl trigger "$d" s3resume > /tmp/t1.log 2>&1 & p1=$!
    xl trigger "$d" s3resume > /tmp/t2.log 2>&1 & p2=$!
    wait $p1; r1=$?
    wait $p2; r2=$?
    msgs="$(tail -1 /tmp/t1.log) | $(tail -1 /tmp/t2.log)"
    if [ $((r1 + r2)) -eq 1 ] &&
       grep -qE "already in progress|is not suspended" /tmp/t1.log /tmp/t2.log; then
        check fault-two-triggers PASS "exits $r1 and $r2: $msgs"
    else
        check fault-two-triggers FAIL "exits $r1 and $r2: $msgs"
    fi
    destroy_domain "$d"
    no_nodes_left fault-two-triggers-nodes "$d"

    # The device model killed while the domain is in S3.
    d=$(suspended_domain killed) || { check fault-dm-killed FAIL "no suspended domain"; return; }
    kill -9 "$(xenstore-read /local/domain/$d/image/device-model-pid)"
    sleep 1
    t1=$(up)
    out=$(xl trigger "$d" s3resume 2>&1); rc=$?
    if [ $rc -ne 0 ] && echo "$out" | grep -q "device model is not running"; then
        check fault-dm-killed PASS "exit $rc in $(since "$t1") s: $(echo "$out" | tail -1)"
    else
        check fault-dm-killed FAIL "exit $rc in $(since "$t1") s: $out"
    fi
    destroy_domain "$d"
    no_nodes_left fault-dm-killed-nodes "$d"

    # xenstored restarted (live update, the way C xenstored restarts with
    # its connections) while the domain is in S3: resume still works.
    d=$(suspended_domain xsrestart) || { check fault-xenstored-restart FAIL "no suspended domain"; return; }
    t1=$(up)
    lu=$(timeout 60 xenstore-control live-update /usr/lib/xen-4.17/bin/xenstored 2>&1); lurc=$?
    say "faults: xenstored live update: exit $lurc in $(since "$t1") s: $lu"
    t1=$(up)
    out=$(timeout 60 xl trigger "$d" s3resume 2>&1); rc=$?
    if [ $lurc -eq 0 ] && [ $rc -eq 0 ] && wait_running "$d"; then
        check fault-xenstored-restart PASS "live update, then xl trigger exit 0 in $(since "$t1") s, domain running"
    else
        check fault-xenstored-restart FAIL "live update exit $lurc ($lu); xl trigger exit $rc: $out"
    fi
    destroy_domain "$d"
    no_nodes_left fault-xenstored-restart-nodes "$d"

    # The domain destroyed while a resume is being carried out.
    d=$(suspended_domain destroyed) || { check fault-destroyed FAIL "no suspended domain"; return; }
    t1=$(up)
    xl trigger "$d" s3resume > /tmp/t3.log 2>&1 & p1=$!
    destroy_domain "$d"
    wait $p1; rc=$?
    took=$(since "$t1")
    if awk -v t="$took" 'BEGIN { exit !(t < 35) }'; then
        check fault-destroyed PASS "xl trigger exit $rc after $took s: $(tail -1 /tmp/t3.log)"
    else
        check fault-destroyed FAIL "xl trigger took $took s: $(cat /tmp/t3.log)"
    fi
    no_nodes_left fault-destroyed-nodes "$d"
}

# xl save / xl restore of a domain in S3, then xl trigger s3resume: the
# display and every resource must be intact.
run_save_restore() {
    name=test-hvm32-virtio-gpu-s3 glog=/tmp/save-restore.guest.log
    d=$(suspended_domain saved) || { check save-restore FAIL "no suspended domain"; return; }
    shot ours save-restore "$d" before
    : > "$glog"
    xl dmesg -c > /dev/null 2>&1
    t1=$(up)
    if ! out=$(xl save "$d" /tmp/saved.chk 2>&1); then
        check save-restore FAIL "xl save: $out"
        destroy_domain "$d"
        return
    fi
    say "save-restore: xl save of domain $d in S3 took $(since "$t1") s"
    t1=$(up)
    if ! out=$(xl restore /tmp/saved.chk 2>&1); then
        check save-restore FAIL "xl restore: $out"
        return
    fi
    d=$(xl domid fault-saved)
    rm -f /tmp/saved.chk
    say "save-restore: xl restore took $(since "$t1") s, domain $d, QEMU: $(xl qemu-monitor-command "$d" 'info status' 2>&1)"
    out=$(xl trigger "$d" s3resume 2>&1); rc=$?
    say "save-restore: xl trigger $d s3resume: exit $rc ${out:+($out)}"
    i=0
    while [ $i -lt 120 ] && ! grep -q "VS3-MARK: restored" "$glog"; do
        xl dmesg -c 2>/dev/null | sed -n "s/^(d$d) //p" >> "$glog"
        sleep 1; i=$((i + 1))
    done
    sed 's/^/E2E-GUEST ours save-restore: /' "$glog"
    shot ours save-restore "$d" after
    xl qemu-monitor-command "$d" "sendkey ret" >/dev/null 2>&1
    sleep 3
    xl dmesg -c 2>/dev/null | sed -n "s/^(d$d) //p" >> "$glog"
    result=$(sed -n 's/^Test result: //p' "$glog" | head -1)
    # What survives: the device state (QEMU's stream), the display.
    if [ "$result" = SUCCESS ] &&
       cmp -s /tmp/ours-save-restore-before.ppm /tmp/ours-save-restore-after.ppm; then
        check save-restore-intact PASS "guest $result, display identical after xl save/restore in S3"
    else
        check save-restore-intact FAIL "guest '${result:-none}', display $(cmp -s /tmp/ours-save-restore-before.ppm /tmp/ours-save-restore-after.ppm && echo identical || echo changed)"
    fi
    # Xen 4.17 does not carry ACPI S3 through save/restore: the restored
    # domain runs at once (firmware resume path).  s3resume must then say so.
    if [ $rc -eq 0 ] || echo "$out" | grep -q "is not suspended (ACPI S3)"; then
        check save-restore-trigger PASS "exit $rc: $(echo "$out" | tail -1)"
    else
        check save-restore-trigger FAIL "exit $rc: $out"
    fi
    destroy_domain "$d"
}

# What our QEMU publishes while the guest is in S3.
suspended_checks() {   # domid
    d=$1
    state=$(xenstore-read "$DMNODE/$d/virtio-s3/state" 2>&1)
    modes=$(for n in $(xenstore-list "$DMNODE/$d/virtio-s3/devices" 2>/dev/null); do
                printf '%s=%s:%s ' "$n" \
                    "$(xenstore-read "$DMNODE/$d/virtio-s3/devices/$n/type")" \
                    "$(xenstore-read "$DMNODE/$d/virtio-s3/devices/$n/freeze-mode")"
            done)
    if [ "$state" = suspended ] && echo "$modes" | grep -q "virtio-gpu:3"; then
        check dm-publishes-suspend PASS "state $state; $modes"
    else
        check dm-publishes-suspend FAIL "state '$state'; devices: $modes"
    fi
}

run_test() {   # dm test
    dm=$1; t=$2; name=test-hvm32-$t
    cfg=/tmp/$dm-$t.cfg glog=/tmp/$dm-$t.guest.log
    own_image "$name" "$dm-$t" > "$cfg"
    case $dm in
    ours|ours-qmp)
        use_our_dm "$cfg"
        ;;
    *)
        sed -i 's/,x-freeze-mode=on//' "$cfg"
        ;;
    esac
    say "$dm $t: xl create"
    t0=$(up)
    xl create "$cfg" > /tmp/create.log 2>&1
    rc=$?
    if [ $rc -ne 0 ] &&
       grep -q "daemonizing child .* died due to fatal signal" /tmp/create.log; then
        # xl's monitoring child has been seen to crash, rarely: report it
        # (the summary lists it) and try once more.
        echo "E2E-XL-CRASH xl create: $(grep 'fatal signal' /tmp/create.log)"
        xl list "$name" > /dev/null 2>&1 &&
            destroy_domain "$(xl domid "$name")"
        xl create "$cfg" > /tmp/create.log 2>&1
        rc=$?
    fi
    if [ $rc -ne 0 ]; then
        xl destroy "$name" > /dev/null 2>&1
        say "$dm $t: xl create failed:"
        sed 's/^/E2E:   /' /tmp/create.log
        say "$dm $t: device model log:"
        tail -20 /var/log/xen/qemu-dm-$name.log 2>&1 | sed 's/^/E2E:   /'
        # Not a guest result: never to be taken for one.
        echo "E2E-RESULT $dm $t CREATE-FAILED"
        return
    fi
    d=$(xl domid "$name")
    say "$dm $t: domain $d created in $(since "$t0") s"

    : > "$glog"
    cycles=0 shot_after="" result=""
    deadline=$(($(now) + TEST_TIMEOUT))
    while [ -z "$result" ]; do
        xl dmesg -c 2>/dev/null | sed -n "s/^(d$d) //p" > /tmp/new.log
        sed "s/^/E2E-GUEST $dm $t: /" /tmp/new.log
        cat /tmp/new.log >> "$glog"

        case "$(xl qemu-monitor-command "$d" "info status" 2>/dev/null)" in
        *suspended*)
            cycles=$((cycles + 1))
            say "$dm $t: cycle $cycles: domain $d suspended (ACPI S3)"
            [ $cycles -eq 1 ] && shot "$dm" "$t" "$d" before
            [ "$dm" = ours ] && [ "$t" = virtio-gpu-s3 ] && suspended_checks "$d"
            # ours-qmp: the same QEMU, but libxl is made to use QMP.
            [ "$dm" = ours-qmp ] && xenstore-rm "$DMNODE/$d/virtio-s3/protocol"
            t1=$(up)
            out=$(xl trigger "$d" s3resume 2>&1); rc=$?
            returned=$(since "$t1")
            wait_running "$d"
            echo "E2E-BENCH $dm $t $cycles $returned $(since "$t1")"
            say "$dm $t: cycle $cycles: xl trigger $d s3resume: exit $rc in $returned s ${out:+($out)}"
            # Through our device model every resume must succeed; a death
            # on a signal is reported by the xl wrapper (E2E-XL-CRASH).
            if [ "$dm" = ours ] && [ $rc -lt 128 ]; then
                if [ $rc -eq 0 ]; then
                    check "xl-trigger-$t-$cycles" PASS "exit 0 in $returned s"
                else
                    check "xl-trigger-$t-$cycles" FAIL "exit $rc: $out"
                fi
            fi
            ;;
        esac

        if [ -z "$shot_after" ] && grep -q "VS3-MARK: restored" "$glog"; then
            shot_after=1
            shot "$dm" "$t" "$d" after
            [ "$dm" = ours ] && [ "$t" = virtio-gpu-s3 ] && toolstack_checks "$d"
            xl qemu-monitor-command "$d" "sendkey ret" >/dev/null 2>&1
        fi

        result=$(sed -n 's/^Test result: //p' "$glog" | head -1)
        if [ -z "$result" ] && [ "$(now)" -ge "$deadline" ]; then
            result=TIMEOUT
            say "$dm $t: no result in $TEST_TIMEOUT s; device model log:"
            tail -20 /var/log/xen/qemu-dm-$name.log
        fi
        [ -z "$result" ] && sleep 1
    done
    echo "E2E-RESULT $dm $t $result"
    say "$dm $t: $result after $(since "$t0") s, $cycles S3 cycle(s)"

    destroy_domain "$d"
    if [ "$dm" = ours ]; then
        i=0
        while xenstore-exists "$DMNODE/$d/virtio-s3" 2>/dev/null && [ $i -lt 10 ]; do
            sleep 1; i=$((i + 1))
        done
        if xenstore-exists "$DMNODE/$d/virtio-s3" 2>/dev/null; then
            check "nodes-removed-$t" FAIL "$DMNODE/$d/virtio-s3 still there"
        else
            check "nodes-removed-$t" PASS "no $DMNODE/$d/virtio-s3 after destroy"
        fi
    fi
}

tests=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^vs3\.tests=//p' | tr ',' ' ')
[ -n "$tests" ] || tests="ours:virtio-gpu-s3 stock:virtio-gpu-s3"
say "tests: $tests"
xl info | grep -E '^(xen_version|virt_caps)' | sed 's/^/E2E: /'
# The kernel names every process that died on a fault (and the library it
# was in): print those lines last, for the report.
report_faults() {
    dmesg | grep -E "segfault at|general protection|trap " |
        sed 's/^/E2E-XL-CRASH kernel: /'
}
trap report_faults EXIT

for spec in $tests; do
    case $spec in
    ours:faults) run_faults ;;
    ours:save-restore) run_save_restore ;;
    ours:xl-stress) run_xl_stress ;;
    ours:create-stress) run_create_stress ;;
    *) run_test "${spec%%:*}" "${spec#*:}" ;;
    esac
done
