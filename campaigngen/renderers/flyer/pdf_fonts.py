"""Fonts in the PDF: subsets of the faces the page uses, embedded, with a ToUnicode map.

Each face becomes a Type 0 font with Identity-H encoding (ISO 32000-1, 9.7):
- TrueType outlines (the per-script Noto files): a CIDFontType2 subset (FontFile2). Codes
  are handed out per (glyph, text), so a glyph that stands for different text in different
  clusters (an Indic vowel sign, an Arabic form) gets one code per meaning, and the
  ToUnicode map gives copy-paste the characters, not the glyph order.
- CFF outlines (the CJK collection, one face per language): a CIDFontType0C subset
  (FontFile3); codes are the font's own CIDs, one meaning per glyph (CJK does not reorder).
fontTools does the subsetting; the subset keeps only the glyphs drawn on the page.
"""

from __future__ import annotations

import io
import random
import string
from dataclasses import dataclass, field
from functools import lru_cache

from campaigngen.renderers.flyer import subset_cache
from campaigngen.renderers.flyer.pdf_objects import PdfFile, array, name, number


@dataclass
class EmbeddedFont:
    """One face as used on the page: codes handed out while the page is drawn, embedded at the end."""

    resource: str  # /F1 ...
    path: str
    index: int
    is_cff: bool
    glyph_names: list[str]
    codes: dict[tuple[int, str, float], int] = field(default_factory=dict)  # (gid, text, width) -> code
    texts: dict[int, str] = field(default_factory=dict)  # code -> text
    gids: dict[int, int] = field(default_factory=dict)  # code -> gid
    widths: dict[int, float] = field(default_factory=dict)  # code -> advance in 1000ths of an em

    def width(self, gid: int) -> float:
        """The glyph's advance in text space units (1000 per em), as the W array gives it."""
        return _advances(self.path, self.index)[gid]

    def code(self, gid: int, text: str, width: float) -> tuple[int, float]:
        """The code that shows glyph gid standing for text, and the advance it is shown with.

        TrueType: the advance asked for (HarfBuzz's, less the glyph's offset), so a TJ array
        needs no gap after a mark or a kerned pair. CFF: the font's own advance.
        """
        if self.is_cff:
            code = _cid(self.glyph_names[gid], gid)
            self.texts.setdefault(code, text)  # one meaning per CID: the first one drawn
            self.gids[code] = gid
            self.widths[code] = self.width(gid)
            return code, self.widths[code]
        width = round(width, 2)
        key = (gid, text, width)
        if key not in self.codes:
            code = len(self.codes) + 1  # 0 stays .notdef
            self.codes[key] = code
            self.texts[code] = text
            self.gids[code] = gid
            self.widths[code] = width
        return self.codes[key], width


def _cid(glyph_name: str, gid: int) -> int:
    return int(glyph_name[3:]) if glyph_name.startswith("cid") and glyph_name[3:].isdigit() else gid


class FontSet:
    """The faces of one page, by file and face index."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, int], EmbeddedFont] = {}

    def get(self, path: str, index: int) -> EmbeddedFont:
        key = (path, index)
        if key not in self._fonts:
            names, is_cff = _glyph_order(path, index)
            self._fonts[key] = EmbeddedFont(f"/F{len(self._fonts) + 1}", path, index, is_cff, names)
        return self._fonts[key]

    def embed(self, pdf: PdfFile) -> dict[str, int]:
        """Writes every font; returns resource name -> object number."""
        return {font.resource[1:]: _embed(pdf, font) for font in self._fonts.values()}

    @property
    def fonts(self) -> list[EmbeddedFont]:
        return list(self._fonts.values())


_ADVANCES: dict[tuple[str, int], list[float]] = {}


def _advances(path: str, index: int) -> list[float]:
    key = (path, index)
    if key not in _ADVANCES:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        # The glyph order the face was opened for already: reading it again from a CJK face's
        # CFF charset (hmtx asks for it) took ~0.1 s, as long as everything else here.
        font.setGlyphOrder(list(_glyph_order(path, index)[0]))
        scale = 1000 / font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        _ADVANCES[key] = [round(metrics[g][0] * scale, 2) for g in font.getGlyphOrder()]
        font.close()
    return _ADVANCES[key]


_ORDER_CACHE: dict[tuple[str, int], tuple[list[str], bool]] = {}


def _glyph_order(path: str, index: int) -> tuple[list[str], bool]:
    key = (path, index)
    if key not in _ORDER_CACHE:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        _ORDER_CACHE[key] = (font.getGlyphOrder(), "CFF " in font)
        font.close()
    return _ORDER_CACHE[key]


_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "meta", "STAT", "vhea", "vmtx", "VORG")


@lru_cache(maxsize=256)
def _subset_program(path: str, index: int, is_cff: bool, gids: tuple[int, ...]) -> tuple[bytes, tuple[str, ...]]:
    """The embedded font program for these glyphs, and its glyph order. Kept per process and
    in the user's cache folder (subset_cache.py): the Letter, A4, Tabloid and wallet pages of
    a language draw the same glyphs, a build's workers each draw some of them, and a
    TrueType subset costs 20-50 ms, a CJK one ~0.1 s."""
    return subset_cache.kept_or_made(path, index, is_cff, gids, _made_subset)


def _made_subset(path: str, index: int, is_cff: bool, gids: tuple[int, ...]) -> tuple[bytes, tuple[str, ...]]:
    """The subset made by fontTools (what _subset_program keeps)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # Tables read as needed (5-10x faster); the head table keeps the font's own date, so the
    # same page gives the same bytes whenever it is made (fontTools would write "now").
    ttf = TTFont(path, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    for tag in _tables_not_embedded(ttf, is_cff):
        # Dropped before subsetting, because merely subsetting a table reads (decompiles) it.
        del ttf[tag]
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [1, 2, 3, 4, 6]
    options.desubroutinize = is_cff
    options.drop_tables += list(_LAYOUT_TABLES)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=list(gids))
    subsetter.subset(ttf)
    buffer = io.BytesIO()
    if is_cff:
        ttf["CFF "].cff.compile(buffer, ttf)
    else:
        ttf.save(buffer)
    return buffer.getvalue(), tuple(ttf.getGlyphOrder())


