#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Mapping the huge-page pool (/dev/aisched, Documentation/aisched/pool.rst):
# quotas on two tagged cgroups and the pool's figures before, while and
# after they map (TAG_GET, `aisched show`, its JSON, `aisched list` and
# `aisched pool`); a charge taken at mmap, ENOMEM over the quota with
# nothing changed, the remainder fitting exactly; pages from the quota's
# node whatever the CPUs (move_pages); PMD mappings; zeroed pages on reuse;
# pages and charge back exactly after a kill; fork sharing the area, and a
# stress of mappers that fork, exit and get killed; pinning, on a stock 6.1
# and on a kernel with vmf_insert_folio_pmd() (patches/0004); pages a pipe
# still references after the unmap held until it lets go.
#
# On a kernel with vmf_insert_folio_pmd() (the pin hook) the area is a
# normal mapping of 2 MiB folios, one PMD entry each, with a reference and
# an rmap: smaps shows its Rss, get_user_pages() pins it (O_DIRECT works
# into a fresh area), and only io_uring refuses it, as it refuses every
# file mapping on 6.1 (EOPNOTSUPP). Without the hook:
#
# What the PFN-map design shows, and the tests assert: the area is
# VM_PFNMAP, mapped one PMD entry per 2 MiB by vmf_insert_pfn_pmd_prot().
# So the process's VmPTE (its page tables) does not grow with the area,
# where 4 KiB pages of anonymous memory need 8 bytes each; smaps lists the
# area as /dev/aisched with VmFlags pf (and dd), and Rss 0: smaps walks no
# PFN map, and there is no AnonHugePages or FilePmdMapped to show.
# move_pages(2) still reports each page's node.
#
# Pinning on stock 6.1: get_user_pages() refuses a VM_PFNMAP area (EFAULT).
# Its lockless path (get_user_pages_fast) cannot see the VMA on 6.1, and
# takes references on pages already mapped, where the slow path is never
# asked. So an O_DIRECT read into a fresh area fails with EFAULT, into a
# touched one it works; an io_uring fixed buffer (a long-term pin, always
# the slow path) fails either way; vmsplice(2) of a touched area leaves the
# pipe with references to its pages, which the pool holds (POOL_GET held),
# still charged to the quota and given to no one, until the pipe lets go.
# O_DIRECT needs a block device: a loop device over a tmpfs file (the
# stock kernel's loop.ko, which build-initramfs.sh adds; the debug kernel
# has the driver built in).
set -eu
. "$(dirname "$0")/lib.sh"
# shellcheck source=tags.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/tags.lib"
# shellcheck source=gpus.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/gpus.lib"
# shellcheck source=pool.lib
. "${AISCHED_BINDIR:-$(dirname "$0")}/pool.lib"

tags_init t71
gpus_init
pool_reset
A=$T/a
B=$T/b
WORKERS=3			# mappers of the stress
ROUNDS=$(scaled 90 6)		# rounds each

cleanup() {
	tags_cleanup
	pool_reset
}

# case_reset: every case's EXIT trap: no task, tag or cgroup but $T/out
# under $T, and the pools empty.
case_reset() {
	reset_cg "$T"
	find "$T" -mindepth 1 -depth -type d ! -path "$T/out" -exec rmdir {} + 2>/dev/null || true
	pool_reset
}

# tag_gpu CG PAGES[@NODE]: tag CG training, placed by the node-1 GPU, with
# a quota.
tag_gpu() {
	aisched tag "$1" --class training --gpu "$GPU1" --hugepages "$2" >/dev/null ||
		fail "aisched tag $1 --gpu $GPU1 --hugepages $2 failed"
}

# world: what a refused request must leave alone: the tags under $T with
# their quotas, and the pools.
world() {
	tags_under
	tagq -q dump | grep "^cgroup=$TNAME/" | sort
	aisched pool --json
}

