"""Pillow font objects, sized in pixels and cached: opening a CJK collection is not free."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageFont, features

from campaigngen.exceptions import BrokenFont, MissingDependency
from campaigngen.sources.fonts import FontManifest


def ensure_raqm() -> None:
    """Without raqm Pillow silently draws Arabic unjoined and Indic conjuncts broken."""
    if not features.check("raqm"):
        raise MissingDependency(
            "Pillow has no raqm text layout (Arabic would print unjoined, Hindi and Burmese broken) - "
            "apt-get install libfribidi0"
        )


# A drawn line's mask (its coverage, one byte a pixel) is FreeType's and raqm's work on the
# font, size, text, direction, language, anchor and sub-pixel start alone, and the same line
# is drawn again and again: a tear-off's tabs each carry the number, the studio redraws every
# line of a flyer after each edit to one, a preview and then the build draw the same page.
# Measured over the test suite's drawing: 6,756 of 12,725 lines were a mask drawn before in
# the same process, 15.9 s of the 35.7 s spent making masks. Kept up to MASKS_KEPT_BYTES,
# least recently drawn first out.
MASKS_KEPT_BYTES = 16 << 20  # a Letter page's lines are 1.3-2 MB of masks, a Tabloid's 2-3.3 MB


class KeptMasksFont(ImageFont.FreeTypeFont):
    """A FreeTypeFont whose masks (getmask2, what ImageDraw.text draws through) are kept by
    every argument that makes them and the face and size, so a line drawn again is the same
    pixels without FreeType. Colour masks (mode RGBA: emoji) are not kept: ImageDraw writes
    the ink's alpha into the one it is given."""

    _kept: OrderedDict[tuple, tuple[Any, tuple[int, int], int]] = OrderedDict()
    _kept_bytes = 0
    _lock = threading.Lock()

    def getmask2(self, text: str | bytes, mode: str = "", *args: Any, **kwargs: Any):
        if mode == "RGBA":
            return super().getmask2(text, mode, *args, **kwargs)
        face = (self.path, self.index, self.size, self.layout_engine)
        key = (*face, text, mode, _hashable(args), _hashable(sorted(kwargs.items())))
        cls = KeptMasksFont
        with cls._lock:
            kept = cls._kept.get(key)
            if kept is not None:
                cls._kept.move_to_end(key)
                return kept[0], kept[1]
        mask, offset = super().getmask2(text, mode, *args, **kwargs)
        width, height = mask.size
        size = width * height * Image.getmodebands(mask.mode)
        with cls._lock:
            if key not in cls._kept and size <= MASKS_KEPT_BYTES:
                cls._kept[key] = (mask, offset, size)
                cls._kept_bytes += size
                while cls._kept_bytes > MASKS_KEPT_BYTES:
                    cls._kept_bytes -= cls._kept.popitem(last=False)[1][2]
        return mask, offset


# A process forked while another of its threads held the lock (a studio's request) would
# wait on it forever: the child starts with a lock of its own.
os.register_at_fork(after_in_child=lambda: setattr(KeptMasksFont, "_lock", threading.Lock()))


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(item) for item in value)
    return value


# Each font object holds FreeType and HarfBuzz tables, and glyphs once it has drawn: ~2.5 MB
# for a CJK face opened, ~4 MB once it has measured and drawn. A fit asks for ascent and
# descent at every size it tries (kept by _metrics), and opening a face costs 0.25 ms for
# the CJK collection and 0.03 ms for the others (measured here), so a long cache buys no
# speed: 64 kept fonts held ~160 MB of a render worker after its first Chinese flyer, 8 hold
# ~10 MB, and drawing one paragraph reuses its fonts within those 8.
@lru_cache(maxsize=8)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    try:
        return KeptMasksFont(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM)
    except OSError:
        raise BrokenFont(
            f"font file {path} (face {index}) cannot be opened by FreeType - restore it or fix fonts/fonts.toml"
        ) from None