# What a CFF subset is compiled from: the PDF embeds the CFF table alone (FontFile3).
_CFF_PROGRAM_TABLES = ("CFF ", "head", "maxp")


def _tables_not_embedded(ttf, is_cff: bool) -> list[str]:
    """Tables the embedded program does not carry, which subsetting need not read.

    Shaping is done: the PDF needs outlines, not GSUB/GPOS. A CFF face (the CJK collection)
    is embedded as its CFF table alone, and the subsetter is given glyph ids, not characters,
    so its cmap and hmtx, whose decompiling for 65,535 glyphs took most of a CJK subset's
    time, add nothing to the bytes written. A TrueType subset is a whole font file: it keeps
    every table but the layout ones."""
    if is_cff:
        return [tag for tag in ttf.keys() if tag not in _CFF_PROGRAM_TABLES and tag != "GlyphOrder"]
    return [tag for tag in _LAYOUT_TABLES if tag in ttf]


def _tag(font: EmbeddedFont) -> str:
    """Six capitals from the glyph set: the same subset gets the same tag (ISO 32000-1, 9.6.4)."""
    rng = random.Random(repr(sorted(font.gids.items())) + font.path + str(font.index))
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(6))


def _embed(pdf: PdfFile, font: EmbeddedFont) -> int:
    original = _metrics(font.path, font.index)
    data, order = _subset_program(font.path, font.index, font.is_cff, tuple(sorted(set(font.gids.values()))))
    ps_name = name(f"{_tag(font)}+{original['ps_name']}")
    new_gid = {glyph: i for i, glyph in enumerate(order)}

    if font.is_cff:
        program = pdf.add_stream("/Subtype /CIDFontType0C", data)
        file_key, subtype, extra = "/FontFile3", "/CIDFontType0", ""
    else:
        program = pdf.add_stream(f"/Length1 {len(data)}", data)
        codes = max(font.gids) + 1 if font.gids else 1
        gid_map = bytearray(2 * codes)
        for code, gid in font.gids.items():
            target = new_gid.get(font.glyph_names[gid], 0)
            gid_map[2 * code : 2 * code + 2] = target.to_bytes(2, "big")
        map_ref = pdf.add_stream("", bytes(gid_map))
        file_key, subtype, extra = "/FontFile2", "/CIDFontType2", f" /CIDToGIDMap {map_ref} 0 R"
    descriptor = pdf.add(
        f"<< /Type /FontDescriptor /FontName {ps_name} /Flags 4 /FontBBox {array(original['bbox'])} "
        f"/ItalicAngle 0 /Ascent {original['ascent']} /Descent {original['descent']} "
        f"/CapHeight {original['cap_height']} /StemV 80 {file_key} {program} 0 R >>"
    )
    widths = " ".join(f"{code} [{number(width)}]" for code, width in sorted(font.widths.items()))
    cid_font = pdf.add(
        f"<< /Type /Font /Subtype {subtype} /BaseFont {ps_name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}]{extra} >>"
    )
    to_unicode = pdf.add_stream("", to_unicode_cmap(font.texts).encode("ascii"))
    return pdf.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont {ps_name} /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )


_METRICS: dict[tuple[str, int], dict] = {}


def _metrics(path: str, index: int) -> dict:
    key = (path, index)
    if key not in _METRICS:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        upem = font["head"].unitsPerEm
        scale = 1000 / upem
        head, hhea = font["head"], font["hhea"]
        os2 = font["OS/2"] if "OS/2" in font else None
        cap = getattr(os2, "sCapHeight", 0) if os2 is not None else 0
        ps_name = font["name"].getDebugName(6) or "Font"
        _METRICS[key] = {
            "upem": upem,
            "ps_name": ps_name.replace(" ", ""),
            "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
            "ascent": round(hhea.ascent * scale),
            "descent": round(hhea.descent * scale),
            "cap_height": round((cap or hhea.ascent) * scale),
        }
        font.close()
    return _METRICS[key]


def to_unicode_cmap(texts: dict[int, str]) -> str:
    """The ToUnicode CMap (ISO 32000-1, 9.10.3): code -> UTF-16BE text; '' for a glyph whose
    cluster's text was given to its first glyph."""
    entries = [f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in sorted(texts.items())]
    blocks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    body = "".join(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar\n" for block in blocks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
