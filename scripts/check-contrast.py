#!/usr/bin/env python3
"""Checks WCAG 2.1 AA contrast (4.5:1 for text) of every text/background pair of colour
custom properties that style/main.css uses, in the light and the dark theme."""
import re
import sys
from pathlib import Path

CSS = (Path(__file__).resolve().parent.parent / "style" / "main.css").read_text()
# (text, background) pairs as the stylesheet combines them.
PAIRS = [
    ("text", "bg"), ("text", "surface"), ("text", "surface-sunken"), ("text", "accent-soft"), ("text", "attention-soft"),
    ("muted", "bg"), ("muted", "surface"), ("muted", "surface-sunken"),
    ("accent", "bg"), ("accent", "surface"), ("accent-text", "accent"),
    ("danger", "surface"), ("danger", "danger-soft"), ("good", "surface"), ("good", "good-soft"),
    ("attention", "attention-soft"), ("running", "running-soft"),
    # rows awaiting approval: links and result counts on the highlighted background
    ("accent", "attention-soft"), ("danger", "attention-soft"), ("good", "attention-soft"),
]


def variables(start):
    block = CSS[CSS.index(start):]
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block[:block.index("}")]))


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


light = variables(":root {")
themes = {"light": light, "dark": {**light, **variables("@media (prefers-color-scheme: dark) {")}}
failures = 0
for name, theme in themes.items():
    ratios = sorted((ratio(theme[text], theme[background]), text, background) for text, background in PAIRS)
    for value, text, background in ratios:
        if value < 4.5:
            failures += 1
            print(f"FAIL {name}: --{text} on --{background} is {value:.2f}:1, below 4.5:1")
    print(f"{name} theme: lowest contrast {ratios[0][0]:.2f}:1 (--{ratios[0][1]} on --{ratios[0][2]}), {len(PAIRS)} pairs")
sys.exit(1 if failures else 0)
