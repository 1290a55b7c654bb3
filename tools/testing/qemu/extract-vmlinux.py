#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# extract-vmlinux.py: write the uncompressed kernel ELF held in a bzImage.
#
# Usage: extract-vmlinux.py BZIMAGE VMLINUX
#
# QEMU boots such an ELF directly through its PVH entry point (CONFIG_PVH),
# which skips the decompression of the bzImage: under TCG that saves about
# 3 s of every boot of Debian's xz-compressed kernel. Handles xz and gzip
# payloads, and zstd (Debian's 6.12 and 7.x) through the zstd program.
# Exit status: 0 written, 1 no payload found, 2 bad usage.

import gzip
import lzma
import os
import shutil
import subprocess
import sys
import zlib

ELF_MAGIC = b"\x7fELF"


def candidates(image):
    for magic, unpack in ((b"\xfd7zXZ\x00", xz), (b"\x1f\x8b\x08", gz),
                          (b"\x28\xb5\x2f\xfd", zstd)):
        at = image.find(magic)
        while at >= 0:
            yield at, unpack
            at = image.find(magic, at + 1)


def xz(data):
    return lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data)


def gz(data):
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)


def zstd(data):
    # The payload is followed by the rest of the bzImage: zstd stops at the
    # end of its frame, and complains about what follows.
    if not shutil.which("zstd"):
        raise EOFError("no zstd program")
    out = subprocess.run(["zstd", "-dc"], input=data, capture_output=True)
    if not out.stdout:
        raise EOFError("zstd: " + out.stderr.decode(errors="replace").strip())
    return out.stdout


def main(argv):
    if len(argv) != 2:
        print("usage: extract-vmlinux.py BZIMAGE VMLINUX", file=sys.stderr)
        return 2
    src, dst = argv
    with open(src, "rb") as f:
        image = f.read()
    for at, unpack in candidates(image):
        try:
            elf = unpack(image[at:])
        except (lzma.LZMAError, zlib.error, gzip.BadGzipFile, EOFError):
            continue
        if elf.startswith(ELF_MAGIC):
            with open(dst + ".tmp", "wb") as f:
                f.write(elf)
            os.replace(dst + ".tmp", dst)
            return 0
    print("extract-vmlinux: %s: no xz, gzip or zstd compressed ELF found" % src,
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
