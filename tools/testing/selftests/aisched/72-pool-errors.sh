#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad input to the huge-page pool's mappings and quotas: every bad mmap of
# /dev/aisched refused with its errno (EINVAL for the area's shape, EPERM
# without a quota, ENOMEM over it), read and write refused; partial munmap,
# mprotect and mremap of an area refused with the area intact; every TAG_SET
# refusal of a quota with its exact extack message, through the tool and
# nl_raw, and the tool's own syntax checks; quotas need CAP_SYS_ADMIN, the
# device only a quota. Each refusal changes nothing: not the tags, their
# quotas, the pools, nor the fixture's mapping. And what is allowed with
# pages mapped: a pool shrink stops at what quotas reserve (the tool's
# warning); rmdir of a cgroup whose task still maps pool pages, and untag,
# leave the pages reserved and mapped until the task exits; module unload
# is refused (the module is in use) and the mapping survives.
#
# Not here, because the test VM cannot have it: a node online without
# memory ("node N has no memory").
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"
# shellcheck source=pool.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/pool.lib"

tags_init t72
gpus_init
pool_reset
FIX=$T/fix		# training --gpu GPU1 --hugepages 4; its task maps 2 pages
NQ=$T/nq		# training, no quota
X=$T/x			# untagged: the refused requests name it
R=$T/r			# rmdir and untag with a mapping
EPERM=1 EBUSY=16 EINVAL=22 ERANGE=34
BYTE=77			# what the fixture's task writes

cleanup() {
	tags_cleanup
	pool_reset
}

# world: the state the refusals must leave alone: every tag under $T with
# its counters (but applied, which each task moved in counts) and quota,
# and the pools.
world() {
	tags_under | sed 's/ applied=[0-9]*//'
	tagq -q dump | grep "^cgroup=$TNAME/" | sort
	aisched pool --json
}

# unchanged WHAT: the world is as the fixture left it, and the fixture's
# task still has its area, with what it wrote.
unchanged() {
	world >"$KTAP_TMP/world.now"
	if ! diff -u "$KTAP_TMP/world.fix" "$KTAP_TMP/world.now" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		fail "$1 changed something"
	fi
	read -r _un_pid <"$KTAP_TMP/fix.pid"
	recheck "$KTAP_TMP/fix" "$_un_pid" ||
		fail "$1: the fixture's area lost what its task wrote"
}

# The tag request naming cgroup $1, for nl_raw: path and class training.
req() {
	echo "$CMD_TAG_SET $A_TAG_PATH:str:$1 $A_TAG_CLASS:u32:0"
}

# The pools: 8 pages on node 1, 4 on node 0. FIX holds a quota of 4 on node
# 1 (its GPU's), its task maps and touches 2 of them.
test_fixture() {
	pool_size 1 8
	pool_size 0 4
	mkdir "$FIX" "$NQ" "$X"
	aisched tag "$FIX" --class training --gpu "$GPU1" --hugepages 4 >/dev/null
	aisched tag "$NQ" --class training >/dev/null
	map_hold "$KTAP_TMP/fix" "$FIX" -w "$BYTE" 4M
	echo "$SPAWNED" >"$KTAP_TMP/fix.pid"
	assert_quota "$FIX" 4 1 2 "the fixture"
	assert_pool 1 8/6/4/2/0 "the fixture"
	world >"$KTAP_TMP/world.fix"
}

