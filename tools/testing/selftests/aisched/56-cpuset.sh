#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# cpusets: the affinity a tag applies is its CPUs intersected with the
# task's cgroup's effective cpuset; an empty intersection leaves the
# cpuset's affinity, is counted (CONFLICTS) and reported (a conflict
# event); a tag whose CPUs miss its own cgroup's cpuset is refused.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t56
echo +cpuset >"$T/cgroup.subtree_control"
# No CPUs here: the cpuset sets affinity when a task moves in.
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6"

cleanup() {
	tags_cleanup
}

case_reset() {
	reset_cg "$T"
	find "$T" -mindepth 1 -depth -type d ! -path "$T/out" -exec rmdir {} + 2>/dev/null || true
}

# A cgroup with cpuset 0-1, a tag with CPUs 1-3: its tasks get CPU 1.
test_intersection() {
	trap case_reset EXIT
	mkdir "$T/c"
	echo 0-1 >"$T/c/cpuset.cpus"
	assert_eq "$(cat "$T/c/cpuset.cpus.effective")" 0-1 "cpuset of c"
	hold "$KTAP_TMP/h" "$T/c" "$ORIG" -t 2
	pid=$SPAWNED
	assert_threads "$pid" "$ORIG_STATE cpus=0-1" "in c"
	aisched tag "$T/c" --class dataloader --cpus 1-3 >/dev/null
	assert_threads "$pid" "$(class_state dataloader 1)" "tagged --cpus 1-3"
	assert_eq "$(tag_field "$T/c" conflicts)" 0 "conflicts"
	# Moved in later: the same.
	hold "$KTAP_TMP/h2" "$T/out" "$ORIG" -t 1
	pid2=$SPAWNED
	echo "$pid2" >"$T/c/cgroup.procs"
	await_threads 2 "$pid2" "$(class_state dataloader 1)" "moved in"
	aisched untag "$T/c"
	assert_threads "$pid $pid2" "$ORIG_STATE cpus=0-1" "after untag"
}

# A tag on p with CPUs 2-3; p/c has cpuset 0: its task keeps CPU 0 (and
# gets the rest of the bundle); one conflict, reported with both sets. The
# task in p/a, with p's cpuset, gets CPUs 2-3. (p itself can hold no task:
# it hands the cpuset controller to its children.)
test_conflict() {
	trap case_reset EXIT
	mkdir -p "$T/p/a" "$T/p/c"
	echo +cpuset >"$T/p/cgroup.subtree_control"
	echo 0 >"$T/p/c/cpuset.cpus"
	hold "$KTAP_TMP/ha" "$T/p/a" "$ORIG"
	pa=$SPAWNED
	hold "$KTAP_TMP/hc" "$T/p/c" "$ORIG"
	pc=$SPAWNED
	assert_threads "$pc" "$ORIG_STATE cpus=0" "in p/c"
	monitor_start "$KTAP_TMP/mon" 2
	aisched tag "$T/p" --class dataloader --cpus 2-3 >/dev/null
	assert_threads "$pa" "$(class_state dataloader 2-3)" "in p/a"
	assert_threads "$pc" "$(class_state dataloader 0)" "in p/c"
	assert_eq "$(tag_field "$T/p" conflicts)" 1 "conflicts"
	monitor_wait "$KTAP_TMP/mon"
	line=$(grep conflict "$KTAP_TMP/mon" || true)
	[ -n "$line" ] || fail "no conflict event: $(cat "$KTAP_TMP/mon")"
	for word in "$pc" 2-3 0 "$TNAME/p"; do
		printf '%s\n' "$line" | grep -qw -- "$word" ||
			fail "the conflict event does not say '$word': $line"
	done
	aisched list --json | grep "\"cgroup\":\"$TNAME/p\"" | grep -q '"conflicts":1[,}]' ||
		fail "aisched list --json: no conflicts 1: $(aisched list --json)"
	assert_eq "$(list_column "$TNAME/p" conflicts)" 1 "conflicts in aisched list"
	aisched untag "$T/p"
	assert_threads "$pa" "$ORIG_STATE cpus=0-3" "p/a after untag"
	assert_threads "$pc" "$ORIG_STATE cpus=0" "p/c after untag"
}

# A tag's CPUs that miss its own cgroup's cpuset: refused, nothing changes.
test_no_intersection_refused() {
	trap case_reset EXIT
	mkdir "$T/d"
	echo 0-1 >"$T/d/cpuset.cpus"
	hold "$KTAP_TMP/h" "$T/d" "$ORIG" -t 1
	pid=$SPAWNED
	tool_refuses "cpus 2-3 miss the cgroup's cpuset 0-1" \
		tag "$T/d" --class training --cpus 2-3
	assert_eq "$(tags_under)" "" "tags"
	assert_threads "$pid" "$ORIG_STATE cpus=0-1" "the task in d"
	# With a tag in place, replacing it so is refused as well.
	aisched tag "$T/d" --class training --cpus 1 >/dev/null
	before=$(tags_under)
	tool_refuses "cpus 3 miss the cgroup's cpuset 0-1" \
		tag "$T/d" --class background --cpus 3
	assert_eq "$(tags_under)" "$before" "the tag after the refused replace"
	assert_threads "$pid" "$(class_state training 1)" "the task in d"
}

ktap_begin 3
run_case test_intersection
run_case test_conflict
run_case test_no_intersection_refused
ktap_end
