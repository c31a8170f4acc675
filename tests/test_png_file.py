"""The pages' PNG files (campaigngen/renderers/flyer/png_file.py): written without PNG row
filters, they hold the pixels drawn, pixel for pixel, with their resolution, and are no
larger than Pillow's adaptively filtered files at the same deflate level (the reason the
filters were dropped: they cost two thirds of a page's encoding and bought nothing). A share
card is halved by two reduce passes: the pixels of Pillow's BOX resize."""

from __future__ import annotations

import io

import pytest
from flyer_helpers import draft_edition, edition, write_campaign
from PIL import Image

from campaigngen.renderers.flyer import preview_image, render_flyer
from campaigngen.renderers.flyer.card import CARD_FORMATS, _planned_card, halved
from campaigngen.renderers.flyer.plan import display_list
from campaigngen.renderers.flyer.png_file import PRINT_LEVEL, SHARE_LEVEL, png_bytes
from campaigngen.renderers.flyer.png_writer import render_page_png
from campaigngen.renderers.flyer.style import DRAFT_RED


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("png"), languages=("ar", "zh-Hans", "hi"))


def _pillow_png(image: Image.Image, level: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=level)
    return buffer.getvalue()


def _decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image


# A page of each kind: crop marks in a slug (Letter), tabs (tear-off), a DRAFT stamp, the
# wallet card (the smallest), Arabic and Chinese type.
PAGES = [("en", "letter", False), ("ar", "tearoff", False), ("zh-Hans", "tabloid", True), ("hi", "wallet", False)]


@pytest.mark.parametrize(("tag", "format_name", "draft"), PAGES)
def test_a_page_is_written_with_its_pixels_and_resolution_and_no_larger_than_pillows(campaign, tag, format_name, draft):
    localized = (draft_edition if draft else edition)(campaign, tag)
    assert localized.draft == draft
    page = preview_image(localized, format_name)
    data = png_bytes(page, PRINT_LEVEL, 300)
    written = _decoded(data)
    assert written.mode == "RGB" and written.size == page.size
    assert written.tobytes() == page.tobytes(), (tag, format_name)
    assert tuple(round(v) for v in written.info["dpi"]) == (300, 300)
    assert len(data) <= 1.1 * len(_pillow_png(page, PRINT_LEVEL)), (tag, format_name, len(data))


def test_a_rendered_flyers_png_is_its_page_as_drawn(campaign, tmp_path):
    localized = draft_edition(campaign, "ar")
    artifacts = render_flyer(localized, "letter", tmp_path)
    with Image.open(artifacts[1].path) as written:
        assert written.tobytes() == preview_image(localized, "letter").tobytes()


@pytest.mark.parametrize(("tag", "card_name", "draft"), [("en", "card-square", False), ("ar", "card-story", True)])
def test_a_card_is_halved_as_box_resampling_halves_it_and_written_smaller_than_pillow_would(
    campaign, tag, card_name, draft
):
    localized = (draft_edition if draft else edition)(campaign, tag)
    card = CARD_FORMATS[card_name]
    planned = _planned_card(localized, card)
    drawn = render_page_png(card.plan_size, display_list(planned.plan, localized.draft, DRAFT_RED))
    assert drawn.mode == "RGB"
    image = halved(drawn)
    assert image.tobytes() == drawn.resize(card.size, Image.Resampling.BOX).tobytes(), (tag, card_name)
    data = png_bytes(image, SHARE_LEVEL)
    assert _decoded(data).tobytes() == image.tobytes()
    assert "dpi" not in _decoded(data).info  # as before: a card is pixels, not print
    assert len(data) <= len(_pillow_png(image, SHARE_LEVEL)), (tag, card_name, len(data))


def test_halved_refuses_what_it_would_not_halve_as_resize_does():
    with pytest.raises(ValueError):
        halved(Image.new("RGB", (5, 4)))
    with pytest.raises(ValueError):
        halved(Image.new("RGBA", (4, 4)))
    with pytest.raises(ValueError):
        png_bytes(Image.new("L", (4, 4)), PRINT_LEVEL)
