#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh: build the debug kernel of the test VM (KASAN, UBSAN,
# lockdep, kmemleak, KUnit as a module) from Debian's linux-source-6.1, once
# per cache key, and print its build directory.
#
# Usage: build-kernel.sh [-j JOBS] [--key] [--rebuild]
#
#   -j JOBS     parallel jobs (default: nproc)
#   --key       print the cache key and exit (builds nothing)
#   --rebuild   build again even if a complete build exists
#
# The configuration is allnoconfig + config/*.config (merged in name order
# with the tree's scripts/kconfig/merge_config.sh) + olddefconfig; a value a
# fragment asks for that the final .config lacks (a dependency dropped it)
# fails the build. The tree is a hard-linked copy of the unpacked package;
# if <repo>/patches/*.patch exist, they are applied to it in name order
# with patch -p1. The build is out of tree (make O=), with ccache if
# installed; targets bzImage and modules.
#
# Cache key: sha256 of the linux-source-6.1 package version, the compiler
# version, each fragment and each patch (names and contents) and this script;
# `--key` prints it. A build is complete when its stamp file exists, which
# is written last; a complete build is reused. Building a new key removes
# the builds of other keys.
#
# Environment: BUILD_DIR (default: <repo>/build). Layout:
#   $BUILD_DIR/linux-source-6.1/          the unpacked source (scripts/linux-source.sh)
#   $BUILD_DIR/debug-kernel/KEY/src/      hard-linked copy of it, patches applied
#   $BUILD_DIR/debug-kernel/KEY/obj/      the build (O=); printed on stdout
#   $BUILD_DIR/debug-kernel/KEY/build.log the full make output
#   $BUILD_DIR/debug-kernel/ccache/       CCACHE_DIR (unless set)
# In the printed directory DIR:
#   arch/x86/boot/bzImage      boot this: run.sh --kernel DIR/arch/x86/boot/bzImage
#                              (vmlinux has no PVH entry: see config/machine.config)
#   include/config/kernel.release   its release (uname -r), e.g. 6.1.192
#   lib/kunit/kunit.ko         KUnit; also lib/kunit/kunit-example-test.ko
#   Module.symvers, scripts/   for modules: make -C DIR M=/path/to/module
#   vmlinux                    with symbols, for faddr2line and gdb
#
# Progress goes to stderr, a line a stage; on failure the log's tail.
# Required packages: scripts/deps.sh kernel.
set -euo pipefail

ME=aisched-kernel
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CONFIG_DIR=$HERE/config
PATCH_DIR=$REPO/patches
ARCH=x86_64
export ARCH


jobs=$(nproc) print_key='' rebuild=''
while [ $# -gt 0 ]; do
	case $1 in
	-j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
	-j*) jobs=${1#-j}; shift ;;
	--key) print_key=1; shift ;;
	--rebuild) rebuild=1; shift ;;
	-h|--help) usage ;;
	*) echo "$ME: unknown argument $1" >&2; usage ;;
	esac
done
case $jobs in ''|*[!0-9]*|0) die "-j wants a number of jobs, not '$jobs'" ;; esac

# What the build needs (scripts/deps.sh kernel installs it): the kernel's
# host tools need flex, bison and bc; objtool (ORC unwinder) needs libelf.
missing=()
for c in make gcc flex bison bc patch xz; do
	command -v "$c" >/dev/null || missing+=("$c")
done
[ -e /usr/include/libelf.h ] || missing+=(libelf-dev)
dpkg-query -W linux-source-6.1 >/dev/null 2>&1 || missing+=(linux-source-6.1)
[ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (run scripts/deps.sh kernel)"

shopt -s nullglob
fragments=("$CONFIG_DIR"/*.config)
patches=("$PATCH_DIR"/*.patch)
shopt -u nullglob
[ ${#fragments[@]} -gt 0 ] || die "no config fragments in $CONFIG_DIR"

# Every value the fragments ask for, as symbol=value (n for "is not set");
# a symbol given twice with different values is an error too.
requested() {
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=\(.*\)$/\1=\2/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1=n/p' "$@"
}
conflicts=$(requested "${fragments[@]}" | sort -u | cut -d= -f1 | uniq -d)
[ -z "$conflicts" ] || die "fragments disagree on: ${conflicts//$'\n'/ }"

version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
compiler=$(gcc --version | head -n 1)
key=$(
	{
		echo "linux-source-6.1 $version"
		echo "$compiler"
		for f in "${fragments[@]}" "${patches[@]}" "${BASH_SOURCE[0]}"; do
			echo "== ${f##*/}"
			cat "$f"
		done
	} | sha256sum | cut -c 1-16
)
if [ -n "$print_key" ]; then
	echo "$key"
	exit 0
