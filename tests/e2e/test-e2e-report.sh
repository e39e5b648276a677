#!/bin/sh
# The e2e report's verdict comes from every check: a console log that is
# good in every way passes, and each single defect (a crash, a dead guest,
# a missing, repeated, failed or unparseable check, a stock resource that
# survived, a display that did not) makes it fail, with "verdict: FAIL"
# in the summary and a non-zero exit status, never one without the other.

. "$VS3_SRCDIR/tests/lib/tap.sh"
report=$VS3_SRCDIR/tests/e2e/e2e-report.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
specs=ours:virtio-gpu-s3,stock:virtio-gpu-s3,ours:faults,ours:dom0-stress

# A console log as domain 0 writes it when everything went right.
# Its second and third files: the same, but QEMU's screendump "after" of
# our device model cut short in its header, or in its pixels.
/usr/bin/python3 - "$tmp/good.log" "$tmp/shortppm.log" "$tmp/shortpix.log" <<'PY'
import base64, gzip, hashlib, sys
def ppm(v):
    return b"P6\n4 2\n255\n" + bytes([v]) * 24
def emit(name, data):
    b = base64.b64encode(gzip.compress(data)).decode()
    return ["E2E-FILE-BEGIN " + name] + ["E2E-B64 " + b[i:i + 76]
            for i in range(0, len(b), 76)] + [
                "E2E-FILE-END %s %d %s" % (name, len(data),
                                           hashlib.sha256(data).hexdigest())]
def log(short=None):
    lines = ["E2E: [20.0] tests: ours:virtio-gpu-s3 stock:virtio-gpu-s3"]
    for dm, ans, after in (("ours", "OK_NODATA", 1), ("stock",
                           "ERR_INVALID_RESOURCE_ID", 0)):
        lines += emit("%s-virtio-gpu-s3-before.ppm" % dm, ppm(1))
        lines += ["E2E-GUEST %s virtio-gpu-s3: resource %d after resume: %s"
                  % (dm, i, ans) for i in (1, 2, 9)]
        lines += emit("%s-virtio-gpu-s3-after.ppm" % dm,
                      short if short and dm == "ours" else ppm(after))
        lines.append("E2E-RESULT %s virtio-gpu-s3 %s"
                     % (dm, "SUCCESS" if dm == "ours" else "FAILURE"))
    lines += ["E2E-RESULT ours virtio-gpu-s3@stress1 SUCCESS"]
    for c in ("xl-s3resume-running-domain", "xl-s3resume-missing-domain",
              "xl-trigger-bad-vcpu", "dm-nodes-dom0-only",
              "dm-publishes-suspend", "dm-publishes-unfreeze",
              "malformed-request-ignored", "xl-trigger-virtio-gpu-s3-1",
              "fault-two-triggers", "fault-two-triggers-nodes",
              "fault-dm-killed", "fault-dm-killed-nodes", "fault-dm-stalled",
              "fault-dm-stalled-nodes", "fault-xenstored-restart",
              "fault-xenstored-restart-nodes", "fault-destroyed",
              "fault-destroyed-nodes", "dom0-stress"):
        lines.append("E2E-CHECK %s PASS measured" % c)
    lines.append("E2E-DONE")
    # Domain 0's lines end in "\r\r\n" on the console (its tty's, then
    # Xen's serial line's "\r"), Xen's own in "\r\n".
    return "\r\r\n".join(lines) + "\r\r\n"
open(sys.argv[1], "w").write(log())
open(sys.argv[2], "w").write(log(b"P6\n4"))
open(sys.argv[3], "w").write(log(b"P6\n4 2\n255\n" + bytes(10)))
PY

# verdict NAME [TOOLSTACK]: run the report on $tmp/NAME.log; prints "rc
# verdict".
verdict() {
    /usr/bin/python3 "$report" --toolstack "${2:-ours}" "$tmp/$1.log" "$tmp/out-$1" "$specs" \
        "$tmp/$1.summary" > "$tmp/$1.tap" 2>&1
    rc=$?
    v=$(sed -n 's/^verdict: \([A-Z]*\).*/\1/p' "$tmp/$1.summary" 2>/dev/null)
    echo "$rc ${v:-none}"
}

