#!/usr/bin/env python3
"""Checks the console's rooms (src/lib.rs lists them, in order): a module uses only the
rooms listed before its own, and a page uses no other page. Prints each breach; exits 1
if there is one."""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"
ROOMS = re.findall(r"^//! - `(\w+)`:", (SRC / "lib.rs").read_text(), re.MULTILINE)


def room_and_page(path):
    parts = path.relative_to(SRC).with_suffix("").parts
    page = parts[1] if parts[0] == "pages" and len(parts) > 1 else None
    return parts[0], page


def breaches():
    for path in sorted(SRC.rglob("*.rs")):
        room, page = room_and_page(path)
        if room not in ROOMS:
            continue
        text = path.read_text()
        for used in sorted(set(re.findall(r"\bcrate::(\w+)", text))):
            if used in ROOMS and ROOMS.index(used) > ROOMS.index(room):
                yield f"{path.relative_to(SRC)}: the {room} room uses {used}, listed after it in src/lib.rs"
        for other in sorted(set(re.findall(r"\bcrate::pages::(\w+)", text))):
            if page and other != page:
                yield f"{path.relative_to(SRC)}: the page {page} uses the page {other}"


def main():
    if len(ROOMS) < 5:
        sys.exit("src/lib.rs lists no rooms (lines '//! - `room`: …')")
    found = list(breaches())
    for breach in found:
        print(breach)
    if found:
        sys.exit(1)
    print(f"rooms: {', '.join(ROOMS)}; each uses only those before it, and no page another page")


if __name__ == "__main__":
    main()
