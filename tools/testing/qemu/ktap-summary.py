#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# ktap-summary.py: sum up the KTAP results of one or more test logs.
#
# Usage: ktap-summary.py [--no-details] [--label LABEL] LOG [[--label LABEL] LOG]...
#
# Each LOG ("-" for standard input) is a VM console log or any output that
# holds KTAP v1 (or TAP) documents, possibly several; kernel log lines
# ("[    1.234567] ...") mixed into it are ignored. A --label tags the next
# LOG's lines, e.g. --label stock console.log --label host unit.log.
#
# Prints, for each failed case, what it printed itself (its lines of the log
# up to its result line, kernel messages among them; the context of the
# first report for a kernel report) and the tail of that log's console, so
# that a failure can be diagnosed from this output alone; then each failed
# or skipped leaf case, one line each; then one last line
#   N passed, N failed[, N skipped]
# counting leaf cases (a test file with cases counts as its cases). Counted
# as failed too: plan entries that never reported (a test that crashed), a
# subtest whose own result line never came, a parent that failed although
# its cases passed, a log with no KTAP in it, and a kernel report in the log
# (a line of kernel-reports: panic, oops, BUG, WARNING, KASAN, UBSAN,
# lockdep, kmemleak...), once per log.
#
# --no-details leaves out the failed cases' output and the console tails.
#
# Exit status: 0 if nothing failed, 1 if something did, 2 on bad usage.

import os
import re
import sys

KERNEL_STAMP = re.compile(r"\[\s*\d+\.\d+\]\s")


def kernel_reports():
    """The kernel log lines that fail a run (the list run.sh uses too)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "kernel-reports")
    with open(path) as f:
        pats = [ln.rstrip("\n") for ln in f
                if ln.strip() and not ln.startswith("#")]
    return re.compile(r"\[\s*\d+\.\d+\]\s.*(%s)" % "|".join(pats))


KERNEL_CRASH = kernel_reports()
VERSION = re.compile(r"^(\s*)K?TAP version \d+\s*$")
PLAN = re.compile(r"^(\s*)1\.\.(\d+)\s*(?:#\s*(.*))?$")
RESULT = re.compile(r"^(\s*)(ok|not ok)\s+(\d+)\b\s*(?:-\s+)?(.*)$")
DIAG = re.compile(r"^(\s*)#\s?(.*)$")


class Result:
    def __init__(self, num, name, ok, directive="", reason="", children=None,
                 span=None):
        self.num = num
        self.span = span  # (first, last) index of its lines in the log
        self.name = name or "#%d" % num
        self.ok = ok
        self.directive = directive  # "SKIP", "TODO" or ""
        self.reason = reason
        self.children = children


class Level:
    """One KTAP document or subtest: the lines at one indentation."""

    def __init__(self, indent):
        self.indent = indent
        self.plan = None
        self.plan_reason = ""
        self.results = []
        self.pending = None  # a finished subtest waiting for its result line
        self.name = None
        self.diag = None
        self.content = False
        self.mark = -1  # index of its last plan or result line

    def adopt(self, child, end):
        if self.pending:
            self.orphan(end)
        self.pending = child

    def orphan(self, end):
        child, self.pending = self.pending, None
        self.results.append(Result(len(self.results) + 1, child.name, False,
                                   reason="no result line (crashed?)",
                                   children=child, span=(self.mark + 1, end)))
        self.mark = end

    def finish(self, end):
        """end: the index of the last line that belongs to this level."""
        if self.pending:
            self.orphan(end)
        if self.plan is not None:
            for n in range(len(self.results) + 1, self.plan + 1):
                self.results.append(Result(n, None, False,
                                           reason="never reported (crashed?)",
                                           span=(self.mark + 1, end)))


def split_directive(text):
    """'name # SKIP why' -> ('name', 'SKIP', 'why')"""
    name, _, rest = text.partition("#")
    rest = rest.strip()
    word = rest.split(None, 1)[0].upper() if rest else ""
    for d in ("SKIP", "TODO"):
        if word.startswith(d):
            return name.strip(), d, rest[len(d):].lstrip(":- \t").strip()
    return name.strip(), "", rest


def parse(lines):
    """Returns the KTAP documents (top-level Levels) found in lines."""
    docs, stack = [], []

    def push(indent):
        lvl = Level(indent)
        if not stack:
            docs.append(lvl)
        stack.append(lvl)
        return lvl

    def pop(end):
        lvl = stack.pop()
        lvl.finish(end)
        if stack:
            stack[-1].adopt(lvl, end)
        return lvl

    idx = -1
    for idx, raw in enumerate(lines):
        line = raw.replace("\r", "").rstrip("\n")
        m = KERNEL_STAMP.search(line)
        if m:
            line = line[:m.start()]
        line = line.expandtabs(8).rstrip()
        for kind, rx in (("version", VERSION), ("plan", PLAN),
                         ("result", RESULT), ("diag", DIAG)):
            m = rx.match(line)
            if m:
                break
        else:
            continue  # not KTAP: the tests' own output
        indent = len(m.group(1))
        if kind == "diag" and not stack:
            continue
        if kind == "diag" and indent < stack[-1].indent:
            # A diagnostic never ends a subtest: 6.1's KUnit prints the
            # detail of a failed parameter one level out.
            indent = stack[-1].indent
        while stack and indent < stack[-1].indent:
            pop(idx - 1)
        if not stack or indent > stack[-1].indent:
            push(indent).mark = idx - 1
            if kind == "version":
                continue
        top = stack[-1]

        if kind == "version":
            if top.content:
                # A new document, or a sibling subtest whose parent's
                # result line never came.
                pop(idx - 1)
                push(indent).mark = idx - 1
        elif kind == "plan":
            top.content = True
            top.mark = idx
            top.plan = int(m.group(2))
            top.plan_reason = split_directive("#" + (m.group(3) or ""))[2]
        elif kind == "diag":
            text = m.group(2).strip()
            if text.startswith("Subtest:"):
                top.name = text[len("Subtest:"):].strip()
            else:
                top.diag = text
        else:
            top.content = True
            name, directive, reason = split_directive(m.group(4))
            ok = m.group(2) == "ok"
            if not ok and not reason and top.diag:
                reason = top.diag
                if reason.startswith(name + ": "):
                    reason = reason[len(name) + 2:]
            top.diag = None
            children, top.pending = top.pending, None
            top.results.append(Result(int(m.group(3)), name, ok, directive,
                                      reason, children, (top.mark + 1, idx)))
            top.mark = idx
    while stack:
        pop(idx)
    return docs


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.lines = []
        self.failures = []  # (label, path, span) of this log's failures

    def fail(self, label, path, reason, span=None):
        self.failed += 1
        self.lines.append(self.fmt("FAIL", label, path, reason))
        self.failures.append((label, path, span))

    def skip(self, label, path, reason):
        self.skipped += 1
        self.lines.append(self.fmt("SKIP", label, path, reason))

    @staticmethod
    def fmt(what, label, path, reason):
        tag = "[%s] " % label if label else ""
        return "%s %s%s%s" % (what, tag, path, ": " + reason if reason else "")

    def walk(self, label, results, path):
        for r in results:
            name = path + "/" + r.name if path else r.name
            kids = r.children.results if r.children else []
            if kids:
                failed = self.failed
                self.walk(label, kids, name)
                if not r.ok and r.directive != "SKIP" and self.failed == failed:
                    self.fail(label, name, r.reason or "failed", r.span)
            elif r.directive == "SKIP":
                self.skip(label, name, r.reason or
                          (r.children.plan_reason if r.children else ""))
            elif r.ok or r.directive == "TODO":
                self.passed += 1
            else:
                self.fail(label, name, r.reason, r.span)


# How much of a log the details show.
CASE_LINES = 80       # of a failed case's own output
CONTEXT_BEFORE = 20   # before a kernel report
CONTEXT_AFTER = 60    # the report and its backtrace
TAIL_LINES = 40       # of the console, once per log with a failure
MAX_CASES = 8         # failed cases shown per log


def clean(line):
    return line.replace("\r", "").rstrip("\n")


def excerpt(out, title, lines, first, last, keep):
    """Prints lines[first..last], at most the last keep of them."""
    first = max(first, 0)
    last = min(last, len(lines) - 1)
    n = last - first + 1
    if n <= 0:
        return
    if n > keep:
        title += " (the last %d of %d lines)" % (keep, n)
        first = last - keep + 1
    out.append("---- %s ----" % title)
    out.extend(clean(ln) for ln in lines[first:last + 1])


def details(tally, label, lines, report_idx):
    """What the failures of one log printed, and the log's tail."""
    out, seen = [], set()
    shown = 0
    tag = "[%s] " % label if label else ""
    for _, path, span in tally.failures:
        if span is None or span in seen:
            continue
        seen.add(span)
        if shown == MAX_CASES:
            out.append("---- %sand more failed cases: see the log ----" % tag)
            break
        shown += 1
        excerpt(out, "%s%s: its output" % (tag, path), lines, span[0],
                span[1], CASE_LINES)
    if report_idx is not None:
        excerpt(out, "%sthe kernel's first report, in context" % tag, lines,
                report_idx - CONTEXT_BEFORE, report_idx + CONTEXT_AFTER,
                CONTEXT_BEFORE + CONTEXT_AFTER + 1)
    excerpt(out, "%sthe console's last lines" % tag, lines,
            len(lines) - TAIL_LINES, len(lines) - 1, TAIL_LINES)
    return out


