#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# 00-boot.sh: the VM is the machine the other tests assume: two NUMA nodes
# with two CPUs (one socket) each, a GPU-class PCI device on node 1 and one
# with no node, cgroup2
# with the controllers the module uses, and the module and tool in place.
set -eu
. "$(dirname "$0")/lib.sh"

node=/sys/devices/system/node

test_numa_nodes() {
	[ -d "$node" ] || fail "no $node: kernel without NUMA"
	assert_eq "$(cat "$node/online")" 0-1 "online nodes"
}

test_node_cpus() {
	assert_eq "$(cat /sys/devices/system/cpu/online)" 0-3 "online CPUs"
	assert_eq "$(cat "$node/node0/cpulist")" 0-1 "node0 CPUs"
	assert_eq "$(cat "$node/node1/cpulist")" 2-3 "node1 CPUs"
	for cpu in 0 1 2 3; do
		pkg=$(cat /sys/devices/system/cpu/cpu$cpu/topology/physical_package_id)
		assert_eq "$pkg" $((cpu / 2)) "socket of cpu$cpu"
	done
}

# The RAM the machine gives each node: the pages present in the node's zones.
# Not MemTotal, which also leaves out what the kernel reserved at boot: the
# debug kernel's KASAN shadow alone is an eighth of all memory, all of it
# on node 0.
test_node_memory() {
	for n in 0 1; do
		kb=$(awk -v want="$n" '
			$1 == "Node" { sub(",", "", $2); node = $2 }
			$1 == "present" && node == want { pages += $2 }
			END { print pages * 4 }' /proc/zoneinfo)	# 4 KiB pages
		if [ "$kb" -le 786432 ] || [ "$kb" -gt 1048576 ]; then
			fail "node$n has $kb kB, expected about 1 GiB"
		fi
	done
}

# Two GPU-class devices: one behind the expander bridge on node 1, and one
# on the root bus that reports no node.
test_gpus() {
	node1='' nonode=''
	for dev in /sys/bus/pci/devices/*; do
		[ "$(cat "$dev/class")" = 0x038000 ] || continue
		case $(cat "$dev/numa_node") in
		1)
			[ -z "$node1" ] || fail "two display devices on node 1: $node1 ${dev##*/}"
			node1=${dev##*/} ;;
		-1)
			[ -z "$nonode" ] || fail "two display devices with no node: $nonode ${dev##*/}"
			nonode=${dev##*/} ;;
		*) fail "display device ${dev##*/} on node $(cat "$dev/numa_node")" ;;
		esac
	done
	[ -n "$node1" ] || fail "no PCI device of class 0x038000 on node 1"
	[ -n "$nonode" ] || fail "no PCI device of class 0x038000 without a node"
	case $nonode in
	0000:00:*) ;;
	*) fail "the display device with no node, $nonode, is not on the root bus" ;;
	esac
}

test_cgroup2() {
	awk '$2 == "/sys/fs/cgroup" && $3 == "cgroup2" { ok = 1 } END { exit !ok }' \
		/proc/mounts || fail "cgroup2 is not mounted at /sys/fs/cgroup"
	ctl=" $(cat /sys/fs/cgroup/cgroup.subtree_control) "
	for c in cpuset cpu memory; do
		case $ctl in *" $c "*) ;; *) fail "controller $c not enabled (have:$ctl)" ;; esac
	done
}

test_module_loaded() {
	[ -d "/sys/module/${AISCHED_MODULE:-aisched}" ] ||
		fail "module ${AISCHED_MODULE:-aisched} is not loaded"
}

test_tool() {
	[ -x "${AISCHED_TOOL:-/usr/sbin/aisched}" ] ||
		fail "no tool at ${AISCHED_TOOL:-/usr/sbin/aisched}"
}

ktap_begin 7
run_case test_numa_nodes
run_case test_node_cpus
run_case test_node_memory
run_case test_gpus
run_case test_cgroup2
run_case test_module_loaded
run_case test_tool
ktap_end
