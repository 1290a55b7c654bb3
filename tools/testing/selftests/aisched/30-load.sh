#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Loading and unloading: 20 cycles without a warning or a leftover, and the
# tool's message while the module is out.
set -eu
. "$(dirname "$0")/lib.sh"

CYCLES=20
# Taint flags that mean the kernel complained: W (warning, 512), D (died,
# 128), L (soft lockup, 16384).
BAD_TAINT=$((512 | 128 | 16384))

cleanup() {
	grep -q '^aisched ' /proc/modules || modprobe aisched
}

loaded() {
	grep -q '^aisched ' /proc/modules
}

# Kernel log lines since klog_mark that report a problem: generic ones, and
# any message of the module's other than its load and unload lines, the
# kernel hooks and the GPUs it finds at load (the stock kernel also notes
# once that the module is unsigned).
kernel_log_problems() {
	_gpu='GPU [0-9a-f:.]+ \([0-9a-f]{4}:[0-9a-f]{4}, class [0-9a-f]{6}\) on node -?[0-9]+'
	klog_since | grep -E 'WARNING:|BUG:|Oops|Call Trace|aisched:' |
		grep -vE "aisched: (version [^ ]+ loaded|unloaded|kernel hooks: .*|module verification failed: .*|$_gpu)\$" ||
		true
}

test_load_unload_cycles() {
	klog_mark
	taint=$(cat /proc/sys/kernel/tainted)
	i=0
	while [ $i -lt $CYCLES ]; do
		modprobe -r aisched || fail "cycle $i: modprobe -r failed"
		! loaded || fail "cycle $i: still in /proc/modules"
		[ ! -e /sys/module/aisched ] || fail "cycle $i: /sys/module/aisched left behind"
		if nl_policy aisched >/dev/null 2>&1; then
			fail "cycle $i: the netlink family outlived the module"
		fi
		modprobe aisched || fail "cycle $i: modprobe failed"
		aisched info >/dev/null || fail "cycle $i: aisched info failed after reload"
		i=$((i + 1))
	done
	assert_eq "$(klog_since | grep -c '^aisched: version .* loaded' || true)" \
		"$CYCLES" "loads logged"
	problems=$(kernel_log_problems)
	[ -z "$problems" ] || fail "kernel log: $problems"
	assert_eq "$(( $(cat /proc/sys/kernel/tainted) & BAD_TAINT ))" \
		"$((taint & BAD_TAINT))" "warning/die taint flags"
}

test_tool_says_module_not_loaded() {
	modprobe -r aisched
	rc=0
	err=$(aisched info 2>&1 >/dev/null) || rc=$?
	modprobe aisched
	assert_eq "$rc" 1 "exit status"
	assert_eq "$err" "aisched: the aisched module is not loaded (run: modprobe aisched)" \
		"message"
}

test_refcount_released() {
	assert_eq "$(cat /sys/module/aisched/refcnt)" 0 "refcnt before requests"
	aisched info >/dev/null
	aisched info --node 9 >/dev/null 2>&1 || true
	assert_eq "$(cat /sys/module/aisched/refcnt)" 0 "refcnt after requests"
}

ktap_begin 3
run_case test_load_unload_cycles
run_case test_tool_says_module_not_loaded
run_case test_refcount_released
ktap_end
