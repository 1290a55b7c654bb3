#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs the unit-test binaries named as arguments and prints their results
# as one KTAP document, each binary a subtest, then a total:
#
#   userspace: N passed, N failed, N skipped
#
# TEST_WRAPPER, if set, prefixes each run (e.g. "valgrind -q --leak-check=full
# --error-exitcode=99"). Exits 0 only if every binary passed.
set -u

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

echo "KTAP version 1"
echo "1..$#"
n=0 passed=0 failed=0 skipped=0 status=0
for t in "$@"; do
	n=$((n + 1))
	name=${t##*/}
	# shellcheck disable=SC2086 # TEST_WRAPPER is a command line.
	${TEST_WRAPPER:-} "$t" >"$tmp" 2>&1
	rc=$?
	sed 's/^/    /' "$tmp"
	s=$(grep -c '^ok .*# SKIP' "$tmp")
	p=$(($(grep -c '^ok ' "$tmp") - s))
	f=$(grep -c '^not ok ' "$tmp")
	# A binary that failed without saying which test did (a crash, a
	# leak found by the wrapper) counts as one more failure.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	skipped=$((skipped + s))
	failed=$((failed + f))
	if [ "$rc" -eq 0 ]; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		status=1
	fi
done
echo "userspace: $passed passed, $failed failed, $skipped skipped"
exit $status
