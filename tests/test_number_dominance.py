"""The number looks the largest thing on every flyer, in every script: its digits' typical ink
height is at least 1.15x that of any other line. Measured as a reader sees size, from the
glyph outlines in the PDF (PyMuPDF's accurate glyph boxes), independent of the layout's
HarfBuzz measure: a Han or Hangul headline set no larger than the number in points still
looked larger than its digits (zh-Hans Tabloid: digits 58 pt of ink, headline 72 pt)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from campaign_kit import SAMPLE_CONFIG, translated_edition
from pdf_ink import glyphs

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS as FLYER_FORMATS
from campaigngen.renderers.flyer import render_flyer, render_flyer_pdf, render_multilingual_sheet
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.formats import DPI, POINTS_PER_INCH
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.sources.campaign import load_campaign

DOMINANCE = 1.15
SAMPLE = load_campaign(SAMPLE_CONFIG)
PHONE_DIGITS = "".join(c for c in SAMPLE.contact.phone if c.isdigit())
FORMATS = ("letter", "a4", "tabloid", "tearoff", "wallet")
# Other text than the sample's, written for this test: all-Han and all-Hangul lines of several
# lengths, a headline with no punctuation, and a short body line that may stand alone.
OTHER_TEXT = {
    "zh-Hans": {"headline": "工作被人控制了吗", "help": "随时打电话求助", "free": "免费"},
    "ko": {"headline": "일하라고 강요당하고 있나요", "help": "언제든지 전화하세요", "free": "무료"},
}


def ratios(pdf: Path) -> list[tuple[float, str]]:
    """Per page: the number's median digit ink height over the largest median glyph ink height
    of any other line, and that line's text."""
    lines: dict[tuple[int, int], list] = defaultdict(list)
    for glyph in glyphs(pdf):
        lines[glyph.page, glyph.line].append(glyph)
    pages: dict[int, tuple[list[float], list[tuple[float, str]]]] = defaultdict(lambda: ([], []))
    for (page, _), line in lines.items():
        text = "".join(g.char for g in line)
        numbers, others = pages[page]
        if text == "DRAFT":  # the stamp on an unreviewed flyer is not text to read
            continue
        if PHONE_DIGITS in "".join(c for c in text if c.isdigit()):
            numbers.append(statistics.median(g.height for g in line if g.char.isdigit()))
        else:
            others.append((statistics.median(g.height for g in line), text))
    result = []
    for numbers, others in pages.values():
        assert numbers, f"{pdf.name}: a page without the number"
        number = max(numbers)  # the number itself; a tear-off tab carries a small copy
        tallest, text = max(others)
        result.append((number / tallest, text))
    return result


def assert_dominant(pdf: Path, label: str) -> None:
    for ratio, text in ratios(pdf):
        assert ratio >= DOMINANCE, f"{label}: the line {text!r} looks {1 / ratio:.2f}x the number's size"


# The flyers are measured in their print PDF alone (render_flyer_pdf: the bytes render_flyer
# writes, held by the first test), without the 300-dpi PNG nothing here reads.
@pytest.mark.parametrize("tag", ["zh-Hans", "ar"])
def test_the_pdf_measured_is_the_one_a_flyer_writes(tag, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # one time written into both
    written = render_flyer(localize(SAMPLE, tag), "wallet", tmp_path / "whole")[0].path
    alone = render_flyer_pdf(localize(SAMPLE, tag), "wallet", tmp_path / "alone" / "flyer-wallet.pdf")
    assert alone.name == written.name and alone.read_bytes() == written.read_bytes()


@pytest.mark.parametrize("tag", ["zh-Hans", "ko", "es", "ar"])
@pytest.mark.parametrize("format_name", FORMATS)
def test_the_number_looks_largest_on_every_format(tag, format_name, tmp_path):
    pdf = render_flyer_pdf(localize(SAMPLE, tag), format_name, tmp_path / f"flyer-{format_name}.pdf")
    assert_dominant(pdf, f"{tag} {format_name}")


@pytest.mark.parametrize("tag", sorted(OTHER_TEXT))
@pytest.mark.parametrize("format_name", FORMATS)
def test_the_number_looks_largest_with_other_cjk_text(tag, format_name, tmp_path):
    edition = translated_edition(SAMPLE, tag, OTHER_TEXT[tag])
    pdf = render_flyer_pdf(edition, format_name, tmp_path / f"flyer-{format_name}.pdf")
    assert_dominant(pdf, f"{tag} {format_name} (other text)")


@pytest.mark.parametrize("tags", [("en", "es", "zh-Hans", "ko"), ("th", "am", "zh-Hant", "vi")])
def test_the_number_looks_largest_on_every_sheet_page(tags, tmp_path):
    written = render_multilingual_sheet([localize(SAMPLE, tag) for tag in tags], tmp_path)
    pdf = next(a.path for a in written if a.path.suffix == ".pdf")
    assert_dominant(pdf, "+".join(tags))


def test_the_type_size_check_sees_the_size_the_ink_cap_chose():
    """A headline set smaller than its role's size is reported at the size it was set, so the
    legal-minimum check judges what prints."""
    localized = localize(SAMPLE, "zh-Hans")
    plan = plan_page(localized, flyer_content(localized), FLYER_FORMATS["tabloid"])
    headline = next(item for item in plan.texts if item.message_id == "headline")
    assert plan.sizes_pt["headline"] == pytest.approx(headline.paragraph.style.size_px * POINTS_PER_INCH / DPI)
    assert plan.sizes_pt["headline"] < plan.number_pt * 0.71 / 0.88  # capped by ink, below the number


@pytest.mark.parametrize("tags", [("en", "es", "zh-Hans", "ko"), ("th", "my", "am", "zh-Hans")])
@pytest.mark.parametrize(("ask", "headline_pt", "body_pt"), [(False, 28, 20), (True, 26.5, 17.5)])
def test_sheet_pages_with_han_are_not_pulled_down_by_the_number(tags, ask, headline_pt, body_pt):
    """The number stands on its own panel at a size of its own, so capping a Han headline by
    the number's ink leaves it large: before the panel, these pages were set at a 20 pt
    headline and a 17.5 pt body. With the line asking for an interpreter under each call line
    (a line more per section, two on the Korean one), 26.9-28.1 pt and 17.5-18.2 pt."""
    campaign = SAMPLE if ask else replace(SAMPLE, contact=replace(SAMPLE.contact, ask_language=None))
    editions = [localize(campaign, tag) for tag in tags]
    sheet = sheet_plan(editions, FLYER_FORMATS["letter"], poster_rules(campaign))
    for plan in sheet.pages:
        if not any(item.paragraph.language.tag == "zh-Hans" for item in plan.texts):
            continue
        sizes = {
            i.message_id: i.paragraph.style.size_px * POINTS_PER_INCH / DPI
            for i in plan.texts
            if i.paragraph.language.tag == "zh-Hans"
        }
        assert sizes["headline"] >= headline_pt and sizes["help"] >= body_pt, sizes