fi

top=$BUILD_DIR/debug-kernel
dir=$top/$key
src=$dir/src
out=$dir/obj
log=$dir/build.log
stamp=$out/.aisched-built
mkdir -p "$top"

# One build at a time per build directory: a second caller waits, then
# finds the build complete.
exec 9>"$top/.lock"
if ! flock -n 9; then
	say "waiting for another build in $top"
	flock 9
fi

if [ -z "$rebuild" ] && [ -f "$stamp" ]; then
	echo "$out"
	exit 0
fi

start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
: >"$log"

# Runs a step with its output in the log; on failure shows the tail.
step() {
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" | sed 's/^/  /' >&2
		die "failed: $* (full log: $log)"
	fi
}

# The source: a hard-linked copy of the unpacked package, so that the
# package's tree stays pristine, a new package version (which replaces
# that tree) leaves this build intact, and the paths ccache sees are the
# same for every key. patch(1) writes new files, which breaks the links of
# the files it changes.
pristine=$("$REPO/scripts/linux-source.sh" "$BUILD_DIR")
say "linux-source-6.1 $version, key $key${patches[*]:+, ${#patches[@]} patches}"
cp -al "$pristine" "$src"
for p in "${patches[@]}"; do
	say "applying ${p##*/}"
	step patch -p1 -N --no-backup-if-mismatch -d "$src" -i "$p"
done

# LOCALVERSION set (empty): no "+" for a tree setlocalversion takes as
# modified. ccache's base directory makes the paths it hashes relative, so
# that builds of other keys share its entries.
kmake=(make -C "$src" O="$out" LOCALVERSION=)
if command -v ccache >/dev/null; then
	export CCACHE_DIR=${CCACHE_DIR:-$top/ccache}
	export CCACHE_BASEDIR=$dir
	kmake+=(CC="ccache gcc")
fi

say "configuring: allnoconfig + ${fragments[*]##*/}"
mkdir -p "$out"
step "${kmake[@]}" allnoconfig
(cd "$out" && step "$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
	"${fragments[@]}") || exit 1
step "${kmake[@]}" olddefconfig

bad=0
while IFS='=' read -r sym want; do
	got=$(sed -n "s/^$sym=//p" "$out/.config")
	[ -n "$got" ] || got=n
	if [ "$got" != "$want" ]; then
		say "config: $sym=$want requested, but the .config has $sym=$got (a dependency is missing)"
		bad=1
	fi
done < <(requested "${fragments[@]}")
[ "$bad" -eq 0 ] || die "the fragments in $CONFIG_DIR do not hold after olddefconfig"

kver=$(make -s -C "$src" O="$out" LOCALVERSION= kernelrelease)
say "building $kver: bzImage modules, $jobs jobs (log: $log)"
step "${kmake[@]}" -j"$jobs" bzImage modules

for f in vmlinux arch/x86/boot/bzImage lib/kunit/kunit.ko Module.symvers \
	include/config/kernel.release; do
	[ -s "$out/$f" ] || die "the build has no $f (log: $log)"
done
printf 'key %s\nrelease %s\nbuilt %s\n' "$key" "$kver" "$(date -u +%FT%TZ)" >"$stamp"

# Builds of other keys are stale.
for d in "$top"/*/; do
	d=${d%/}
	case ${d##*/} in "$key"|ccache) continue ;; esac
	[ -d "$d/obj" ] || [ -d "$d/src" ] || continue
	rm -rf "$d"
done

say "built $kver in $(( $(date +%s) - start ))s"
echo "$out"
