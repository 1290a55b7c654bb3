#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Placement: a tag that names a GPU (by address or index) or nodes puts its
# tasks on the target nodes' CPUs: the tasks already there, new children
# and threads from their first instruction, and processes moved in; 64 MiB
# a new child touches lands on the GPU's node, where without aisched it
# lands on the node of the CPU that ran it. Local mode gives each process
# one target node (tgid mod the number of target nodes; children and
# threads follow their process), spread mode all of them. The CPUs are
# intersected with the cgroup's cpuset, and a tag whose CPUs miss its own
# cpuset is refused. Untag restores; a self-override is respected; a tag
# keeps the nodes it resolved when a GPU's node changes later; placement
# none leaves CPUs alone. `aisched show` reports the memory per node.
# Affinity is read back by taskprobe (sched_getaffinity), pages by memtouch
# (move_pages), the tag by tagq (TAG_GET), memory by memory.numa_stat.
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"

tags_init t61
echo +cpuset >"$T/cgroup.subtree_control"
echo +memory >"$T/cgroup.subtree_control"
gpus_reset
gpus_init
A=$T/a
# No affinity of its own: from Linux 6.2 the kernel keeps a mask a task set
# itself inside every later one (50-tags' own_affinity).
ORIG=nice=5,io=2:6
ORIG_STATE="policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3"
N0=$(node_cpus 0)
N1=$(node_cpus 1)
MIB=64			# what a new child touches
MIN_PCT=99		# of its pages that must be on the expected node
N=$(scaled 10 3)	# forks, threads, clones per case
EINVAL=22
# What is measured is first touch: where a task's pages land because of
# the CPUs it runs on. NUMA balancing is off meanwhile. It could only
# blur that (moving pages after the fact), and its scans make move_pages()
# miss pages: a page whose PTE a scan has just made PROT_NONE is "not
# present" to it until the next access, as follow_page() does not follow
# PROT_NONE without FOLL_FORCE (gup_can_follow_protnone()). At a host load
# of 11, memory_on_gpu_node once found 3772 of 16384 pages missing.
BALANCING=/proc/sys/kernel/numa_balancing
BALANCING_WAS=$(cat "$BALANCING" 2>/dev/null || echo -)
[ "$BALANCING_WAS" = - ] || echo 0 >"$BALANCING"

cleanup() {
	tags_cleanup
	gpus_reset
	[ "$BALANCING_WAS" = - ] || echo "$BALANCING_WAS" >"$BALANCING"
}

# case_reset: every case's EXIT trap: no task, tag or cgroup but $T/out
# under $T, and no GPU override.
case_reset() {
	reset_cg "$T"
	find "$T" -mindepth 1 -depth -type d ! -path "$T/out" -exec rmdir {} + 2>/dev/null || true
	gpus_reset
}

# placement PATH: the placement line of PATH's tag (tagq -p), without the
# cgroup.
placement() {
	tagq -p get "$1" | sed 's/^cgroup=[^ ]* //'
}

