#!/usr/bin/env python3
"""Removes from wasm-bindgen's JavaScript glue the exported classes of the given names, in
place: each class, its `Symbol.dispose` line, its FinalizationRegistry, and any of
wasm-bindgen's enum tables only they read. For classes whose wasm exports
strip-wasm-exports.py removed: nothing could call them any more.

  strip-glue-classes.py GLUE.js CLASS...

Written for the unminified glue of wasm-bindgen 0.2.130 (`--target web`). Fails when a
class is not found whole (a new wasm-bindgen may lay the glue out otherwise: look again).
"""
import re
import sys


def strip(glue, name):
    """The glue without class `name`."""
    body = re.compile(
        rf"^export class {name} {{\n.*?^}}\n"
        rf"if \(Symbol\.dispose\) {name}\.prototype\[Symbol\.dispose\] = {name}\.prototype\.free;\n",
        re.MULTILINE | re.DOTALL,
    )
    registry = re.compile(rf"^const {name}Finalization = .*?;\n", re.MULTILINE | re.DOTALL)
    glue, classes = body.subn("", glue, count=1)
    glue, registries = registry.subn("", glue, count=1)
    if (classes, registries) != (1, 1) or name in glue:
        sys.exit(f"strip-glue-classes: class {name} not found whole in the glue")
    return glue


def without_unread_enums(glue):
    """The glue without the enum tables nothing reads any more."""
    for name in re.findall(r"^const (__wbindgen_enum_\w+) = ", glue, re.MULTILINE):
        if glue.count(name) == 1:
            glue = re.sub(rf"^const {name} = \[.*?\];\n", "", glue, flags=re.MULTILINE)
    return glue


def main():
    path, names = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as file:
        glue = file.read()
    for name in names:
        glue = strip(glue, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(without_unread_enums(glue))
    print(f"  removed {len(names)} classes from the glue: {' '.join(names)}")


if __name__ == "__main__":
    main()
