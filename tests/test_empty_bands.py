"""No band of empty page taller than half an inch inside a flyer's content, as a reader sees
the printed page: rows of the rendered PNG with no ink, between the first and the last inked
row. Room the type does not take is shared out between the blocks, never left in one place
(a zh-Hans Tabloid had 1.8 in of white between body and pictograms; Burmese Letter 1.1 in)."""

from __future__ import annotations

import numpy as np
import pytest
from campaign_kit import SAMPLE_CONFIG, translated_edition

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.formats import DPI
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.plan import display_list
from campaigngen.renderers.flyer.png_writer import render_page_png
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.sources.campaign import load_campaign

BAND_MAX_IN = 0.5
SAMPLE = load_campaign(SAMPLE_CONFIG)
TAGS = ["en", *(language.tag for language in SAMPLE.languages)]
# Short text leaves the most room: the bands it could open are the ones to look for.
SHORT = {"headline": "Help?", "help": "Call us.", "free": "Free.", "name": "No name.", "language": "Any language."}


def tallest_empty_band_in(plan) -> float:
    grey = np.asarray(render_page_png(plan.size, display_list(plan, False)).convert("L"))
    inked = np.flatnonzero((grey < 235).any(axis=1))
    return float(np.diff(inked).max() - 1) / DPI if len(inked) > 1 else 0.0


@pytest.mark.slow
@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_no_empty_band_on_any_language(format_name):
    bands = {}
    for tag in TAGS:
        localized = localize(SAMPLE, tag)
        bands[tag] = tallest_empty_band_in(plan_page(localized, flyer_content(localized), FORMATS[format_name]))
    worst = max(bands, key=bands.__getitem__)
    assert bands[worst] <= BAND_MAX_IN, f"{format_name} {worst}: {bands[worst]:.2f} in of empty page"


@pytest.mark.parametrize("format_name", ["letter", "tabloid"])
def test_no_empty_band_with_short_text(format_name):
    edition = translated_edition(SAMPLE, "es", SHORT)
    plan = plan_page(edition, flyer_content(edition), FORMATS[format_name])
    assert tallest_empty_band_in(plan) <= BAND_MAX_IN


@pytest.mark.slow
@pytest.mark.parametrize("tags", [("en", "es", "vi"), ("en", "es", "zh-Hans", "ko"), ("th", "my", "am", "zh-Hans")])
def test_no_empty_band_on_sheets(tags):
    sheet = sheet_plan([localize(SAMPLE, tag) for tag in tags], FORMATS["letter"], poster_rules(SAMPLE))
    for number, plan in enumerate(sheet.pages, 1):
        assert tallest_empty_band_in(plan) <= BAND_MAX_IN, f"page {number}"


def test_a_logo_is_resampled_once_for_every_page_of_a_format_and_draws_the_same(monkeypatch):
    """The PNG writer keeps a logo at its printed size for the next page (png_writer.scaled_image):
    the Arabic Letter page after the Spanish one does not resample the logos again, and it is
    drawn pixel for pixel as with the logos resampled for it alone."""
    from PIL import Image

    from campaigngen.renderers.flyer import png_writer
    from campaigngen.renderers.flyer.plan import ImageItem

    plans = [
        plan_page(loc, flyer_content(loc), FORMATS["letter"]) for loc in (localize(SAMPLE, t) for t in ("es", "ar"))
    ]
    lists = [display_list(plan, False) for plan in plans]
    sources = [item.image for item in lists[0] if isinstance(item, ImageItem)]
    assert sources, "the sample prints a logo"
    resampled: list[tuple[int, int]] = []
    resize = Image.Image.resize

    def counted(self, size, *args, **kwargs):
        if any(self is source for source in sources):
            resampled.append(tuple(size))
        return resize(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", counted)
    png_writer._scaled.clear()
    render_page_png(plans[0].size, lists[0])
    first = len(resampled)
    assert first >= 1  # the sample's SVG logo is drawn at twice its printed resolution
    kept = np.asarray(render_page_png(plans[1].size, lists[1]))
    assert len(resampled) == first, "the logo was resampled again for the next page"
    png_writer._scaled.clear()
    assert np.array_equal(kept, np.asarray(render_page_png(plans[1].size, lists[1])))