# node_of PID NODES...: the target node local placement gives a process
# that was not forked under the tag: the (PID mod the number of NODES)th.
node_of() {
	_no_pid=$1
	shift
	shift $((_no_pid % $#))
	echo "$1"
}

# holders CG OUT COUNT SPEC: start COUNT "taskprobe hold -t 1" in CG with
# SPEC (outputs OUT.0, OUT.1, ...), then more (up to 8 in all) until there
# are an even and an odd pid among them. Sets PIDS.
holders() {
	PIDS='' _hd_even=0 _hd_odd=0 _hd_n=0
	while [ "$_hd_n" -lt "$3" ] || { [ "$_hd_even" = 0 ] || [ "$_hd_odd" = 0 ]; }; do
		[ "$_hd_n" -lt 8 ] || fail "8 holders, and no even and odd pid among them: $PIDS"
		hold "$2.$_hd_n" "$1" "$4" -t 1
		PIDS="$PIDS $SPAWNED"
		if [ $((SPAWNED % 2)) = 0 ]; then _hd_even=1; else _hd_odd=1; fi
		_hd_n=$((_hd_n + 1))
	done
	PIDS=${PIDS# }
}

# born OUT PID SIGNAL KIND: make holder PID (output OUT) fork a child
# (SIGNAL HUP, KIND child) or start a thread (PWR, thread), and print the
# new task's taskprobe line: its first instruction.
born() {
	_bo_n=$(grep -c '^tid=' "$1" || true)
	kill -s "$3" "$2"
	wait_until 5 sh -c "[ \$(grep -c '^tid=' '$1') -gt $_bo_n ]" ||
		fail "holder $2 reported no new $4: $(cat "$1")"
	grep '^tid=' "$1" | sed -n "$((_bo_n + 1))p"
}

# assert_on_node LINE NODE WHAT: of the pages of a memtouch LINE, at least
# MIN_PCT% are on NODE.
assert_on_node() {
	_an_pages=$(field "$1" pages)
	_an_on=$(field "$1" "node$2")
	[ -n "$_an_pages" ] && [ "$_an_pages" -gt 0 ] || fail "$3: no pages in: $1"
	[ $((_an_on * 100)) -ge $((_an_pages * MIN_PCT)) ] ||
		fail "$3: $_an_on of $_an_pages pages on node $2 (less than $MIN_PCT%): $1"
}

# enough_free NODE: the node has room for the pages of one memtouch, with a
# margin: else a check of where they land would test the allocator's
# fallback, not placement.
enough_free() {
	_ef_kb=$(awk '/MemFree/ { print $4 }' "$NODES/node$1/meminfo")
	[ "$_ef_kb" -ge $(( (MIB + 128) * 1024 )) ] ||
		fail "node $1 has only $_ef_kb kB free; $MIB MiB and a margin are needed"
}

# Tagging with the node-1 GPU, by address and by index: the tasks already
# in the cgroup (every thread) get node 1's CPUs; the tag reports the GPU,
# its node and placement local; untag gives back the originals.
test_existing_tasks() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 2
	pids=$SPAWNED
	spawn "$KTAP_TMP/s" "$A" "$ORIG" sleep 1000
	pids="$pids $SPAWNED"
	aisched tag "$A" --class training --gpu "$GPU1" >"$KTAP_TMP/reply"
	assert_threads "$pids" "$(class_state training "$N1")" "tagged --gpu $GPU1"
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"the tag's placement"
	assert_eq "$(tag_field "$A" cpus)" "$N1" "the tag's CPUs"
	for re in "gpus: +$GPU1" "nodes: +-" "placement: +local" "mem: +preferred" "target: +1"; do
		grep -Eq "^$re\$" "$KTAP_TMP/reply" ||
			fail "no line '$re' in the tool's reply: $(cat "$KTAP_TMP/reply")"
	done
	assert_eq "$(list_column "$TNAME/a" target)" 1 "target in aisched list"
	json=$(aisched show "$A" --json)
	for kv in "\"gpus\":[\"$GPU1\"]" '"placement":"local"' '"mem":"preferred"' \
		'"target_nodes":"1"'; do
		case $json in *"$kv"*) ;; *) fail "aisched show --json has no $kv: $json" ;; esac
	done
	case $(aisched list --json) in
	*'"target_nodes":"1"'*) ;;
	*) fail "aisched list --json has no target_nodes 1: $(aisched list --json)" ;;
	esac
	aisched untag "$A"
	assert_threads "$pids" "$ORIG_STATE" "after untag"

	aisched tag "$A" --class dataloader --gpu "$(gpu_index "$GPU1")" >/dev/null
	assert_threads "$pids" "$(class_state dataloader "$N1")" "tagged by index"
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"the placement of a tag by index"
	aisched untag "$A"
	assert_threads "$pids" "$ORIG_STATE" "after untag"
}

