#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Events arrive through "aisched monitor": tag added (also when replaced),
# tag removed with its reason (untag, rmdir, unload), override; demotion
# and conflict events are checked by 55-runaway.sh and 56-cpuset.sh. The
# module's own tracepoints fire for apply and restore.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"

tags_init t57
A=$T/a
TRACING=/sys/kernel/tracing

cleanup() {
	if [ -d "$TRACING/events/aisched" ]; then
		echo 0 >"$TRACING/events/aisched/enable"
		: >"$TRACING/trace"
	fi
	grep -q '^aisched ' /proc/modules || modprobe aisched
	tags_cleanup
}

# event N FILE: the Nth line of the monitor's output.
event() {
	sed -n "${1}p" "$2"
}

# assert_event LINE WHAT WORD...: LINE has each WORD as a word.
assert_event() {
	_ae_line=$1 _ae_what=$2
	shift 2
	[ -n "$_ae_line" ] || fail "$_ae_what: no such event"
	for _ae_w in "$@"; do
		printf '%s\n' "$_ae_line" | grep -qw -- "$_ae_w" ||
			fail "$_ae_what: no '$_ae_w' in: $_ae_line"
	done
}

test_tag_added_replaced_removed() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	monitor_start "$KTAP_TMP/mon" 3
	aisched tag "$A" --class training >/dev/null
	aisched tag "$A" --class background >/dev/null
	aisched untag "$A"
	monitor_wait "$KTAP_TMP/mon"
	assert_eq "$(wc -l <"$KTAP_TMP/mon")" 3 "lines for 3 events"
	assert_event "$(event 1 "$KTAP_TMP/mon")" "first event" tag-added "$TNAME/a" training
	assert_event "$(event 2 "$KTAP_TMP/mon")" "second event" tag-added "$TNAME/a" background
	assert_event "$(event 3 "$KTAP_TMP/mon")" "third event" tag-removed "$TNAME/a" untag
}

test_json() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	id=$(cgroup_id "$A")
	monitor_start "$KTAP_TMP/mon" 2 --json
	aisched tag "$A" --class dataloader >/dev/null
	aisched untag "$A"
	monitor_wait "$KTAP_TMP/mon"
	l1=$(event 1 "$KTAP_TMP/mon") l2=$(event 2 "$KTAP_TMP/mon")
	for kv in '"type":"tag-added"' "\"cgroup\":\"$TNAME/a\"" "\"cgroup_id\":$id" \
		'"class":"dataloader"'; do
		case $l1 in *"$kv"*) ;; *) fail "tag-added event without $kv: $l1" ;; esac
	done
	for kv in '"type":"tag-removed"' "\"cgroup\":\"$TNAME/a\"" '"reason":"untag"'; do
		case $l2 in *"$kv"*) ;; *) fail "tag-removed event without $kv: $l2" ;; esac
	done
}

test_override_event() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	hold "$KTAP_TMP/h" "$A" nice=5 -1 nice=3
	pid=$SPAWNED
	monitor_start "$KTAP_TMP/mon" 2
	aisched tag "$A" --class inference >/dev/null
	kill -USR1 "$pid"
	wait_until 5 grep -q '^usr1 done' "$KTAP_TMP/h" || fail "the holder did not change itself"
	tagq get "$A" >/dev/null	# aisched looks at its tasks
	monitor_wait "$KTAP_TMP/mon"
	assert_event "$(event 1 "$KTAP_TMP/mon")" "first event" tag-added "$TNAME/a" inference
	# The override flag of policy, nice and priority: "sched".
	assert_event "$(event 2 "$KTAP_TMP/mon")" "second event" override "$TNAME/a" \
		"$pid" taskprobe sched
}

test_rmdir_event() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	monitor_start "$KTAP_TMP/mon" 2
	aisched tag "$A" --class background >/dev/null
	rmdir "$A"
	monitor_wait "$KTAP_TMP/mon"
	assert_event "$(event 2 "$KTAP_TMP/mon")" "second event" tag-removed "$TNAME/a" rmdir
}

test_unload_event() {
	trap 'grep -q "^aisched " /proc/modules || modprobe aisched; reset_cg "$A"' EXIT
	mkdir -p "$A"
	monitor_start "$KTAP_TMP/mon" 2
	aisched tag "$A" --class training >/dev/null
	modprobe -r aisched
	monitor_wait "$KTAP_TMP/mon"
	modprobe aisched
	assert_event "$(event 2 "$KTAP_TMP/mon")" "second event" tag-removed "$TNAME/a" unload
}

# Two listeners both get every event.
test_two_monitors() {
	trap 'reset_cg "$A"' EXIT
	mkdir -p "$A"
	timeout 30 aisched monitor --count 1 >"$KTAP_TMP/m1" 2>&1 &
	m1=$!
	monitor_start "$KTAP_TMP/m2" 1
	aisched tag "$A" --class training >/dev/null
	monitor_wait "$KTAP_TMP/m2"
	wait "$m1" || fail "the first monitor: $(cat "$KTAP_TMP/m1")"
	assert_eq "$(cat "$KTAP_TMP/m1")" "$(cat "$KTAP_TMP/m2")" "what the two monitors saw"
}

test_tracepoints() {
	trap 'echo 0 >"$TRACING/events/aisched/enable"; reset_cg "$A"' EXIT
	[ -d "$TRACING/events" ] || skip "no tracefs at $TRACING"
	for e in aisched_apply aisched_restore aisched_demote; do
		[ -d "$TRACING/events/aisched/$e" ] || fail "no tracepoint aisched:$e"
	done
	mkdir -p "$A"
	id=$(cgroup_id "$A")
	hold "$KTAP_TMP/h" "$A" - -t 1
	pid=$SPAWNED
	: >"$TRACING/trace"
	echo 1 >"$TRACING/events/aisched/aisched_apply/enable"
	echo 1 >"$TRACING/events/aisched/aisched_restore/enable"
	aisched tag "$A" --class dataloader >/dev/null
	aisched untag "$A"
	echo 0 >"$TRACING/events/aisched/enable"
	for t in $(threads "$pid"); do
		for e in aisched_apply aisched_restore; do
			grep "$e: pid=$t " "$TRACING/trace" | grep -q " cgroup=$id " ||
				fail "no $e trace event for thread $t: $(grep aisched "$TRACING/trace")"
		done
	done
}

ktap_begin 7
run_case test_tag_added_replaced_removed
run_case test_json
run_case test_override_event
run_case test_rmdir_event
run_case test_unload_event
run_case test_two_monitors
run_case test_tracepoints
ktap_end
