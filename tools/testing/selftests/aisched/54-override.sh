#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Self-overrides: a covered task that changes its own nice, affinity or I/O
# priority is respected: counted once (OVERRIDES), never touched again in
# the fields it changed (not by a replaced tag, not by untag), and its
# children keep what they inherit in those fields. The task changes itself:
# taskprobe hold applies its -1 spec on SIGUSR1 and its -2 spec on SIGUSR2.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t54
A=$T/a
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3"

cleanup() {
	tags_cleanup
}

# signal_hold PID USR1|USR2 FILE: send the signal to a holder whose output
# is FILE, and wait for it to say that it applied its spec.
signal_hold() {
	_sig=$(echo "$2" | tr '[:upper:]' '[:lower:]')
	_n=$(grep -c "^$_sig done" "$3" || true)
	kill -s "$2" "$1"
	wait_until 5 sh -c "[ \$(grep -c '^$_sig done' '$3') -gt $_n ]" ||
		fail "holder $1 did not apply its $_sig spec: $(cat "$3")"
}

# main_and_others PID: sets MAIN (the main thread) and OTHERS (the rest).
main_and_others() {
	MAIN=$1
	OTHERS=$(threads "$1" | grep -vx "$1" | tr '\n' ' ')
}

assert_others() {
	for t in $OTHERS; do
		assert_match "$(tid_state "$t")" "$1" "$2: thread $t"
	done
}

# A task changing its own nice is counted once, however often the tag is
# read, and again only once when it also changes its affinity.
test_counted_once() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2 -1 nice=3 -2 cpus=0
	pid=$SPAWNED
	aisched tag "$A" --class inference --cpus 1-3 >/dev/null
	assert_threads "$pid" "$(class_state inference 1-3)" "tagged"
	assert_eq "$(tag_field "$A" overrides)" 0 "overrides before"
	signal_hold "$pid" USR1 "$KTAP_TMP/h"
	assert_eq "$(tid_state "$pid")" "policy=0 nice=3 rtprio=0 io=2:0 cpus=1-3" \
		"the holder after changing its nice"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides after the change"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides, read again"
	assert_eq "$(tid_state "$pid")" "policy=0 nice=3 rtprio=0 io=2:0 cpus=1-3" \
		"the holder after the tag was read"
	signal_hold "$pid" USR2 "$KTAP_TMP/h"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides after a second change"
	aisched show "$A" --json | grep -q '"overrides":1[,}]' ||
		fail "aisched show --json: no overrides 1: $(aisched show "$A" --json)"
	aisched list --json | grep "\"cgroup\":\"$TNAME/a\"" | grep -q '"overrides":1[,}]' ||
		fail "aisched list --json: no overrides 1: $(aisched list --json)"
	assert_eq "$(list_column "$TNAME/a" overrides)" 1 "overrides in aisched list"
	aisched show "$A" | grep -q '^overrides: *1$' ||
		fail "aisched show: no 'overrides: 1' line: $(aisched show "$A")"
}

# Untag leaves the overridden field (nice) alone and restores the rest;
# the threads that did not override get everything back.
test_untag_leaves_nice() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2 -1 nice=3
	main_and_others "$SPAWNED"
	aisched tag "$A" --class inference --cpus 1-3 >/dev/null
	signal_hold "$MAIN" USR1 "$KTAP_TMP/h"
	aisched untag "$A"
	assert_eq "$(tid_state "$MAIN")" "policy=0 nice=3 rtprio=0 io=2:6 cpus=0-3" \
		"the overriding thread after untag"
	assert_others "$ORIG_STATE" "after untag"
}

test_untag_leaves_affinity() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2 -2 cpus=0
	main_and_others "$SPAWNED"
	aisched tag "$A" --class dataloader --cpus 1-3 >/dev/null
	signal_hold "$MAIN" USR2 "$KTAP_TMP/h"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides"
	aisched untag "$A"
	assert_eq "$(tid_state "$MAIN")" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0" \
		"the overriding thread after untag"
	assert_others "$ORIG_STATE" "after untag"
}

test_untag_leaves_ioprio() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2 -1 io=2:7
	main_and_others "$SPAWNED"
	aisched tag "$A" --class training --cpus 3 >/dev/null
	signal_hold "$MAIN" USR1 "$KTAP_TMP/h"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides"
	aisched untag "$A"
	assert_eq "$(tid_state "$MAIN")" "policy=0 nice=5 rtprio=0 io=2:7 cpus=0-3" \
		"the overriding thread after untag"
	assert_others "$ORIG_STATE" "after untag"
}

# A replaced tag re-applies the new bundle, but not to overridden fields;
# the counter stays.
test_replace_respects_override() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2 -1 nice=3
	main_and_others "$SPAWNED"
	aisched tag "$A" --class inference --cpus 1-3 >/dev/null
	signal_hold "$MAIN" USR1 "$KTAP_TMP/h"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides"
	aisched tag "$A" --class training --cpus 2-3 >/dev/null
	assert_eq "$(tid_state "$MAIN")" "policy=0 nice=3 rtprio=0 io=2:4 cpus=2-3" \
		"the overriding thread, tag replaced"
	assert_others "$(class_state training 2-3)" "tag replaced"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides after the replace"
	aisched untag "$A"
	assert_eq "$(tid_state "$MAIN")" "policy=0 nice=3 rtprio=0 io=2:6 cpus=0-3" \
		"the overriding thread after untag"
}

# A child of an overriding task keeps the nice it inherits, from its
# first instruction (the fork notices the override), gets the tag's other
# fields, and keeps that nice after untag.
test_child_of_overrider() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1 -1 nice=3
	pid=$SPAWNED
	aisched tag "$A" --class inference --cpus 1-3 >/dev/null
	signal_hold "$pid" USR1 "$KTAP_TMP/h"
	kill -HUP "$pid"
	wait_until 5 sh -c "[ \$(grep -c '^tid=' '$KTAP_TMP/h') -ge 2 ]" ||
		fail "no child reported: $(cat "$KTAP_TMP/h")"
	line=$(grep '^tid=' "$KTAP_TMP/h" | sed -n 2p)
	child=${line#tid=}
	child=${child%% *}
	assert_eq "$(state "$line")" "policy=0 nice=3 rtprio=0 io=2:0 cpus=1-3" \
		"the child's first instruction"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides (the parent only)"
	aisched untag "$A"
	assert_eq "$(tid_state "$child")" "policy=0 nice=3 rtprio=0 io=2:6 cpus=0-3" \
		"the child after untag"
}

ktap_begin 6
run_case test_counted_once
run_case test_untag_leaves_nice
run_case test_untag_leaves_affinity
run_case test_untag_leaves_ioprio
run_case test_replace_respects_override
run_case test_child_of_overrider
ktap_end