# Two cgroups with quotas on node 1, the GPU's node: A's by default (the
# tag's GPU node), B's named. They hold the whole pool, and a third quota
# or a bigger one is refused, changing nothing. Each mapping is charged at
# mmap (faulted in or not: the quota's "used"), and takes a page from the
# free list at its first touch of each 2 MiB (the pool's "free" and "in
# use"); a mapping from a cgroup below A is A's. Each unmap (its process
# killed) gives back exactly its pages and charge. A re-tag with a quota of
# 0 drops it, an untag too, and the pool's reserved with them.
test_quota_accounting() {
	trap case_reset EXIT
	pool_size 1 16
	mkdir "$A" "$B" "$A/sub" "$T/c"
	aisched tag "$A" --class training --gpu "$GPU1" --hugepages 6 >"$KTAP_TMP/reply"
	assert_match "$(grep '^hugepages:' "$KTAP_TMP/reply")" \
		"hugepages: *0 of 6 on node 1 (2 MiB pages)" "aisched tag's reply"
	aisched tag "$B" --class background --hugepages 10@1 >/dev/null
	assert_quota_tool "$A" 6 1 0 "A tagged --gpu --hugepages 6"
	assert_quota_tool "$B" 10 1 0 "B tagged --hugepages 10@1"
	assert_pool 1 16/16/16/0/0 "two quotas"
	assert_pool 0 0/0/0/0/0 "two quotas on node 1"

	world >"$KTAP_TMP/world.before"
	tool_refuses "node 1's pool has 16 pages, 16 held by other quotas; 1 is more" \
		tag "$T/c" --class training --hugepages 1@1
	tool_refuses "node 1's pool has 16 pages, 6 held by other quotas; 11 is more" \
		tag "$B" --class background --hugepages 11@1
	world >"$KTAP_TMP/world.after"
	if ! diff -u "$KTAP_TMP/world.before" "$KTAP_TMP/world.after" >"$KTAP_TMP/world.diff"; then
		sed 's/^/# /' "$KTAP_TMP/world.diff"
		fail "quotas over the pool changed something"
	fi

	map_hold "$KTAP_TMP/a1" "$A" -w 1 4M
	a1=$SPAWNED
	assert_quota "$A" 6 1 2 "A maps and touches 4 MiB"
	assert_pool 1 16/14/16/2/0 "A maps and touches 4 MiB"
	map_hold "$KTAP_TMP/a2" "$A/sub" 8M
	a2=$SPAWNED
	assert_quota "$A" 6 1 6 "A/sub maps 8 MiB, untouched"
	assert_pool 1 16/14/16/2/0 "A/sub maps 8 MiB, untouched"
	map_hold "$KTAP_TMP/b1" "$B" -w 2 20M
	b1=$SPAWNED
	assert_quota_tool "$B" 10 1 10 "B maps and touches 20 MiB"
	assert_quota_tool "$A" 6 1 6 "B maps and touches 20 MiB"
	assert_pool 1 16/4/16/12/0 "B maps and touches 20 MiB"

	kill_wait "$a1"
	await_pool 5 1 16/6/16/10/0 "A's touched 4 MiB unmapped"
	assert_quota "$A" 6 1 4 "A's touched 4 MiB unmapped"
	kill_wait "$a2"
	await_pool 5 1 16/6/16/10/0 "A/sub's untouched 8 MiB unmapped"
	assert_quota "$A" 6 1 0 "A/sub's untouched 8 MiB unmapped"
	kill_wait "$b1"
	await_pool 5 1 16/16/16/0/0 "B's 20 MiB unmapped"
	assert_quota "$B" 10 1 0 "B's 20 MiB unmapped"

	tag_gpu "$A" 0
	assert_quota_tool "$A" - - - "A tagged again with --hugepages 0"
	assert_pool 1 16/16/10/0/0 "A's quota dropped"
	aisched untag "$B"
	assert_pool 1 16/16/0/0/0 "B untagged"
}

# A quota of 5 with 2 mapped: 4 more is ENOMEM at mmap (nothing changes);
# exactly the 3 left fit, and then nothing more does.
test_exhaustion() {
	trap case_reset EXIT
	pool_size 1 16
	mkdir "$A"
	tag_gpu "$A" 5
	map_hold "$KTAP_TMP/a1" "$A" -w 1 4M
	a1=$SPAWNED
	assert_pool 1 16/14/5/2/0 "2 of the quota's 5 mapped"
	assert_pm "$A" mmap=ENOMEM -w 1 8M
	assert_eq "$PM_RC" 1 "poolmap's status after ENOMEM"
	assert_quota "$A" 5 1 2 "after an mmap over the quota"
	assert_pool 1 16/14/5/2/0 "after an mmap over the quota"
	map_hold "$KTAP_TMP/a2" "$A" -w 3 -c 3 6M
	a2=$SPAWNED
	assert_eq "$(head -n 1 "$KTAP_TMP/a2")" "mmap=ok check=ok" "the remainder, 6 MiB"
	assert_quota "$A" 5 1 5 "the quota used up"
	assert_pool 1 16/11/5/5/0 "the quota used up"
	assert_pm "$A" mmap=ENOMEM 2M
	assert_pool 1 16/11/5/5/0 "after 2 MiB more, refused"
	kill_wait "$a1" "$a2"
	await_pool 5 1 16/16/5/0/0 "both unmapped"
	assert_quota "$A" 5 1 0 "both unmapped"
}

