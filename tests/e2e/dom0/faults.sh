# Sourced by run-tests.sh: toolstack faults on a domain in S3.  Each ends
# with the one outcome it must have (exit status and message), in bounded
# time, and leaves no node behind.  Where the outcome depends on two things
# overlapping (two requests, a destroy during a resume), the device model
# is held with SIGSTOP so that they overlap for certain, and the harness
# waits until the request is written before it acts.

dm_pid() { xenstore-read "/local/domain/$1/image/device-model-pid"; }

# Until our request is in flight: written by xl, not answered.
request_in_flight() {   # domid
    vs3=$DMNODE/$1/virtio-s3
    i=0
    while [ $i -lt 100 ]; do
        req=$(xenstore-read "$vs3/request" 2>/dev/null)
        rsp=$(xenstore-read "$vs3/response" 2>/dev/null)
        case $req in
        *" s3resume")
            [ "${rsp%% *}" != "${req%% *}" ] && return 0 ;;
        esac
        usleep 100000
        i=$((i + 1))
    done
    return 1
}

# One check from an xl exit status and message: RC_WANT is 0 or "fail".
expect_xl() {   # check rc out rc_want message took
    if { [ "$4" = 0 ] && [ "$2" -eq 0 ]; } ||
       { [ "$4" = fail ] && [ "$2" -ne 0 ] && [ "$2" -lt 128 ] &&
         echo "$3" | grep -q "$5"; }; then
        check "$1" PASS "exit $2 in $6 s: $(echo "$3" | tail -1)"
    else
        check "$1" FAIL "exit $2 in $6 s (wanted ${4}${5:+: '$5'}): $3"
    fi
}

run_faults() {
    # Two s3resume at once: the second while the first is in flight (the
    # device model held) is refused; the first then resumes.
    d=$(suspended_domain twice) || { check fault-two-triggers FAIL "no suspended domain"; return; }
    pid=$(dm_pid "$d")
    kill -STOP "$pid"
    t1=$(up)
    xl trigger "$d" s3resume > /tmp/t1.log 2>&1 & p1=$!
    if request_in_flight "$d"; then
        out2=$(xl trigger "$d" s3resume 2>&1); r2=$?
    else
        out2="the first request never appeared"; r2=0
    fi
    kill -CONT "$pid"
    wait $p1; r1=$?
    if [ $r1 -eq 0 ] && [ $r2 -ne 0 ] && [ $r2 -lt 128 ] &&
       echo "$out2" | grep -q "another s3resume is already in progress" &&
       wait_running "$d"; then
        check fault-two-triggers PASS "first exit 0 in $(since "$t1") s, domain running; second exit $r2: $(echo "$out2" | tail -1)"
    else
        check fault-two-triggers FAIL "first exit $r1 ($(tail -1 /tmp/t1.log)); second exit $r2: $out2"
    fi
    destroy_domain "$d"
    no_nodes_left fault-two-triggers-nodes "$d"

    # The device model killed while the domain is in S3.
    d=$(suspended_domain killed) || { check fault-dm-killed FAIL "no suspended domain"; return; }
    kill -9 "$(dm_pid "$d")"
    sleep 1
    t1=$(up)
    out=$(xl trigger "$d" s3resume 2>&1); rc=$?
    expect_xl fault-dm-killed "$rc" "$out" fail "its device model is not running" "$(since "$t1")"
    destroy_domain "$d"
    no_nodes_left fault-dm-killed-nodes "$d"

    # The device model stalls past libxl's timeout, then goes on: the
    # trigger times out and cancels its request, and the next one resumes
    # the domain (no request is left "in progress" for ever).
    d=$(suspended_domain stalled) || { check fault-dm-stalled FAIL "no suspended domain"; return; }
    pid=$(dm_pid "$d")
    kill -STOP "$pid"
    t1=$(up)
    out=$(xl trigger "$d" s3resume 2>&1); rc=$?
    took=$(since "$t1")
    kill -CONT "$pid"
    sleep 1
    t1=$(up)
    out2=$(xl trigger "$d" s3resume 2>&1); rc2=$?
    if [ $rc -ne 0 ] && [ $rc -lt 128 ] &&
       echo "$out" | grep -q "did not answer s3resume within" &&
       [ $rc2 -eq 0 ] && wait_running "$d"; then
        check fault-dm-stalled PASS "stalled: exit $rc in $took s ($(echo "$out" | tail -1)); continued: exit 0 in $(since "$t1") s, domain running"
    else
        check fault-dm-stalled FAIL "stalled: exit $rc in $took s: $out; continued: exit $rc2: $out2"
    fi
    destroy_domain "$d"
    no_nodes_left fault-dm-stalled-nodes "$d"

    # xenstored restarted (live update, the way C xenstored restarts with
    # its connections) while the domain is in S3: resume still works.
    d=$(suspended_domain xsrestart) || { check fault-xenstored-restart FAIL "no suspended domain"; return; }
    t1=$(up)
    lu=$(timeout 60 xenstore-control live-update /usr/lib/$VS3_XEN/bin/xenstored 2>&1); lurc=$?
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

    # The domain destroyed while a resume is in flight: the device model
    # is held, so xl is certainly waiting for its answer when the destroy
    # comes.  The destroy kills the device model before it removes the
    # domain, so xl learns it either way: from QMP (the device model is
    # gone) or from xenstore (the domain is gone).  Both are true; either
    # message, with a failure status, passes.
    d=$(suspended_domain destroyed) || { check fault-destroyed FAIL "no suspended domain"; return; }
    kill -STOP "$(dm_pid "$d")"
    t1=$(up)
    xl trigger "$d" s3resume > /tmp/t3.log 2>&1 & p1=$!
    if request_in_flight "$d"; then
        waiting="xl waiting for request '$(xenstore-read "$DMNODE/$d/virtio-s3/request")'"
        destroy_domain "$d"
        wait $p1; rc=$?
        expect_xl fault-destroyed "$rc" "$waiting; $(cat /tmp/t3.log)" fail \
            "domain $d was destroyed during s3resume\\|domain $d: its device model is not running" \
            "$(since "$t1")"
    else
        check fault-destroyed FAIL "xl trigger never wrote its request: $(cat /tmp/t3.log)"
        kill -CONT "$(dm_pid "$d")"
        wait $p1
        destroy_domain "$d"
    fi
    no_nodes_left fault-destroyed-nodes "$d"
}
