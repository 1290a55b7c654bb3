#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad placement requests: every one refused with its exact extack message
# (through the tool and, where the tool cannot send it, nl_raw), and each
# refusal changes nothing: not the fixture's tag, not its task, not the
# GPUs. Tagging with GPUs or nodes needs CAP_SYS_ADMIN like any tag.
#
# Not here, because the test VM cannot have what they need: a node that is
# online without memory ("node N has no memory") or with memory but no CPUs
# ("nodes N have no CPUs"), and more than 64 GPUs ("a tag names at most 64
# GPUs": the same GPU named again counts once; 61-placement.sh names one
# 64 times).
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"

tags_init t62
gpus_reset
gpus_init
FIX=$T/fix		# tagged training --gpu GPU1; holds the fixture's task
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
N1=$(node_cpus 1)
EPERM=1 ENODEV=19 EINVAL=22 ERANGE=34

cleanup() {
	tags_cleanup
	gpus_reset
}

# The state of the world the refusals must leave alone: every tag under $T
# with its counters and placement, the fixture's threads, the GPUs.
world() {
	tags_under
	tagq -p dump | grep "^cgroup=$TNAME/" | sort
	snapshot_threads "$(cat "$KTAP_TMP/fix.pid")"
	gpuq dump
}

# unchanged WHAT: the world is as it was when the fixture was made.
unchanged() {
	world >"$KTAP_TMP/world.now"
	if ! diff -u "$KTAP_TMP/world.fix" "$KTAP_TMP/world.now" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		fail "$1 changed something"
	fi
}

# The tag request naming the fixture, for nl_raw: path and class training.
fix_req() {
	echo "$CMD_TAG_SET $A_TAG_PATH:str:$FIX $A_TAG_CLASS:u32:0"
}

test_fixture() {
	mkdir -p "$FIX"
	hold "$KTAP_TMP/fix" "$FIX" "$ORIG" -t 2
	echo "$SPAWNED" >"$KTAP_TMP/fix.pid"
	aisched tag "$FIX" --class training --gpu "$GPU1" >/dev/null
	assert_threads "$SPAWNED" "$(class_state training "$N1")" "fixture"
	world >"$KTAP_TMP/world.fix"
}

# A GPU that is not there: an address with no device, a device that is
# not a GPU, an index past the last.
test_unknown_gpu() {
	i=$(gpu_index "$GPU1")
	# shellcheck disable=SC2046 # the request's words
	soft raw_refuses "no GPU at PCI address 0000:00:1f.0" "$ENODEV" '*' \
		$(fix_req) "$A_TAG_GPU:str:0000:00:1f.0"
	soft tool_refuses "no GPU at PCI address 0000:00:1f.0" \
		tag "$FIX" --class training --gpu 0000:00:1f.0
	soft tool_refuses "no GPU at PCI address 0000:00:00.0" \
		tag "$FIX" --class training --gpu "$GPU1,0000:00:00.0"
	# shellcheck disable=SC2046
	soft raw_refuses "GPU index 7 is out of range (2 GPUs)" "$ERANGE" '*' \
		$(fix_req) "$A_TAG_GPU_INDEX:u32:$i" "$A_TAG_GPU_INDEX:u32:7"
	soft tool_refuses "GPU index 2 is out of range (2 GPUs)" \
		tag "$FIX" --class training --gpu 2
	soft unchanged "naming a GPU that is not there"
	soft_end
}

