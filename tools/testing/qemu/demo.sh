#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: what `make demo` runs in the guest, as root, with the module
# loaded. A narrated tour of what the module does; it grows with every
# feature. Every command is shown before it runs, and the demo stops at the
# first one that fails.
set -eu

say() {
	printf '\n\033[1m## %s\033[0m\n' "$*"
}

run() {
	printf '\033[36m# %s\033[0m\n' "$*"
	"$@"
}

# run_fails CMD...: a command that is meant to be refused.
run_fails() {
	printf '\033[36m# %s\033[0m\n' "$*"
	rc=0
	"$@" || rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "demo: expected this to fail" >&2
		exit 1
	fi
	echo "(exit status $rc)"
}

# Kernel messages would interleave with the narration; the demo shows the
# ones that matter itself. A panic still reaches the console.
dmesg -n 1

say "The machine: two NUMA nodes, a GPU on node 1 and one that reports no node"
for n in /sys/devices/system/node/node[0-9]*; do
	echo "${n##*/}: CPUs $(cat "$n/cpulist")"
done
for d in /sys/bus/pci/devices/*; do
	case $(cat "$d/class") in
	0x03*|0x12*) echo "GPU ${d##*/}: class $(cat "$d/class"), NUMA node $(cat "$d/numa_node")" ;;
	esac
done

say "Without the module, the tool says what to do"
run modprobe -r aisched
run_fails aisched info

say "Loading the module, as on a training host"
run modprobe aisched
dmesg | grep 'aisched:' | tail -n 1

say "What the module reports: version, netlink ABI, features, NUMA nodes"
run aisched info
run aisched info --json
run aisched info --node 1

say "Bad input is refused with the kernel's own reason"
run_fails aisched info --node 7
run_fails aisched info --node 2000

say "That is all this version does; class hints, GPU placement and the huge-page pool come next"
