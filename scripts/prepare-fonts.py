#!/usr/bin/env python3
"""Prepare the fonts the renderer loads from Fonts/.

cairo 1.16 (Debian 12) mis-embeds the CFF outlines of Noto Sans CJK: 如 comes out as a blank
.notdef in Regular, and some glyph mixes make it embed every subroutine (~1 MB per PDF). We
convert the Simplified Chinese face of Debian's fonts-noto-cjk to TrueType outlines (cu2qu), which
cairo subsets cleanly, and copy fonts-hanazono (TrueType already) as the fallback for CJK
Extension B and beyond. Run by scripts/setup.sh; about 40 s per Noto face.

Usage: prepare-fonts.py OUT_DIR
"""
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
SC_FACE = 2  # face 2 of the Noto Sans CJK collections is Simplified Chinese
NOTO_FACES = {"Regular": "NotoSansCJKsc-Regular.ttf", "Bold": "NotoSansCJKsc-Bold.ttf"}
FALLBACKS = ["HanaMinA.ttf", "HanaMinB.ttf"]
MAX_ERR = 1.0  # font units; the em is 1000


def to_quadratic(glyph_set):
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    result = {}
    for name in glyph_set.keys():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        result[name] = tt_pen.glyph()
    return result


def convert(weight: str, out_dir: Path) -> str:
    from fontTools.ttLib import TTFont, newTable

    source = NOTO_DIR / f"NotoSansCJK-{weight}.ttc"
    target = out_dir / NOTO_FACES[weight]
    font = TTFont(source, fontNumber=SC_FACE, lazy=False)
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = to_quadratic(font.getGlyphSet())
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    tmp = target.with_suffix(".tmp")
    font.save(tmp)
    tmp.rename(target)
    return f"{target.name}: {target.stat().st_size // 1024} KiB"


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "Fonts")
    out_dir.mkdir(parents=True, exist_ok=True)
    missing = [w for w, name in NOTO_FACES.items() if not (out_dir / name).exists()]
    for name in FALLBACKS:
        if not (out_dir / name).exists():
            shutil.copyfile(HANAZONO_DIR / name, out_dir / name)
    if missing:
        print(f"preparing TrueType-outline Noto Sans CJK SC ({', '.join(missing)}), ~40 s each…",
              flush=True)
        with ProcessPoolExecutor(max_workers=2) as pool:
            for line in pool.map(convert, missing, [out_dir] * len(missing)):
                print("  " + line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
