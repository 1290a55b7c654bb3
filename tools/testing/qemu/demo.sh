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

say "Loading the module, as on a training host: 64 huge pages reserved on node 1 at load"
run modprobe aisched pool=1:64
dmesg | grep 'aisched:' | tail -n 2

say "What the module reports: version, netlink ABI, features, NUMA nodes"
run aisched info
run aisched info --json
run aisched info --node 1

say "Bad input is refused with the kernel's own reason"
run_fails aisched info --node 7
run_fails aisched info --node 2000

say "The GPUs the module found, with their NUMA nodes"
run aisched gpus

say "A training job: its cgroup is tagged with its GPU, and every task follows"
mkdir -p /sys/fs/cgroup/jobs/train0
echo +memory >/sys/fs/cgroup/cgroup.subtree_control
echo +memory >/sys/fs/cgroup/jobs/cgroup.subtree_control
sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec sleep 600' &
trainer=$!
sleep 0.2
echo "the trainer, pid $trainer, before: $(grep Cpus_allowed_list /proc/$trainer/status)"
run aisched tag /sys/fs/cgroup/jobs/train0 --class training --gpu 1
echo "the trainer after: $(grep Cpus_allowed_list /proc/$trainer/status)"

say "A new process in the job runs on the GPU's node from its first instruction, so its memory lands there"
run sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec memtouch 64'
say "The same without aisched, started on CPU 0: its memory lands on node 0"
run memtouch -c 0 64
sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec memtouch -H 32' >/dev/null &
holder=$!
sleep 2
run aisched show /sys/fs/cgroup/jobs/train0

say "A GPU whose node the firmware does not report is refused until an admin sets one"
run_fails aisched tag /sys/fs/cgroup/jobs/train0 --class training --gpu 0
run aisched gpus set 0 --node 0
run aisched gpus set 0 --node auto

say "The huge-page pool: reserved at load, before memory fragments"
run aisched pool

say "The job gets a quota of 16 pages (32 MiB) on its GPU's node"
run aisched tag /sys/fs/cgroup/jobs/train0 --class training --gpu 1 --hugepages 16

say "A process in the job maps 32 MiB of pool memory: zero, on node 1, few page tables"
run sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec poolmap -z -w 1 -n -v 32M'

say "While a process holds 16 MiB, the pool and the tag count it; more than the rest is refused at mmap"
sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec poolmap -w 1 -H 16M' >/dev/null &
mapper=$!
sleep 2
run aisched pool
aisched show /sys/fs/cgroup/jobs/train0 | grep hugepages
run_fails sh -c 'echo $$ >/sys/fs/cgroup/jobs/train0/cgroup.procs; exec poolmap 32M'
say "A task without a quota is refused too"
run_fails poolmap 2M
say "A killed process gives its pages back"
kill -9 "$mapper"
wait "$mapper" 2>/dev/null || true
run aisched pool

say "Untagging gives every task back what it had"
run aisched untag /sys/fs/cgroup/jobs/train0
echo "the trainer: $(grep Cpus_allowed_list /proc/$trainer/status)"
kill "$trainer" "$holder"
wait 2>/dev/null || true

say "This is Debian's stock kernel: 'kernel hooks: none'"
echo "The patch series in patches/ adds memory policies, migration, --placement prefer"
echo "and pinnable pool memory; make check boots a kernel with it (patches/README)."
