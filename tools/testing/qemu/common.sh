# SPDX-License-Identifier: GPL-2.0
#
# common.sh: what every host-side script of the test VM starts with. Source
# it after setting ME (the prefix of messages):
#
#	ME=aisched-vm
#	. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# Sets HERE (this directory), REPO (the repository) and BUILD_DIR (the
# build directory: $BUILD_DIR or <repo>/build, absolute, exported), and
# defines die MSG, say MSG, and usage (prints the script's leading comment
# block, from its third line, and exits 2).

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD_DIR=$(realpath -m "${BUILD_DIR:-$REPO/build}")
export BUILD_DIR

die() { echo "$ME: $*" >&2; exit 1; }
say() { echo "$ME: $*" >&2; }
usage() {
	awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0" >&2
	exit 2
}