# variant NAME SED-SCRIPT: the good log, changed.
variant() { sed "$2" "$tmp/good.log" > "$tmp/$1.log"; }

tap_plan 34
got=$(verdict good)
tap_check "a good log passes (exit status and verdict: $got)" [ "$got" = "0 PASS" ]
grep -q "^not ok" "$tmp/good.tap" && tap_diag "$(grep "^not ok" "$tmp/good.tap")"

fails() {   # name description sed-script [text expected in the TAP]
    variant "$1" "$3"
    got=$(verdict "$1")
    if [ "$got" = "1 FAIL" ] && { [ -z "${4:-}" ] || grep -q "^not ok.*$4" "$tmp/$1.tap"; }; then
        tap_ok "$2 fails the run ($got)"
    else
        tap_fail "$2 fails the run ($got)"
        tap_diag "$(cat "$tmp/$1.tap")"
    fi
}
fails crash "a process of domain 0 dying on a signal" \
    '$a E2E-CRASH virtio-gpu-s3: kernel: awk[1234]: segfault at 18 ip 0 sp 0' 'awk\[1234\]: segfault'
fails xlcrash "xl dying on a signal" \
    '$a E2E-CRASH xl: died on signal 11: xl list' 'xl list'
fails died "a guest that died" \
    's/^E2E-RESULT ours virtio-gpu-s3@stress1 SUCCESS/E2E-GUEST-DIED ours virtio-gpu-s3@stress1: guest: s3: entering S3\r\nE2E-GUEST-DIED ours virtio-gpu-s3@stress1: xen: (XEN) d5v0 Triple fault\r\nE2E-RESULT ours virtio-gpu-s3@stress1 DIED/' 'last words: guest: s3: entering S3 | xen: (XEN) d5v0 Triple fault'
fails panic "a guest that took an exception" \
    's/^E2E-RESULT ours virtio-gpu-s3@stress1 SUCCESS/E2E-GUEST ours virtio-gpu-s3@stress1: PANIC: exception 13 #GP, error 0x0, at 0008:00010bcf\nE2E-RESULT ours virtio-gpu-s3@stress1 CRASH/' 'CRASH (expected SUCCESS): PANIC: exception 13 #GP'
fails unfinished "a machine that never finished" '/^E2E-DONE/d' 'finished its scenario'
fails missing "a check that never reported" '/dm-publishes-suspend/d' 'dm-publishes-suspend reported exactly once (0)'
fails twice "a check reported twice" '/E2E-CHECK fault-destroyed PASS/p' 'fault-destroyed reported exactly once (2)'
fails failed "a failed check" 's/E2E-CHECK dom0-stress PASS/E2E-CHECK dom0-stress FAIL/' 'dom0-stress: FAIL'
fails garbled "an unparseable check line" 's/E2E-CHECK fault-dm-killed PASS measured/E2E-CHECK fault-dm-killed maybe/' 'fault-dm-killed'
fails kept "a resource Debian's device model kept" \
    's/E2E-GUEST stock virtio-gpu-s3: resource 2 after resume: ERR_INVALID_RESOURCE_ID/E2E-GUEST stock virtio-gpu-s3: resource 2 after resume: OK_NODATA/' 'measured: 1 ERR_INVALID_RESOURCE_ID, 2 OK_NODATA'
fails noanswer "a stock run with no resource answers" '/E2E-GUEST stock/d' 'measured: no answer'
fails unasked "a result that no test asked for" '$a E2E-RESULT ours s3-repeat SUCCESS' 's3-repeat: result SUCCESS that no test asked for'
fails noresult "a run without a result" '/E2E-RESULT stock/d' 'Test result missing'
fails stockok "a stock run that reports SUCCESS" 's/E2E-RESULT stock virtio-gpu-s3 FAILURE/E2E-RESULT stock virtio-gpu-s3 SUCCESS/' 'expected FAILURE'
fails damaged "a screendump that a console writer broke" \
    '/^E2E-FILE-BEGIN ours-virtio-gpu-s3-after/{n;s/^\(E2E-B64 .\{20\}\)./\1E2E: [30.0] /}' \
    'ours-virtio-gpu-s3-after.ppm: arrived damaged over the console'
