"""Drawn pieces: the phone handset pictogram, the DRAFT watermark, cut and crop marks."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw

from campaigngen.renderers.flyer.style import DRAFT_RED
from campaigngen.renderers.typesetting import pil_font
from campaigngen.sources.fonts import LATIN, manifest


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


def draft_watermark(page: Image.Image) -> None:
    """A large diagonal DRAFT across the page, translucent so the text stays checkable."""
    w, h = page.size
    diagonal = math.hypot(w, h)
    font = pil_font(manifest(), LATIN, max(12, int(diagonal * 0.16)), bold=True)
    left, top, right, bottom = font.getbbox("DRAFT", anchor="ls")
    stamp = Image.new("RGBA", (int(right - left) + 20, int(bottom - top) + 20), (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text((10 - left, 10 - top), "DRAFT", font=font, anchor="ls", fill=(*DRAFT_RED, 90))
    stamp = stamp.rotate(math.degrees(math.atan2(h, w)), expand=True, resample=Image.Resampling.BICUBIC)
    if stamp.width > w or stamp.height > h:
        ratio = min(w / stamp.width, h / stamp.height)
        stamp = stamp.resize((int(stamp.width * ratio), int(stamp.height * ratio)), Image.Resampling.LANCZOS)
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    layer.paste(stamp, ((w - stamp.width) // 2, (h - stamp.height) // 2))
    page.paste(Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB"))


def dashed_line(draw: ImageDraw.ImageDraw, start, end, fill, width: int, dash: int) -> None:
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    steps = int(length // (2 * dash)) + 1
    for step in range(steps):
        a = step * 2 * dash / length
        b = min(1.0, (step * 2 * dash + dash) / length)
        draw.line((x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                  fill=fill, width=width)


def crop_marks(draw: ImageDraw.ImageDraw, trim: tuple[int, int, int, int], bleed: int, width: int = 3,
               fill=(0, 0, 0)) -> None:
    """Marks in the bleed on the trim lines, stopping short of the trim so none is printed on the piece."""
    left, top, right, bottom = trim
    gap = max(2, bleed // 3)
    for x in (left, right):
        for y0, y1 in ((0, top - gap), (bottom + gap, bottom + bleed)):
            draw.line((x, y0, x, y1), fill=fill, width=width)
    for y in (top, bottom):
        for x0, x1 in ((0, left - gap), (right + gap, right + bleed)):
            draw.line((x0, y, x1, y), fill=fill, width=width)
