"""The DRAFT stamp is composited over its own box only (renderers/flyer/png_writer._watermark):
the page must come out exactly as compositing a page-wide layer made it, on every page size
the flyers and share cards use and on one too small for the stamp, which is scaled down."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from campaigngen.renderers.flyer.card import CARD_FORMATS
from campaigngen.renderers.flyer.formats import FORMATS
from campaigngen.renderers.flyer.plan import Watermark
from campaigngen.renderers.flyer.png_writer import draw_item, turned_stamp


def _page_wide(item: Watermark, page: Image.Image) -> None:
    """The stamp composited as it was before: over a transparent layer the size of the page
    (the turned stamp itself is the writer's, which both ways share)."""
    w, h = page.size
    stamp = turned_stamp(item, page.size)
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    layer.paste(stamp, ((w - stamp.width) // 2, (h - stamp.height) // 2))
    page.paste(Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB"))


def _busy_page(size: tuple[int, int]) -> Image.Image:
    """A page with something under every part of the stamp: colour bands and noise."""
    tile = np.random.default_rng(7).integers(0, 256, (97, 89, 3), dtype=np.uint8)
    pixels = np.tile(tile, (size[1] // 97 + 1, size[0] // 89 + 1, 1))[: size[1], : size[0]].copy()
    pixels[: size[1] // 3] = (12, 84, 96)  # a flat panel too, as a call panel is
    return Image.fromarray(pixels, "RGB")


# A share card's page (the story: the stamp turned steepest), a flyer's, a landscape page's and
# one too small for the stamp at its size, which is scaled down to fit.
SIZES = [CARD_FORMATS["card-story"].plan_size, FORMATS["letter"].page_px, (1400, 900), (900, 140)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_stamp_composited_over_its_box_gives_the_page_wide_result(size):
    item = Watermark("DRAFT", (200, 30, 30), 72)
    ours, theirs = _busy_page(size), _busy_page(size)
    draw_item(item, ours)
    _page_wide(item, theirs)
    assert ours.mode == theirs.mode == "RGB"
    assert ours.tobytes() == theirs.tobytes()
    assert ours.tobytes() != _busy_page(size).tobytes()  # the stamp is there
