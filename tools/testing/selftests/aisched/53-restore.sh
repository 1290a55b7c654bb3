#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Restores: untag gives every task exactly what it had (distinctive
# originals, so that a restore to defaults shows), also after a tag was
# replaced, also to tasks born under the tag (their parent's originals);
# unloading the module restores every task while they keep running.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t53
A=$T/a
B=$T/b
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3"

cleanup() {
	grep -q '^aisched ' /proc/modules || modprobe aisched
	tags_cleanup
}

# start_zoo CG: tasks with four kinds of originals in CG; sets PIDS.
#   hold, 4 threads   SCHED_OTHER nice 5, best-effort 6 (no mask of its own)
#   sleep             SCHED_BATCH nice 7, CPUs 1-3, real-time I/O 2
#   sleep             SCHED_IDLE, CPU 3, idle I/O
#   sleep             SCHED_FIFO 5, CPUs 0 and 2, best-effort 1
start_zoo() {
	hold "$KTAP_TMP/zoo.h" "$1" "$ORIG" -t 3
	PIDS=$SPAWNED
	spawn "$KTAP_TMP/zoo.1" "$1" policy=3,nice=7,cpus=1-3,io=1:2 sleep 1000
	PIDS="$PIDS $SPAWNED"
	spawn "$KTAP_TMP/zoo.2" "$1" policy=5,cpus=3,io=3:0 sleep 1000
	PIDS="$PIDS $SPAWNED"
	spawn "$KTAP_TMP/zoo.3" "$1" policy=1,rtprio=5,cpus=0,2,io=2:1 sleep 1000
	PIDS="$PIDS $SPAWNED"
}

# assert_restored BEFORE WHAT: the zoo is as in snapshot BEFORE.
assert_restored() {
	now=$(snapshot_threads "$PIDS")
	if [ "$now" != "$1" ]; then
		printf '%s\n' "$1" >"$KTAP_TMP/before"
		printf '%s\n' "$now" >"$KTAP_TMP/now"
		diff -u "$KTAP_TMP/before" "$KTAP_TMP/now" | sed 's/^/# /'
		fail "$2: not restored (- original, + now)"
	fi
}

test_zoo_originals() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	start_zoo "$A"
	# shellcheck disable=SC2086 # the pids
	set -- $PIDS
	assert_threads "$1" "$ORIG_STATE" "hold"
	assert_eq "$(state "$(taskprobe show "$2")")" \
		"policy=3 nice=7 rtprio=0 io=1:2 cpus=1-3" "sleep 1"
	assert_match "$(state "$(taskprobe show "$3")")" \
		"policy=5 nice=* rtprio=0 io=3:0 cpus=3" "sleep 2"
	assert_eq "$(state "$(taskprobe show "$4")")" \
		"policy=1 nice=0 rtprio=5 io=2:1 cpus=0,2" "sleep 3"
}

# Each class, with CPUs, on the zoo; untag gives back every field.
test_untag_restores_exactly() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	start_zoo "$A"
	before=$(snapshot_threads "$PIDS")
	for opts in "training --cpus 2-3" "inference --cpus 1" \
		"inference --rt-prio 20 --cpus 0" "dataloader --cpus 0-3" \
		"background --cpus 3"; do
		# shellcheck disable=SC2086 # the options
		aisched tag "$A" --class $opts >/dev/null
		class=${opts%% *} cpus=${opts##* } rt=
		case $opts in *--rt-prio*) rt=20 ;; esac
		# shellcheck disable=SC2086 # the pids
		set -- $PIDS
		# Each with the mask it set itself (start_zoo), if it keeps it.
		for own in "$1 -" "$2 1-3" "$3 3" "$4 0,2"; do
			assert_threads "${own% *}" "$(class_state "$class" \
				"$(tagged_cpus "$cpus" "${own#* }")" "$rt")" "$opts"
		done
		aisched untag "$A"
		assert_restored "$before" "untag of $opts"
	done
}

# Replacing a tag keeps the originals from before the first tag.
test_replace_then_untag() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	start_zoo "$A"
	before=$(snapshot_threads "$PIDS")
	aisched tag "$A" --class training --cpus 2-3 >/dev/null
	aisched tag "$A" --class background --cpus 1 >/dev/null
	aisched tag "$A" --class inference --rt-prio 3 >/dev/null
	assert_threads "$PIDS" "$(class_state inference '*' 3)" "after two replaces"
	aisched untag "$A"
	assert_restored "$before" "untag after two replaces"
}

# Tasks born under the tag, a process and a thread, get their parent's
# originals back: what they would have had without aisched.
test_born_under_tag() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1
	pid=$SPAWNED
	aisched tag "$A" --class dataloader --cpus 3 >/dev/null
	kill -HUP "$pid"
	kill -s PWR "$pid"
	wait_until 5 sh -c "[ \$(grep -c '^tid=' '$KTAP_TMP/h') -ge 3 ]" ||
		fail "no child and thread reported: $(cat "$KTAP_TMP/h")"
	for n in 2 3; do
		line=$(grep '^tid=' "$KTAP_TMP/h" | sed -n "${n}p")
		assert_match "$(state "$line")" "$(class_state dataloader 3)" \
			"first instruction of ${line%% comm=*}"
	done
	child=$(sed -n 's/^tid=\([0-9]*\) tgid=\1 .*/\1/p' "$KTAP_TMP/h" | grep -vx "$pid")
	[ -n "$child" ] || fail "no child process in: $(cat "$KTAP_TMP/h")"
	assert_eq "$(threads "$pid" | wc -l)" 3 "threads of the holder"
	assert_eq "$(tag_field "$A" tasks)" 4 "tasks covered"
	aisched untag "$A"
	assert_threads "$pid $child" "$ORIG_STATE" "after untag"
}

# Unloading the module restores every task of every tag, with the tasks
# running (a busy one among them); the module comes back with no tags.
test_unload_restores() {
	trap 'grep -q "^aisched " /proc/modules || modprobe aisched; reset_cg "$T"' EXIT
	mkdir -p "$A" "$B"
	start_zoo "$A"
	spawn "$KTAP_TMP/spin" "$B" "$ORIG" taskprobe spin 1 30
	PIDS="$PIDS $SPAWNED"
	hold "$KTAP_TMP/h" "$B" "$ORIG" -t 2
	PIDS="$PIDS $SPAWNED"
	before=$(snapshot_threads "$PIDS")
	aisched tag "$A" --class inference --rt-prio 15 --cpus 3 >/dev/null
	aisched tag "$B" --class background --cpus 1 >/dev/null
	assert_threads "$(echo "$PIDS" | cut -d' ' -f5-)" "$(class_state background 1)" "in b"
	modprobe -r aisched
	for p in $PIDS; do
		kill -0 "$p" || fail "task $p died"
	done
	assert_restored "$before" "after unload"
	modprobe aisched
	assert_eq "$(tagq dump)" "" "tags after the module came back"
	assert_restored "$before" "after reload"
	aisched tag "$B" --class dataloader >/dev/null
	assert_match "$(tagq get "$B")" "* applied=[1-9]* overrides=0 demotions=0 conflicts=0" \
		"a new tag after reload"
}

ktap_begin 5
run_case test_zoo_originals
run_case test_untag_restores_exactly
run_case test_replace_then_untag
run_case test_born_under_tag
run_case test_unload_restores
ktap_end
