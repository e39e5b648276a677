#!/usr/bin/python3
"""Read the nested machine's console log; write the screendumps it carries
as PNG files; compare them; print TAP and a short report.

Usage: e2e-report.py LOG OUT_DIR EXPECTED_TESTS SUMMARY_FILE

EXPECTED_TESTS: dm:test,... as passed to the domain 0 (vs3.tests).
What each is expected to report, and to show:
  ours:<test>             Test result SUCCESS
  ours:virtio-gpu-s3      display after resume == display before
  stock:virtio-gpu-s3     Test result FAILURE (Debian's QEMU loses the
                          resources: the bug this project fixes), and the
                          display after resume differs from before
  stock:s3-repeat         Test result ERROR (the second S3 request is lost:
                          nothing restores PIIX4 PM I/O after a wakeup)
and every E2E-CHECK line must say PASS.

SUMMARY_FILE receives a short human report of the virtio-gpu-s3 runs.
"""

# Runs of domain 0's own scenarios: checks only, no guest result.
SCENARIOS = ("faults", "save-restore", "xl-stress", "create-stress")

# Expected "Test result" of each run; anything not listed: SUCCESS.
EXPECTED = {
    ("stock", "virtio-gpu-s3"): "FAILURE",
    ("stock", "s3-repeat"): "ERROR",
    ("stock", "freeze-mode-abi"): "SKIP",
}

import base64
import gzip
import os
import re
import struct
import sys
import zlib


def read_ppm(data):
    """(width, height, rgb bytes) of a binary PPM (P6, maxval 255)."""
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("not a P6/255 PPM")
    width, height = int(fields[1]), int(fields[2])
    pos += 1
    return width, height, data[pos:pos + width * height * 3]


def write_png(path, width, height, rgb):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    rows = b"".join(b"\0" + rgb[y * width * 3:(y + 1) * width * 3]
                    for y in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                           0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(rows, 9)))
        f.write(chunk(b"IEND", b""))


