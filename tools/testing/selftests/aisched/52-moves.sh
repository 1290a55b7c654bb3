#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Moves and nesting: a task moved into a tagged subtree (cgroup.procs, or
# one thread through cgroup.threads) gets its class, moved out it gets its
# originals back; the nearest tagged ancestor wins; rmdir of a tagged
# cgroup removes its tag.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t52
OUT=$T/out
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3"
# Moves are applied by a worker "within milliseconds"; TCG is slow.
MOVE_SECS=2

cleanup() {
	tags_cleanup
}

# case_reset: the EXIT trap of every case: no task, tag or cgroup but
# $OUT left under $T.
case_reset() {
	reset_cg "$T"
	find "$T" -mindepth 1 -depth -type d ! -path "$OUT" -exec rmdir {} + 2>/dev/null || true
}

move() {
	echo "$1" >"$2/cgroup.procs"
}

test_move_in_and_out() {
	trap case_reset EXIT
	mkdir "$T/a"
	aisched tag "$T/a" --class dataloader --cpus 3 >/dev/null
	hold "$KTAP_TMP/h" "$OUT" "$ORIG" -t 2
	pid=$SPAWNED
	assert_threads "$pid" "$ORIG_STATE" "in an untagged cgroup"
	assert_eq "$(tag_field "$T/a" tasks)" 0 "tasks before the move"
	move "$pid" "$T/a"
	await_threads "$MOVE_SECS" "$pid" "$(class_state dataloader 3)" "moved in"
	assert_eq "$(tag_field "$T/a" tasks)" 3 "tasks after the move in"
	move "$pid" "$OUT"
	await_threads "$MOVE_SECS" "$pid" "$ORIG_STATE" "moved out"
	assert_eq "$(tag_field "$T/a" tasks)" 0 "tasks after the move out"
}

# From one tag to another, then out: the originals, not the first tag's.
test_move_between_tags() {
	trap case_reset EXIT
	mkdir "$T/a" "$T/b"
	aisched tag "$T/a" --class inference >/dev/null
	aisched tag "$T/b" --class background --cpus 1 >/dev/null
	hold "$KTAP_TMP/h" "$OUT" "$ORIG" -t 2
	pid=$SPAWNED
	move "$pid" "$T/a"
	await_threads "$MOVE_SECS" "$pid" "$(class_state inference 0-3)" "moved into a"
	move "$pid" "$T/b"
	await_threads "$MOVE_SECS" "$pid" "$(class_state background 1)" "moved from a into b"
	assert_eq "$(tag_field "$T/a" tasks)/$(tag_field "$T/b" tasks)" 0/3 "tasks of a/b"
	move "$pid" "$OUT"
	await_threads "$MOVE_SECS" "$pid" "$ORIG_STATE" "moved out of b"
}

# A tag covers its descendants, the nearest tagged ancestor wins, and
# untagging the nearer one hands its tasks to the farther one.
test_nearest_ancestor() {
	trap case_reset EXIT
	mkdir -p "$T/p/c/g"
	hold "$KTAP_TMP/hp" "$T/p" "$ORIG" -t 2
	pp=$SPAWNED
	hold "$KTAP_TMP/hc" "$T/p/c" "$ORIG" -t 2
	pc=$SPAWNED
	hold "$KTAP_TMP/hg" "$T/p/c/g" "$ORIG" -t 2
	pg=$SPAWNED
	aisched tag "$T/p" --class training >/dev/null
	aisched tag "$T/p/c" --class dataloader >/dev/null
	assert_threads "$pp" "$(class_state training 0-3)" "in p"
	assert_threads "$pc $pg" "$(class_state dataloader 0-3)" "in p/c and p/c/g"
	assert_eq "$(tag_field "$T/p" tasks)/$(tag_field "$T/p/c" tasks)" 3/6 \
		"tasks of p/p/c"

	aisched untag "$T/p/c"
	assert_threads "$pp $pc $pg" "$(class_state training 0-3)" "p/c untagged"
	assert_eq "$(tag_field "$T/p" tasks)" 9 "tasks of p with p/c untagged"

	aisched tag "$T/p/c" --class background >/dev/null
	assert_threads "$pc $pg" "$(class_state background 0-3)" "p/c tagged again"
	aisched untag "$T/p"
	assert_threads "$pp" "$ORIG_STATE" "in p, p untagged"
	assert_threads "$pc $pg" "$(class_state background 0-3)" "in p/c, p untagged"
	aisched untag "$T/p/c"
	assert_threads "$pp $pc $pg" "$ORIG_STATE" "all untagged"
}