# A GPU given as a device file, as a job launcher knows it: the tool maps
# it to its PCI address (aisched(8), DEVICE FILES). The busybox guest loads
# no DRM driver, so the device node is made by hand and mapped through the
# admin's table; sysfs and NVIDIA's files are the unit tests' (fixture
# trees). A device that nothing maps is refused, naming what was looked
# at, and tags nothing.
test_gpu_device_file() {
	trap 'rm -f /dev/aisched-test-gpu /etc/aisched/devices; rmdir /etc/aisched 2>/dev/null; case_reset' EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1
	pid=$SPAWNED
	mknod /dev/aisched-test-gpu c 195 7
	mkdir -p /etc/aisched
	rc=0
	err=$(aisched tag "$A" --class training --gpu /dev/aisched-test-gpu 2>&1 >/dev/null) || rc=$?
	assert_eq "$rc" 1 "exit status of a device nothing maps"
	case $err in
	*"aisched: tag: --gpu: /dev/aisched-test-gpu: no GPU of the NVIDIA driver has device minor 7"*) ;;
	*) fail "unexpected refusal: $err" ;;
	esac
	! tagq get "$A" >/dev/null 2>&1 || fail "a refused --gpu tagged $A"
	assert_threads "$pid" "$ORIG_STATE" "after the refusal"

	printf '# made by 61-placement\n/dev/aisched-test-gpu %s\n' "$GPU1" >/etc/aisched/devices
	aisched tag "$A" --class training --gpu /dev/aisched-test-gpu >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"the placement of a tag by device file"
	assert_threads "$pid" "$(class_state training "$N1")" "tagged --gpu /dev/aisched-test-gpu"
	aisched untag "$A"

	printf '/dev/aisched-test-gpu %s extra\n' "$GPU1" >/etc/aisched/devices
	rc=0
	err=$(aisched tag "$A" --class training --gpu /dev/aisched-test-gpu 2>&1 >/dev/null) || rc=$?
	assert_eq "$rc" 1 "exit status of a malformed table"
	case $err in
	*"/etc/aisched/devices:1: expected DEVICE ADDRESS"*) ;;
	*) fail "unexpected refusal of a malformed table: $err" ;;
	esac
	assert_threads "$pid" "$ORIG_STATE" "after untag and the refusal"
}

# New tasks run on node 1's CPUs from their first instruction: forked and
# cloned into the cgroup, threads, an exec'd image, and a child of a task
# that was there before the tag.
test_new_tasks() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1
	pid=$SPAWNED
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	want=$(class_state training "$N1")
	run_in "$A" "$KTAP_TMP/fork" taskprobe fork "$N"
	assert_lines "$KTAP_TMP/fork" $((N + 1)) "$want" "fork"
	run_in "$A" "$KTAP_TMP/thread" taskprobe thread "$N"
	assert_lines "$KTAP_TMP/thread" $((N + 1)) "$want" "thread"
	taskprobe clone "$A" "$N" >"$KTAP_TMP/clone" 2>&1 ||
		fail "clone: $(cat "$KTAP_TMP/clone")"
	sed 1d "$KTAP_TMP/clone" >"$KTAP_TMP/clone.children"
	assert_lines "$KTAP_TMP/clone.children" "$N" "$want" "clone3 into the cgroup"
	line=$(born "$KTAP_TMP/h" "$pid" HUP child)
	assert_eq "$(state "$line")" "$want" "first instruction of a child of an existing task"
	line=$(born "$KTAP_TMP/h" "$pid" PWR thread)
	assert_eq "$(state "$line")" "$want" "first instruction of a new thread"
}

# 64 MiB touched by a new child in the tagged cgroup land on the GPU's node
# (its CPUs are node 1's from its first instruction: first touch allocates
# there). The control, without aisched: a child pinned to CPU 0 gets its
# pages on node 0.
test_memory_on_gpu_node() {
	trap case_reset EXIT
	mkdir "$A" "$T/u"
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	enough_free 1
	run_in "$A" "$KTAP_TMP/m" memtouch -f "$MIB"
	line=$(cat "$KTAP_TMP/m")
	ktap_diag "tagged: $line"
	assert_eq "$(field "$line" first_cpus)" "$N1" "a new child's CPUs, read first"
	assert_eq "$(field "$line" cpus)" "$N1" "its CPUs after touching"
	assert_on_node "$line" 1 "a new child in the tagged cgroup"

	enough_free 0
	run_in "$T/u" "$KTAP_TMP/m0" memtouch -f -c 0 "$MIB"
	line=$(cat "$KTAP_TMP/m0")
	ktap_diag "untagged, pinned to CPU 0: $line"
	assert_eq "$(field "$line" cpus)/$(field "$line" cpu)" 0/0 "the control's CPU"
	assert_on_node "$line" 0 "an untagged child pinned to CPU 0"
}

