#!/usr/bin/env python3
# build-aux/count-tests.py TESTLOG.json… [FUZZ-RESULTS.txt] — the closing line
# of build-aux/test.
# Copyright 2026 The Memory Graph authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Counts every GTest case of every test program (from its TAP output), each
# other test (the data validators) as one, and each fuzz run ("ok …" or
# "not ok …" lines of a .txt file). Exits 1 when any failed.
import json
import re
import sys

passed = failed = skipped = 0


def fuzz_results(path):
    global passed, failed
    with open(path, encoding="utf-8") as results:
        for line in results:
            if line.startswith("ok "):
                passed += 1
            elif line.startswith("not ok "):
                failed += 1


def test_log(path):
    global passed, failed, skipped
    log = open(path, encoding="utf-8")
    for line in log:
        entry = json.loads(line)
        result = entry.get("result")
        cases = re.findall(r"^(ok|not ok) \d+[^\n]*$", entry.get("stdout") or "", re.M)
        if cases and result in ("OK", "FAIL", "EXPECTEDFAIL", "UNEXPECTEDPASS"):
            for case in re.finditer(r"^(ok|not ok) \d+([^\n]*)$", entry["stdout"], re.M):
                if "# SKIP" in case.group(2):
                    skipped += 1
                elif case.group(1) == "ok":
                    passed += 1
                else:
                    failed += 1
            # A program that crashed after its last case still failed.
            if result == "FAIL" and not any(c == "not ok" for c in cases):
                failed += 1
        elif result == "OK":
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
    log.close()


for path in sys.argv[1:]:
    if path.endswith(".txt"):
        fuzz_results(path)
    else:
        test_log(path)

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