# mmap: a length not a multiple of 2 MiB, an offset, MAP_PRIVATE, MAP_FIXED
# at an address 1 MiB past a boundary: EINVAL. Untagged, or tagged without
# a quota: EPERM. More than the quota has left: ENOMEM. read and write:
# EINVAL; ioctl: ENOTTY.
test_bad_mmap() {
	soft assert_pm "$FIX" mmap=EINVAL 3M
	soft assert_pm "$FIX" mmap=EINVAL 1M
	soft assert_pm "$FIX" mmap=EINVAL 2052K
	soft assert_pm "$FIX" mmap=EINVAL -o 2M 2M
	soft assert_pm "$FIX" mmap=EINVAL -o 4K 2M
	soft assert_pm "$FIX" mmap=EINVAL -P 2M
	soft assert_pm "$FIX" mmap=EINVAL -A 2M
	soft assert_pm "$T/out" mmap=EPERM 2M
	soft assert_pm "$NQ" mmap=EPERM 2M
	soft assert_pm "$FIX" mmap=ENOMEM 6M
	soft assert_pm "$FIX" "mmap=ok ioctl=ENOTTY" -I 2M
	for io in "if=/dev/aisched of=/dev/null" "if=/dev/zero of=/dev/aisched"; do
		rc=0
		# shellcheck disable=SC2086 # dd's operands
		dd $io bs=1 count=1 >/dev/null 2>"$KTAP_TMP/dd.err" || rc=$?
		soft assert_eq "$rc" 1 "dd $io: exit status"
		soft assert_match "$(cat "$KTAP_TMP/dd.err")" "*Invalid argument*" "dd $io"
	done
	soft unchanged "bad mmaps"
	soft_end
}

# An area is one whole: munmap or mprotect of part of it, mremap shrinking
# or moving it, EINVAL; growing it, EFAULT; each leaves it whole, with what
# was written, and charged while its process lives. mprotect of all of it
# is allowed; munmap of all of it gives its pages back at once.
test_area_ops() {
	for op in munmap-part mprotect-part mremap-shrink mremap-move; do
		soft assert_pm "$FIX" "mmap=ok $op=EINVAL intact=yes" -w 5 -u "$op" 4M
	done
	soft assert_pm "$FIX" "mmap=ok mremap-grow=EFAULT intact=yes" -w 5 -u mremap-grow 4M
	soft assert_pm "$FIX" "mmap=ok mprotect-all=ok intact=yes" -w 5 -u mprotect-all 4M
	map_hold "$KTAP_TMP/h" "$FIX" -w 5 -u munmap-part 4M
	soft assert_pool 1 8/4/4/4/0 "an area whose partial munmap was refused"
	soft assert_quota "$FIX" 4 1 4 "an area whose partial munmap was refused"
	kill_wait "$SPAWNED"
	map_hold "$KTAP_TMP/h" "$FIX" -w 5 -u munmap-all 4M
	soft assert_eq "$(head -n 1 "$KTAP_TMP/h")" "mmap=ok munmap-all=ok" "munmap of it all"
	soft assert_pool 1 8/6/4/2/0 "unmapped whole, its process alive"
	soft assert_quota "$FIX" 4 1 2 "unmapped whole, its process alive"
	kill_wait "$SPAWNED"
	soft unchanged "the refused operations"
	soft_end
}

