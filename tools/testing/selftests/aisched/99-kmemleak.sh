#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# 99-kmemleak.sh: after every other test, and with the module unloaded, a
# kmemleak scan reports no leak. Runs last (keep other tests below 99);
# skipped on kernels without kmemleak (Debian's; the debug kernel has it).
set -eu
. "$(dirname "$0")/lib.sh"

kmemleak=/sys/kernel/debug/kmemleak
module=${AISCHED_MODULE:-aisched}

[ -e "$kmemleak" ] || ktap_skip_all "this kernel has no kmemleak (the debug kernel has it)"

# The other tests expect the module loaded.
cleanup() {
	grep -q "^$module " /proc/modules || modprobe "$module"
}

test_no_leak_after_unload() {
	if grep -q "^$module " /proc/modules; then
		modprobe -r "$module" || fail "modprobe -r $module failed"
	fi
	unloaded=$(date +%s)
	# Two scans: a pointer left in a register or on a stack can hide an
	# object from one, and kmemleak reports only objects older than 5 s:
	# the second scan starts at least 6 s after the unload, so it also
	# judges what the unload itself allocated. (Under TCG a scan of the
	# debug kernel takes longer than that by itself.)
	echo scan >"$kmemleak"
	waited=$(( $(date +%s) - unloaded ))
	[ "$waited" -ge 6 ] || sleep $(( 6 - waited ))
	echo scan >"$kmemleak"
	report=$(cat "$kmemleak")
	[ -n "$report" ] || return 0
	printf '%s\n' "$report" | sed 's/^/# /'
	fail "kmemleak: $(printf '%s\n' "$report" | grep -c '^unreferenced object') unreferenced objects (report above)"
}

ktap_begin 1
run_case test_no_leak_after_unload
ktap_end
