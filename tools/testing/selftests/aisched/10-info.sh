#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# GET_INFO and NODE_GET through the tool, checked against sysfs.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

sysfs=/sys/devices/system/node

# json_field JSON KEY: the value of a top-level number or string field.
json_field() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p"
}

# The node's MemTotal in bytes, from its meminfo.
sysfs_mem_bytes() {
	echo $(( $(awk '/MemTotal/ { print $4 }' "$sysfs/node$1/meminfo") * 1024 ))
}

# assert_node_is_sysfs JSON N: a node object of the tool's JSON describes
# node N as sysfs does.
assert_node_is_sysfs() {
	assert_eq "$(json_field "$1" cpus)" "$(cat "$sysfs/node$2/cpulist")" \
		"node $2 cpus"
	assert_eq "$(json_field "$1" mem_total)" "$(sysfs_mem_bytes "$2")" \
		"node $2 mem_total"
}

online_nodes() {
	for d in "$sysfs"/node[0-9]*; do
		echo "${d##*node}"
	done | sort -n
}

test_info_reports_module() {
	out=$(aisched info --json)
	assert_eq "$(json_field "$out" version)" "$(cat /sys/module/aisched/version)" \
		"version"
	assert_eq "$(json_field "$out" abi_version)" 1 "abi_version"
	# Bit 0, tags: class hints; bit 1, GPUs: discovery and placement;
	# bit 2, pool: the huge-page pool and /dev/aisched (every kernel);
	# bits 3-6: the hooks of patches/ that this kernel has, by its symbols;
	# bit 7, slice: EEVDF custom slices (Linux 6.12 and later).
	want=$(expected_features)
	ktap_diag "this kernel: features $want"
	assert_eq "$(json_field "$out" features)" "$want" "features"
	# The hooks by name, as the tool (", ") and the load message (" ")
	# print them: a patched 6.1 has all four; 6.15 and later have pin.
	hooks='' logged=''
	for h in mempolicy migrate numa-hint pin; do
		kernel_has_hook "$h" || continue
		hooks="${hooks:+$hooks, }$h" logged="${logged:+$logged }$h"
	done
	if [ -z "$hooks" ]; then
		hooks="none (a stock kernel; see patches/README)" logged=$hooks
	fi
	assert_eq "$(aisched info | sed -n 's/^kernel hooks: *//p')" "$hooks" \
		"the tool's kernel hooks line"
	assert_eq "$(dmesg | sed -n 's/.*aisched: kernel hooks: //p' | tail -n 1)" \
		"$logged" "the module's load message"
}

test_info_nodes_match_sysfs() {
	out=$(aisched info --json)
	got=$(printf '%s\n' "$out" | grep -o '"id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')
	want=$(online_nodes | tr '\n' ' ')
	assert_eq "$got" "$want" "online nodes"
	assert_eq "$want" "0 1 " "the VM's nodes"
	for n in $(online_nodes); do
		assert_node_is_sysfs "$(printf '%s\n' "$out" | grep -o "{\"id\":$n,[^}]*}")" "$n"
	done
}

test_node_get_matches_sysfs() {
	for n in $(online_nodes); do
		out=$(aisched info --node "$n" --json)
		assert_eq "$(json_field "$out" id)" "$n" "id"
		assert_node_is_sysfs "$out" "$n"
	done
}

test_table_lists_every_node() {
	out=$(aisched info)
	for n in $(online_nodes); do
		printf '%s\n' "$out" | grep -Eq "^ *$n +[0-9]+ MiB +$(cat "$sysfs/node$n/cpulist")\$" ||
			fail "no table row for node $n in: $out"
	done
}

# A CPU taken offline leaves its node's list at once.
test_cpu_offline_leaves_node() {
	echo 0 >/sys/devices/system/cpu/cpu3/online
	trap 'echo 1 >/sys/devices/system/cpu/cpu3/online' EXIT
	out=$(aisched info --node 1 --json)
	assert_eq "$(json_field "$out" cpus)" 2 "node 1 cpus with cpu3 offline"
}

test_offline_node_is_refused() {
	rc=0
	err=$(aisched info --node 7 2>&1 >/dev/null) || rc=$?
	assert_eq "$rc" 1 "exit status"
	assert_eq "$err" "aisched: kernel: node 7 is not online" "message"
}

test_node_out_of_range_is_usage_error() {
	rc=0
	aisched info --node 1024 >/dev/null 2>&1 || rc=$?
	assert_eq "$rc" 2 "exit status"
}

ktap_begin 7
run_case test_info_reports_module
run_case test_info_nodes_match_sysfs
run_case test_node_get_matches_sysfs
run_case test_table_lists_every_node
run_case test_cpu_offline_leaves_node
run_case test_offline_node_is_refused
run_case test_node_out_of_range_is_usage_error
ktap_end