# Every quota refusal through the tool, with its message; the tool's own
# syntax checks exit 2, the kernel never asked.
test_tool_refusals() {
	soft tool_refuses "hugepages-node needs hugepages" tag "$X" --class training --hugepages 0@1
	soft tool_refuses "hugepages needs a node: the tag has no GPU node" \
		tag "$X" --class training --hugepages 2
	soft tool_refuses "hugepages needs a node: the tag has no GPU node" \
		tag "$X" --class training --gpu "$GPU1" --placement none --hugepages 2
	soft tool_refuses "hugepages needs a node: the tag places on nodes 0-1" \
		tag "$X" --class training --node 0,1 --placement spread --hugepages 2
	soft tool_refuses "hugepages needs a node: the tag places on nodes 0-1" \
		tag "$X" --class training --node 0-1 --hugepages 2
	soft tool_refuses "node 3 is not online" tag "$X" --class training --hugepages 2@3
	soft tool_refuses "node 1's pool has 8 pages, 4 held by other quotas; 5 is more" \
		tag "$X" --class training --hugepages 5@1
	soft tool_refuses "node 0's pool has 4 pages, 0 held by other quotas; 5 is more" \
		tag "$X" --class training --gpu "$GPU1" --hugepages 5@0
	soft tool_refuses "node 1's pool has 8 pages, 0 held by other quotas; 9 is more" \
		tag "$FIX" --class training --gpu "$GPU1" --hugepages 9
	soft tool_refuses "the cgroup maps 2 pool pages; a quota of 1 is less" \
		tag "$FIX" --class training --gpu "$GPU1" --hugepages 1
	soft tool_refuses "the cgroup maps 2 pool pages; a quota of 0 is less" \
		tag "$FIX" --class training --gpu "$GPU1" --hugepages 0
	soft tool_refuses "the cgroup maps 2 pool pages; a quota of 0 is less" \
		tag "$FIX" --class training --gpu "$GPU1"
	soft tool_refuses "the cgroup maps 2 pool pages on node 1; unmap them first" \
		tag "$FIX" --class training --gpu "$GPU1" --hugepages 4@0
	bad_args=$(scaled "x 1@ @1 1@x -1 1@-1 4294967296 1@4294967296 0x2" "1@ @1 4294967296")
	for bad in $bad_args; do
		rc=0
		aisched tag "$X" --class training --hugepages "$bad" >/dev/null \
			2>"$KTAP_TMP/err" || rc=$?
		soft assert_eq "$rc" 2 "aisched tag --hugepages '$bad': exit status ($(cat "$KTAP_TMP/err"))"
	done
	aisched tag "$X" --class training --hugepages x >/dev/null 2>"$KTAP_TMP/err" || true
	soft assert_eq "$(head -n 1 "$KTAP_TMP/err")" \
		"aisched: --hugepages: expected N or N@NODE" "aisched tag --hugepages x"
	soft unchanged "the refused tags"
	soft_end
}

# The same refusals as TAG_SET requests of nl_raw, and those the tool
# cannot send: each with its error, message and the attribute blamed.
test_raw_refusals() {
	gpu="$A_TAG_GPU:str:$GPU1"
	# shellcheck disable=SC2046 # the request's words
	{
	soft raw_refuses "hugepages-node needs hugepages" "$EINVAL" "$A_TAG_HUGEPAGES_NODE" \
		$(req "$X") "$A_TAG_HUGEPAGES_NODE:u32:1"
	soft raw_refuses "hugepages-node needs hugepages" "$EINVAL" "$A_TAG_HUGEPAGES_NODE" \
		$(req "$X") "$A_TAG_HUGEPAGES:u32:0" "$A_TAG_HUGEPAGES_NODE:u32:1"
	soft raw_refuses "hugepages needs a node: the tag has no GPU node" "$EINVAL" \
		"$A_TAG_HUGEPAGES" $(req "$X") "$A_TAG_HUGEPAGES:u32:2"
	soft raw_refuses "hugepages needs a node: the tag places on nodes 0-1" "$EINVAL" - \
		$(req "$X") "$A_TAG_NODES:hex:03000000" "$A_TAG_PLACEMENT:u32:2" \
		"$A_TAG_HUGEPAGES:u32:2"
	soft raw_refuses "node 3 is not online" "$EINVAL" - \
		$(req "$X") "$A_TAG_HUGEPAGES:u32:2" "$A_TAG_HUGEPAGES_NODE:u32:3"
	soft raw_refuses "node 1023 is not online" "$EINVAL" - \
		$(req "$X") "$A_TAG_HUGEPAGES:u32:2" "$A_TAG_HUGEPAGES_NODE:u32:1023"
	soft raw_refuses "integer out of range" "$ERANGE" "$A_TAG_HUGEPAGES_NODE" \
		$(req "$X") "$A_TAG_HUGEPAGES:u32:2" "$A_TAG_HUGEPAGES_NODE:u32:1024"
	soft raw_refuses "invalid attribute length" "$EINVAL" "$A_TAG_HUGEPAGES" \
		$(req "$X") "$A_TAG_HUGEPAGES:u8:2" "$A_TAG_HUGEPAGES_NODE:u32:1"
	soft raw_refuses "invalid attribute length" "$EINVAL" "$A_TAG_HUGEPAGES_NODE" \
		$(req "$X") "$A_TAG_HUGEPAGES:u32:2" "$A_TAG_HUGEPAGES_NODE:u64:1"
	soft raw_refuses "node 1's pool has 8 pages, 4 held by other quotas; 4294967295 is more" \
		"$EINVAL" - $(req "$X") "$A_TAG_HUGEPAGES:u32:0xffffffff" \
		"$A_TAG_HUGEPAGES_NODE:u32:1"
	soft raw_refuses "the cgroup maps 2 pool pages; a quota of 1 is less" "$EBUSY" - \
		$(req "$FIX") "$gpu" "$A_TAG_HUGEPAGES:u32:1"
	soft raw_refuses "the cgroup maps 2 pool pages; a quota of 0 is less" "$EBUSY" - \
		$(req "$FIX") "$gpu"
	soft raw_refuses "the cgroup maps 2 pool pages on node 1; unmap them first" "$EBUSY" - \
		$(req "$FIX") "$gpu" "$A_TAG_HUGEPAGES:u32:4" "$A_TAG_HUGEPAGES_NODE:u32:0"
	}
	soft unchanged "the refused TAG_SET requests"
	soft_end
}