# The pages come from the quota's node, not the CPUs': A runs on node 1's
# CPUs (its GPU), and with the quota moved to node 0 (allowed: nothing is
# mapped) every 4 KiB of the area is on node 0.
# assert_nodes NODE PM: 8 MiB mapped and written in $A lie on NODE, as
# move_pages(2) sees them (poolmap -n prints PM). From 6.12 no user-space
# interface sees the pages of a PFN map (move_pages, pagemap and
# numa_maps skip it): without the pin hook the pages are then counted in
# use on NODE's pool, and on no other, while a holder maps them.
assert_nodes() {
	if pool_refs_possible; then
		assert_pm "$A" "$2" -w 7 -n 8M
		return
	fi
	map_hold "$KTAP_TMP/nodes" "$A" -w 7 8M
	for _an in 0 1; do
		pool_fig "$_an"
		_an_want=0
		[ "$_an" != "$1" ] || _an_want=4
		assert_eq "$(echo "$POOL" | cut -d/ -f4)" "$_an_want" \
			"pages in use on node $_an while mapped"
	done
	kill_wait "$SPAWNED"
}

test_nodes() {
	trap case_reset EXIT
	pool_size 1 8
	pool_size 0 4
	mkdir "$A"
	tag_gpu "$A" 4
	assert_nodes 1 "mmap=ok node0=0 node1=2048 missing=0"
	tag_gpu "$A" 4@0
	assert_quota "$A" 4 0 0 "the quota moved to node 0"
	assert_pool 0 4/4/4/0/0 "the quota moved to node 0"
	assert_pool 1 8/8/0/0/0 "the quota moved to node 0"
	assert_eq "$(tag_field "$A" cpus)" "$(node_cpus 1)" "A's CPUs"
	assert_nodes 0 "mmap=ok node0=2048 node1=0 missing=0"
	assert_pool 0 4/4/4/0/0 "after the mapping on node 0"
}

# 64 MiB mapped and touched: the page tables do not grow with the area
# (one PMD entry per 2 MiB), where 64 MiB of 4 KiB anonymous pages need
# 128 kB of PTEs, measured in the same run. smaps: the area is
# /dev/aisched, not dumped (dd); a PFN map (pf) with Rss 0, or with the pin
# hook a normal mapping with Rss 64 MiB.
test_pmd() {
	trap case_reset EXIT
	pool_size 1 32
	mkdir "$A"
	tag_gpu "$A" 32
	pm "$A" -w 1 -v -s 64M
	pool=$PM
	pm "$A" -a -w 1 -v 64M
	anon=$PM
	ktap_diag "pool: $pool"
	ktap_diag "anonymous: $anon"
	assert_eq "${pool%% *}" mmap=ok "poolmap 64M"
	grew=$(($(field "$pool" vmpte_after) - $(field "$pool" vmpte_before)))
	base=$(($(field "$anon" vmpte_after) - $(field "$anon" vmpte_before)))
	[ "$base" -ge 128 ] ||
		fail "64 MiB of 4 KiB anonymous pages grew VmPTE by $base kB, not 128 or more"
	[ "$grew" -lt 128 ] ||
		fail "64 MiB of pool memory grew VmPTE by $grew kB, as 4 KiB pages would ($base kB)"
	assert_eq "$(field "$pool" smaps_name)" /dev/aisched "the area's name in smaps"
	flags=,$(field "$pool" smaps_flags),
	if kernel_has_hook pin; then
		assert_eq "$(field "$pool" smaps_rss)" 65536 "the area's Rss in smaps (kB)"
		case $flags in *,pf,*) fail "the area's VmFlags have pf: $flags" ;; esac
	else
		assert_eq "$(field "$pool" smaps_rss)" 0 "the area's Rss in smaps"
		case $flags in *,pf,*) ;; *) fail "the area's VmFlags lack pf: $flags" ;; esac
	fi
	case $flags in *,dd,*) ;; *) fail "the area's VmFlags lack dd: $flags" ;; esac
	assert_pool 1 32/32/32/0/0 "after both"
}

