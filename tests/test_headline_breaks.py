"""A headline never ends on a lone word where a better break exists: its lines are balanced
(the narrowest width that keeps their count), so "work?", "있나요?", "ไหม" or "ነው?" do not
stand alone on a last line. Checked on every sample language and format, and on text
written for this test."""

from __future__ import annotations

import pytest
from campaign_kit import SAMPLE_CONFIG, translated_edition

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.pages import plan_page
from campaigngen.renderers.typesetting import set_paragraph
from campaigngen.renderers.typesetting.breaking import KEEP_ALL, PHRASES, policy_for
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.languages import parse_language

SAMPLE = load_campaign(SAMPLE_CONFIG)
TAGS = ["en", *(language.tag for language in SAMPLE.languages if language.tag != "en")]
SPACED = {"en", "es", "vi", "ko", "tl", "ru", "uk", "ar", "fa", "hi", "ur", "pt", "fr", "ht", "so", "am"}
OTHER_HEADLINES = {
    "en": "Does your boss keep your passport or your pay?",
    "es": "¿Su jefe le quita el pasaporte o el sueldo?",
    "ko": "사장이 여권이나 월급을 가져갔나요?",
    "th": "นายจ้างยึดหนังสือเดินทางของคุณไหม",
}


def headline_lines(edition, format_name: str) -> tuple[list[str], list[float]]:
    plan = plan_page(edition, flyer_content(edition), FORMATS[format_name])
    headline = next(item for item in plan.texts if item.message_id == "headline")
    return [line.text for line in headline.paragraph.lines], [line.ink_width for line in headline.paragraph.lines]


def assert_no_lone_last_word(edition, format_name: str) -> None:
    texts, widths = headline_lines(edition, format_name)
    if len(texts) < 2:
        return
    label = f"{edition.tag} {format_name}: {' | '.join(texts)}"
    above, last = texts[-2].split(), texts[-1].split()
    if edition.tag in SPACED and len(last) == 1 and len(above) >= 2:
        # A better break exists where taking one more word down evens the two lines out.
        now = abs(len(texts[-2]) - len(texts[-1]))
        moved = abs(len(" ".join(above[:-1])) - len(f"{above[-1]} {texts[-1]}"))
        assert now <= moved, label
    # In any script (Thai, Burmese, Chinese too): the last line is not a stub beside a full one.
    assert widths[-1] >= 0.4 * max(widths), label


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("format_name", ["letter", "a4", "tabloid", "wallet"])
def test_sample_headlines_do_not_end_on_a_lone_word(tag, format_name):
    assert_no_lone_last_word(localize(SAMPLE, tag), format_name)


@pytest.mark.parametrize("tag", sorted(OTHER_HEADLINES))
@pytest.mark.parametrize("format_name", ["letter", "tabloid", "wallet"])
def test_other_headlines_do_not_end_on_a_lone_word(tag, format_name):
    edition = translated_edition(SAMPLE, tag, {"headline": OTHER_HEADLINES[tag]})
    assert_no_lone_last_word(edition, format_name)


PHRASED = [t for t in TAGS if policy_for(t, parse_language(t).script).name in (PHRASES, KEEP_ALL)]


@pytest.mark.parametrize("tag", PHRASED)
@pytest.mark.parametrize("format_name", ["letter", "a4", "tabloid", "wallet"])
def test_balancing_keeps_the_phrases_the_column_keeps(tag, format_name):
    """Balancing narrows a headline's width, never so far that a phrase (Burmese, Khmer,
    S'gaw Karen) or a Korean word the full column keeps whole is broken inside: the Karen
    headline had come out 'ပှၤတဂၤ ဒုးမၤတၢ်နၤ ဖဲ | နသးတအဲၣ်...'."""
    edition = localize(SAMPLE, tag)
    plan = plan_page(edition, flyer_content(edition), FORMATS[format_name])
    item = next(item for item in plan.texts if item.message_id == "headline")
    text = edition.text("headline")
    whole = set_paragraph(text, edition.language, item.paragraph.style, item.width)
    assert whole.broken_inside or not item.paragraph.broken_inside, [line.text for line in item.paragraph.lines]


def test_the_karen_headline_breaks_between_its_phrases():
    lines, _widths = headline_lines(localize(SAMPLE, "ksw"), "letter")
    assert [line.split() for line in lines] == [["ပှၤတဂၤ", "ဒုးမၤတၢ်နၤ"], ["ဖဲနသးတအဲၣ်ဒိးဘၣ်ဧါ?"]]
