# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: KTAP v1 output for the aisched guest tests. POSIX sh (busybox ash,
# dash, bash), safe under set -eu. Each test file is one KTAP subtest; the
# runner (run_tests.sh) indents it under the top-level document.
#
#	#!/bin/sh
#	# SPDX-License-Identifier: GPL-2.0
#	set -eu
#	. "$(dirname "$0")/lib.sh"
#
#	cleanup() {		# optional: runs once when the file exits
#		rmdir /sys/fs/cgroup/t 2>/dev/null || true
#	}
#
#	test_cgroup_type() {	# one function per case
#		mkdir /sys/fs/cgroup/t
#		assert_eq "$(cat /sys/fs/cgroup/t/cgroup.type)" domain "type"
#	}
#
#	ktap_begin 1
#	run_case test_cgroup_type
#	ktap_end
#
# run_case FN [NAME]   run FN in a subshell under set -e; a failing command,
#                      fail or a failed assertion makes the case "not ok",
#                      skip makes it "ok ... # SKIP". NAME defaults to FN
#                      without its test_ prefix. For cleanup local to a
#                      case, set `trap '...' EXIT` inside FN.
# fail MSG             (in a case) fail the case with a reason
# skip MSG             (in a case) skip the case with a reason
# assert_eq ACTUAL EXPECTED WHAT
#                      fail unless ACTUAL = EXPECTED
# ktap_begin N         start the subtest: version, name and plan of N cases
# ktap_skip_all REASON skip the whole file (instead of ktap_begin); exits
# ktap_ok NAME, ktap_fail NAME [REASON], ktap_skip NAME REASON
#                      report a case directly, without run_case
# ktap_diag MSG        a "# MSG" diagnostic line
# klog_mark            put a unique line into the kernel log
# klog_since           the kernel log after the last klog_mark, without the
#                      timestamps; fails the case if the mark is gone (the
#                      log wrapped)
# ktap_end             print the totals and exit: 0 if no case failed and
#                      the plan was met, 4 (kselftest's skip) if every case
#                      was skipped, 1 otherwise
#
# cleanup, if the file defines it, runs when the file exits for any reason
# (end, error under set -e, signal); its failure fails the file.

KTAP_PLAN=
KTAP_NUM=0
KTAP_PASS=0
KTAP_FAIL=0
KTAP_SKIP=0
KTAP_DONE=0
KTAP_IN_CASE=0
KTAP_NAME=$(basename "$0")
KTAP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ktap.XXXXXX")

ktap_diag() {
	echo "# $*"
}

ktap_ok() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_PASS=$((KTAP_PASS + 1))
	echo "ok $KTAP_NUM - $1"
}

ktap_fail() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_FAIL=$((KTAP_FAIL + 1))
	[ $# -lt 2 ] || [ -z "$2" ] || echo "# $1: $2"
	echo "not ok $KTAP_NUM - $1"
}

ktap_skip() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_SKIP=$((KTAP_SKIP + 1))
	echo "ok $KTAP_NUM - $1 # SKIP ${2:-}"
}

ktap_begin() {
	KTAP_PLAN=$1
	echo "KTAP version 1"
	echo "# Subtest: $KTAP_NAME"
	echo "1..$KTAP_PLAN"
}

ktap_skip_all() {
	echo "KTAP version 1"
	echo "# Subtest: $KTAP_NAME"
	echo "1..0 # SKIP $*"
	KTAP_DONE=1
	exit 4
}

ktap_end() {
	KTAP_DONE=1
	echo "# Totals: pass:$KTAP_PASS fail:$KTAP_FAIL skip:$KTAP_SKIP"
	if [ -n "$KTAP_PLAN" ] && [ "$KTAP_NUM" -ne "$KTAP_PLAN" ]; then
		ktap_diag "planned $KTAP_PLAN cases, reported $KTAP_NUM"
		exit 1
	fi
	[ "$KTAP_FAIL" -eq 0 ] || exit 1
	[ "$KTAP_SKIP" -eq 0 ] || [ "$KTAP_PASS" -ne 0 ] || exit 4
	exit 0
}

# The kernel log is a ring: once it is full, "the lines after line N" are
# not the lines since then. A mark of our own is.
KLOG_MARK=
KLOG_SEQ=0

klog_mark() {
	KLOG_SEQ=$((KLOG_SEQ + 1))
	KLOG_MARK="aisched-test: mark $$.$KLOG_SEQ.$(date +%s)"
	echo "$KLOG_MARK" >/dev/kmsg
}

klog_since() {
	[ -n "$KLOG_MARK" ] || fail "klog_since without klog_mark"
	dmesg | sed 's/^\[[^]]*\] //' >"$KTAP_TMP/klog"
	grep -qxF "$KLOG_MARK" "$KTAP_TMP/klog" ||
		fail "the kernel log wrapped: '$KLOG_MARK' is gone"
	sed -n "\|^$KLOG_MARK\$|,\$p" "$KTAP_TMP/klog" | tail -n +2
}

# Writes the reason of a case's end where run_case, in the parent shell, finds it.
ktap__reason() {
	printf '%s\n' "$*" | head -n 1 >"$KTAP_TMP/reason"
}

fail() {
	ktap__reason "$*"
	[ "$KTAP_IN_CASE" = 1 ] || ktap_diag "$*"
	exit 1
}

skip() {
	ktap__reason "$*"
	: >"$KTAP_TMP/skip"
	[ "$KTAP_IN_CASE" = 1 ] || ktap_diag "skip: $*"
	exit 4
}

assert_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

run_case() {
	_ktap_fn=$1
	_ktap_case=${2:-${1#test_}}
	rm -f "$KTAP_TMP/reason" "$KTAP_TMP/skip"
	case $- in *e*) _ktap_e=1 ;; *) _ktap_e=0 ;; esac
	# Not "if ( ... )": set -e is ignored in a tested command, even in a
	# subshell. Run the case as a plain command with set +e around it.
	set +e
	(
		trap - EXIT INT TERM
		KTAP_IN_CASE=1
		set -e
		"$_ktap_fn"
	)
	_ktap_rc=$?
	[ "$_ktap_e" = 0 ] || set -e
	_ktap_why=
	[ ! -f "$KTAP_TMP/reason" ] || _ktap_why=$(cat "$KTAP_TMP/reason")
	if [ "$_ktap_rc" -eq 0 ]; then
		ktap_ok "$_ktap_case"
	elif [ "$_ktap_rc" -eq 4 ] && [ -f "$KTAP_TMP/skip" ]; then
		ktap_skip "$_ktap_case" "$_ktap_why"
	else
		ktap_fail "$_ktap_case" "${_ktap_why:-exit status $_ktap_rc}"
	fi
}

ktap__exit() {
	_ktap_rc=$?
	trap - EXIT
	set +e
	if type cleanup 2>/dev/null | grep -q function; then
		cleanup || {
			ktap_diag "cleanup failed"
			[ "$_ktap_rc" -ne 0 ] || _ktap_rc=1
		}
	fi
	rm -rf "$KTAP_TMP"
	if [ "$KTAP_DONE" = 0 ]; then
		ktap_diag "$KTAP_NAME ended before ktap_end (status $_ktap_rc)"
		[ "$_ktap_rc" -ne 0 ] || _ktap_rc=1
	fi
	exit "$_ktap_rc"
}

trap ktap__exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
