"""No line of Thai or Burmese breaks inside a word, on any format or sheet, judged by segmenters
independent of the layout's (ICU's dictionary breaker): PyThaiNLP's newmm word tokenizer for
Thai, and for Burmese the script's syllable rule (a syllable starts at a consonant or
independent vowel that is neither stacked under the one before (U+1039) nor killed by an
asat (U+103A)): a Burmese line may end only at a space or a syllable's end, and where the
text gives spaces between phrases it ends at one. A multilingual sheet had split `မဆို`."""

from __future__ import annotations

import re

import pytest
from campaign_kit import SAMPLE_CONFIG
from pythainlp.tokenize import word_tokenize

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.plan import TextItem
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.renderers.typesetting.runs import without_bidi_controls
from campaigngen.sources.campaign import load_campaign

SAMPLE = load_campaign(SAMPLE_CONFIG)
# A Burmese syllable starts at a consonant or independent vowel (or a digit or sign) that is
# not stacked under the previous one and not followed by an asat or a stacking virama.
_MYANMAR_START = re.compile(r"(?<!\u1039)[\u1000-\u102a\u103f\u1040-\u104f](?![\u103a\u1039])")


def _squeezed(text: str) -> str:
    return "".join(without_bidi_controls(text).split())


def _line_ends(item: TextItem) -> list[int]:
    """Where each line but the last ends, counted in the paragraph's text without spaces."""
    ends, at = [], 0
    for line in item.paragraph.lines[:-1]:
        at += len(_squeezed(line.text))
        ends.append(at)
    return ends


def _thai_word_ends(text: str) -> set[int]:
    ends, at = {0}, 0
    for token in word_tokenize(without_bidi_controls(text), engine="newmm", keep_whitespace=False):
        at += len(_squeezed(token))
        ends.add(at)
    return ends


def _burmese_syllable_ends(text: str) -> set[int]:
    squeezed = _squeezed(text)
    return {m.start() for m in _MYANMAR_START.finditer(squeezed)} | {len(squeezed)}


def _space_ends(text: str) -> set[int]:
    ends, at = set(), 0
    for piece in without_bidi_controls(text).split():
        at += len(piece)
        ends.add(at)
    return ends


def broken_words(plans, tag: str) -> list[str]:
    bad = []
    for plan in plans:
        for item in plan.texts:
            if item.paragraph.language.tag != tag or len(item.paragraph.lines) < 2:
                continue
            text = "".join(line.text for line in item.paragraph.lines)
            allowed = _thai_word_ends(text) if tag == "th" else _burmese_syllable_ends(text)
            squeezed = _squeezed(text)
            for end in _line_ends(item):
                if end not in allowed:
                    bad.append(f"{item.message_id}: {squeezed[max(0, end - 6) : end]} | {squeezed[end : end + 6]}")
    return bad


def _plans(tag: str):
    localized = localize(SAMPLE, tag)
    for fmt in FORMATS.values():
        yield plan_page(localized, flyer_content(localized), fmt)
    for tags in ((tag, "en"), ("th", "my", "am", "zh-Hans"), ("en", "es", tag)):
        if tag not in tags or len(set(tags)) != len(tags):
            continue
        yield from sheet_plan([localize(SAMPLE, t) for t in tags], FORMATS["letter"], poster_rules(SAMPLE)).pages


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["th", "my"])
def test_no_line_breaks_inside_a_word(tag):
    assert broken_words(_plans(tag), tag) == []


def test_the_checks_see_a_break_inside_a_word():
    """The segmenters themselves: a break inside ทำงาน or inside a Burmese syllable is seen."""
    assert 3 not in _thai_word_ends("ทำงาน") and 5 in _thai_word_ends("ทำงาน")
    assert _burmese_syllable_ends("မဆို") == {0, 1, 4}  # မ | ဆို
    assert 2 not in _burmese_syllable_ends("ကျွန်")  # ကျ is not a syllable of its own
