#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-layer.sh: the per-commit layer of the system guest, a small ext4
# image (mke2fs -d) from built artifacts; it builds nothing itself. The
# guest's initramfs mounts it read-only and runs its install.sh before
# systemd starts (see boot-init).
#
# Usage: build-layer.sh --module KO --tool BIN [options] -o IMAGE
#
#   --module KO      the built aisched.ko, for the guest's kernel
#   --tool BIN       the aisched tool, as make builds it (the root image has
#                    its libraries) or linked statically
#   --man FILE       the man page (default: userspace/aisched.8)
#   --test-bin DIR   test helpers, to /usr/lib/aisched/tests/bin (on PATH)
#   --tests DIR      guest tests (default: tools/testing/selftests/aisched),
#                    its *.sh files to /usr/lib/aisched/tests
#   --script FILE    what aisched_vm.mode=script runs
#   --kver KVER      the release the module is for (default: its vermagic)
#   --modules ROOT   the guest kernel's module tree, ROOT/lib/modules/KVER
#                    (build-boot.sh's tree/): depmod runs here on it with
#                    aisched.ko in extra/, and the guest gets its result
#   -o, --output F   the image
#
# The image holds /kver, /install.sh and /vm/ (from system/layer/), and
# module/, tool/, man/, tests/, depmod/ and script.
#
# Why depmod runs on the host: make install's depmod reads every module of
# the tree, about 4,000 of them, which takes a minute under TCG. Run here on
# the same tree (plus aisched.ko where make install puts it) it takes a
# second or two, and install.sh copies its modules.* files into the
# guest's /lib/modules/KVER where depmod would have written them.
set -euo pipefail

ME=aisched-layer
# shellcheck source=SCRIPTDIR/../common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
SYS=$HERE/system

module='' tool='' man=$REPO/userspace/aisched.8 testbin='' script='' kver='' out='' modules=''
tests=$REPO/tools/testing/selftests/aisched
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || case $1 in -h|--help) usage ;; *) echo "$ME: $1 needs an argument" >&2; usage ;; esac
	case $1 in
	--module) module=$2 ;;
	--tool) tool=$2 ;;
	--man) man=$2 ;;
	--test-bin) testbin=$2 ;;
	--tests) tests=$2 ;;
	--script) script=$2 ;;
	--kver) kver=$2 ;;
	--modules) modules=$2 ;;
	-o|--output) out=$2 ;;
	*) echo "$ME: unknown option $1" >&2; usage ;;
	esac
	shift 2
done
[ -n "$out" ] || die "no output given (-o IMAGE)"
[ -n "$module" ] && [ -f "$module" ] || die "module '$module' not found (--module aisched.ko; build it first)"
[ -n "$tool" ] && [ -f "$tool" ] || die "tool '$tool' not found (--tool aisched; build it first)"
[ -f "$man" ] || die "man page $man not found"
[ -z "$testbin" ] || [ -d "$testbin" ] || die "test binary directory $testbin not found"
[ -d "$tests" ] || die "test directory $tests not found"
[ -z "$script" ] || [ -f "$script" ] || die "script $script not found"
command -v mke2fs >/dev/null || die "mke2fs is not installed (scripts/deps.sh system)"
[ -n "$modules" ] || die "no module tree given (--modules ROOT, from build-boot.sh)"
if [ -z "$kver" ]; then
	kver=$(modinfo -F vermagic "$module" | awk '{ print $1 }')
	[ -n "$kver" ] || die "cannot read the vermagic of $module (pass --kver)"
fi

out=$(realpath -m "$out")
stage=$out.d
rm -rf "$stage"
mkdir -p "$stage"/{module,tool,man,tests,vm}
echo "$kver" >"$stage/kver"
install -m 0755 "$SYS/layer/install.sh" "$stage/install.sh"
install -m 0755 "$SYS/layer/run" "$stage/vm/run"
install -m 0644 "$SYS/layer/aisched-vm.service" "$stage/vm/aisched-vm.service"
install -m 0644 "$module" "$stage/module/aisched.ko"
install -m 0755 "$tool" "$stage/tool/aisched"
install -m 0644 "$man" "$stage/man/aisched.8"
shopt -s nullglob
for t in "$tests"/*.sh; do
	install -m 0755 "$t" "$stage/tests/"
done
shopt -u nullglob
mkdir -p "$stage/tests/bin"
[ -z "$testbin" ] || cp -a "$testbin/." "$stage/tests/bin/"
[ -z "$script" ] || install -m 0755 "$script" "$stage/script"

# depmod, as make install runs it, on the guest's tree: its directories
# linked, the files depmod reads copied, aisched.ko in extra/.
tree=$modules/lib/modules/$kver
[ -d "$tree/kernel" ] || die "no module tree of $kver in $modules"
tree=$(realpath "$tree")
dm=$stage.depmod
rm -rf "$dm"
mkdir -p "$dm/lib/modules/$kver"
for f in "$tree"/*; do
	case ${f##*/} in
	modules.order|modules.builtin|modules.builtin.modinfo) cp "$f" "$dm/lib/modules/$kver/" ;;
	modules.*) ;;
	*) ln -s "$f" "$dm/lib/modules/$kver/" ;;
	esac
done
install -D -m 0644 "$module" "$dm/lib/modules/$kver/extra/aisched.ko"
depmod -b "$dm" "$kver" || die "depmod failed"
mkdir -p "$stage/depmod"
cp "$dm/lib/modules/$kver"/modules.* "$stage/depmod/"
rm -rf "$dm"

used=$(du -sm "$stage" | cut -f1)
mkdir -p "$(dirname "$out")"
mke2fs -q -F -t ext4 -O ^has_journal -L aisched-layer -m 0 -E root_owner=0:0 -d "$stage" \
	"$out.tmp" "$((used * 2 + 16))M" >&2 || die "mke2fs failed"
mv "$out.tmp" "$out"
rm -rf "$stage"
echo "$ME: $out ($kver, $used MiB)" >&2
