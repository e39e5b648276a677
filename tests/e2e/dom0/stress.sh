# Sourced by run-tests.sh: the dom0 stress check.
#
# Domain 0's userland computes known answers again and again while the
# virtio-gpu-s3 guest runs (and suspends, and resumes) beside it: any
# wrong answer, any process dying on a signal, any kernel fault line fails
# the check.  It guards the nested machine itself: with XSAVE in the
# outer CPU (tests/e2e/boot-nested) it fails within a minute or two;
# without, it must never fail.
#
# Knobs on the kernel command line: vs3.stress_s=SECONDS (default 150).

# Known answers, computed once before any guest runs.
stress_awk() {
    awk 'BEGIN { s = 0; for (i = 0; i < 20000; i++) { a[i % 97] = s; s = (s * 31 + i) % 1000003 }; print s }'
}
stress_pipe() {
    seq 1 3000 | sort -r | sed 's/1/x/' | grep -c x
}

# One worker: run CMD until the stop file appears, compare its output with
# REF, count runs, wrong answers and deaths on a signal.
stress_worker() {   # name ref cmd...
    name=$1 ref=$2
    shift 2
    n=0 bad=0 sig=0
    while [ ! -e /tmp/stress.stop ]; do
        v=$("$@" 2>&1)
        rc=$?
        if [ $rc -ge 128 ]; then
            sig=$((sig + 1))
            echo "E2E-CRASH dom0-stress: $name died on signal $((rc - 128)) (run $n)"
        elif [ "$v" != "$ref" ]; then
            bad=$((bad + 1))
            echo "E2E-STRESS-WRONG $name run $n: '$(echo "$v" | tr '\n' ' ' | head -c 120)'"
        fi
        n=$((n + 1))
    done
    echo "$n $bad $sig" > "/tmp/stress.$name"
}

stress_hash() {
    cp /tmp/stress.blob /tmp/stress.blob2 &&
        sha256sum /tmp/stress.blob | cut -d' ' -f1 &&
        md5sum /tmp/stress.blob2 | cut -d' ' -f1 &&
        sha256sum /etc/xen/xl.conf | cut -d' ' -f1
}
stress_xl() {
    "$XL" list > /dev/null && xenstore-ls / > /dev/null && echo ok
}

run_dom0_stress() {
    dur=$(kparam stress_s)
    dur=${dur:-150}
    head -c 2097152 "$OURS_DM" > /tmp/stress.blob
    ref_hash=$(stress_hash) ref_awk=$(stress_awk) ref_pipe=$(stress_pipe)
    say "dom0-stress: $dur s of checked work in domain 0 beside the virtio-gpu-s3 guest (awk $ref_awk, sort $ref_pipe)"
    rm -f /tmp/stress.stop /tmp/stress.hash /tmp/stress.awk /tmp/stress.pipe /tmp/stress.xl
    touch "$CRASH_LOG"
    faults0=$(wc -l < "$CRASH_LOG")
    stress_worker hash "$ref_hash" stress_hash & p1=$!
    stress_worker awk "$ref_awk" stress_awk & p2=$!
    stress_worker pipe "$ref_pipe" stress_pipe & p3=$!
    stress_worker xl ok stress_xl & p4=$!

    end=$(($(now) + dur)) runs=0 good=0
    while [ "$(now)" -lt "$end" ]; do
        runs=$((runs + 1))
        run_test ours virtio-gpu-s3 "virtio-gpu-s3@stress$runs"
        [ "$last_result" = SUCCESS ] && good=$((good + 1))
    done
    touch /tmp/stress.stop
    wait $p1 $p2 $p3 $p4

    total=0 wrong=0 died=0 detail=""
    for w in hash awk pipe xl; do
        read -r n bad sig < "/tmp/stress.$w" || { n=0 bad=0 sig=1; }
        total=$((total + n)) wrong=$((wrong + bad)) died=$((died + sig))
        detail="$detail $w $n/$bad/$sig"
    done
    # Kernel fault lines since the start, also those the runs printed.
    crash_scan dom0-stress
    faults=$(($(wc -l < "$CRASH_LOG") - faults0))
    summary="$runs guest runs ($good SUCCESS), $total checked runs (runs/wrong/died:$detail), $faults kernel fault lines"
    if [ "$total" -gt 0 ] && [ "$wrong" -eq 0 ] && [ "$died" -eq 0 ] &&
       [ "$faults" -eq 0 ] && [ "$runs" -gt 0 ] && [ "$good" -eq "$runs" ]; then
        check dom0-stress PASS "$summary"
    else
        check dom0-stress FAIL "$summary"
    fi
}
