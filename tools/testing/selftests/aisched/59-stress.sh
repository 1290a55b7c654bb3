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
ROUNDS=10
[ -e /sys/kernel/debug/kmemleak ] && ROUNDS=4

PIDS=

cleanup() {
	# shellcheck disable=SC2086 # a list of pids
	[ -z "$PIDS" ] || kill $PIDS 2>/dev/null || true
	sleep 0.2
	grep -q '^aisched ' /proc/modules || modprobe aisched
	for d in "$R/a/b" "$R/a/d" "$R/a" "$R/c" "$R"; do
		[ -d "$d" ] || continue
		while read -r p; do echo "$p" >"$C/cgroup.procs" 2>/dev/null || true; done <"$d/cgroup.procs"
		rmdir "$d" 2>/dev/null || true
	done
}

forker() {
	while :; do
		for _ in 1 2 3 4; do /bin/true & done
		wait
	done
}

# a has controllers for its children, so (no internal processes) the
# task moves between its children and c.
mover() {
	while :; do
		echo "$1" >"$R/a/d/cgroup.procs"
		echo "$1" >"$R/a/b/cgroup.procs"
		echo "$1" >"$R/c/cgroup.procs"
	done
}

policy_of() {
	awk '{ print $41 " " $19 }' "/proc/$1/stat"
}

test_busy_retag_and_unload() {
	mkdir -p "$R/a/b" "$R/a/d" "$R/c"
	echo +cpuset >"$C/cgroup.subtree_control"
	echo +cpuset >"$R/cgroup.subtree_control"
	echo +cpuset >"$R/a/cgroup.subtree_control"
	echo 0-1 >"$R/a/b/cpuset.cpus"

	aisched tag "$R/a" --class background --cpus 1-3 >/dev/null
	# A subshell that moves itself into a/b, then forks.
	(sh -c 'echo $PPID' >"$R/a/b/cgroup.procs"; forker) &
	f1=$!
	forker &
	f2=$!
	echo "$f2" >"$R/c/cgroup.procs"
	orig=$(policy_of "$f2")
	mover "$f2" &
	m=$!
	PIDS="$f1 $f2 $m"

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
	PIDS="$f1 $f2"
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
