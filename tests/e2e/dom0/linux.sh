# Sourced by run-tests.sh: a real Linux guest (tests/linux-guest) with a
# Debian stock kernel: linux-6.12 (Debian 13; linux-6.12-vga the same
# with virtio-vga, linux-6.12-fbcon with the text console and no KMS
# client), linux-6.1 (Debian 12), linux-6.1-dkms (Debian 12 with the
# guest driver package; linux-6.1-dkms-virgl the same with virgl), or
# linux-6.1-debug-dkms (the package on our KASAN and lockdep build of
# Debian 12's source).  Its init
# draws two buffers with vs3-drm, shows A, then three times suspends to
# RAM and, once woken, shows the other buffer.  With our device model,
# 6.12's own PCI PM No_Soft_Reset path keeps virtio-gpu whole, and so
# does the guest driver package's freeze_mode on 6.1; Debian's device
# model resets it.  The harness takes a screendump each time the guest is
# in S3 and once it is done; e2e-report.py compares them with the two
# patterns.
#
#   E2E-RESULT <dm> <guest> DONE|HUNG|SUSPEND-FAILED|TIMEOUT|DIED|NOT-RESUMED|
#              CREATE-FAILED, and for virgl BLOCKED, NO-VIRGL or HAS-VIRGL
#   E2E-LINUX <dm> <guest> cycles <n>; screendumps
#   <dm>-<guest>-cycle<n>.ppm and <dm>-<guest>-end.ppm (E2E-FILE)
#   E2E-BENCH-FRAME <dm> <guest> <cycle> <to wakeup> <to first frame>
#   (seconds after xl trigger s3resume was run; "-" when not seen)

LINUX_TIMEOUT=600
# From the guest's "cycle N: suspending" to the domain in S3.  Our device
# model's guests take 0.2 s (measured on Debian 13's machine, 3 cycles).
# On Debian's, the guest's second suspend waits forever on a reset
# virtio-gpu: the run ends as HUNG here instead of at LINUX_TIMEOUT.
LINUX_SUSPEND_TIMEOUT=60

# Domain 0's wall clock to the microsecond, as QEMU's trace timestamps
# (-msg timestamp=on) give it: busybox's date has no %N.
wallclock() {
    adjtimex | awk '$1 == "time.tv_sec:" { s = $2 }
                    $1 == "time.tv_usec:" { u = $2 }
                    END { printf "%d.%06d\n", s, u }'
}

# For each S3 cycle, from the moment xl trigger s3resume was run: when the
# device model took the wakeup request, and when it handled the guest's
# first RESOURCE_FLUSH after it (its first new frame reaches the display).
# TRIGGERS: one "cycle wallclock" line per trigger.
frame_bench() {   # dm test triggers dmlog
    [ -s "$3" ] || return 0
    awk -v tag="$1 $2" '
        FNR == NR { trig[$1] = $2; n = $1; next }
        # 1234@1795555336.646891:event args
        match($0, /^[0-9]+@[0-9]+\.[0-9]+:/) {
            split(substr($0, 1, RLENGTH - 1), a, "@")
            ev = substr($0, RLENGTH + 1); sub(/ .*/, "", ev)
            if (ev == "system_wakeup_request" || ev == "virtio_gpu_cmd_res_flush")
                { t[++m] = a[2]; e[m] = ev }
        }
        END {
            for (c = 1; c <= n; c++) {
                w = f = ""
                for (i = 1; i <= m; i++) {
                    if (t[i] < trig[c]) continue
                    # Nothing of the next cycle counts for this one.
                    if (c < n && t[i] >= trig[c + 1]) break
                    if (w == "" && e[i] == "system_wakeup_request") w = t[i]
                    else if (w != "" && e[i] == "virtio_gpu_cmd_res_flush")
                        { f = t[i]; break }
                }
                printf "E2E-BENCH-FRAME %s %d %s %s\n", tag, c,
                    w == "" ? "-" : sprintf("%.3f", w - trig[c]),
                    f == "" ? "-" : sprintf("%.3f", f - trig[c])
            }
        }' "$3" "$4"
}