# Spread: every task may run on all the target nodes' CPUs.
test_spread() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h1" "$A" "$ORIG" -t 2
	p1=$SPAWNED
	hold "$KTAP_TMP/h2" "$A" "$ORIG" -t 1
	p2=$SPAWNED
	aisched tag "$A" --class training --node 0,1 --placement spread >/dev/null
	want=$(class_state training 0-3)
	assert_eq "$(placement "$A")" "placement=2 mem=0 gpus=- nodes=0-1 target=0-1" \
		"spread over nodes 0,1"
	assert_eq "$(tag_field "$A" cpus)" 0-3 "the tag's CPUs"
	assert_threads "$p1 $p2" "$want" "spread over nodes 0,1"
	assert_eq "$(state "$(born "$KTAP_TMP/h1" "$p1" HUP child)")" "$want" "a new child"
	assert_eq "$(state "$(born "$KTAP_TMP/h2" "$p2" PWR thread)")" "$want" "a new thread"
	# A GPU and a node: the union of their nodes.
	aisched tag "$A" --class inference --gpu "$GPU1" --node 0 --placement spread \
		--mem preferred >/dev/null
	assert_eq "$(placement "$A")" "placement=2 mem=0 gpus=$GPU1 nodes=0 target=0-1" \
		"spread over $GPU1 and node 0"
	assert_threads "$p1 $p2" "$(class_state inference 0-3)" "spread over $GPU1 and node 0"
	aisched untag "$A"
	assert_threads "$p1 $p2" "$ORIG_STATE" "after untag"
}

