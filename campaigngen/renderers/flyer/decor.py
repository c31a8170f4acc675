"""The phone handset pictogram: recognisable without reading a word of any language."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw


@lru_cache(maxsize=64)
def phone_pictogram(size: int, fg, bg) -> Image.Image:
    """A classic handset in a disc: recognisable without reading a word of any language."""
    return _master_pictogram(fg, bg).resize((size, size), Image.Resampling.LANCZOS)


@lru_cache(maxsize=8)
def _master_pictogram(fg, bg) -> Image.Image:
    s = 900  # drawn once, large, and reduced: smooth edges at every size
    icon = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    ImageDraw.Draw(icon).ellipse((0, 0, s - 1, s - 1), fill=bg)
    handset = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    h = ImageDraw.Draw(handset)
    # Lying down: a handle arching over two pads (earpiece left, mouthpiece right).
    h.rounded_rectangle((0.20 * s, 0.36 * s, 0.80 * s, 0.48 * s), radius=0.06 * s, fill=fg)
    for left in (0.15, 0.59):
        h.rounded_rectangle((left * s, 0.40 * s, (left + 0.26) * s, 0.64 * s), radius=0.07 * s, fill=fg)
    handset = handset.rotate(35, resample=Image.Resampling.BICUBIC, center=(s / 2, s / 2))
    icon.alpha_composite(handset)
    return icon
