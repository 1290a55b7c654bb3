#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit suites (aisched_kunit.ko), on kernels with KUnit (the debug
# kernel). The suites run when the module loads. Each suite's KTAP is taken
# from the kernel log and reported here as one subtest, so every KUnit case,
# every parameter included, counts in make check's total. (6.1's debugfs
# results keep only the last parameter of a parameterized case, so they serve
# only to cross-check each suite's verdict.)
set -eu
. "$(dirname "$0")/lib.sh"

kunit=/sys/kernel/debug/kunit

# KUnit is a module of the debug kernel; its debugfs directory appears when
# it loads.
modprobe -q kunit 2>/dev/null || true
[ -d "$kunit" ] || ktap_skip_all "this kernel has no KUnit (the debug kernel has it)"

# rmmod, not modprobe -r, which would unload aisched too: the tests after
# this one need it.
cleanup() {
	rmmod aisched_kunit 2>/dev/null || true
	grep -q '^aisched ' /proc/modules || modprobe aisched
}

klog_mark
if ! modprobe aisched_kunit; then
	ktap_begin 1
	ktap_fail "load aisched_kunit" "modprobe aisched_kunit failed"
	ktap_end
fi
# The KUnit lines of the kernel log since the load, without timestamps.
klog_since |
	grep -E '^ *(KTAP version|# |ok |not ok |1\.\.)' >"$KTAP_TMP/kunit" || true

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
	# The suite's subtest: from its header to the line before its result.
	awk -v s="$s" '
		$0 ~ "^    # Subtest: " s "$" { print "    KTAP version 1"; on = 1 }
		on && $0 ~ "^(not )?ok [0-9]+ (- )?" s "$" { exit }
		on { print }' "$KTAP_TMP/kunit"
	last=$(grep -E "^(not )?ok [0-9]+ (- )?$s\$" "$KTAP_TMP/kunit" | tail -n 1)
	debugfs=$(tail -n 1 "$kunit/$s/results")
	case $last in
	"ok "*)
		case $debugfs in
		"ok "*) ktap_ok "$s" ;;
		*) ktap_fail "$s" "kernel log says ok, debugfs says: $debugfs" ;;
		esac
		;;
	"") ktap_fail "$s" "no result line in the kernel log (debugfs: $debugfs)" ;;
	*) ktap_fail "$s" "KUnit: $last" ;;
	esac
done
ktap_end
