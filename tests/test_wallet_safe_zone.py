"""The wallet card keeps every glyph at least 1/8 in inside the trim, as print shops ask: a cut
a little off never touches text. Measured as a shop's preflight does, from the PDF: each
glyph's outline box (not its em box) against the page's TrimBox."""

from __future__ import annotations

from pathlib import Path

import pytest
from campaign_kit import PROJECT, SAMPLE_CONFIG
from pdf_ink import glyphs, trim_box

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import render_flyer
from campaigngen.sources.campaign import load_campaign

SAFE_IN = 0.125
SAMPLE = load_campaign(SAMPLE_CONFIG)
TAGS = ["en", *(language.tag for language in SAMPLE.languages if language.tag != "en")]


def margin_to_trim(pdf: Path) -> tuple[float, str]:
    """The smallest distance, in inches, from any glyph's ink to the trim, and that glyph."""
    left, top, right, bottom = trim_box(pdf)
    return min((min(g.box[0] - left, g.box[1] - top, right - g.box[2], bottom - g.box[3]), g.char) for g in glyphs(pdf))


def test_the_sample_has_the_scripts_this_measures():
    assert {"ar", "fa", "ur", "my", "zh-Hans", "ko", "hi", "th", "am"} <= set(TAGS)
    assert PROJECT.joinpath("locales", "ur", "LC_MESSAGES", "help-is-here.po").exists()


@pytest.mark.parametrize("tag", TAGS)
def test_every_glyph_on_the_wallet_card_is_an_eighth_inch_inside_the_trim(tag, tmp_path):
    localized = localize(SAMPLE, tag)
    assert not localized.draft  # the reviewed translation, not the English fallback
    pdf = render_flyer(localized, "wallet", tmp_path)[0].path
    margin, glyph = margin_to_trim(pdf)
    assert margin >= SAFE_IN, f"{tag}: {glyph!r} is {margin:.3f} in from the trim"