# Local over nodes 0 and 1: each process gets one node's CPUs, by its pid
# (even: node 0, odd: node 1); its threads and the children it forks follow
# it whatever their own ids; a process moved in later gets its own.
test_local_two_nodes() {
	trap case_reset EXIT
	mkdir "$A"
	holders "$A" "$KTAP_TMP/h" 2 "$ORIG"
	aisched tag "$A" --class training --node 0,1 >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=- nodes=0-1 target=0-1" \
		"local over nodes 0,1"
	for p in $PIDS; do
		n=$(node_of "$p" 0 1)
		assert_threads "$p" "$(class_state training "$(node_cpus "$n")")" \
			"process $p (node $n)"
	done
	# Children of one holder until one has the other parity than it.
	p=${PIDS%% *}
	want=$(class_state training "$(node_cpus "$(node_of "$p" 0 1)")")
	k=0 other=
	while [ "$k" -lt 6 ] && [ -z "$other" ]; do
		line=$(born "$KTAP_TMP/h.0" "$p" HUP child)
		assert_eq "$(state "$line")" "$want" "child ${line%% tgid=*} of $p, first instruction"
		c=${line#tid=}
		c=${c%% *}
		[ $((c % 2)) = $((p % 2)) ] || other=$c
		k=$((k + 1))
	done
	[ -n "$other" ] || ktap_diag "no child of $p with the other parity in 6 forks"
	line=$(born "$KTAP_TMP/h.0" "$p" PWR thread)
	assert_eq "$(state "$line")" "$want" "a new thread of $p, first instruction"
	# Moved in: by its own pid.
	hold "$KTAP_TMP/hm" "$T/out" "$ORIG" -t 1
	m=$SPAWNED
	echo "$m" >"$A/cgroup.procs"
	await_threads 2 "$m" "$(class_state training "$(node_cpus "$(node_of "$m" 0 1)")")" \
		"process $m moved in"
	aisched untag "$A"
	assert_threads "$PIDS" "$ORIG_STATE" "after untag"
	# The move into a's cpuset gave it the cpuset's CPUs first: its
	# originals.
	assert_threads "$m" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3" "the moved process after untag"
}

# The cpuset: a task gets the target CPUs that its cgroup's cpuset allows;
# in local mode a process whose node misses the cpuset gets the next
# target node that meets it.
test_cpuset_intersection() {
	trap case_reset EXIT
	mkdir "$T/c"
	echo 1-2 >"$T/c/cpuset.cpus"
	hold "$KTAP_TMP/h" "$T/c" nice=5,io=2:6 -t 1
	pid=$SPAWNED
	assert_threads "$pid" "policy=0 nice=5 rtprio=0 io=2:6 cpus=1-2" "in c (cpuset 1-2)"
	aisched tag "$T/c" --class training --gpu "$GPU1" >/dev/null
	assert_eq "$(tag_field "$T/c" cpus)" "$N1" "the tag's CPUs"
	assert_threads "$pid" "$(class_state training 2)" "tagged --gpu $GPU1 in cpuset 1-2"
	assert_eq "$(state "$(born "$KTAP_TMP/h" "$pid" HUP child)")" \
		"$(class_state training 2)" "a new child"
	assert_eq "$(tag_field "$T/c" conflicts)" 0 "conflicts"
	aisched untag "$T/c"
	assert_threads "$pid" "policy=0 nice=5 rtprio=0 io=2:6 cpus=1-2" "after untag"
	reset_cg "$T/c"

	# Nodes 0 and 1, a cpuset of node 1's CPUs: every process on node 1.
	echo "$N1" >"$T/c/cpuset.cpus"
	holders "$T/c" "$KTAP_TMP/hc" 2 nice=5,io=2:6
	aisched tag "$T/c" --class training --node 0,1 >/dev/null
	assert_threads "$PIDS" "$(class_state training "$N1")" \
		"local over nodes 0,1 in cpuset $N1"
}

# A tag over a cgroup whose child has a cpuset the target misses: that
# child's task keeps its cpuset's CPUs and is counted as a conflict.
test_cpuset_conflict() {
	trap case_reset EXIT
	mkdir -p "$T/p/a" "$T/p/c"
	echo +cpuset >"$T/p/cgroup.subtree_control"
	echo 0 >"$T/p/c/cpuset.cpus"
	hold "$KTAP_TMP/ha" "$T/p/a" nice=5,io=2:6
	pa=$SPAWNED
	hold "$KTAP_TMP/hc" "$T/p/c" nice=5,io=2:6
	pc=$SPAWNED
	aisched tag "$T/p" --class dataloader --gpu "$GPU1" >/dev/null
	assert_threads "$pa" "$(class_state dataloader "$N1")" "in p/a"
	assert_threads "$pc" "$(class_state dataloader 0)" "in p/c (cpuset 0)"
	assert_eq "$(tag_field "$T/p" conflicts)" 1 "conflicts"
	aisched untag "$T/p"
	assert_threads "$pa" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0-3" "p/a after untag"
	assert_threads "$pc" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0" "p/c after untag"
}

# A tag whose target CPUs miss its own cgroup's cpuset is refused, naming
# both sets, and changes nothing; so is replacing a tag so. Target nodes
# of which one meets the cpuset are not refused.
test_cpuset_refused() {
	trap case_reset EXIT
	mkdir "$T/d"
	echo "$N0" >"$T/d/cpuset.cpus"
	hold "$KTAP_TMP/h" "$T/d" nice=5,io=2:6 -t 1
	pid=$SPAWNED
	orig="policy=0 nice=5 rtprio=0 io=2:6 cpus=$N0"
	msg="CPUs $N1 of nodes 1 miss the cgroup's cpuset $N0"
	tool_refuses "$msg" tag "$T/d" --class training --gpu "$GPU1"
	tool_refuses "$msg" tag "$T/d" --class training --node 1
	tool_refuses "$msg" tag "$T/d" --class training --gpu "$GPU1" --placement spread
	raw_refuses "$msg" "$EINVAL" '*' "$CMD_TAG_SET" "$A_TAG_PATH:str:$T/d" \
		"$A_TAG_CLASS:u32:0" "$A_TAG_GPU_INDEX:u32:$(gpu_index "$GPU1")"
	assert_eq "$(tags_under)" "" "tags after the refusals"
	assert_threads "$pid" "$orig" "the task in d"
	aisched tag "$T/d" --class training --cpus 1 >/dev/null
	before=$(tags_under; tagq -p get "$T/d")
	tool_refuses "$msg" tag "$T/d" --class background --gpu "$GPU1" --placement local
	assert_eq "$(tags_under; tagq -p get "$T/d")" "$before" "the tag after the refused replace"
	assert_threads "$pid" "$(class_state training 1)" "the task in d"
	# Nodes 0 and 1 under a cpuset of node 0: not refused (a process can
	# run on node 0), and each process, whichever node its pid picks, gets
	# node 0's CPUs.
	aisched tag "$T/d" --class training --node 0,1 >/dev/null
	assert_threads "$pid" "$(class_state training "$N0")" "the task in d, nodes 0,1"
}

# A task that sets its own affinity under a placed tag keeps it, also after
# untag; the other threads get their originals back.
test_self_override() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1 -1 cpus=0
	pid=$SPAWNED
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	kill -USR1 "$pid"
	wait_until 5 grep -q '^usr1 done' "$KTAP_TMP/h" ||
		fail "the holder did not set its CPUs: $(cat "$KTAP_TMP/h")"
	assert_eq "$(tid_state "$pid")" "policy=0 nice=0 rtprio=0 io=2:4 cpus=0" \
		"the holder after pinning itself"
	assert_eq "$(tag_field "$A" overrides)" 1 "overrides"
	aisched untag "$A"
	assert_eq "$(tid_state "$pid")" "policy=0 nice=5 rtprio=0 io=2:6 cpus=0" \
		"the holder after untag"
	for t in $(threads "$pid" | grep -vx "$pid"); do
		assert_eq "$(tid_state "$t")" "$ORIG_STATE" "thread $t after untag"
	done
}

