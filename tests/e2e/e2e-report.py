#!/usr/bin/python3
"""Read the nested machine's console log; write the screendumps it carries
as PNG files; compare them; print TAP and a short report.

Usage: e2e-report.py LOG OUT_DIR EXPECTED_TESTS

EXPECTED_TESTS: dm:test,... as passed to the domain 0 (vs3.tests).
What each is expected to report, and to show:
  ours:<test>             Test result SUCCESS
  ours:virtio-gpu-s3      display after resume == display before
  stock:virtio-gpu-s3     Test result FAILURE (Debian's QEMU loses the
                          resources: the bug this project fixes), and the
                          display after resume differs from before
and every E2E-CHECK line must say PASS.
"""

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
    return results, checks, files, progress


def main():
    log_path, out_dir, expected = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    results, checks, files, progress = parse(log_path)
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
        got = results.get((dm, test), "missing")
        want = "FAILURE" if dm == "stock" and test.startswith(
            "virtio-gpu-s3") and test != "virtio-gpu-s3-stock" else "SUCCESS"
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

    print("1..%d" % len(tap))
    for i, (verdict, what) in enumerate(tap, 1):
        print("%s %d - %s" % (verdict, i, what))
    for dm, test in specs:
        for which in ("before", "after"):
            img = images.get("%s-%s-%s" % (dm, test, which))
            if img:
                print("# %s %s %s: %s" % (dm, test, which, img[3]))
    return 0 if all(v == "ok" for v, _ in tap) else 1


if __name__ == "__main__":
    sys.exit(main())