# What Debian's device model offers for virgl: its virtio-gpu devices and
# its display backends.
stock_virgl() {   # guest
    local qemu=/usr/libexec/xen-qemu-system-i386 devs disp
    devs=$("$qemu" -device help 2>&1 | sed -n 's/^name "\(virtio-[a-z-]*\(gpu\|vga\)[a-z-]*\)".*/\1/p' | tr '\n' ' ')
    disp=$("$qemu" -display help 2>&1 | sed -n '/types:/,/^$/p' | sed '1d;/^$/d' | tr '\n' ' ')
    echo "E2E-GUEST stock $1: Debian's device model: virtio-gpu devices: ${devs:-none}; displays: ${disp:-none}"
    case " $devs" in
    *-gl*) echo "E2E-RESULT stock $1 HAS-VIRGL" ;;
    *) echo "E2E-RESULT stock $1 NO-VIRGL" ;;
    esac
}

# More of a dead Linux guest's last words: its console, how Xen and the
# device model saw its end.
linux_died() {   # dm test domid
    local died="E2E-GUEST-DIED $1 $2:"
    tail -n 30 "/var/log/xen/$2-serial.log" 2>&1 | tr -d '\r' |
        sed "s/^/$died console: /"
    xl list -l "$3" 2>/dev/null | grep -i "shutdown\|state" | sed "s/^/$died xl: /"
    # Not the frames (frame_bench's trace): the device model's own words.
    grep -v ":virtio_gpu_cmd_res_flush " "/var/log/xen/qemu-dm-$2.log" 2>&1 |
        tail -n 20 | sed "s/^/$died dm: /"
    # The X server of an OpenGL display (virgl guests).
    [ -f /tmp/xvfb.log ] && tail -n 10 /tmp/xvfb.log | sed "s/^/$died xvfb: /"
    tail -n 10 "/var/log/xen/xl-$2.log" 2>&1 | sed "s/^/$died xl log: /"
}

# The run of run_linux's guest ends with RESULT, for the reason WHY: the
# guest's last words, and the device model's and Xen's view of its end.
linux_ended() {   # result why
    result=$1
    guest_died "$dm" "$t" "$d" "$2" "$serial" /dev/null
    linux_died "$dm" "$t" "$d"
}