# A quota needs CAP_SYS_ADMIN, as every tag does; the device needs none:
# nobody, in the fixture's cgroup, maps from its quota.
test_unprivileged() {
	for args in "tag $X --class training --hugepages 2@1" \
		"tag $FIX --class training --gpu $GPU1 --hugepages 8"; do
		rc=0
		# shellcheck disable=SC2086 # the arguments
		asuser 65534 aisched $args >/dev/null 2>"$KTAP_TMP/err" || rc=$?
		soft assert_eq "$rc" 1 "nobody: aisched $args exit status ($(cat "$KTAP_TMP/err"))"
		soft assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: kernel: changing tags needs CAP_SYS_ADMIN" "nobody: aisched $args"
	done
	rc=0
	# shellcheck disable=SC2046 # the request's words
	asuser 65534 nl_raw $(req "$X") "$A_TAG_HUGEPAGES:u32:2" "$A_TAG_HUGEPAGES_NODE:u32:1" \
		>"$KTAP_TMP/out" 2>&1 || rc=$?
	soft assert_eq "$rc" 1 "nobody: TAG_SET exit status"
	soft assert_match "$(cat "$KTAP_TMP/out")" "*rejected error=-$EPERM *" "nobody: TAG_SET errno"
	soft assert_eq "$(stat -c %a /dev/aisched)" 666 "the mode of /dev/aisched"
	# shellcheck disable=SC2016 # for the inner shell
	out=$(sh -c 'echo $$ >"$1/cgroup.procs" && exec asuser 65534 poolmap -w 1 -c 1 2M' \
		nobody "$FIX" 2>&1) || true
	soft assert_eq "$out" "mmap=ok check=ok" "nobody maps 2 MiB in the fixture's cgroup"
	soft unchanged "unprivileged requests"
	soft_end
}