# Xen prints lines of its own (and its guests') between pieces of domain
# 0's console output, so in the middle of a line of domain 0's: the
# report takes them out, joins the halves and still checks every byte.
variant xenlines '/^E2E-FILE-BEGIN ours-virtio-gpu-s3-after/{n;s/^\(E2E-B64 .\{20\}\)/\1(XEN) uart interrupt taking more than 4ms, switched to polling\r\n(XEN) d2v0 another line\r\n/}
/^E2E-FILE-BEGIN stock-virtio-gpu-s3-before/{n;s/^E2E-/E2E-(d3) e820 map has 7 items:\r\n/}
s/^\(E2E-RESULT stock virtio-gpu-s3\) /\1(d3) Test result: FAILURE\r\n /
s/^\(E2E-RESULT ours virtio-gpu-s3 SUCCESS\r\)/\1(d3) Test result: SUCCESS\r\n/
s/^\(E2\)\(E-CHECK dm-publishes-suspend PASS measured\)/\1(XEN) d2v0 one\r\n(XEN) d2v0 two\r\n\2/'
got=$(verdict xenlines)
tap_check "a screendump, results and a check with Xen's lines printed into them pass ($got)" \
    sh -c '[ "$1" = "0 PASS" ] && [ "$(grep -c "(XEN)\|(d3)" "$2")" = 7 ]' \
    - "$got" "$tmp/xenlines.log"
grep -q "^not ok" "$tmp/xenlines.tap" && tap_diag "$(grep "^not ok" "$tmp/xenlines.tap")"
fails splitfail "a failed check that Xen printed into after \"E2\"" \
    '/^E2E-DONE/i E2(XEN) d2v0 one\r\nE-CHECK nodes-removed-x FAIL left behind\r\r' 'nodes-removed-x: FAIL'
fails resized "a screendump whose size differs from what was sent" \
    's/^\(E2E-FILE-END ours-virtio-gpu-s3-after.ppm\) [0-9]*/\1 99/' \
    'ours-virtio-gpu-s3-after.ppm: arrived damaged over the console: 35 bytes, sha256 [0-9a-f]*; sent 99 bytes'
fails resummed "a screendump whose SHA-256 differs from what was sent" \
    's/^\(E2E-FILE-END ours-virtio-gpu-s3-after.ppm [0-9]*\) [0-9a-f]*/\1 0123/' \
    'ours-virtio-gpu-s3-after.ppm: arrived damaged over the console: 35 bytes, sha256 [0-9a-f]*; sent 35 bytes, sha256 0123'
fails unsummed "a screendump whose end line lost its size and SHA-256" \
    's/^\(E2E-FILE-END ours-virtio-gpu-s3-after.ppm\) .*/\1/' \
    'ours-virtio-gpu-s3-after.ppm: arrived damaged over the console: its end line has no size'
got=$(verdict shortpix)
tap_check "a screendump short of pixels fails the run ($got)" \
    sh -c '[ "$1" = "1 FAIL" ] && grep -q "^not ok.*ours-virtio-gpu-s3-after.ppm: readable screendump (PPM of 4 x 2 with 10 bytes of pixels)" "$2"' \
    - "$got" "$tmp/shortpix.tap"
cp "$tmp/shortppm.log" "$tmp/short.log"
got=$(verdict short)
tap_check "a screendump cut short in its header fails the run ($got)" \
    sh -c '[ "$1" = "1 FAIL" ] && grep -q "^not ok.*ours-virtio-gpu-s3-after.ppm: readable screendump (truncated PPM header" "$2"' \
    - "$got" "$tmp/short.tap"
