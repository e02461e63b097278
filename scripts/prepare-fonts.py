#!/usr/bin/env python3
"""Prepare the fonts the renderer loads from Fonts/.

cairo 1.16 (Debian 12) mis-embeds the CFF outlines of Noto Sans CJK: 如 comes out as a blank
.notdef in Regular, and some glyph mixes make it embed every subroutine (~1 MB per PDF). We
convert the Simplified Chinese face of Debian's fonts-noto-cjk to TrueType outlines (cu2qu), which
cairo subsets cleanly, and copy fonts-hanazono (TrueType already) as the fallback for CJK
Extension B and beyond. Run by scripts/setup.sh; about 40 s per Noto face.

Noto and Hanazono together lack about 3,800 ideographs of CJK Extensions G and H that people's
names can hold. fonts-babelstone-han has some 5,300 of them; we keep from it only the characters
that no other font here has (BabelStoneHan-Supplement.ttf, ~5,400 glyphs), so every character
that printed before still comes from the same font and old documents re-render to the same bytes.

One more change, cheap and applied to existing copies too: the face's `locl` lookup for the
default language of Latin, Greek and Cyrillic text swaps the digits 0-9 for alternates that no cmap
entry reaches. Pango tags every Latin run "en", so standalone numbers took those alternates while
digits inside Chinese text kept the face's own forms (two slightly different digit heights in one
certificate), and cairo 1.16, finding no cmap entry for a glyph, walks the face's whole cmap (45,000
entries) once per such glyph per PDF: about 2 ms of a 7 ms certificate. We drop the digits from
that lookup, so every digit is the SC face's own, cmap-reachable glyph.

Usage: prepare-fonts.py OUT_DIR
"""
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
SC_FACE = 2  # face 2 of the Noto Sans CJK collections is Simplified Chinese
NOTO_FACES = {"Regular": "NotoSansCJKsc-Regular.ttf", "Bold": "NotoSansCJKsc-Bold.ttf"}
FALLBACKS = ["HanaMinA.ttf", "HanaMinB.ttf"]
BABELSTONE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
SUPPLEMENT = "BabelStoneHan-Supplement.ttf"
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
    settle(target)
    return f"{target.name}: {target.stat().st_size // 1024} KiB"


def settle(path: Path) -> None:
    """Flushes a font just written and drops it from the page cache.

    On this kernel (Linux 6.x, ext4) freshly written files sit in the page cache in large folios,
    and a process that maps the font (FreeType does) is charged whole folios: a renderer's RSS read
    81 MB instead of 50 MB until the pages were evicted. Read back later, they come in small pages.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


LATIN_SCRIPTS = ("latn", "grek", "cyrl")
DIGITS = range(0x30, 0x3A)


def default_locl_lookups(gsub) -> set:
    """Indexes of the locl lookups of the default language of Latin, Greek and Cyrillic."""
    features = gsub.FeatureList.FeatureRecord
    lookups = set()
    for record in gsub.ScriptList.ScriptRecord:
        lang_sys = record.Script.DefaultLangSys
        if record.ScriptTag in LATIN_SCRIPTS and lang_sys is not None:
            for index in lang_sys.FeatureIndex:
                if features[index].FeatureTag == "locl":
                    lookups.update(features[index].Feature.LookupListIndex)
    return lookups


def keep_own_digits(path: Path) -> str:
    """Drops the digit substitutions of the default-language locl lookups (idempotent)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap = font.getBestCmap()
    digits = {cmap[code] for code in DIGITS}
    gsub = font["GSUB"].table
    dropped = 0
    for index in default_locl_lookups(gsub):
        for subtable in gsub.LookupList.Lookup[index].SubTable:
            single = subtable.ExtSubTable if hasattr(subtable, "ExtSubTable") else subtable
            for glyph in digits & set(getattr(single, "mapping", {})):
                del single.mapping[glyph]
                dropped += 1
    if dropped == 0:
        return f"{path.name}: digits already the face's own"
    tmp = path.with_suffix(".tmp")
    font.save(tmp)
    tmp.rename(path)
    settle(path)
    return f"{path.name}: {dropped} digit substitutions dropped from locl"


def babelstone_supplement(out_dir: Path) -> str:
    """Keeps of BabelStone Han only the characters that Noto and Hanazono lack."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    covered = set()
    for name in [NOTO_FACES["Regular"], *FALLBACKS]:
        covered |= set(TTFont(out_dir / name, lazy=True).getBestCmap())
    font = TTFont(BABELSTONE, lazy=False)
    extra = sorted(set(font.getBestCmap()) - covered)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=extra)
    subsetter.subset(font)
    target = out_dir / SUPPLEMENT
    tmp = target.with_suffix(".tmp")
    font.save(tmp)
    tmp.rename(target)
    settle(target)
    return f"{target.name}: {len(extra)} characters, {target.stat().st_size // 1024} KiB"


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "Fonts")
    out_dir.mkdir(parents=True, exist_ok=True)
    missing = [w for w, name in NOTO_FACES.items() if not (out_dir / name).exists()]
    for name in FALLBACKS:
        if not (out_dir / name).exists():
            shutil.copyfile(HANAZONO_DIR / name, out_dir / name)
            settle(out_dir / name)
    if missing:
        print(f"preparing TrueType-outline Noto Sans CJK SC ({', '.join(missing)}), ~40 s each…",
              flush=True)
        with ProcessPoolExecutor(max_workers=2) as pool:
            for line in pool.map(convert, missing, [out_dir] * len(missing)):
                print("  " + line, flush=True)
    for name in NOTO_FACES.values():
        line = keep_own_digits(out_dir / name)
        if "dropped" in line:
            print("  " + line, flush=True)
    if not (out_dir / SUPPLEMENT).exists():
        print("preparing the BabelStone Han supplement (Extensions G and H)…", flush=True)
        print("  " + babelstone_supplement(out_dir), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
