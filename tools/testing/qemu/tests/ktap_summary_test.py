#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Tests of ktap-summary.py, the parser every count of make check goes
# through: each case feeds it a log and checks its verdict, its closing line
# and the failures it names. Prints KTAP; exits 1 if a case failed.

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUMMARY = os.path.join(HERE, "..", "ktap-summary.py")


def doc(*lines):
    return "\n".join(lines) + "\n"


CASES = [
    ("all passing", doc(
        "KTAP version 1", "1..2", "ok 1 - a", "ok 2 - b"),
     0, "2 passed, 0 failed", []),
    ("a failed leaf is named with its path and reason", doc(
        "KTAP version 1", "1..1",
        "    KTAP version 1", "    # Subtest: 10-info.sh", "    1..2",
        "    ok 1 - first",
        "    # second: expected 'x', got 'y'",
        "    not ok 2 - second",
        "not ok 1 - 10-info.sh"),
     1, "1 passed, 1 failed",
     ["FAIL 10-info.sh/second: expected 'x', got 'y'"]),
    ("skips are counted and named", doc(
        "KTAP version 1", "1..2", "ok 1 - a", "ok 2 - b # SKIP no KUnit here"),
     0, "1 passed, 0 failed, 1 skipped", ["SKIP b: no KUnit here"]),
    ("a plan entry that never reported fails", doc(
        "KTAP version 1", "1..3", "ok 1 - a", "ok 2 - b"),
     1, "2 passed, 1 failed", ["FAIL #3: never reported (crashed?)"]),
    ("a subtest without its result line fails", doc(
        "KTAP version 1", "1..1",
        "    KTAP version 1", "    # Subtest: 30-load.sh", "    1..1",
        "    ok 1 - cycles"),
     1, None, ["30-load.sh"]),
    ("a kernel crash in the log fails the run", doc(
        "KTAP version 1", "1..1", "ok 1 - a",
        "[   12.345678] BUG: KASAN: use-after-free in f+0x1/0x2"),
     1, "1 passed, 1 failed", ["KASAN"]),
    ("kernel log lines between KTAP lines are ignored", doc(
        "KTAP version 1", "1..2", "ok 1 - a",
        "[    1.000000] aisched: version 0.1.0 loaded",
        "ok 2 - b"),
     0, "2 passed, 0 failed", []),
    ("a log without KTAP fails", "Booting from ROM..\n", 1, None, []),
    ("6.1 KUnit: a failed parameter's detail one level out", doc(
        "KTAP version 1", "1..1",
        "    KTAP version 1", "    # Subtest: aisched_netlink", "    1..1",
        "        KTAP version 1", "        # Subtest: info_size_is_tight",
        "    # info_size_is_tight: EXPECTATION FAILED at netlink_test.c:184",
        "        not ok 1 no nodes",
        "        ok 2 one node",
        "    # info_size_is_tight: pass:1 fail:1 skip:0 total:2",
        "    not ok 1 info_size_is_tight",
        "not ok 1 - aisched_netlink"),
     1, "1 passed, 1 failed",
     ["FAIL aisched_netlink/info_size_is_tight/no nodes: "
      "info_size_is_tight: EXPECTATION FAILED at netlink_test.c:184"]),
    ("a failed case's own output is shown, a passed one's is not", doc(
        "KTAP version 1", "1..1",
        "    KTAP version 1", "    # Subtest: 55-runaway.sh", "    1..2",
        "    said by the first", "    ok 1 - first",
        "    said by the second",
        "[   85.000000] rcu: INFO: rcu_preempt self-detected stall on CPU",
        "    # second: expected 'yes', got 'no'", "    not ok 2 - second",
        "not ok 1 - 55-runaway.sh"),
     1, "1 passed, 1 failed",
     ["---- 55-runaway.sh/second: its output ----", "    said by the second",
      "rcu_preempt self-detected stall", "---- the console's last lines ----"],
     ["55-runaway.sh/first: its output"]),
    ("a case that never reported shows what came after the last one", doc(
        "KTAP version 1", "1..1",
        "    KTAP version 1", "    # Subtest: 57-events.sh", "    1..2",
        "    ok 1 - first", "    hung here",
        "[  900.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s!"),
     1, None,
     ["---- 57-events.sh/#2: its output ----", "    hung here",
      "---- the kernel's first report, in context ----"]),
    ("two documents in one log are both counted", doc(
        "KTAP version 1", "1..1", "ok 1 - a",
        "KTAP version 1", "1..2", "ok 1 - b", "    said by c", "not ok 2 - c"),
     1, "2 passed, 1 failed", ["FAIL c", "---- c: its output ----", "    said by c"],
     ["---- a: its output", "---- b: its output"]),
    ("a sibling subtest whose parent's result never came", doc(
        "KTAP version 1", "1..2",
        "    KTAP version 1", "    # Subtest: x.sh", "    1..1", "    ok 1 - one",
        "    KTAP version 1", "    # Subtest: y.sh", "    1..1", "    not ok 1 - two",
        "not ok 2 - y.sh"),
     1, None, ["FAIL y.sh/two", "x.sh"]),
    ("a passing log shows no details", doc(
        "KTAP version 1", "1..1", "    said by a", "ok 1 - a"),
     0, "1 passed, 0 failed", [], ["----", "said by a"]),
]


def run(log, label=None):
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write(log)
    try:
        args = [sys.executable, SUMMARY] + (["--label", label] if label else [])
        p = subprocess.run(args + [f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    return p.returncode, p.stdout.splitlines()


def main():
    print("KTAP version 1")
    print("1..%d" % (len(CASES) + 1))
    failed = 0
    for n, case in enumerate(CASES, 1):
        name, log, rc, last, wanted = case[:5]
        unwanted = case[5] if len(case) > 5 else []
        got_rc, out = run(log)
        why = []
        for u in unwanted:
            if any(u in line for line in out):
                why.append("a line containing %r" % u)
        if got_rc != rc:
            why.append("exit status %d, expected %d" % (got_rc, rc))
        if last is not None and (not out or out[-1] != last):
            why.append("last line %r, expected %r" % (out[-1:] or "", last))
        for w in wanted:
            if not any(w in line for line in out):
                why.append("no line containing %r" % w)
        for w in why:
            print("# %s: %s" % (name, w))
        if why:
            print("# output: %r" % out)
            failed += 1
        print("%s %d - ktap-summary: %s" % ("not ok" if why else "ok", n, name))

    # Several logs, each failure tagged with its run.
    n = len(CASES) + 1
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        with open(a, "w") as f:
            f.write(doc("KTAP version 1", "1..1", "ok 1 - x"))
        with open(b, "w") as f:
            f.write(doc("KTAP version 1", "1..1", "not ok 1 - y"))
        p = subprocess.run([sys.executable, SUMMARY, "--label", "stock", a,
                            "--label", "debug", b], capture_output=True, text=True)
        out = p.stdout.splitlines()
        ok = (p.returncode == 1 and out[-1:] == ["1 passed, 1 failed"]
              and "FAIL [debug] y" in out)
        if not ok:
            print("# output: %r" % out)
            failed += 1
        print("%s %d - ktap-summary: failures are tagged with their run"
              % ("ok" if ok else "not ok", n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