# The report's own failure (here: no console log at all) is TAP that fails.
got=$(verdict nosuchlog)
tap_check "a report that fails prints a plan and fails the run ($got)" \
    sh -c '[ "$1" = "1 FAIL" ] && grep -qx "1\.\.1" "$2" && grep -q "^not ok 1 - e2e-report.py failed: FileNotFoundError" "$2"' \
    - "$got" "$tmp/nosuchlog.tap"

# Debian's toolstack (the Debian 13 domain 0): our xl's checks are not
# made there, and their absence passes; with ours it fails the run.
sed '/xl-s3resume-\|xl-trigger-bad-vcpu/d' "$tmp/good.log" > "$tmp/noxl.log"
got=$(verdict noxl debian)
tap_check "without our xl's checks, Debian's toolstack passes ($got)" [ "$got" = "0 PASS" ]
grep -q "^not ok" "$tmp/noxl.tap" && tap_diag "$(grep "^not ok" "$tmp/noxl.tap")"
got=$(verdict noxl ours)
tap_check "without our xl's checks, ours fails ($got)" \
    sh -c '[ "$1" = "1 FAIL" ] && grep -q "^not ok.*xl-s3resume-running-domain reported exactly once (0)" "$2"' \
    - "$got" "$tmp/noxl.tap"
# The Linux guests' first-frame figures (dom0/linux.sh frame_bench): medians
# over the cycles that saw a frame, and the cycles that saw none, said.
{ sed '/^E2E-DONE/d' "$tmp/good.log"
  printf 'E2E-BENCH-FRAME ours linux-6.12 %s\r\r\n' "1 0.200 1.400" "2 0.300 1.500" \
      "3 0.250 9.000"
  printf 'E2E-BENCH-FRAME stock linux-6.12 %s\r\r\n' "1 0.100 -"
  printf 'E2E-DONE\r\r\n'; } > "$tmp/frames.log"
got=$(verdict frames)
table=$(sed -n '/first frame on screen, medians/,$p' "$tmp/frames.summary")
tap_check "first-frame medians: ours 0.25 s and 1.50 s over 3 cycles, stock none ($got)" \
    sh -c 'echo "$1" | grep -q "^linux-6.12  *this project.s QEMU  *3  *0.25 s  *1.50 s$" &&
           echo "$1" | grep -q "^linux-6.12  *Debian.s QEMU  *1  *0.10 s  *-  *(no frame after 1 of the wakeups)$"' - "$table"
[ -n "$table" ] && tap_diag "$table"

# The virgl guest: its four numbered read-backs (A, B, A, B) decide.  An
# answer that is missing, or one seen twice (init taking an earlier
# answer for the one it waited for), fails the run.
virgl_log() {   # answers...
    { echo "E2E: [20.0] tests: ours:linux-6.12-virgl"
      for n in 1 2 3; do
          echo "E2E-GUEST ours linux-6.12-virgl: VS3-LINUX: cycle $n: resumed"
      done
      for a in "$@"; do
          echo "E2E-GUEST ours linux-6.12-virgl: VS3-LINUX: drm: vs3-drm: $a"
      done
      echo "E2E-CHECK linux-6.12-virgl-d3hot-kept PASS 3 cycles"
      echo "E2E-RESULT ours linux-6.12-virgl DONE"
      echo "E2E-DONE"; } | sed 's/$/\r\r/'
}
ok_a() { echo "showing $1, read back ok (8x8 of 0x$2) (answer $3)"; }
virgl_log "$(ok_a A ff0000 1)" "$(ok_a B 0000ff 2)" "$(ok_a A ff0000 3)" \
    "$(ok_a B 0000ff 4)" > "$tmp/virgl.log"
virgl_log "$(ok_a A ff0000 1)" "$(ok_a B 0000ff 2)" "$(ok_a B 0000ff 2)" \
    "$(ok_a B 0000ff 4)" > "$tmp/virglstale.log"
