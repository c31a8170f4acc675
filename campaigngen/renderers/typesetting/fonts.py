"""Pillow font objects, sized in pixels and cached: opening a CJK collection is not free."""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont, features

from campaigngen.exceptions import BrokenFont, MissingDependency
from campaigngen.sources.fonts import FontManifest


def ensure_raqm() -> None:
    """Without raqm Pillow silently draws Arabic unjoined and Indic conjuncts broken."""
    if not features.check("raqm"):
        raise MissingDependency(
            "Pillow has no raqm text layout (Arabic would print unjoined, Hindi and Burmese broken) - "
            "apt-get install libfribidi0"
        )


# Each font object holds FreeType and HarfBuzz tables, and glyphs once it has drawn: ~2.5 MB
# for a CJK face opened, ~4 MB once it has measured and drawn. A fit asks for ascent and
# descent at every size it tries (kept by _metrics), and opening a face costs 0.25 ms for
# the CJK collection and 0.03 ms for the others (measured here), so a long cache buys no
# speed: 64 kept fonts held ~160 MB of a render worker after its first Chinese flyer, 8 hold
# ~10 MB, and drawing one paragraph reuses its fonts within those 8.
@lru_cache(maxsize=8)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM)
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
    ascent, descent = _load(path, index, size).getmetrics()
    return ascent, descent
