#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# New tasks in a tagged cgroup run under its class from their first
# instruction: forked processes, new threads, exec'd images, processes born
# in the cgroup with clone3(CLONE_INTO_CGROUP), and a shell that moves
# itself in and execs at once. Each task reads its own policy, nice, rt
# priority, I/O priority and affinity as its very first action (taskprobe).
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t51
A=$T/a		# tagged by each case
N=$(scaled 30 5)	# forks, threads, clones per case
# Without --cpus a tag leaves affinity alone: new tasks have the shell's.
CPUS=$(taskprobe tid $$ | sed 's/.* cpus=\([^ ]*\) .*/\1/')

cleanup() {
	tags_cleanup
}

# new_tasks CLASS CPUS [TAG OPTIONS]: tag $A with CLASS and the options;
# then every new task in it starts under the class's state with affinity
# CPUS.
new_tasks() {
	trap 'reset_cg "$A"' EXIT
	class=$1 cpus=$2
	shift 2
	rt=
	[ "${1:-}" != --rt-prio ] || rt=$2
	mkdir -p "$A"
	aisched tag "$A" --class "$class" "$@" >/dev/null
	want=$(class_state "$class" "$cpus" "$rt")

	run_in "$A" "$KTAP_TMP/fork" taskprobe fork "$N"
	assert_lines "$KTAP_TMP/fork" $((N + 1)) "$want" "fork"
	run_in "$A" "$KTAP_TMP/thread" taskprobe thread "$N"
	assert_lines "$KTAP_TMP/thread" $((N + 1)) "$want" "thread"
	run_in "$A" "$KTAP_TMP/exec" taskprobe exec
	assert_lines "$KTAP_TMP/exec" 2 "$want" "exec" 1
	# From the untagged test shell: born in the tagged cgroup.
	taskprobe clone "$A" "$N" >"$KTAP_TMP/clone" 2>&1 ||
		fail "clone: $(cat "$KTAP_TMP/clone")"
	sed 1d "$KTAP_TMP/clone" >"$KTAP_TMP/clone.children"
	assert_lines "$KTAP_TMP/clone.children" "$N" "$want" "clone3 into the cgroup"

	# Every one of them is gone, and so is their count.
	assert_eq "$(tag_field "$A" tasks)" 0 "tasks covered after they exited"
}

test_training() {
	new_tasks training "$CPUS"
}

test_inference() {
	new_tasks inference "$CPUS"
}

# A long runaway budget: a forking parent under TCG can run 100 ms without
# sleeping, and the children of a demoted task are born demoted.
test_inference_fifo() {
	new_tasks inference "$CPUS" --rt-prio 10 --rt-budget-ms 10000
}

test_dataloader() {
	new_tasks dataloader "$CPUS"
}

test_background() {
	new_tasks background "$CPUS"
}

test_cpus() {
	new_tasks training 2-3 --cpus 2-3
}

# A shell that moves itself into the cgroup and at once execs: the new
# image runs under the class from its first instruction, whether or not the
# move's worker has run yet.
test_move_then_exec() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	aisched tag "$A" --class dataloader --cpus 1 >/dev/null
	want=$(class_state dataloader 1)
	i=0 n=$(scaled 20 5)
	: >"$KTAP_TMP/all"
	while [ "$i" -lt "$n" ]; do
		run_in "$A" "$KTAP_TMP/one" taskprobe self
		cat "$KTAP_TMP/one" >>"$KTAP_TMP/all"
		i=$((i + 1))
	done
	assert_lines "$KTAP_TMP/all" "$n" "$want" "moved in, then exec"
}

# The control: in an untagged cgroup next to it, new tasks keep what the
# test shell has.
test_untagged_sibling() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A" "$T/u"
	aisched tag "$A" --class background >/dev/null
	want=$(tid_state $$)
	run_in "$T/u" "$KTAP_TMP/fork" taskprobe fork 10
	assert_lines "$KTAP_TMP/fork" 11 "$want" "fork in an untagged cgroup"
	run_in "$T/u" "$KTAP_TMP/thread" taskprobe thread 10
	assert_lines "$KTAP_TMP/thread" 11 "$want" "thread in an untagged cgroup"
}

ktap_begin 8
run_case test_training
run_case test_inference
run_case test_inference_fifo
run_case test_dataloader
run_case test_background
run_case test_cpus
run_case test_move_then_exec
run_case test_untagged_sibling
ktap_end