# The pool never shrinks below what quotas reserve: asked for 0 or 5 pages
# with quotas of 6 (2 pages in use), it keeps 6, and the tool says so; the
# kernel logs what was asked; POOL_SET is no error. It grows back.
test_shrink() {
	trap 'nl_raw "$CMD_TAG_DEL" "$A_TAG_PATH:str:$X" >/dev/null 2>&1 || true' EXIT
	aisched tag "$X" --class training --hugepages 2@1 >/dev/null
	assert_pool 1 8/6/6/2/0 "a second quota"
	for p in 0 5; do
		klog_mark
		rc=0
		aisched pool set --node 1 --pages "$p" >"$KTAP_TMP/out" 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 0 "aisched pool set --pages $p: exit status"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"aisched: node 1: the pool holds 6 pages, more than the $p asked for: quotas hold 6, 2 in use" \
			"aisched pool set --pages $p: the warning"
		assert_match "$(sed -n 2p "$KTAP_TMP/out" | awk '{ $1 = $1; print }')" "1 6 4 6 2 0 *" \
			"aisched pool set --pages $p: the row"
		assert_pool 1 6/4/6/2/0 "asked for $p"
		klog_since |
			grep 'aisched: pool' >"$KTAP_TMP/log" || true
		assert_eq "$(cat "$KTAP_TMP/log")" "aisched: pool: node 1: 6 of $p 2 MiB pages asked for" \
			"the kernel log"
	done
	assert_eq "$(nl_raw "$CMD_POOL_SET" "$A_POOL_NODE:u32:1" "$A_POOL_PAGES:u32:0")" \
		"reply cmd=$CMD_POOL_SET attrs=1,3,4,5,6,7,8" "POOL_SET pages 0"
	assert_pool 1 6/4/6/2/0 "POOL_SET pages 0"
	aisched untag "$X"
	pool_size_used 1 8 "grown back"
	unchanged "the shrinks and the grow"
}

# pool_size_used NODE PAGES WHAT: `aisched pool set` to PAGES, which must
# succeed without a warning.
pool_size_used() {
	aisched pool set --node "$1" --pages "$2" >/dev/null 2>"$KTAP_TMP/err" ||
		fail "$3: aisched pool set --node $1 --pages $2 failed: $(cat "$KTAP_TMP/err")"
	assert_eq "$(cat "$KTAP_TMP/err")" "" "$3: aisched pool set --node $1 --pages $2"
}

# The cgroup of a task that maps 2 pool pages (of a quota of 3) is removed
# after the task moves out: the rmdir is allowed and the tag goes; the
# quota's unused page is released at once, the 2 mapped stay reserved (a
# new quota cannot have them) and mapped; the task's exit gives them back.
test_rmdir_mapped() {
	trap 'kill_tasks "$T/out"' EXIT
	mkdir "$R"
	aisched tag "$R" --class training --gpu "$GPU1" --hugepages 3 >/dev/null
	map_hold "$KTAP_TMP/r" "$R" -w 44 4M
	pid=$SPAWNED
	assert_pool 1 8/4/7/4/0 "R maps 2 of its 3"
	echo "$pid" >"$T/out/cgroup.procs"
	rmdir "$R" || fail "rmdir of R, whose task (moved out) maps pool pages, failed"
	assert_eq "$(tags_under | grep -c "^cgroup=$TNAME/r " || true)" 0 "R's tag after its rmdir"
	assert_pool 1 8/4/6/4/0 "R removed"
	recheck "$KTAP_TMP/r" "$pid" || fail "the area lost what its task wrote"
	tool_refuses "node 1's pool has 8 pages, 6 held by other quotas; 3 is more" \
		tag "$X" --class training --hugepages 3@1
	kill_wait "$pid"
	await_pool 5 1 8/6/4/2/0 "R's task gone"
	unchanged "rmdir with a mapping"
}

# Untag with a task that maps 2 pool pages (quota 3): the mapping keeps its
# pages, reserved, and its charge: a new quota of the cgroup starts unused,
# and no more than the pool has left; a new mmap without a quota is EPERM.
# The task's exit gives the pages back.
test_untag_mapped() {
	trap 'reset_cg "$R"; rmdir "$R"' EXIT
	mkdir "$R"
	aisched tag "$R" --class training --gpu "$GPU1" --hugepages 3 >/dev/null
	map_hold "$KTAP_TMP/r" "$R" -w 45 4M
	pid=$SPAWNED
	aisched untag "$R"
	assert_pool 1 8/4/6/4/0 "R untagged"
	assert_pm "$R" mmap=EPERM 2M
	tool_refuses "node 1's pool has 8 pages, 6 held by other quotas; 3 is more" \
		tag "$R" --class training --gpu "$GPU1" --hugepages 3
	aisched tag "$R" --class training --gpu "$GPU1" --hugepages 2 >/dev/null
	assert_quota "$R" 2 1 0 "R tagged again"
	assert_pool 1 8/4/8/4/0 "R tagged again"
	recheck "$KTAP_TMP/r" "$pid" || fail "the area lost what its task wrote"
	kill_wait "$pid"
	await_pool 5 1 8/6/6/2/0 "R's task gone"
	assert_quota "$R" 2 1 0 "R's task gone"
	aisched untag "$R"
	unchanged "untag with a mapping"
}

