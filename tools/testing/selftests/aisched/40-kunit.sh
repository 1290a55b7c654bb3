#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit suites (aisched_kunit.ko), on kernels with KUnit (the debug
# kernel). The suites run when the module loads; each suite's KTAP, from
# debugfs, is reported here as one subtest, so every KUnit case counts in
# make check's total.
set -eu
. "$(dirname "$0")/lib.sh"

kunit=/sys/kernel/debug/kunit

[ -d "$kunit" ] || ktap_skip_all "this kernel has no KUnit (the debug kernel has it)"

cleanup() {
	modprobe -r aisched_kunit 2>/dev/null || true
}

if ! modprobe aisched_kunit; then
	ktap_begin 1
	ktap_fail "load aisched_kunit" "modprobe aisched_kunit failed"
	ktap_end
fi

suites=$(cd "$kunit" && ls -d aisched_* 2>/dev/null || true)
count=0
for s in $suites; do count=$((count + 1)); done
[ "$count" -gt 0 ] || {
	ktap_begin 1
	ktap_fail "suites" "aisched_kunit loaded but registered no suite"
	ktap_end
}

ktap_begin "$count"
for s in $suites; do
	results="$kunit/$s/results"
	# The file is a KTAP document of one suite: drop its own version and
	# plan lines, keep the suite's subtest, and report the suite's last
	# line as a case of this file.
	last=$(tail -n 1 "$results")
	sed -e '1,2d' -e '$d' "$results"
	case $last in
	"ok "*) ktap_ok "$s" ;;
	*) ktap_fail "$s" "KUnit: $last" ;;
	esac
done
ktap_end
