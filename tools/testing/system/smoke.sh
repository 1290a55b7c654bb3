#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# smoke.sh: the system guest is the system the integration tests assume.
# Runs in it (make sysrun SCRIPT=tools/testing/system/smoke.sh), as root,
# and prints one KTAP document (the guest tests' lib.sh):
#
#   - PID 1 is systemd, and the boot ends "running": no unit failed;
#   - make install's layout: aisched.ko in /lib/modules/KVER/extra with its
#     modules.dep entry, the tool in /usr/local/sbin with its libraries,
#     the man page in /usr/local/share/man/man8;
#   - aisched.ko loaded at boot by systemd-modules-load
#     (/etc/modules-load.d/aisched.conf); `aisched info` shows the two
#     nodes and `aisched gpus` the GPU behind the expander bridge on node 1
#     and the one on the root bus with no node;
#   - munge, slurmctld and slurmd running from their Debian units, the node
#     idle with its two GPUs, `srun hostname` answering and its step in
#     the cgroup that slurmd asked systemd for over D-Bus
#     (aisched-vm_slurmstepd.scope);
#   - podman, crun and runc run; node_exporter serves its metrics.
set -eu
# shellcheck source=/dev/null # the guest tests' lib.sh, in the guest
. "$AISCHED_TESTDIR/lib.sh"
# shellcheck disable=SC2034 # lib.sh's: the script runs as /usr/lib/aisched-vm/script
KTAP_NAME=smoke.sh

KVER=$(uname -r)

test_pid1_is_systemd() {
	assert_eq "$(cat /proc/1/comm)" systemd "PID 1"
	case $(readlink /proc/1/exe) in
	*/systemd) ;;
	*) fail "PID 1 runs $(readlink /proc/1/exe)" ;;
	esac
}

test_system_running() {
	state=$(timeout 120 systemctl is-system-running --wait) || true
	if [ "$state" != running ]; then
		systemctl --failed --no-legend --plain | sed 's/^/# failed: /'
		fail "the system is '$state', not running"
	fi
}

test_make_install_layout() {
	ko=/lib/modules/$KVER/extra/aisched.ko
	[ -f "$ko" ] || fail "no $ko"
	grep -q '^extra/aisched.ko:' "/lib/modules/$KVER/modules.dep" ||
		fail "modules.dep has no entry for extra/aisched.ko"
	assert_eq "$(modinfo -n aisched)" "$ko" "modinfo -n aisched"
	[ -x /usr/local/sbin/aisched ] || fail "no /usr/local/sbin/aisched"
	assert_eq "$(command -v aisched)" /usr/local/sbin/aisched "the tool on PATH"
	if ldd /usr/local/sbin/aisched 2>&1 | grep 'not found'; then
		fail "the tool's libraries are missing"
	fi
	[ -f /usr/local/share/man/man8/aisched.8 ] || fail "no man page in /usr/local/share/man/man8"
}

test_module_loaded_at_boot() {
	[ -d /sys/module/aisched ] || fail "aisched is not loaded"
	assert_eq "$(cat /etc/modules-load.d/aisched.conf)" aisched "modules-load.d entry"
	# Its messages may come before journald, through the kernel log: by
	# their identifier, not by unit.
	journalctl -b -o cat -t systemd-modules-load | grep -q "Inserted module 'aisched'" ||
		fail "systemd-modules-load did not load aisched"
	assert_eq "$(systemctl show -P Result systemd-modules-load.service)" success \
		"systemd-modules-load's result"
}

test_info_two_nodes() {
	out=$(aisched info --json) || fail "aisched info failed"
	ktap_diag "$(aisched info | tr '\n' ';')"
	for n in 0 1; do
		aisched info --node "$n" >/dev/null || fail "aisched info --node $n failed"
	done
	[ "$(cat /sys/devices/system/node/online)" = 0-1 ] || fail "nodes online: $(cat /sys/devices/system/node/online)"
	echo "$out" | grep -q '"nodes"' || fail "no nodes in aisched info --json: $out"
}

test_gpus() {
	out=$(aisched gpus) || fail "aisched gpus failed"
	echo "$out" | sed 's/^/# /'
	echo "$out" | grep -Eq '0000:0b:00\.0 .* 1( |$)' ||
		echo "$out" | grep -E '0000:0b:00\.0' | grep -Eq '[[:space:]]1[[:space:]]' ||
		fail "no GPU 0000:0b:00.0 on node 1"
	echo "$out" | grep -q '0000:00:03\.0' || fail "no GPU 0000:00:03.0 on the root bus"
}

test_munge() {
	assert_eq "$(systemctl is-active munge.service)" active "munge.service"
	munge -n | unmunge >/dev/null || fail "munge -n | unmunge failed"
}

test_slurm_daemons() {
	for u in slurmctld slurmd; do
		assert_eq "$(systemctl is-active "$u.service")" active "$u.service"
	done
	# slurmd registers with slurmctld shortly after it starts.
	i=0
	while [ "$(sinfo -h -N -o %T 2>/dev/null)" != idle ] && [ "$i" -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	state=$(sinfo -h -N -o %T)
	[ "$state" = idle ] || fail "the node is '$state', not idle"
	gres=$(scontrol show node aisched-vm | sed -n 's/^ *Gres=\([^ ]*\).*/\1/p')
	assert_eq "$gres" gpu:2 "the node's GRES"
}

test_srun() {
	out=$(timeout 120 srun -N1 -n1 hostname 2>&1) || fail "srun hostname: $out"
	assert_eq "$out" aisched-vm "srun hostname"
	cg=$(timeout 120 srun -N1 -n1 cat /proc/self/cgroup 2>&1) || fail "srun cat /proc/self/cgroup: $cg"
	ktap_diag "step cgroup: $cg"
	# Debian builds Slurm with --enable-multiple-slurmd, which names the
	# scope after the node: aisched-vm_slurmstepd.scope.
	case $cg in
	0::/system.slice/aisched-vm_slurmstepd.scope/job_*/step_0/user/task_0) ;;
	*) fail "the step's cgroup is '$cg', not under aisched-vm_slurmstepd.scope" ;;
	esac
	assert_eq "$(systemctl is-active aisched-vm_slurmstepd.scope)" active \
		"the scope slurmd asked systemd for"
}

test_container_runtimes() {
	for c in podman crun runc; do
		v=$("$c" --version 2>&1 | head -n 1) || fail "$c --version: $v"
		ktap_diag "$v"
	done
}

test_node_exporter() {
	assert_eq "$(systemctl is-active prometheus-node-exporter.service)" active \
		prometheus-node-exporter.service
	# No curl in the image: bash's /dev/tcp.
	i=0
	until out=$(bash -c 'exec 3<>/dev/tcp/127.0.0.1/9100 &&
		printf "GET /metrics HTTP/1.0\r\n\r\n" >&3 && cat <&3' 2>/dev/null) &&
		echo "$out" | grep -q '^node_exporter_build_info'; do
		[ "$i" -lt 30 ] || fail "no node_exporter_build_info on 127.0.0.1:9100"
		sleep 1
		i=$((i + 1))
	done
}

ktap_begin 11
run_case test_pid1_is_systemd
run_case test_system_running
run_case test_make_install_layout
run_case test_module_loaded_at_boot
run_case test_info_two_nodes
run_case test_gpus
run_case test_munge
run_case test_slurm_daemons
run_case test_srun
run_case test_container_runtimes
run_case test_node_exporter
ktap_end
