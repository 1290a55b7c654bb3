#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: what `run.sh --demo` runs in the guest, with the module loaded.
# A placeholder: it shows that the module and the tool are there.
set -eu

echo "== aisched info"
aisched info
echo "== lsmod"
lsmod