# A tag keeps the nodes it resolved: a later override of its GPU's node
# changes nothing until the tag is set again. A GPU with no node can be
# placed by once an override gives it one.
test_tag_keeps_nodes() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1
	pid=$SPAWNED
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	aisched gpus set "$GPU1" --node 0 >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"the tag after the override"
	assert_threads "$pid" "$(class_state training "$N1")" "the task after the override"
	assert_eq "$(state "$(born "$KTAP_TMP/h" "$pid" HUP child)")" \
		"$(class_state training "$N1")" "a new child after the override"
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=0" \
		"the tag set again"
	assert_threads "$pid" "$(class_state training "$N0")" "the task, tag set again"
	aisched gpus set "$GPU1" --node auto >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=0" \
		"the tag after auto"

	aisched gpus set "$GPUX" --node 1 >/dev/null
	aisched tag "$A" --class inference --gpu "$GPUX" >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPUX nodes=- target=1" \
		"a tag by $GPUX, node overridden"
	assert_threads "$pid" "$(class_state inference "$N1")" "the task, tagged by $GPUX"
	aisched untag "$A"
	assert_threads "$pid" "$ORIG_STATE" "after untag"
}

# Placement none (background's default, or asked for) records the GPUs
# and leaves CPUs alone, even for a GPU with no node; a tag that names no
# GPU or node has placement none.
test_placement_none() {
	trap case_reset EXIT
	mkdir "$A"
	hold "$KTAP_TMP/h" "$A" "$ORIG" -t 1
	pid=$SPAWNED
	aisched tag "$A" --class training >/dev/null
	assert_eq "$(placement "$A")" "placement=0 mem=- gpus=- nodes=- target=-" \
		"a tag without GPUs or nodes"
	aisched tag "$A" --class background --gpu "$GPU1" >/dev/null
	assert_eq "$(placement "$A")" "placement=0 mem=- gpus=$GPU1 nodes=- target=-" \
		"background --gpu $GPU1"
	assert_eq "$(tag_field "$A" cpus)" - "the tag's CPUs"
	assert_threads "$pid" "$(class_state background 0-3)" "background --gpu $GPU1"
	aisched tag "$A" --class training --gpu "$GPUX" --placement none >/dev/null
	assert_eq "$(placement "$A")" "placement=0 mem=- gpus=$GPUX nodes=- target=-" \
		"training --gpu $GPUX --placement none"
	assert_threads "$pid" "$(class_state training 0-3)" "training --placement none"
	aisched tag "$A" --class background --gpu "$GPU1" --placement local >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"background --placement local"
	assert_threads "$pid" "$(class_state background "$N1")" "background --placement local"
	aisched untag "$A"
	assert_threads "$pid" "$ORIG_STATE" "after untag"
}