# A pool of 4 pages: A writes a pattern to all of them and exits; B, with
# the quota A had, gets the same 4 pages, and reads only zeros.
test_zero_on_reuse() {
	trap case_reset EXIT
	pool_size 1 4
	mkdir "$A" "$B"
	tag_gpu "$A" 4
	assert_pm "$A" "mmap=ok zero=yes check=ok" -z -w 165 -c 165 8M
	aisched untag "$A"
	tag_gpu "$B" 4
	assert_pm "$B" "mmap=ok zero=yes" -z 8M
	assert_pool 1 4/4/4/0/0 "after B"
}

# SIGKILL while the area is mapped and touched: every page and the charge
# come back, and the whole quota maps again.
test_kill() {
	trap case_reset EXIT
	pool_size 1 8
	mkdir "$A"
	tag_gpu "$A" 6
	map_hold "$KTAP_TMP/h" "$A" -w 7 12M
	pid=$SPAWNED
	assert_pool 1 8/2/6/6/0 "12 MiB mapped and touched"
	assert_quota "$A" 6 1 6 "12 MiB mapped and touched"
	kill_wait "$pid"
	await_pool 5 1 8/8/6/0/0 "killed"
	assert_quota "$A" 6 1 0 "killed"
	assert_pm "$A" "mmap=ok zero=yes" -z 12M
}

# fork shares the area: the child sees the parent's writes and the parent
# the child's. A child that outlives its parent keeps the pages, charged
# once; they come back when it exits.
test_fork() {
	trap case_reset EXIT
	pool_size 1 8
	mkdir "$A"
	tag_gpu "$A" 4
	assert_pm "$A" "mmap=ok fork_child=ok fork_shared=yes" -w 3 -f 8M
	assert_pool 1 8/8/4/0/0 "after the fork and both exits"
	map_hold "$KTAP_TMP/h" "$A" -w 9 -F 8M
	parent=$SPAWNED
	sharer=$(field "$(head -n 1 "$KTAP_TMP/h")" sharer)
	[ -n "$sharer" ] || fail "no sharer: $(cat "$KTAP_TMP/h")"
	assert_quota "$A" 4 1 4 "a parent and its child map 8 MiB"
	assert_pool 1 8/4/4/4/0 "a parent and its child map 8 MiB"
	kill_wait "$parent"
	assert_pool 1 8/4/4/4/0 "the parent killed, its child maps on"
	assert_quota "$A" 4 1 4 "the parent killed, its child maps on"
	assert_pm "$A" mmap=ENOMEM 2M
	kill -9 "$sharer"
	wait_until 5 gone "$sharer" || fail "the child $sharer did not exit"
	await_pool 5 1 8/8/4/0/0 "the child killed too"
	assert_quota "$A" 4 1 0 "the child killed too"
}

# One mapper of the stress: ROUNDS rounds in cgroup CG of, in turn: map,
# write and check, fork a child that checks and writes, exit; map, touch,
# fork a sharer, exit, kill the sharer; map and touch in the background and
# be killed at once (during mmap, the faults or after). Prints a line per
# unexpected result, then "rounds=N bad=B".
mapper() {
	# shellcheck disable=SC2016 # for the inner shell
	sh -c '
		echo $$ >"$1/cgroup.procs" || exit 126
		n=0 bad=0
		while [ "$n" -lt "$2" ]; do
			b=$((n % 250 + 1)) len=$((n % 2 * 2 + 2))M
			case $((n % 3)) in
			0)	out=$(poolmap -w "$b" -c "$b" -f "$len") || true
				want="mmap=ok check=ok fork_child=ok fork_shared=yes" ;;
			1)	out=$(poolmap -w "$b" -F "$len") || true
				s=${out#*sharer=}
				[ "$s" = "$out" ] || kill -9 "$s"
				while [ "$s" != "$out" ] && [ -d "/proc/$s" ] &&
					! grep -q "^State:.*Z" "/proc/$s/status" 2>/dev/null; do
					sleep 0.05
				done
				want="mmap=ok sharer=$s" ;;
			2)	poolmap -w "$b" "$len" >/dev/null &
				kill -9 $! 2>/dev/null || true
				wait $! 2>/dev/null || true
				out=ok want=ok ;;
			esac
			if [ "$out" != "$want" ]; then
				echo "round $n: $out"
				bad=$((bad + 1))
			fi
			n=$((n + 1))
		done
		echo "rounds=$n bad=$bad"' mapper "$@"
}