# Nodes that are not online; node bitmaps of the wrong shape.
test_bad_nodes() {
	soft tool_refuses "node 3 is not online" tag "$FIX" --class training --node 3
	soft tool_refuses "node 3 is not online" tag "$FIX" --class training --node 1,3 \
		--placement spread
	# shellcheck disable=SC2046
	soft raw_refuses "node 3 is not online" "$EINVAL" '*' $(fix_req) "$A_TAG_NODES:hex:08000000"
	# shellcheck disable=SC2046
	soft raw_refuses "node 32 is not online" "$EINVAL" '*' \
		$(fix_req) "$A_TAG_NODES:hex:0000000001000000"
	# shellcheck disable=SC2046
	soft raw_refuses "nodes must be a whole number of 32-bit words" "$EINVAL" '*' \
		$(fix_req) "$A_TAG_NODES:hex:030000"
	# shellcheck disable=SC2046
	soft raw_refuses "nodes is empty" "$EINVAL" '*' $(fix_req) "$A_TAG_NODES:hex:00000000"
	# Longer than the policy's 128 bytes (1024 nodes).
	long=$(printf '%0264d' 0)
	# shellcheck disable=SC2046
	soft raw_refuses "Attribute failed policy validation" "$ERANGE" "$A_TAG_NODES" \
		$(fix_req) "$A_TAG_NODES:hex:$long"
	soft unchanged "bad nodes"
	soft_end
}

# Placing by a GPU whose node is unknown is refused until it has one.
test_gpu_without_node() {
	msg="GPU $GPUX has no known NUMA node; set one with 'aisched gpus set'"
	soft tool_refuses "$msg" tag "$FIX" --class training --gpu "$GPUX"
	soft tool_refuses "$msg" tag "$FIX" --class training --gpu "$(gpu_index "$GPUX")"
	soft tool_refuses "$msg" tag "$FIX" --class background --gpu "$GPU1,$GPUX" \
		--placement spread
	# shellcheck disable=SC2046
	soft raw_refuses "$msg" "$EINVAL" '*' $(fix_req) "$A_TAG_GPU:str:$GPUX"
	soft unchanged "placing by a GPU with no node"
	soft_end
}

# Options that do not go together.
test_inconsistent() {
	i=$(gpu_index "$GPU1")
	soft tool_refuses "placement local needs GPUs or nodes" \
		tag "$FIX" --class training --placement local
	soft tool_refuses "placement spread needs GPUs or nodes" \
		tag "$FIX" --class dataloader --placement spread
	soft tool_refuses "cpus and GPU or node placement exclude each other" \
		tag "$FIX" --class training --cpus 2 --gpu "$GPU1"
	soft tool_refuses "cpus and GPU or node placement exclude each other" \
		tag "$FIX" --class background --cpus 2 --node 1 --placement spread
	soft tool_refuses "mem needs placement local, spread or prefer" \
		tag "$FIX" --class training --mem preferred
	soft tool_refuses "mem needs placement local, spread or prefer" \
		tag "$FIX" --class training --gpu "$i" --placement none --mem preferred
	# shellcheck disable=SC2046
	soft raw_refuses "placement local needs GPUs or nodes" "$EINVAL" '*' \
		$(fix_req) "$A_TAG_PLACEMENT:u32:1"
	# shellcheck disable=SC2046
	soft raw_refuses "cpus and GPU or node placement exclude each other" "$EINVAL" '*' \
		$(fix_req) "$A_TAG_GPU_INDEX:u32:$i" "$A_TAG_CPUS:hex:04000000"
	# shellcheck disable=SC2046
	soft raw_refuses "mem needs placement local, spread or prefer" "$EINVAL" '*' \
		$(fix_req) "$A_TAG_MEM:u32:0"
	soft unchanged "options that do not go together"
	soft_end
}

# Strict memory needs the mempolicy hook of patches/, and placement prefer
# the numa-hint hook; a kernel without them refuses both. (64-kernel-hooks
# tests what they do where the kernel has them.)
test_hooks_missing() {
	n=0
	if ! kernel_has_hook mempolicy; then
		n=$((n + 1))
		soft tool_refuses \
			"mem strict needs the mempolicy hook of patches/ in the kernel" \
			tag "$FIX" --class training --gpu "$GPU1" --mem strict
		# shellcheck disable=SC2046
		soft raw_refuses \
			"mem strict needs the mempolicy hook of patches/ in the kernel" \
			"$EINVAL" "$A_TAG_MEM" $(fix_req) "$A_TAG_NODES:hex:02000000" "$A_TAG_MEM:u32:1"
	fi
	if ! kernel_has_hook numa-hint; then
		n=$((n + 1))
		soft tool_refuses \
			"placement prefer needs the numa-hint hook of patches/ in the kernel" \
			tag "$FIX" --class training --gpu "$GPU1" --placement prefer
		# shellcheck disable=SC2046
		soft raw_refuses \
			"placement prefer needs the numa-hint hook of patches/ in the kernel" \
			"$EINVAL" "$A_TAG_PLACEMENT" $(fix_req) "$A_TAG_NODES:hex:02000000" \
			"$A_TAG_PLACEMENT:u32:3"
	fi
	[ "$n" -gt 0 ] || skip "this kernel has the mempolicy and numa-hint hooks"
	soft unchanged "hooks missing"
	soft_end
}

