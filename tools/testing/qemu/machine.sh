# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034,SC2054 # VM_ARGS is the output; commas are QEMU's
#
# machine.sh: the one definition of the aisched test VM. Sourced by run.sh;
# every mode boots exactly this machine.
#
#   aisched_vm_args KERNEL INITRD CONSOLE RESULT APPEND [NODE_MEM]
#
# sets the bash array VM_ARGS to a QEMU command line (without the binary):
#   KERNEL   bzImage to boot
#   INITRD   initramfs (newc cpio, gzip; possibly several concatenated)
#   CONSOLE  id of a chardev the caller defines, wired to ttyS0 (console)
#   RESULT   host file that receives ttyS1 (the one-line result token)
#   APPEND   extra kernel command line, after the defaults (so it can
#            override them)
#   NODE_MEM memory of each node, NM or NG (default 1G; the benchmarks
#            boot with more, see check.sh)
#
# The machine: TCG, i440FX, 4 CPUs in 2 sockets, 2 NUMA nodes of 1 GiB
# (NODE_MEM; CPUs 0-1 on node 0, 2-3 on node 1; one socket per node,
# because a socket split across nodes makes topology_sane() WARN), an
# emulated GPU (bochs-display, PCI class 0x038000) behind a PCI expander
# bridge on node 1, and a second one (secondary-vga, the same class) on the
# root bus, which reports no node (-1), as most real machines' devices do.
# No network, no VGA, no reboot: a panic (panic=-1) ends QEMU.

# TCG runs the vCPUs in one host thread by default: with a thread per vCPU
# a vCPU can run a stale translation of kernel text that another one has
# just patched (a static key flipped by text_poke_bp()), and the guest
# dies of "Oops: int3" or stalls (Debian's 6.12 and 7.x kernels both did in
# their first run). On 2 host cores a suite is no slower single-threaded.
# AISCHED_VM_TCG_THREAD=multi brings the threads back.

AISCHED_VM_CMDLINE="console=ttyS0 panic_on_warn=1 panic=-1 oops=panic printk.time=1"

aisched_vm_args() {
	local kernel=$1 initrd=$2 console=$3 result=$4 append=$5 node_mem=${6:-1G}
	local mib=${node_mem%[MG]}

	[ "${node_mem%G}" = "$node_mem" ] || mib=$((mib * 1024))
	VM_ARGS=(
		-accel "tcg,thread=${AISCHED_VM_TCG_THREAD:-single}" -M pc
		-smp 4,sockets=2,cores=2,threads=1 -m "$((2 * mib))M"
		-object "memory-backend-ram,id=m0,size=${mib}M"
		-object "memory-backend-ram,id=m1,size=${mib}M"
		-numa node,nodeid=0,cpus=0-1,memdev=m0
		-numa node,nodeid=1,cpus=2-3,memdev=m1
		-device pxb,id=pxb1,bus_nr=10,numa_node=1,bus=pci.0
		-device bochs-display,bus=pxb1
		-device secondary-vga,bus=pci.0
		-vga none -net none -nographic -no-reboot
		-serial "chardev:$console"
		-serial "file:$result"
		-kernel "$kernel" -initrd "$initrd"
		-append "$AISCHED_VM_CMDLINE${append:+ $append}"
	)
}

# aisched_vm_disk FILE SERIAL ro|snapshot ADDR
#
# adds to VM_ARGS (after aisched_vm_args) a virtio disk of raw image FILE,
# which the guest finds by its serial number SERIAL
# (/sys/block/vdX/serial), at slot ADDR of the root bus: the system guest's
# disks (system/boot-init). ro: read-only; snapshot: writable, but the
# writes go to a temporary file that QEMU drops at exit, so FILE (a cached
# image) stays as it is. The disks sit at slots from 0x10 up, after every
# device of aisched_vm_args, so the GPUs' addresses are the same in both
# guests.
aisched_vm_disk() {
	local file=$1 serial=$2 how=$3 addr=$4 opt

	case $how in
	ro) opt=readonly=on ;;
	snapshot) opt=snapshot=on ;;
	*) echo "aisched_vm_disk: $how: not ro or snapshot" >&2; return 1 ;;
	esac
	VM_ARGS+=(
		-drive "file=$file,format=raw,if=none,id=$serial,cache=unsafe,$opt"
		-device "virtio-blk-pci,drive=$serial,serial=$serial,bus=pci.0,addr=$addr"
	)
}