# WORKERS mappers in A at once, each with 2 mappings of 4 MiB at most
# alive (a sharer exits before its next round), while A is re-tagged with
# the same quota and the pool read over and over; reads see in use at most
# reserved. Afterwards every counter is back exactly, nothing held.
test_stress() {
	trap case_reset EXIT
	quota=$((WORKERS * 4))
	pool_size 1 "$quota"
	mkdir "$A"
	tag_gpu "$A" "$quota"
	start=$(date +%s)
	pids=
	i=0
	while [ "$i" -lt "$WORKERS" ]; do
		: >"$KTAP_TMP/mapper.$i"	# there before the loop below reads it
		mapper "$A" "$ROUNDS" >"$KTAP_TMP/mapper.$i" 2>&1 &
		pids="$pids $!"
		i=$((i + 1))
	done
	reads=0
	while :; do
		# A mapper is done when it has printed its count (or is gone).
		running=0 i=0
		for p in $pids; do
			last_line "$KTAP_TMP/mapper.$i"
			case $LAST in
			rounds=*) ;;
			*) ! kill -0 "$p" 2>/dev/null || running=1 ;;
			esac
			i=$((i + 1))
		done
		[ "$running" = 1 ] || break
		tag_gpu "$A" "$quota"
		pool_fig 1
		# total/free/reserved/in_use/held
		in_use=${POOL#*/*/*/} in_use=${in_use%/*}
		reserved=${POOL#*/*/} reserved=${reserved%%/*}
		[ "$in_use" -le "$reserved" ] || fail "in use above reserved: $POOL"
		reads=$((reads + 1))
	done
	for p in $pids; do
		wait "$p" || true
	done
	ktap_diag "$WORKERS mappers of $ROUNDS rounds: $(($(date +%s) - start)) s, $reads re-tags and reads"
	i=0
	while [ "$i" -lt "$WORKERS" ]; do
		last=$(tail -n 1 "$KTAP_TMP/mapper.$i")
		[ "$last" = "rounds=$ROUNDS bad=0" ] || {
			sed 's/^/# /' "$KTAP_TMP/mapper.$i"
			fail "mapper $i: $last"
		}
		i=$((i + 1))
	done
	await_pool 5 1 "$quota/$quota/$quota/0/0" "after the stress"
	assert_quota "$A" "$quota" 1 0 "after the stress"
}

# O_DIRECT from a loop device: into anonymous memory, the control, it
# works. With the pin hook it works into a fresh area too (the slow path
# faults the folio in and pins it); without it, EFAULT there (the lockless
# path finds no page, the slow path refuses the PFN map). Into a touched
# area it works either way (without the hook through the lockless path,
# above), and the pages come back after it.
test_pin_odirect() {
	dev=
	trap 'case_reset; [ -z "$dev" ] || losetup -d "$dev"' EXIT
	[ -e /dev/loop-control ] || modprobe loop 2>/dev/null ||
		skip "no loop driver: O_DIRECT needs a block device"
	dd if=/dev/urandom of="$KTAP_TMP/img" bs=1M count=2 2>/dev/null
	free_dev=$(losetup -f) || fail "no free loop device"
	losetup "$free_dev" "$KTAP_TMP/img" || fail "losetup $free_dev failed"
	dev=$free_dev
	pool_size 1 4
	mkdir "$A"
	tag_gpu "$A" 2
	assert_pm "$A" "mmap=ok odirect=ok" -a -d "$dev" 2M
	if kernel_has_hook pin; then
		assert_pm "$A" "mmap=ok odirect=ok" -d "$dev" 2M
	else
		assert_pm "$A" "mmap=ok odirect=EFAULT" -d "$dev" 2M
	fi
	if pool_refs_possible; then
		assert_pm "$A" "mmap=ok odirect=ok" -w 1 -d "$dev" 2M
	else
		assert_pm "$A" "mmap=ok odirect=EFAULT" -w 1 -d "$dev" 2M
	fi
	await_pool 5 1 4/4/2/0/0 "after the reads"
}

# An io_uring fixed buffer is a long-term pin, always through the slow
# path: EFAULT on the area fresh or touched; anonymous memory, the control,
# registers. With the pin hook the pin succeeds, and 6.1's io_uring then
# refuses the buffer as file-backed: EOPNOTSUPP; from 6.5 it registers.
test_pin_uring() {
	trap case_reset EXIT
	pool_size 1 4
	mkdir "$A"
	tag_gpu "$A" 2
	pm "$A" -a -R 4M
	case $PM in *uring_setup=*) skip "no io_uring: $PM" ;; esac
	assert_eq "$PM" "mmap=ok uring=ok" "poolmap -a -R 4M (anonymous memory)"
	# Without pin the area is VM_PFNMAP, which get_user_pages() refuses.
	# With it, 6.1's io_uring still refuses file-backed memory other than
	# hugetlbfs; from 6.5 it leaves the choice to get_user_pages(), and
	# the registration holds the pages until the ring is gone.
	want=EFAULT
	if kernel_has_hook pin; then
		want=EOPNOTSUPP
		! kernel_at_least 6 5 || want=ok
	fi
	assert_pm "$A" "mmap=ok uring=$want" -R 4M
	# A registered buffer holds its pages until the ring is freed, which
	# io_uring does in a worker after the process exits.
	await_pool 5 1 4/4/2/0/0 "after the first registration"
	assert_pm "$A" "mmap=ok uring=$want" -w 1 -R 4M
	await_pool 5 1 4/4/2/0/0 "after the registrations"
}