# Out of the netlink policy's ranges: refused by the core, naming the
# attribute. (An address is at most 31 characters.)
test_out_of_range() {
	# shellcheck disable=SC2046
	soft raw_refuses "integer out of range" "$ERANGE" "$A_TAG_PLACEMENT" \
		$(fix_req) "$A_TAG_GPU:str:$GPU1" "$A_TAG_PLACEMENT:u32:4"
	# shellcheck disable=SC2046
	soft raw_refuses "integer out of range" "$ERANGE" "$A_TAG_MEM" \
		$(fix_req) "$A_TAG_GPU:str:$GPU1" "$A_TAG_MEM:u32:2"
	# shellcheck disable=SC2046
	soft raw_refuses "integer out of range" "$ERANGE" "$A_TAG_GPU_INDEX" \
		$(fix_req) "$A_TAG_GPU_INDEX:u32:65536"
	# shellcheck disable=SC2046
	soft raw_refuses "Attribute failed policy validation" "$EINVAL" "$A_TAG_GPU" \
		$(fix_req) "$A_TAG_GPU:str:0000:00:02.0-and-then-very-much-more"
	# The tool's own syntax checks (exit status 2).
	for opts in "--placement far" "--mem loose" "--node x" "--node 1-"; do
		rc=0
		# shellcheck disable=SC2086 # the options
		aisched tag "$FIX" --class training $opts >/dev/null 2>&1 || rc=$?
		soft assert_eq "$rc" 2 "aisched tag --class training $opts: exit status"
	done
	soft unchanged "values out of range"
	soft_end
}

# Callers without CAP_SYS_ADMIN cannot tag with placement.
test_unprivileged() {
	for args in "tag $FIX --class training --gpu $GPU1 --placement spread" \
		"tag $FIX --class training --node 0"; do
		rc=0
		# shellcheck disable=SC2086 # the arguments
		asuser 65534 aisched $args >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		soft assert_eq "$rc" 1 "nobody: aisched $args exit status ($(cat "$KTAP_TMP/err"))"
		soft assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing tags needs CAP_SYS_ADMIN" "nobody: aisched $args"
	done
	rc=0
	# shellcheck disable=SC2046
	asuser 65534 nl_raw $(fix_req) "$A_TAG_NODES:hex:01000000" >"$KTAP_TMP/out" 2>&1 || rc=$?
	soft assert_eq "$rc" 1 "nobody: TAG_SET exit status"
	soft assert_match "$(cat "$KTAP_TMP/out")" "*rejected error=-$EPERM *" "nobody: TAG_SET errno"
	soft unchanged "unprivileged requests"
	soft_end
}

# After all of that, the fixture's task still runs on node 1; untag
# restores it.
test_fixture_untag() {
	pid=$(cat "$KTAP_TMP/fix.pid")
	assert_threads "$pid" "$(class_state training "$N1")" "fixture after the refusals"
	aisched untag "$FIX"
	assert_threads "$pid" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3" "fixture after untag"
}

ktap_begin 9
run_case test_fixture
run_case test_unknown_gpu
run_case test_bad_nodes
run_case test_gpu_without_node
run_case test_inconsistent
run_case test_hooks_missing
run_case test_out_of_range
run_case test_unprivileged
run_case test_fixture_untag
ktap_end
