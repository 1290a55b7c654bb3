#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh: run the aisched guest tests and print one KTAP v1 document.
#
# Usage: run_tests.sh [-n COUNT] [NAME...]
#
# Runs every *.sh file beside this script (except lib.sh and run_tests.sh),
# in sorted order, or only the files NAME... (with or without .sh). Each file
# is a subtest: its output (stdout and stderr) is indented by four spaces and
# followed by "ok N - FILE", "ok N - FILE # SKIP" (exit status 4) or
# "not ok N - FILE". Exits 0 iff no file failed.
#
# -n COUNT runs the whole list COUNT times in a row, in this one boot (to
# find a test that fails only sometimes); each run of a file is a subtest of
# its own, "FILE (run I of COUNT)".
#
# Environment given to the tests: AISCHED_TESTDIR (this directory) and, set
# by the VM's init, AISCHED_BINDIR, AISCHED_TOOL, AISCHED_MODULE, AISCHED_KVER.
set -eu

AISCHED_TESTDIR=$(cd "$(dirname "$0")" && pwd)
export AISCHED_TESTDIR

repeat=1
if [ "${1:-}" = -n ]; then
	repeat=${2:-}
	shift 2 || true
	case $repeat in
	''|*[!0-9]*|0) echo "run_tests.sh: -n wants a count of 1 or more, not '$repeat'" >&2; exit 2 ;;
	esac
fi

tests=
if [ $# -gt 0 ]; then
	for name in "$@"; do
		name=${name%.sh}.sh
		if [ ! -f "$AISCHED_TESTDIR/$name" ]; then
			echo "run_tests.sh: no test $name in $AISCHED_TESTDIR" >&2
			exit 2
		fi
		tests="$tests $name"
	done
else
	for f in "$AISCHED_TESTDIR"/*.sh; do
		name=${f##*/}
		case $name in lib.sh|run_tests.sh) continue ;; esac
		tests="$tests $name"
	done
	# shellcheck disable=SC2086 # one name a line
	tests=$(printf '%s\n' $tests | LC_ALL=C sort | tr '\n' ' ')
fi

count=0
for name in $tests; do count=$((count + repeat)); done

# Not sed: it holds back its output, and a test that hangs would hide the
# lines it printed before hanging.
indent() {
	while IFS= read -r line || [ -n "$line" ]; do
		printf '    %s\n' "$line"
	done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "KTAP version 1"
echo "1..$count"
n=0
failed=0
run=0
while [ "$run" -lt "$repeat" ]; do
	run=$((run + 1))
	for name in $tests; do
		n=$((n + 1))
		title=$name
		[ "$repeat" -eq 1 ] || title="$name (run $run of $repeat)"
		echo 1 >"$tmp/rc"
		{
			set +e
			(cd / && exec sh "$AISCHED_TESTDIR/$name") </dev/null
			echo $? >"$tmp/rc"
		} 2>&1 | indent
		rc=$(cat "$tmp/rc")
		case $rc in
		0) echo "ok $n - $title" ;;
		4) echo "ok $n - $title # SKIP" ;;
		*) echo "not ok $n - $title # exit status $rc"; failed=$((failed + 1)) ;;
		esac
	done
done
[ "$failed" -eq 0 ]