run_linux() {   # dm guest
    dm=$1; t=$2; tag="$dm $t"
    case $dm:$t in
    stock:*-virgl)
        # Debian's qemu-system-xen is built without OpenGL and
        # virglrenderer: no guest can have virgl there.  Measured each
        # run, so that a Debian device model with virgl would be seen.
        stock_virgl "$t"
        return
        ;;
    esac
    cfg=/tmp/$dm-$t.cfg
    serial=/var/log/xen/$t-serial.log
    cp "/guest/$t.img" "/tmp/$dm-$t.img"
    sed "s|/guest/$t.img|/tmp/$dm-$t.img|" "/guest/$t.cfg" > "$cfg"
    case $dm in
    ours)
        use_our_dm "$cfg"
        # What the device did at each wakeup, in the device model's log.
        case $t in
        linux-6.12-dkms|linux-6.12-dkms-*)
            # No_Soft_Reset off, so that 6.12 takes its freeze and
            # restore path and the package's freeze_mode is what keeps
            # the device (xl.cfg's s3=on turns both on).
            nsr='"-set", "device.virtio_gpu.x-pm-no-soft-reset=off", ' ;;
        *) nsr="" ;;
        esac
        add_dm_args "$cfg" "$nsr\"-trace\", \"virtio_pci_pm_*\", \"-trace\", \"virtio_freeze_*\""
        ;;
    *) sed -i '/^virtio_gpu/s/s3=on/s3=off/' "$cfg" ;;
    esac
    # Both device models: the wakeup and each frame, with timestamps
    # (frame_bench).
    add_dm_args "$cfg" '"-msg", "timestamp=on", "-trace", "system_wakeup_request", "-trace", "virtio_gpu_cmd_res_flush"'
    triggers=/tmp/$dm-$t.triggers
    : > "$triggers"
    # A log of an earlier run must not speak for this one (libxl keeps
    # it when it refuses before starting the device model).
    rm -f "$serial" "/var/log/xen/qemu-dm-$t.log"
    say "$tag: xl create"
    t0=$(up)
    if ! xl create "$cfg" > /tmp/create.log 2>&1; then
        xl destroy "$t" > /dev/null 2>&1
        sed 's/^/E2E:   /' /tmp/create.log
        # Why the device model did not start, in its own words.
        tail -n 15 "/var/log/xen/qemu-dm-$t.log" 2>&1 | sed 's/^/E2E:   dm: /'
        [ -f /tmp/xvfb.log ] && tail -n 10 /tmp/xvfb.log | sed 's/^/E2E:   xvfb: /'
        # A virgl domain on QEMU 10.0 with Debian's libxenlight 4.20, whose
        # "-vnc none" QEMU refuses beside an OpenGL display: the measured
        # blocker of virgl on Debian 13's stack (e2e-report.py).
        result=CREATE-FAILED
        if blocked=$(grep -m1 "vnc is incompatible with the GL context" "/var/log/xen/qemu-dm-$t.log" 2>/dev/null); then
            echo "E2E-GUEST $tag: blocked: $blocked"
            result=BLOCKED
        fi
        echo "E2E-RESULT $dm $t $result"
        crash_scan "$tag"
        return
    fi
    d=$(xl domid "$t")
    dmpid=$(dm_pid "$d" 2>/dev/null)
    say "$tag: domain $d created in $(since "$t0") s"

    seen=0 cycles=0 result="" drawn="" suspending=""
    deadline=$(($(now) + LINUX_TIMEOUT))
    while [ -z "$result" ]; do
        state=$(dom_state "$d")
        # The guest's new serial lines, as E2E-GUEST lines.
        if [ -f "$serial" ]; then
            total=$(wc -l < "$serial")
            if [ "$total" -gt "$seen" ]; then
                # Ours, and every kernel line about virtio, DRM or an error.
                sed -n "$((seen + 1)),${total}p" "$serial" | tr -d '\r' |
                    grep -a -i "VS3-LINUX\|virtio\|drm\|error\|fail\|panic\|BUG\|WARNING\|Oops\|Call Trace\|kasan\|ODEBUG" |
                    sed "s/^/E2E-GUEST $tag: /"
                seen=$total
            fi
            # The text console's guest (linux-6.12-fbcon): its picture
            # before any suspend, to compare the end with.
            if [ -z "$drawn" ] && grep -aq "VS3-LINUX: fbcon drawn" "$serial"; then
                drawn=1
                shot "$dm" "$t" "$d" drawn
            fi
            grep -aq "VS3-LINUX: done" "$serial" && result=DONE && break
            if [ -z "$suspending" ] &&
               grep -aq "VS3-LINUX: cycle $((cycles + 1)): suspending" "$serial"; then
                suspending=$(now)
                say "$tag: cycle $((cycles + 1)): the guest is suspending"
            fi
        fi
        case $state in
        gone|*s*|*c*|*d*)
            linux_ended DIED "state $state"
            break
            ;;
        esac
        # A device model that died leaves the guest stuck at its next
        # I/O: the run ends now, not at its timeout.
        if [ -n "$dmpid" ] && [ ! -d "/proc/$dmpid" ]; then
            linux_ended DIED "its device model (pid $dmpid) exited"
            break
        fi
        case "$(xl qemu-monitor-command "$d" "info status" 2>/dev/null)" in
        *suspended*)
            cycles=$((cycles + 1))
            suspending=""
            say "$tag: cycle $cycles: domain $d suspended (ACPI S3)"
            shot "$dm" "$t" "$d" "cycle$cycles"
            echo "$cycles $(wallclock)" >> "$triggers"
            out=$(xl trigger "$d" s3resume 2>&1); rc=$?
            say "$tag: cycle $cycles: xl trigger $d s3resume: exit $rc ${out:+($out)}"
            if ! wait_running "$d" grep -aq "VS3-LINUX: cycle $cycles: resumed" "$serial"; then
                # Not counted again as a new cycle: the run ends here.
                say "$tag: cycle $cycles: domain $d not running 60 s after the trigger"
                result=NOT-RESUMED
                break
            fi
            ;;
        esac
        # Until the guest speaks: where its vCPU is, every 30 s.
        if [ "$seen" -eq 0 ] || ! grep -aq "VS3-LINUX" "$serial"; then
            if [ $(( ($(now) - ${deadline}) % 30 )) -eq 0 ]; then
                /usr/lib/$VS3_XEN/bin/xen-hvmctx "$d" 2>&1 |
                    grep -E "rip|cr[0234]|efer|cs 0x" | tr -s ' ' |
                    tr '\n' ' ' | sed "s/^/E2E: $tag: vcpu: /"
                echo
            fi
        fi
        # The guest's own word that its suspend failed: not a hang.
        if [ -n "$suspending" ] &&
           grep -aq "VS3-LINUX: cycle $((cycles + 1)): suspend failed" "$serial"; then
            linux_ended SUSPEND-FAILED "cycle $((cycles + 1)): the guest's suspend failed"
            break
        fi
        if [ -n "$suspending" ] &&
           [ $(($(now) - suspending)) -ge $LINUX_SUSPEND_TIMEOUT ]; then
            linux_ended HUNG "cycle $((cycles + 1)): said it suspends, not in S3 $LINUX_SUSPEND_TIMEOUT s later"
            break
        fi
        if [ "$(now)" -ge "$deadline" ]; then
            linux_ended TIMEOUT "not done in $LINUX_TIMEOUT s"
            break
        fi
        sleep 1
    done
    # The display at the end, whatever the end was: a guest that died is
    # kept (on_reboot="preserve"), and so is its device model.
    shot "$dm" "$t" "$d" end
    dmlog=/var/log/xen/qemu-dm-$t.log
    case $dm:$t in
    ours:linux-6.12|ours:linux-6.12-vga|ours:linux-6.12-fbcon|ours:linux-6.12-virgl)
        # The guest kept the display because its kernel put the function
        # in D3hot and the wakeup kept it (PCI PM No_Soft_Reset), each time.
        kept_check=linux-d3hot-kept
        [ "$t" = linux-6.12 ] || kept_check=$t-d3hot-kept
        d3=$(grep -c "PMCSR D0 -> D3hot: done" "$dmlog")
        kept=$(grep -c "wakeup-reset in D3hot: keep" "$dmlog")
        if [ "$d3" -eq "$cycles" ] && [ "$kept" -eq "$cycles" ] && [ "$cycles" -gt 0 ]; then
            check $kept_check PASS "$cycles cycles: D0 -> D3hot $d3 times, wakeup kept the function $kept times"
        else
            check $kept_check FAIL "$cycles cycles: D0 -> D3hot $d3 times, kept $kept times: $(grep virtio_pci_pm "$dmlog" | tail -4 | tr '\n' ' ')"
        fi
        ;;
    ours:*-dkms|ours:*-dkms-*)
        # The guest driver package's transport asked virtio-gpu to keep
        # its state before each suspend and released it after each
        # resume, and no reset in between discarded it.
        frz=$(grep -c "virtio-gpu write 3: accepted, mode 0 -> 3" "$dmlog")
        unfrz=$(grep -c "virtio-gpu write 0: accepted, mode 3 -> 0" "$dmlog")
        lost=$(sed -n '/virtio-gpu write 3: accepted/,$p' "$dmlog" |
               grep -c "virtio-gpu [a-z-]*: discard")
        if [ "$frz" -eq "$cycles" ] && [ "$unfrz" -eq "$cycles" ] &&
           [ "$lost" -eq 0 ] && [ "$cycles" -gt 0 ]; then
            check $t-freeze-kept PASS "$cycles cycles: FREEZE_S3 $frz times, UNFREEZE $unfrz times, no reset discarded the state"
        else
            check $t-freeze-kept FAIL "$cycles cycles: FREEZE_S3 $frz times, UNFREEZE $unfrz times, $lost discarding resets: $(grep virtio_freeze "$dmlog" | grep virtio-gpu | tail -4 | tr '\n' ' ')"
        fi
        ;;
    esac
    frame_bench "$dm" "$t" "$triggers" "$dmlog"
    echo "E2E-LINUX $dm $t cycles $cycles"
    echo "E2E-RESULT $dm $t $result"
    say "$tag: $result after $(since "$t0") s, $cycles S3 cycle(s)"
    destroy_domain "$d"
    crash_scan "$tag"
}
