#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Everything at once: processes forking in tagged cgroups, a task moved
# between tagged, nested and untagged cgroups, tags set, replaced, listed
# and removed, and the module unloaded while all of it runs. The module's
# own checks are the kernel's: on the debug kernel KASAN, lockdep and
# DEBUG_ATOMIC_SLEEP report any race (a report fails the whole run), and on
# every kernel the tasks must end up with what they had.
set -eu
. "$(dirname "$0")/lib.sh"

C=/sys/fs/cgroup
R=$C/aisched-stress
# Fewer rounds where every fork costs ten times as much.
ROUNDS=8
[ -e /sys/kernel/debug/kmemleak ] && ROUNDS=3

# The case runs in a subshell: its background jobs are stopped by its own
# EXIT trap (they hold the test's output open until they are gone).
stop_jobs() {
	# shellcheck disable=SC2046 # a list of pids
	kill $(jobs -p) 2>/dev/null || true
	wait 2>/dev/null || true
}

cleanup() {
	grep -q '^aisched ' /proc/modules || modprobe aisched
	for d in "$R/a/b" "$R/a/d" "$R/a" "$R/c" "$R"; do
		[ -d "$d" ] || continue
		while read -r p; do echo "$p" >"$C/cgroup.procs" 2>/dev/null || true; done <"$d/cgroup.procs"
		rmdir "$d" 2>/dev/null || true
	done
}

# Bursts of forks with pauses: enough to race every path, not so many that
# the emulated CPUs do nothing else.
forker() {
	while :; do
		for _ in 1 2 3 4; do /bin/true & done
		wait
		sleep 0.05
	done
}

# a has controllers for its children, so (no internal processes) the
# task moves between its children and c.
mover() {
	while :; do
		echo "$1" >"$R/a/d/cgroup.procs"
		echo "$1" >"$R/a/b/cgroup.procs"
		echo "$1" >"$R/c/cgroup.procs"
		sleep 0.01
	done
}

policy_of() {
	awk '{ print $41 " " $19 }' "/proc/$1/stat"
}

test_busy_retag_and_unload() {
	trap stop_jobs EXIT
	mkdir -p "$R/a/b" "$R/a/d" "$R/c"
	echo +cpuset >"$C/cgroup.subtree_control"
	echo +cpuset >"$R/cgroup.subtree_control"
	echo +cpuset >"$R/a/cgroup.subtree_control"
	echo 0-1 >"$R/a/b/cpuset.cpus"

	aisched tag "$R/a" --class background --cpus 1-3 >/dev/null
	# A subshell that moves itself into a/b, then forks.
	(sh -c 'echo $PPID' >"$R/a/b/cgroup.procs"; forker) >/dev/null 2>&1 &
	f1=$!
	forker >/dev/null 2>&1 &
	f2=$!
	echo "$f2" >"$R/c/cgroup.procs"
	orig=$(policy_of "$f2")
	mover "$f2" >/dev/null 2>&1 &
	m=$!

	i=0
	while [ "$i" -lt "$ROUNDS" ]; do
		aisched tag "$R/a/b" --class inference --rt-prio 5 >/dev/null
		aisched list >/dev/null
		aisched untag "$R/a/b"
		aisched tag "$R/a" --class "$(echo training inference dataloader background |
			cut -d' ' -f$((i % 4 + 1)))" >/dev/null
		i=$((i + 1))
	done
	kill "$m" || fail "the mover stopped early"
	wait "$m" 2>/dev/null || true
	# The mover may have been stopped anywhere; put f2 where it started.
	echo "$f2" >"$R/c/cgroup.procs"

	rmmod aisched || fail "rmmod while busy failed"
	assert_eq "$(policy_of "$f2")" "$orig" "the moved task after unload"
	assert_eq "$(awk '{ print $41 }' "/proc/$f1/stat")" 0 \
		"the forker's policy after unload"
	modprobe aisched
	aisched tag "$R/a" --class background >/dev/null
	sleep 0.5
	rmmod aisched || fail "the second rmmod while busy failed"
	assert_eq "$(awk '{ print $41 }' "/proc/$f1/stat")" 0 \
		"the forker's policy after the second unload"
	modprobe aisched
}

ktap_begin 1
run_case test_busy_retag_and_unload
ktap_end