def main(argv):
    logs, label, show = [], None, True
    args = iter(argv)
    for a in args:
        if a == "--no-details":
            show = False
        elif a == "--label":
            label = next(args, None)
            if label is None:
                break
        elif a in ("-h", "--help") or (a.startswith("-") and a != "-"):
            logs = []
            break
        else:
            logs.append((label, a))
            label = None
    if not logs or label is not None:
        with open(__file__) as f:
            for line in f.read().splitlines()[2:]:
                if not line.startswith("#"):
                    break
                print(line[2:], file=sys.stderr)
        return 2

    tally = Tally()
    shown = []
    for label, path in logs:
        tally.failures = []
        try:
            if path == "-":
                lines = sys.stdin.readlines()
            else:
                with open(path, errors="replace") as f:
                    lines = f.readlines()
        except OSError as e:
            print("ktap-summary: %s: %s" % (path, e.strerror), file=sys.stderr)
            return 2
        docs = [d for d in parse(lines) if d.results or d.plan is not None]
        if not docs:
            tally.fail(label, path, "no KTAP output")
        for doc in docs:
            tally.walk(label, doc.results, "")
        reports, first = [], None
        for i, line in enumerate(lines):
            m = KERNEL_CRASH.search(line)
            if m:
                first = i if first is None else first
                reports.append(KERNEL_STAMP.sub("", line[m.start():],
                                                count=1).strip())
        if reports:
            more = len(reports) - 1
            tally.fail(label, "kernel", reports[0] +
                       (" (and %d more report lines)" % more if more else ""))
        if show and tally.failures:
            shown.extend(details(tally, label, lines, first))
    for line in shown:
        print(line)
    for line in tally.lines:
        print(line)
    summary = "%d passed, %d failed" % (tally.passed, tally.failed)
    if tally.skipped:
        summary += ", %d skipped" % tally.skipped
    print(summary)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
