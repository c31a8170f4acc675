"""A line break must not change what a reader copies out of the PDF. PDFium (Chrome's viewer)
and poppler's pdftotext join a line that ends in a hyphen-minus to the next and drop the
mark (the Mam headline's "n-ok" broken after its hyphen copied out as "nok" and "n\ufffeok"),
while U+2010 HYPHEN and the dashes copy out as written. So no line may end in a mark the
receivers join away, and every other break stays allowed. The words are CLDR's (Babel's
territory and language names: Latin, Cyrillic, and Persian, which writes U+2010), not ours;
the model of the receivers is checked against the receivers themselves on real PDFs."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigngen.catalogs.load import localize
from campaigngen.checks.pdf import extracted_texts
from campaigngen.renderers.flyer import FORMATS, render_flyer
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.pages import plan_page
from campaigngen.renderers.flyer.plan import TextItem
from campaigngen.renderers.typesetting import Style, set_paragraph
from campaigngen.renderers.typesetting.breaking import JOINED_AT_LINE_END
from campaigngen.renderers.typesetting.runs import without_bidi_controls
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.languages import parse_language

SAMPLE = Path(__file__).resolve().parents[1] / "content" / "help-is-here"
HYPHEN = "\u2010"
# Languages whose CLDR names hyphenate words, by script: Latin, Cyrillic, Arabic (U+2010).
LANGUAGES = ("de", "fr", "ro", "pl", "ru", "bg", "uk", "kk", "fa")


def _hyphenated_words(tag: str) -> list[str]:
    locale = Locale.parse(tag)
    names = [*locale.territories.values(), *locale.languages.values()]
    words = {w for name in names for w in name.split() if re.search(r"\w[-\u2010]\w", w)}
    return sorted(words)


WORDS = {tag: _hyphenated_words(tag) for tag in LANGUAGES}


def receiver_copy(lines: list[str]) -> str:
    """The text as PDFium and pdftotext copy it (measured below): lines joined, a line that
    ends in a joined mark glued to the next with the mark dropped."""
    copied = ""
    for line in lines:
        stripped = line.rstrip()
        if stripped[-1:] in JOINED_AT_LINE_END:
            copied += stripped[:-1]
        else:
            copied += stripped + "\n"
    return copied


def _squeezed(text: str) -> str:
    return "".join(without_bidi_controls(text).split())


def test_cldr_gives_hyphenated_words_in_every_script_and_u2010_in_persian():
    assert all(len(words) >= 5 for words in WORDS.values()), {t: len(w) for t, w in WORDS.items()}
    assert any(HYPHEN in word for word in WORDS["fa"])
    assert all("-" in word for word in WORDS["ru"])


@settings(max_examples=60)
@given(data=st.data())
def test_what_a_reader_copies_is_the_text_at_any_width(data):
    tag = data.draw(st.sampled_from(LANGUAGES))
    words = data.draw(st.lists(st.sampled_from(WORDS[tag]), min_size=2, max_size=7))
    if data.draw(st.booleans()):  # the same words written with U+2010, which may break
        words = [w.replace("-", HYPHEN) for w in words]
    text = " ".join(words)
    width = data.draw(st.integers(min_value=150, max_value=900))
    lines = [line.text for line in set_paragraph(text, parse_language(tag), Style(60), width).lines]
    assert _squeezed(receiver_copy(lines)) == _squeezed(text), lines


def _line_ends_over_widths(tag: str, text: str) -> set[str]:
    language = parse_language(tag)
    ends = set()
    for width in range(120, 1000, 20):
        lines = set_paragraph(text, language, Style(60), width).lines
        ends.update(line.text.rstrip()[-1:] for line in lines[:-1])
    return ends


@pytest.mark.parametrize("tag", ["fr", "ru", "fa"])
def test_lines_break_after_u2010_and_never_after_a_hyphen_minus(tag):
    words = WORDS[tag][:12]
    minus = " ".join(w.replace(HYPHEN, "-") for w in words)
    hyphen = " ".join(w.replace("-", HYPHEN) for w in words)
    assert _line_ends_over_widths(tag, minus).isdisjoint(JOINED_AT_LINE_END)
    assert HYPHEN in _line_ends_over_widths(tag, hyphen), "no line broke at U+2010: the rule would forbid too much"


def _headline_lines(localized, fmt: str) -> list[str]:
    plan = plan_page(localized, flyer_content(localized), FORMATS[fmt])
    headline = localized.campaign.flyer.headline
    for item in plan.placed():
        if isinstance(item, TextItem) and item.message_id == headline:
            return [line.text for line in item.paragraph.lines]
    raise AssertionError("the headline is not on the page")


@pytest.fixture(scope="module")
def campaign():
    return load_campaign(SAMPLE)


def test_the_mam_headline_copies_out_of_the_tabloid_as_written(campaign, tmp_path):
    mam = localize(campaign, "mam")
    headline = mam.text("headline")
    assert "n-ok" in headline
    pdf = render_flyer(mam, "tabloid", tmp_path)[0].path
    for extractor, text in extracted_texts(pdf).items():
        assert _squeezed(headline) in _squeezed(text), (extractor, text)


def test_the_model_of_the_receivers_is_what_they_do(campaign, tmp_path):
    """A Russian headline of CLDR's words, written with U+2010, then with hyphen-minus: where
    a line ends in U+2010 both extractors keep it; the hyphen-minus version is never broken
    there, and both copy it out whole."""
    russian = localize(campaign, "ru")
    words = " ".join(WORDS["ru"][:9])
    for text in (words.replace("-", HYPHEN), words):
        edition = dataclasses.replace(russian, texts={**russian.texts, "headline": text})
        lines = _headline_lines(edition, "letter")
        assert len(lines) > 1
        if HYPHEN in text:
            assert any(line.rstrip().endswith(HYPHEN) for line in lines[:-1]), lines
        pdf = render_flyer(edition, "letter", tmp_path / str(len(text)) / str(HYPHEN in text))[0].path
        for extractor, copied in extracted_texts(pdf).items():
            assert _squeezed(text) in _squeezed(copied), (extractor, lines)
