#!/usr/bin/env python3
# build-aux/count-tests.py TESTLOG.json — the closing line of build-aux/test.
# Copyright 2026 The Memory Graph authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Counts every GTest case of every test program (from its TAP output), and
# each other test (the data validators) as one. Exits 1 when any failed.
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
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

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
