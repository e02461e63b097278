#!/usr/bin/env python3
"""Measure which Han blocks (and the separators of minority names) a set of fonts covers.

Prints a Markdown table: for each block, the number of assigned code points and how many of them
each font's cmap maps, and how many the fonts cover together. The blocks are those of Unicode 15.1
(Python's unicodedata may be older, so the assigned ranges are written out here).
Fonts/README.md records the table for the fonts the renderer loads.

Usage: font-coverage.py FONT [FONT ...]
"""
import sys
from pathlib import Path

# (name, assigned ranges as inclusive pairs)
BLOCKS = [
    ("CJK Unified Ideographs", [(0x4E00, 0x9FFF)]),
    ("Extension A", [(0x3400, 0x4DBF)]),
    ("Extension B", [(0x20000, 0x2A6DF)]),
    ("Extension C", [(0x2A700, 0x2B739)]),
    ("Extension D", [(0x2B740, 0x2B81D)]),
    ("Extension E", [(0x2B820, 0x2CEA1)]),
    ("Extension F", [(0x2CEB0, 0x2EBE0)]),
    ("Extension G", [(0x30000, 0x3134A)]),
    ("Extension H", [(0x31350, 0x323AF)]),
    ("Extension I", [(0x2EBF0, 0x2EE5D)]),
    ("Compatibility Ideographs", [(0xF900, 0xFA6D), (0xFA70, 0xFAD9)]),
    ("Compatibility Ideographs Supplement", [(0x2F800, 0x2FA1D)]),
]

# Separators seen in minority names (GB/T 28039 prescribes U+00B7; the others are what people type).
SEPARATORS = [0x00B7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF0E, 0xFF65, 0x2E31, 0x16EB]


def cmap_of(path: Path) -> set[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True, fontNumber=0)
    return set(font.getBestCmap().keys())


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]]
    if not paths:
        sys.exit(__doc__)
    cmaps = [cmap_of(p) for p in paths]
    union = set().union(*cmaps)
    names = [p.name for p in paths]
    print("| block | assigned | " + " | ".join(names) + " | together | missing |")
    print("| --- | ---: | " + " | ".join("---:" for _ in names) + " | ---: | ---: |")
    for name, ranges in BLOCKS:
        points = [c for lo, hi in ranges for c in range(lo, hi + 1)]
        counts = [sum(1 for c in points if c in cmap) for cmap in cmaps]
        together = sum(1 for c in points if c in union)
        span = ", ".join(f"U+{lo:04X}–U+{hi:04X}" for lo, hi in ranges)
        print(f"| {name} ({span}) | {len(points)} | " + " | ".join(str(n) for n in counts)
              + f" | {together} | {len(points) - together} |")
    for c in SEPARATORS:
        marks = ["yes" if c in cmap else "—" for cmap in cmaps]
        print(f"| separator U+{c:04X} {chr(c)} | 1 | " + " | ".join(marks)
              + f" | {'yes' if c in union else '—'} | {0 if c in union else 1} |")


if __name__ == "__main__":
    main()