def pil_font(manifest: FontManifest, family: str, size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    face = manifest.face(family, bold)
    return _load(str(face.path), face.index, max(1, int(size_px)))


def font_metrics_px(manifest: FontManifest, family: str, size_px: int, bold: bool = False) -> tuple[int, int]:
    """pil_font(...).getmetrics() (ascent, descent), kept by font file and size: a fit asks at
    every size it tries, and _load keeps only 64 fonts open, so a miss would open the file again."""
    face = manifest.face(family, bold)
    return _metrics(str(face.path), face.index, max(1, int(size_px)))


@lru_cache(maxsize=4096)
def _metrics(path: str, index: int, size: int) -> tuple[int, int]:
    vertical = _vertical(path, index)
    if vertical is None:
        ascent, descent = _load(path, index, size).getmetrics()
        return ascent, descent
    return _scaled(vertical, size)


# Ascent and descent at a size are FreeType's arithmetic on numbers in the font's tables: a
# check asked for ~2,500 sizes of the CJK faces, each a Pillow font opened only to read them
# (0.1 ms and ~1.5 MB each). They are computed here the way FreeType computes them, from the
# tables read once per face. Each face is first measured by Pillow at a few sizes whose
# rounding differs, and keeps Pillow for every size if any one disagrees (a font with
# bitmaps only, another FreeType); tests/test_font_metrics.py holds them equal at every size
# for every face fonts.toml and the system Noto name.
_PROBE_SIZES = (7, 16, 61, 133, 377)


@dataclass(frozen=True)
class _Vertical:
    units_per_em: int
    ascender: int  # font units, as FreeType takes them (hhea, else OS/2)
    descender: int
    integer_ppem: bool  # TrueType outlines with head.flags bit 3: FreeType scales by whole pixels


@lru_cache(maxsize=64)
def _vertical(path: str, index: int) -> _Vertical | None:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            if any(tag in font for tag in ("fvar", "MVAR", "EBLC", "CBLC", "sbix")) or not (
                "glyf" in font or "CFF " in font
            ):
                return None  # variable, with bitmap strikes FreeType may size by, or no outlines: Pillow says
            ascender, descender = font["hhea"].ascent, font["hhea"].descent
            if not (ascender or descender) and "OS/2" in font:
                os2 = font["OS/2"]
                if os2.sTypoAscender or os2.sTypoDescender:
                    ascender, descender = os2.sTypoAscender, os2.sTypoDescender
                else:
                    ascender, descender = os2.usWinAscent, -os2.usWinDescent
            vertical = _Vertical(
                font["head"].unitsPerEm, ascender, descender, "glyf" in font and bool(font["head"].flags & 8)
            )
        finally:
            font.close()
    except Exception:  # damaged: Pillow opens it below and says what is wrong
        return None
    if vertical.units_per_em <= 0:
        return None
    for size in _PROBE_SIZES:
        if _scaled(vertical, size) != _load(path, index, size).getmetrics():
            return None
    return vertical


def _scaled(vertical: _Vertical, size: int) -> tuple[int, int]:
    """FreeType's size metrics for a nominal size of `size` pixels (FT_Request_Size, as Pillow
    asks), in whole pixels as Pillow's getmetrics gives them: 16.16 fixed-point scale, 26.6
    pixel values, ascender rounded up and descender down (or both to nearest, TrueType)."""
    height = size * 64
    y_scale = _div_fix(height, vertical.units_per_em)
    if vertical.integer_ppem:
        y_scale = _div_fix(((height + 32) >> 6) << 6, vertical.units_per_em)
        ascender = (_mul_fix(vertical.ascender, y_scale) + 32) & -64
        descender = (_mul_fix(vertical.descender, y_scale) + 32) & -64
    else:
        ascender = (_mul_fix(vertical.ascender, y_scale) + 63) & -64
        descender = _mul_fix(vertical.descender, y_scale) & -64
    return ascender >> 6, -(descender >> 6)


def _div_fix(a: int, b: int) -> int:
    """FreeType's FT_DivFix: a / b in 16.16, rounded half away from zero."""
    sign = -1 if (a < 0) != (b < 0) else 1
    a, b = abs(a), abs(b)
    return sign * (((a << 16) + (b >> 1)) // b)


def _mul_fix(a: int, b: int) -> int:
    """FreeType's FT_MulFix: a * b / 65536, rounded half away from zero."""
    sign = -1 if (a < 0) != (b < 0) else 1
    return sign * ((abs(a) * abs(b) + 0x8000) >> 16)
