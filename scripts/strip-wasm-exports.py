#!/usr/bin/env python3
"""Removes from a WebAssembly module the exports whose names start with one of the given
prefixes (wasm-bindgen's `__wbg_` free functions of the same classes included), in place.
Whatever only those exports reached is then dead code for wasm-opt to remove.

  strip-wasm-exports.py MODULE.wasm PREFIX...

Prints the exports removed; fails when none matched (a dependency that stopped exporting
them should be noticed, and this step dropped).
"""
import sys

EXPORT_SECTION = 7


def read_leb128(data, at):
    """An unsigned LEB128 number at `at`: (value, position after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def leb128(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def strip(module, prefixes):
    """The module without the matching exports, and their names."""
    names = tuple(prefix.encode() for prefix in prefixes) + tuple(b"__wbg_" + prefix.encode() for prefix in prefixes)
    out, at, removed = bytearray(module[:8]), 8, []
    while at < len(module):
        section = module[at]
        size, start = read_leb128(module, at + 1)
        body, at = module[start:start + size], start + size
        if section == EXPORT_SECTION:
            count, position = read_leb128(body, 0)
            kept = []
            for _ in range(count):
                entry = position
                length, position = read_leb128(body, position)
                name = body[position:position + length]
                position += length + 1  # the name, then the kind of export
                _, position = read_leb128(body, position)  # its index
                if name.startswith(names):
                    removed.append(name.decode())
                else:
                    kept.append(body[entry:position])
            body = leb128(len(kept)) + b"".join(kept)
        out += bytes([section]) + leb128(len(body)) + body
    return bytes(out), removed


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, prefixes = sys.argv[1], sys.argv[2:]
    with open(path, "rb") as file:
        module = file.read()
    if module[:4] != b"\0asm":
        sys.exit(f"{path}: not a WebAssembly module")
    stripped, removed = strip(module, prefixes)
    if not removed:
        sys.exit(f"{path}: no export starts with {', '.join(prefixes)}")
    with open(path, "wb") as file:
        file.write(stripped)
    print(f"  removed {len(removed)} exports: {' '.join(removed)}")


if __name__ == "__main__":
    main()