# vmsplice of a fresh area: EFAULT (without the pin hook). Of a touched
# one, into a FIFO that
# outlives the process: the pipe keeps references to 4 pages, which the
# pool holds (held, in use, not free) and keeps charged to the quota, for
# longer than its one-second check; the kernel log says so. Once the pipe
# is drained (the bytes are the area's) or closed, they come back within
# seconds.
test_held() {
	trap case_reset EXIT
	pool_size 1 8
	mkdir "$A"
	tag_gpu "$A" 6
	fifo=$KTAP_TMP/fifo
	mkfifo "$fifo"
	# The pipe's keeper, in $T/out: the FIFO open for reading and writing.
	# shellcheck disable=SC2016 # for the inner shell
	sh -c 'echo $$ >"$1/cgroup.procs" && exec sleep 1000 <>"$2"' keeper "$T/out" "$fifo" &
	keeper=$!
	wait_until 5 has_stdin "$keeper" "$fifo" || fail "the FIFO's keeper did not start"
	if ! kernel_has_hook pin; then
		assert_pm "$A" "mmap=ok vmsplice=EFAULT" -V "$fifo" 8M
		assert_pool 1 8/8/6/0/0 "after vmsplice of a fresh area"
	fi
	if ! pool_refs_possible; then
		# Nothing can reference the pages: nothing to hold.
		assert_pm "$A" "mmap=ok vmsplice=EFAULT" -w 90 -V "$fifo" 8M
		assert_pool 1 8/8/6/0/0 "after vmsplice of a touched area"
		return 0
	fi

	klog_mark
	assert_pm "$A" "mmap=ok vmsplice=16384" -w 90 -V "$fifo" 8M
	assert_pool 1 8/4/6/4/4 "the area gone, the pipe referencing 4 of its pages"
	assert_quota "$A" 6 1 4 "the area gone, the pipe referencing 4 of its pages"
	assert_pm "$A" mmap=ENOMEM 6M
	sleep 2
	assert_pool 1 8/4/6/4/4 "2 s later"
	klog_since |
		grep 'aisched: pool' >"$KTAP_TMP/log" || true
	assert_eq "$(cat "$KTAP_TMP/log")" \
		"aisched: pool: node 1: 4 unmapped pages are still referenced; held until released" \
		"the kernel log"
	head -c 16384 <"$fifo" >"$KTAP_TMP/data"
	assert_eq "$(wc -c <"$KTAP_TMP/data")" 16384 "bytes read from the pipe"
	assert_eq "$(tr -d Z <"$KTAP_TMP/data" | wc -c)" 0 "bytes other than the area's"
	await_pool 5 1 8/8/6/0/0 "the pipe drained"
	assert_quota "$A" 6 1 0 "the pipe drained"

	assert_pm "$A" "mmap=ok vmsplice=8192" -w 90 -V "$fifo" 4M
	assert_pool 1 8/6/6/2/2 "2 pages in the pipe"
	kill_wait "$keeper"
	await_pool 5 1 8/8/6/0/0 "the pipe closed"
	assert_quota "$A" 6 1 0 "the pipe closed"
}

ktap_begin 11
run_case test_quota_accounting
run_case test_exhaustion
run_case test_nodes
run_case test_pmd
run_case test_zero_on_reuse
run_case test_kill
run_case test_fork
run_case test_stress
run_case test_pin_odirect
run_case test_pin_uring
run_case test_held
ktap_end