# Tagging the parent after the child leaves the child's tasks with the
# child's class.
test_parent_tagged_after_child() {
	trap case_reset EXIT
	mkdir -p "$T/p/c"
	hold "$KTAP_TMP/h1" "$T/p" "$ORIG" -t 1
	pp=$SPAWNED
	hold "$KTAP_TMP/h2" "$T/p/c" "$ORIG" -t 1
	pc=$SPAWNED
	aisched tag "$T/p/c" --class dataloader >/dev/null
	aisched tag "$T/p" --class inference >/dev/null
	assert_threads "$pp" "$(class_state inference 0-3)" "in p"
	assert_threads "$pc" "$(class_state dataloader 0-3)" "in p/c"
	# Replacing the parent's tag does not reach past the child's either.
	aisched tag "$T/p" --class background >/dev/null
	assert_threads "$pp" "$(class_state background 0-3)" "in p, replaced"
	assert_threads "$pc" "$(class_state dataloader 0-3)" "in p/c, p replaced"
}

# A cgroup made under a tagged one after tagging is covered too, and moves
# between two cgroups of one tag keep the class.
test_new_cgroup_under_tag() {
	trap case_reset EXIT
	mkdir "$T/p"
	aisched tag "$T/p" --class dataloader --cpus 2-3 >/dev/null
	mkdir -p "$T/p/new/deeper"
	hold "$KTAP_TMP/h" "$OUT" "$ORIG" -t 2
	pid=$SPAWNED
	move "$pid" "$T/p/new"
	await_threads "$MOVE_SECS" "$pid" "$(class_state dataloader 2-3)" "moved into p/new"
	move "$pid" "$T/p/new/deeper"
	sleep 0.5
	assert_threads "$pid" "$(class_state dataloader 2-3)" "moved on to p/new/deeper"
	assert_eq "$(tag_field "$T/p" tasks)" 3 "tasks of p"
	move "$pid" "$OUT"
	await_threads "$MOVE_SECS" "$pid" "$ORIG_STATE" "moved out"
}

# One thread moved through cgroup.threads in a threaded subtree: only that
# thread gets the class, and loses it when it moves on.
test_threaded_move() {
	trap case_reset EXIT
	mkdir -p "$T/td/x" "$T/td/y"
	echo threaded >"$T/td/x/cgroup.type"
	echo threaded >"$T/td/y/cgroup.type"
	hold "$KTAP_TMP/h" "$T/td" "$ORIG" -t 2
	pid=$SPAWNED
	aisched tag "$T/td/y" --class background >/dev/null
	tid=$(threads "$pid" | grep -vx "$pid" | head -n 1)
	echo "$tid" >"$T/td/y/cgroup.threads"
	wait_until "$MOVE_SECS" sh -c "taskprobe tid $tid | grep -q ' policy=5 '" || true
	for t in $(threads "$pid"); do
		if [ "$t" = "$tid" ]; then
			assert_match "$(tid_state "$t")" "$(class_state background 0-3)" \
				"thread $t moved into y"
		else
			assert_eq "$(tid_state "$t")" "$ORIG_STATE" "thread $t left in td"
		fi
	done
	assert_eq "$(tag_field "$T/td/y" tasks)" 1 "tasks of y"
	echo "$tid" >"$T/td/x/cgroup.threads"
	wait_until "$MOVE_SECS" sh -c "taskprobe tid $tid | grep -q ' policy=0 '" || true
	assert_eq "$(tid_state "$tid")" "$ORIG_STATE" "thread $tid moved on to x"
	assert_eq "$(tag_field "$T/td/y" tasks)" 0 "tasks of y after"
}

# rmdir of a tagged cgroup, once its tasks have moved out, removes the tag.
test_rmdir_removes_tag() {
	trap case_reset EXIT
	mkdir "$T/r"
	hold "$KTAP_TMP/h" "$T/r" "$ORIG" -t 1
	pid=$SPAWNED
	aisched tag "$T/r" --class inference --cpus 1 >/dev/null
	assert_threads "$pid" "$(class_state inference 1)" "in r"
	move "$pid" "$OUT"
	await_threads "$MOVE_SECS" "$pid" "$ORIG_STATE" "moved out of r"
	rmdir "$T/r"
	wait_until 5 sh -c "! tagq dump | grep -q '^cgroup=$TNAME/r '" ||
		fail "the tag of $TNAME/r outlived its cgroup: $(tagq dump)"
	out=$(aisched list)
	if printf '%s\n' "$out" | grep -q "$TNAME/r"; then
		fail "aisched list still shows $TNAME/r: $out"
	fi
	# A new cgroup of the same name is a new, untagged cgroup.
	mkdir "$T/r"
	tool_refuses "$TNAME/r is not tagged" show "$T/r"
}

ktap_begin 7
run_case test_move_in_and_out
run_case test_move_between_tags
run_case test_nearest_ancestor
run_case test_parent_tagged_after_child
run_case test_new_cgroup_under_tag
run_case test_threaded_move
run_case test_rmdir_removes_tag
ktap_end