# GPUs are listed in the order named, each once, however named; up to 64
# may be named.
test_gpu_list() {
	trap case_reset EXIT
	mkdir "$A"
	i1=$(gpu_index "$GPU1")
	aisched tag "$A" --class training --gpu "$GPU1,$i1" --gpu "$GPU1" >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"one GPU named three times"
	aisched gpus set "$GPUX" --node 0 >/dev/null
	aisched tag "$A" --class training --gpu "$GPUX" --gpu "$i1" >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPUX,$GPU1 nodes=- target=0-1" \
		"two GPUs"
	aisched tag "$A" --class training --gpu "$GPU1,$GPUX" >/dev/null
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1,$GPUX nodes=- target=0-1" \
		"two GPUs, the other order"
	set --
	k=0
	while [ "$k" -lt 64 ]; do
		set -- "$@" "$A_TAG_GPU_INDEX:u32:$i1"
		k=$((k + 1))
	done
	nl_raw "$CMD_TAG_SET" "$A_TAG_PATH:str:$A" "$A_TAG_CLASS:u32:0" "$@" \
		>"$KTAP_TMP/out" 2>&1 ||
		fail "TAG_SET with 64 GPUs refused: $(cat "$KTAP_TMP/out")"
	assert_eq "$(placement "$A")" "placement=1 mem=0 gpus=$GPU1 nodes=- target=1" \
		"GPU $i1 named 64 times"
}

# aisched show: the cgroup's memory per node, as memory.numa_stat has it
# (anon + file), and the share on the target nodes.
test_show_locality() {
	trap case_reset EXIT
	mkdir "$A"
	aisched tag "$A" --class training --gpu "$GPU1" >/dev/null
	enough_free 1
	spawn "$KTAP_TMP/m" "$A" - memtouch -f -H "$MIB"
	wait_until 30 grep -q '^pid=' "$KTAP_TMP/m" ||
		fail "memtouch did not report: $(cat "$KTAP_TMP/m")"
	assert_on_node "$(cat "$KTAP_TMP/m")" 1 "the held memory"
	sums() {
		awk '$1 == "anon" || $1 == "file" {
			for (i = 2; i <= NF; i++) { split($i, kv, "="); sum[kv[1]] += kv[2] }
		} END { printf "%d %d\n", sum["N0"], sum["N1"] }' "$A/memory.numa_stat"
	}
	before=$(sums)
	json=$(aisched show "$A" --json)
	text=$(aisched show "$A")
	assert_eq "$(sums)" "$before" "memory.numa_stat while reading (held memory moved?)"
	n0=${before% *} n1=${before#* }
	mem=$(printf '%s\n' "$json" | sed -n 's/.*"memory": *{\([^}]*\)}.*/\1/p')
	assert_eq "$(printf '%s\n' "$mem" | sed 's/ //g')" "\"node0\":$n0,\"node1\":$n1" \
		"show --json memory (numa_stat: node0 $n0, node1 $n1)"
	pct=$(printf '%s\n' "$json" | sed -n 's/.*"local_pct": *\([0-9.]*\).*/\1/p')
	want=$(awk -v a="$n0" -v b="$n1" 'BEGIN { printf "%.1f", 100 * b / (a + b) }')
	awk -v p="$pct" -v w="$want" 'BEGIN { d = p - w; exit !(p != "" && d < 0.11 && d > -0.11) }' ||
		fail "show --json local_pct '$pct', expected $want"
	awk -v w="$want" -v m="$MIN_PCT" 'BEGIN { exit !(w >= m) }' ||
		fail "only $want% of the cgroup's memory on node 1"
	m0=$(awk -v b="$n0" 'BEGIN { printf "%.1f", b / 1048576 }')
	m1=$(awk -v b="$n1" 'BEGIN { printf "%.1f", b / 1048576 }')
	for re in "memory: +node0 $m0 MiB, node1 $m1 MiB" "local: +[0-9.]+% on nodes 1" \
		"placement: +local" "target: +1" "gpus: +$GPU1"; do
		printf '%s\n' "$text" | grep -Eq "^$re\$" ||
			fail "no line '$re' in aisched show: $text"
	done
}

ktap_begin 14
run_case test_existing_tasks
run_case test_gpu_device_file
run_case test_new_tasks
run_case test_memory_on_gpu_node
run_case test_spread
run_case test_local_two_nodes
run_case test_cpuset_intersection
run_case test_cpuset_conflict
run_case test_cpuset_refused
run_case test_self_override
run_case test_tag_keeps_nodes
run_case test_placement_none
run_case test_gpu_list
run_case test_show_locality
ktap_end