def parse(log_path):
    results, checks, files, progress = {}, [], {}, []
    guest, bench, crashes = {}, [], []
    current, chunks = None, []
    with open(log_path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if current is not None:
                if line.startswith("E2E-B64 "):
                    chunks.append(line[8:].strip())
                    continue
                if line.startswith("E2E-FILE-END"):
                    files[current] = gzip.decompress(
                        base64.b64decode("".join(chunks)))
                    current, chunks = None, []
                    continue
            m = re.match(r"E2E-FILE-BEGIN (\S+)", line)
            if m:
                current, chunks = m.group(1), []
                continue
            m = re.match(r"E2E-RESULT (\S+) (\S+) (\S+)", line)
            if m:
                results[(m.group(1), m.group(2))] = m.group(3)
                continue
            m = re.match(r"E2E-CHECK (\S+) (PASS|FAIL) ?(.*)", line)
            if m:
                checks.append(m.groups())
                continue
            if line.startswith("E2E: "):
                progress.append(line[5:])
                continue
            if (line.startswith("E2E-XL-CRASH ") or
                    line.startswith("Segmentation fault")):
                crashes.append(line)
                continue
            m = re.match(r"E2E-BENCH (\S+) (\S+) (\d+) ([\d.]+) ([\d.]+)",
                         line)
            if m:
                bench.append((m.group(1), m.group(2), int(m.group(3)),
                              float(m.group(4)), float(m.group(5))))
                continue
            m = re.match(r"E2E-GUEST (\S+) (\S+): (.*)", line)
            if m:
                guest.setdefault((m.group(1), m.group(2)), []).append(
                    m.group(3))
    return results, checks, files, progress, guest, bench, crashes


def main():
    log_path, out_dir, expected = sys.argv[1], sys.argv[2], sys.argv[3]
    summary_path = sys.argv[4]
    os.makedirs(out_dir, exist_ok=True)
    results, checks, files, progress, guest, bench, crashes = parse(
        log_path)
    tap = []

    def ok(cond, what):
        tap.append(("ok" if cond else "not ok", what))

    images = {}
    for name, data in sorted(files.items()):
        try:
            w, h, rgb = read_ppm(data)
        except (ValueError, IndexError) as e:
            ok(False, "%s: readable screendump (%s)" % (name, e))
            continue
        png = os.path.join(out_dir, name.replace(".ppm", ".png"))
        write_png(png, w, h, rgb)
        images[name[:-4]] = (w, h, rgb, png)

    specs = [s.split(":", 1) for s in expected.split(",") if s]
    for dm, test in specs:
        scenario_checks = {
            "faults": ("fault-two-triggers", "fault-two-triggers-nodes",
                       "fault-dm-killed", "fault-dm-killed-nodes",
                       "fault-xenstored-restart",
                       "fault-xenstored-restart-nodes",
                       "fault-destroyed", "fault-destroyed-nodes"),
            "save-restore": ("save-restore-intact", "save-restore-trigger"),
        }
        if test in scenario_checks:
            for name in scenario_checks[test]:
                if not any(c[0] == name for c in checks):
                    ok(False, "check %s ran" % name)
            continue
        got = results.get((dm, test), "missing")
        want = EXPECTED.get((dm, test), "SUCCESS")
        ok(got == want, "%s device model, %s: Test result %s (expected %s)"
           % (dm, test, got, want))
        if test != "virtio-gpu-s3":
            continue
        before = images.get("%s-%s-before" % (dm, test))
        after = images.get("%s-%s-after" % (dm, test))
        if not before or not after:
            ok(False, "%s device model, %s: screendumps before and after"
               % (dm, test))
            continue
        same = before[:3] == after[:3]
        if dm == "ours":
            ok(same, "%s device model: display after resume is the display "
               "before suspend, pixel for pixel (%dx%d)"
               % (dm, before[0], before[1]))
        else:
            ok(not same, "%s device model: display after resume differs "
               "from before suspend (today's bug)" % dm)

    for name, verdict, detail in checks:
        ok(verdict == "PASS", "toolstack/device model check %s: %s"
           % (name, detail))
    if any(dm == "ours" and t == "virtio-gpu-s3" for dm, t in specs):
        for name in ("xl-s3resume-running-domain",
                     "xl-s3resume-missing-domain", "dm-nodes-dom0-only",
                     "dm-publishes-suspend", "malformed-request-ignored"):
            if not any(c[0] == name for c in checks):
                ok(False, "check %s ran" % name)

    with open(summary_path, "w") as f:
        f.write(summary(specs, results, progress, guest, images))
        if bench:
            f.write("\n" + bench_table(bench))
        if crashes:
            f.write("\nWARNING: processes that crashed in domain 0: %d "
                    "(an open defect, see the project notes; xl create is "
                    "retried once when its monitoring child died)\n"
                    % len(crashes))
            f.writelines("  %s\n" % c for c in crashes)

    print("1..%d" % len(tap))
    for i, (verdict, what) in enumerate(tap, 1):
        print("%s %d - %s" % (verdict, i, what))
    for c in crashes:
        print("# domain 0: %s" % c)
    for dm, test in specs:
        for which in ("before", "after"):
            img = images.get("%s-%s-%s" % (dm, test, which))
            if img:
                print("# %s %s %s: %s" % (dm, test, which, img[3]))
    return 0 if all(v == "ok" for v, _ in tap) else 1


def run_steps(progress, dm, test):
    """Times of a run's steps, from domain 0's timestamped lines."""
    steps = {}
    prefix = "%s %s: " % (dm, test)
    for line in progress:
        m = re.match(r"\[\s*([\d.]+)\] (.*)", line)
        if not m or not m.group(2).startswith(prefix):
            continue
        t, what = float(m.group(1)), m.group(2)[len(prefix):]
        if what == "xl create":
            steps["create"] = t
        elif "created in" in what:
            steps["created"] = t
        elif "suspended (ACPI S3)" in what and "suspended" not in steps:
            steps["suspended"] = t
        elif "xl trigger" in what and "trigger" not in steps:
            m2 = re.search(r"exit (\d+) in ([\d.]+) s", what)
            steps["trigger"] = (m2.group(1), m2.group(2)) if m2 else ("?", "?")
            steps["fallback"] = "system_wakeup" in what
        elif "screendump after" in what:
            steps["restored"] = t
        elif re.match(r"(SUCCESS|FAILURE|ERROR|SKIP|TIMEOUT) after", what):
            steps["done"] = t
    return steps


def median(values):
    v = sorted(values)
    n = len(v)
    return (v[n // 2] + v[(n - 1) // 2]) / 2 if n else float("nan")


def bench_table(bench):
    """Medians of xl trigger s3resume per device model path."""
    paths = {"ours": "xenstore protocol (this project)",
             "ours-qmp": "QMP system_wakeup (same QEMU)",
             "stock": "QMP system_wakeup (Debian's QEMU)"}
    out = ["xl trigger <domid> s3resume, medians (time resolution 10 ms):",
           "%-36s %7s %18s %22s" % ("path", "cycles", "xl returned after",
                                    "domain running after")]
    for dm in ("ours", "ours-qmp", "stock"):
        rows = [b for b in bench if b[0] == dm]
        if rows:
            out.append("%-36s %7d %16.2f s %20.2f s" % (
                paths[dm], len(rows), median([r[3] for r in rows]),
                median([r[4] for r in rows])))
    return "\n".join(out) + "\n"


def summary(specs, results, progress, guest, images):
    cols = [dm for dm, test in specs if test == "virtio-gpu-s3"]
    if not cols:
        return "no virtio-gpu-s3 run\n"
    names = {"ours": "this project's QEMU + libxl/xl",
             "stock": "Debian's qemu-system-xen"}
    rows = []

    def span(s, a, b):
        return "%.1f s" % (s[b] - s[a]) if a in s and b in s else "-"

    for dm in cols:
        s = run_steps(progress, dm, "virtio-gpu-s3")
        lost = [l for l in guest.get((dm, "virtio-gpu-s3"), [])
                if "after resume:" in l]
        before = images.get("%s-virtio-gpu-s3-before" % dm)
        after = images.get("%s-virtio-gpu-s3-after" % dm)
        same = before and after and before[:3] == after[:3]
        rc, secs = s.get("trigger", ("-", "-"))
        rows.append({
            "xl create": span(s, "create", "created"),
            "guest draws, freezes, enters S3": span(s, "created",
                                                    "suspended"),
            "xl trigger <domid> s3resume": "exit %s, %s s%s" % (
                rc, secs, " (QMP fallback)" if s.get("fallback") else ""),
            "resume -> display captured": span(s, "suspended", "restored"),
            "resources after resume": ", ".join(
                l.split(" after resume: ")[1] for l in lost) or "-",
            "guest test result": results.get((dm, "virtio-gpu-s3"), "-"),
            "display after resume": ("identical, %dx%d" % before[:2]) if same
            else "changed" if before and after else "-",
            "before": before[3] if before else "-",
            "after": after[3] if after else "-",
        })
    keys = list(rows[0])
    width = max(len(k) for k in keys) + 2
    colw = [max([len(names[dm])] + [len(r[k]) for k in keys
                                    if k not in ("before", "after")]) + 2
            for dm, r in zip(cols, rows)]
    out = ["ACPI S3 with virtio-gpu on Xen 4.17 (nested under QEMU TCG)", ""]
    out.append(" " * width + "".join(names[dm].ljust(w)
                                     for dm, w in zip(cols, colw)))
    for key in keys:
        if key in ("before", "after"):
            continue
        out.append(key.ljust(width) + "".join(r[key].ljust(w)
                                              for r, w in zip(rows, colw)))
    out.append("")
    for dm, r in zip(cols, rows):
        out.append("%s: before suspend %s" % (names[dm], r["before"]))
        out.append("%s  after resume   %s" % (" " * len(names[dm]),
                                              r["after"]))
    ok = all(results.get(sp) == EXPECTED.get(sp, "SUCCESS")
             for sp in [tuple(x) for x in specs]
             if sp[1] not in SCENARIOS)
    out += ["", "verdict: %s" % (
        "PASS: the display survives S3 with this project; with Debian's "
        "device model it does not" if ok else "FAIL: see the TAP above")]
    return "\n".join(line.rstrip() for line in out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