for v in virgl virglstale; do
    /usr/bin/python3 "$report" "$tmp/$v.log" "$tmp/out-$v" ours:linux-6.12-virgl \
        "$tmp/$v.summary" > "$tmp/$v.tap" 2>&1
    eval "rc_$v=\$?"
done
tap_check "virgl: A, B, A, B read back right, each answer once, passes (exit $rc_virgl)" \
    [ "$rc_virgl" = 0 ]
[ "$rc_virgl" = 0 ] || tap_diag "$(grep "^not ok" "$tmp/virgl.tap")"
tap_check "virgl: answer 2 twice and no answer 3 fails (exit $rc_virglstale)" \
    sh -c '[ "$1" = 1 ] && grep -q "^not ok.* of 4 answers right" "$2"' - "$rc_virglstale" "$tmp/virglstale.tap"

# The debug kernel's guest: KASAN on at boot and lockdep on after the last
# resume, or the run fails; what either reports is a kernel complaint.
debug_log() {   # kasan-line lockdep-line [complaint]
    { echo "E2E: [20.0] tests: ours:linux-6.1-debug-dkms"
      [ -n "$1" ] && echo "E2E-GUEST ours linux-6.1-debug-dkms: $1"
      for n in 1 2 3; do
          echo "E2E-GUEST ours linux-6.1-debug-dkms: VS3-LINUX: cycle $n: resumed"
      done
      [ -n "${3:-}" ] && echo "E2E-GUEST ours linux-6.1-debug-dkms: $3"
      [ -n "$2" ] && echo "E2E-GUEST ours linux-6.1-debug-dkms: VS3-LINUX: lockdep: $2"
      echo "E2E-CHECK linux-6.1-debug-dkms-freeze-kept PASS 3 cycles"
      echo "E2E-RESULT ours linux-6.1-debug-dkms DONE"
      echo "E2E-DONE"; } | sed 's/$/\r\r/'
}
kasan_on="VS3-LINUX: kasan: initialized"
debug_log "$kasan_on" "debug_locks 1" > "$tmp/debug.log"
debug_log "" "debug_locks 1" > "$tmp/debugnokasan.log"
debug_log "$kasan_on" "debug_locks 0" > "$tmp/debuglockdepoff.log"
debug_log "$kasan_on" "debug_locks 1" \
    "[   41.2] BUG: KASAN: use-after-free in virtio_gpu_restore+0x3c/0x120 [virtio_gpu]" \
    > "$tmp/debuguaf.log"
debug_log "$kasan_on" "debug_locks 0" \
    "[   41.2] WARNING: possible circular locking dependency detected" \
    > "$tmp/debuglockdep.log"
for v in debug debugnokasan debuglockdepoff debuguaf debuglockdep; do
    /usr/bin/python3 "$report" "$tmp/$v.log" "$tmp/out-$v" ours:linux-6.1-debug-dkms \
        "$tmp/$v.summary" > "$tmp/$v.tap" 2>&1
done
debug_failed() {   # log pattern: the check whose text matches pattern failed
    grep -q "^not ok .*$2" "$tmp/$1.tap"
}
tap_check "debug kernel: KASAN on, lockdep on, no complaint: those checks pass" \
    sh -c '! grep -q "^not ok .*\(KASAN was on\|lockdep was still on\|no virtio or DRM error\)" "$1" &&
           grep -q "^ok .*KASAN was on" "$1" && grep -q "^ok .*lockdep was still on" "$1"' - "$tmp/debug.tap"
tap_check "debug kernel: no KASAN seen at boot fails" \
    debug_failed debugnokasan "KASAN was on (the guest.s init did not see"
tap_check "debug kernel: lockdep off at the end fails" \
    debug_failed debuglockdepoff "lockdep was still on .*debug_locks 0"
tap_check "debug kernel: a KASAN report fails, named" \
    debug_failed debuguaf "no virtio or DRM error, warning or bug.*BUG: KASAN: use-after-free"
tap_check "debug kernel: a lockdep report fails, named" \
    debug_failed debuglockdep "no virtio or DRM error, warning or bug.*possible circular locking"

tap_done
