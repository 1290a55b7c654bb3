#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The gpu_ids module parameter: rules [+|-]VVVV:DDDD (either may be *)
# extend or narrow the PCI classes that make a GPU, the last matching rule
# deciding; the list follows them at load and on hotplug, and the parameter
# reads back as given. A malformed rule refuses the load, naming the rule
# in the kernel log. Each case reloads the module with its parameter, as a
# user would with modprobe; the file ends with the module loaded plainly.
# The parser's every path is KUnit's (aisched_gpu); here fewer rules on the
# debug kernel, where each load takes seconds.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"

PARAM=/sys/module/aisched/parameters/gpu_ids

cleanup() {
	modprobe -r aisched 2>/dev/null
	modprobe aisched
	gpus_reset
}

gpus_reset
gpus_init

# load_with RULES: the module reloaded with gpu_ids=RULES.
load_with() {
	modprobe -r aisched || fail "modprobe -r aisched failed"
	modprobe aisched "gpu_ids=$1" 2>"$KTAP_TMP/err" ||
		fail "modprobe aisched gpu_ids=$1 failed: $(cat "$KTAP_TMP/err")"
	assert_eq "$(cat "$PARAM")" "$1" "$PARAM"
}

# The PIIX3 ISA bridge (8086:7000, class 060100) becomes a GPU, and takes
# its place in address order.
test_extend() {
	load_with 8086:7000
	want=$(sysfs_gpus 8086:7000)
	assert_eq "$(printf '%s\n' "$want" | wc -l)" 3 "GPUs sysfs has under 8086:7000"
	assert_gpus "$want" "gpu_ids=8086:7000"
	assert_match "$(gpuq index 0)" "index=0 address=0000:00:01.0 vendor=8086 device=7000 *" \
		"index 0 under gpu_ids=8086:7000"
	aisched gpus | awk 'NR > 1 { print $2 }' >"$KTAP_TMP/addrs"
	assert_eq "$(tr '\n' ' ' <"$KTAP_TMP/addrs")" \
		"$(printf '%s\n' "$want" | sed 's/.* address=\([^ ]*\) .*/\1/' | tr '\n' ' ')" \
		"addresses in aisched gpus"
}

# Narrowed to nothing: no GPU, before and after a hotplug of one; the tool
# prints nothing; placing by index 0 is refused.
test_narrow() {
	trap pci_rescan EXIT
	load_with '-1234:*'
	assert_gpus "" "gpu_ids=-1234:*"
	rc=0
	aisched gpus >"$KTAP_TMP/out" 2>&1 || rc=$?
	assert_eq "$rc/$(cat "$KTAP_TMP/out")" 0/ "aisched gpus with no GPU: status/output"
	pci_remove "$GPU1"
	pci_rescan
	[ -e "$PCI/$GPU1" ] || fail "$GPU1 did not come back"
	assert_gpus "" "gpu_ids=-1234:*, after a hotplug"
	mkdir -p /sys/fs/cgroup/t63
	trap 'rmdir /sys/fs/cgroup/t63' EXIT
	tool_refuses "GPU index 0 is out of range (0 GPUs)" \
		tag /sys/fs/cgroup/t63 --class training --gpu 0
}

# Rules in order, the last that matches deciding.
test_rule_order() {
	echo '+1234:1111,-1234:*' >"$KTAP_TMP/rules"
	echo '-*:*,+8086:*' >>"$KTAP_TMP/rules"
	[ "$SLOW_KERNEL" = 1 ] || printf '%s\n' '-*:*,+1234:1111' '1b36:*,-1b36:0009' \
		'-1234:1111,+*:1111' >>"$KTAP_TMP/rules"
	while IFS= read -r rules; do
		load_with "$rules"
		soft assert_gpus "$(sysfs_gpus "$rules")" "gpu_ids=$rules"
	done <"$KTAP_TMP/rules"
	soft_end
}

# A malformed rule refuses the load (nothing of the module is left), and
# the kernel log names it; the module loads afterwards as before.
test_malformed() {
	modprobe -r aisched
	# PARAMETER|THE RULE NAMED
	cases="1234|1234 8086:7000,1234:zz|1234:zz 1234:1111,|"
	[ "$SLOW_KERNEL" = 1 ] || cases="$cases zz:1111|zz:1111 12345:1111|12345:1111
		1234:11111|1234:11111 1234:|1234: :1111|:1111 +-1234:1111|+-1234:1111
		1234:1111:0|1234:1111:0"
	for c in $cases; do
		param=${c%|*} bad=${c#*|}
		klog_mark
		rc=0
		modprobe aisched "gpu_ids=$param" >/dev/null 2>&1 || rc=$?
		if [ "$rc" = 0 ]; then
			soft fail "gpu_ids=$param: the module loaded"
			modprobe -r aisched
			continue
		fi
		[ ! -d /sys/module/aisched ] || soft fail "gpu_ids=$param: /sys/module/aisched is there"
		# busybox's modprobe tries twice (finit_module, then init_module):
		# one line or more, each naming the rule.
		klog_since |
			grep 'gpu_ids' >"$KTAP_TMP/log" || true
		[ -s "$KTAP_TMP/log" ] || soft fail "gpu_ids=$param: no kernel log line"
		while IFS= read -r line; do
			soft assert_match "$line" "aisched: gpu_ids: bad rule '$bad': ?*" \
				"gpu_ids=$param: kernel log"
		done <"$KTAP_TMP/log"
	done
	modprobe aisched || soft fail "the module does not load after the refusals"
	soft assert_gpus "$(sysfs_gpus)" "the GPUs after the refusals"
	soft_end
}

ktap_begin 4
run_case test_extend
run_case test_narrow
run_case test_rule_order
run_case test_malformed
ktap_end