# The module cannot go while a process maps the device or has it open:
# rmmod fails (delete_module: EAGAIN, the module is in use), the module
# stays, the mapping keeps its contents. Pages a pipe still references
# (held, where a pipe can reference them: pool_refs_possible) do not keep
# it: it goes, leaving them to the pipe, whose bytes are still the area's;
# it loads again.
test_rmmod() {
	trap 'kill_tasks "$T/out"; [ -d /sys/module/aisched ] || modprobe aisched' EXIT
	for what in mapped open; do
		if [ "$what" = open ]; then
			kill_wait "$(cat "$KTAP_TMP/fix.pid")"
			rm -f "$KTAP_TMP/fix.pid"
			# shellcheck disable=SC2016 # for the inner shell
			sh -c 'echo $$ >"$1/cgroup.procs" && exec sleep 1000 </dev/aisched' \
				opener "$T/out" &
			wait_until 5 has_stdin $! /dev/aisched || fail "nothing opened /dev/aisched"
		fi
		rc=0
		rmmod aisched 2>"$KTAP_TMP/err" || rc=$?
		assert_eq "$rc" 1 "rmmod with the device $what: exit status"
		assert_eq "$(cat "$KTAP_TMP/err")" \
			"rmmod: can't unload module 'aisched': Resource temporarily unavailable" \
			"rmmod with the device $what"
		[ -d /sys/module/aisched ] || fail "the module is gone with the device $what"
		[ "$what" = open ] || unchanged "rmmod"
	done
	kill_tasks "$T/out"
	assert_pool 1 8/8/4/0/0 "the fixture's task gone"
	assert_quota "$FIX" 4 1 0 "the fixture's task gone"

	fifo=$KTAP_TMP/fifo
	mkfifo "$fifo"
	# shellcheck disable=SC2016 # for the inner shell
	sh -c 'echo $$ >"$1/cgroup.procs" && exec sleep 1000 <>"$2"' keeper "$T/out" "$fifo" &
	wait_until 5 has_stdin $! "$fifo" || fail "the FIFO's keeper did not start"
	if pool_refs_possible; then
		assert_pm "$FIX" "mmap=ok vmsplice=8192" -w 90 -V "$fifo" 4M
		assert_pool 1 8/6/4/2/2 "2 pages held by a pipe"
		rmmod aisched || fail "rmmod with 2 pages held by a pipe failed"
		head -c 8192 <"$fifo" >"$KTAP_TMP/data"
		assert_eq "$(wc -c <"$KTAP_TMP/data")" 8192 "bytes read from the pipe"
		assert_eq "$(tr -d Z <"$KTAP_TMP/data" | wc -c)" 0 \
			"bytes other than the area's"
	else
		# From 6.12 no pipe can reference a PFN map's pages.
		assert_pm "$FIX" "mmap=ok vmsplice=EFAULT" -w 90 -V "$fifo" 4M
		assert_pool 1 8/8/4/0/0 "nothing held"
		rmmod aisched || fail "rmmod with the area gone failed"
	fi
	modprobe aisched || fail "modprobe aisched failed"
	assert_pool 1 0/0/0/0/0 "loaded again"
}

ktap_begin 10
run_case test_fixture
run_case test_bad_mmap
run_case test_area_ops
run_case test_tool_refusals
run_case test_raw_refusals
run_case test_unprivileged
run_case test_shrink
run_case test_rmdir_mapped
run_case test_untag_mapped
run_case test_rmmod
ktap_end
