#!/usr/bin/python3
"""Counts test results from meson's testlog.json.

A TAP program counts each "ok"/"not ok" line (SKIP ones as skipped); a
TAP program that failed without any "not ok" line (it crashed or timed
out) counts one failure more. Other programs count once each.
Arguments: the log, then optionally the number of test programs meson
lists and meson's exit status: programs that never reported (the runner
died) count as failures, and so does a failed runner with nothing else
failed.
Prints "N passed, N failed, N skipped"; exits 1 when anything failed or
nothing ran. Before that, on standard error, the last lines of what each
failed program printed: a CI log is often read from its end, far below
meson's error logs, and a failure seen once must say why there.
"""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
TAIL_LINES = 25
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
except OSError as e:
    print(f"0 passed, 1 failed (no test log: {e.strerror})")
    sys.exit(1)

ok_re = re.compile(r"^ok\b(.*)$")
not_ok_re = re.compile(r"^not ok\b(.*)$")

for entry in entries:
    result = entry.get("result", "")
    stdout = entry.get("stdout") or ""
    p = f = s = 0
    for line in stdout.splitlines():
        m = ok_re.match(line)
        if m:
            if "# SKIP" in m.group(1).upper():
                s += 1
            else:
                p += 1
            continue
        m = not_ok_re.match(line)
        if m:
            if "# TODO" in m.group(1).upper():
                s += 1
            else:
                f += 1
    if p + f + s == 0:
        if result == "OK":
            p = 1
        elif result == "SKIP":
            s = 1
        else:
            f = 1
    elif result not in ("OK", "SKIP", "EXPECTEDFAIL") and f == 0:
        f = 1
    passed += p
    failed += f
    skipped += s
    if f:
        failures.append(entry)

expected = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 0
runner_status = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].lstrip("-").isdigit() else 0
if expected > len(entries):
    failed += expected - len(entries)
if runner_status != 0 and failed == 0:
    failed = 1

for entry in failures:
    name = entry.get("name", "?")
    print(f"--- {name}: {entry.get('result', '?')}, exit status "
          f"{entry.get('returncode', '?')}, after {entry.get('duration', 0):.1f} s; "
          f"its last lines:", file=sys.stderr)
    lines = ((entry.get("stdout") or "") + (entry.get("stderr") or "")).splitlines()
    for line in lines[-TAIL_LINES:]:
        print("  " + line, file=sys.stderr)
sys.stderr.flush()

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
