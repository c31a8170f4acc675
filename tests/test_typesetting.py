"""Shaping, direction and line breaking, checked on real pixels and real ICU boundaries."""

from __future__ import annotations

import icu
import numpy as np
import pytest
from PIL import Image, ImageDraw

from campaigngen.renderers.typesetting import START, Style, coverage_runs, draw_paragraph, set_paragraph, visual_runs
from campaigngen.renderers.typesetting.breaking import NO_LINE_START
from campaigngen.renderers.typesetting.runs import LRI, PDI
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import parse_language

WIDTH = 1400


def ink(paragraph, width=WIDTH, align=START) -> np.ndarray:
    image = Image.new("L", (width, int(paragraph.height) + 20), 255)
    draw_paragraph(ImageDraw.Draw(image), paragraph, 0, 10, width, 0, align)
    return np.asarray(image) < 128


def columns_with_ink(mask: np.ndarray) -> tuple[int, int]:
    cols = np.flatnonzero(mask.any(axis=0))
    return int(cols[0]), int(cols[-1])


def ink_width(mask: np.ndarray) -> int:
    left, right = columns_with_ink(mask)
    return right - left


def best_match(haystack: np.ndarray, needle: np.ndarray) -> float:
    """Best share of equal pixels of needle slid along haystack (same height)."""
    width = needle.shape[1]
    return max((haystack[:, x : x + width] == needle).mean() for x in range(0, haystack.shape[1] - width, 2))


def test_arabic_is_joined_not_isolated_letters():
    ar = parse_language("ar")
    joined = ink(set_paragraph("اتصل بنا الآن", ar, Style(80), WIDTH))
    # ZWNJ between letters forbids joining: what a no-raqm build would print.
    unjoined = ink(set_paragraph("\u200c".join("اتصل بنا الآن"), ar, Style(80), WIDTH))
    assert joined.shape[1] == unjoined.shape[1]
    assert (joined != unjoined[: joined.shape[0]] if unjoined.shape[0] >= joined.shape[0] else True).any()
    assert ink_width(joined) < ink_width(unjoined)


def test_arabic_first_word_is_at_the_right():
    ar = parse_language("ar")
    line = ink(set_paragraph("اتصل بنا", ar, Style(80), WIDTH))
    first = ink(set_paragraph("اتصل", ar, Style(80), WIDTH))
    left, right = columns_with_ink(first)
    assert right > WIDTH - 20  # start alignment is the right edge in Arabic
    height = min(line.shape[0], first.shape[0])
    # The first word alone and the rightmost part of the line are the same pixels.
    same = (line[:height, left:] == first[:height, left:]).mean()
    assert same > 0.995
    assert line[:height, : left - 5].any()  # the second word is to its left


def test_phone_number_in_arabic_keeps_its_digit_order():
    ar = parse_language("ar")
    number = "1-888-373-7888"
    paragraph = set_paragraph(f"اتصل بنا الآن {LRI}{number}{PDI} مجانا", ar, Style(70), WIDTH)
    assert len(paragraph.lines) == 1
    runs = paragraph.lines[0].runs
    number_runs = [r for r in runs if any(c.isdigit() for c in r.text)]
    assert len(number_runs) == 1 and number_runs[0].text.strip(f" {LRI}{PDI}") == number
    assert number_runs[0].family == "latin" and not number_runs[0].rtl

    # Pixels: the number's run inside the line equals the number drawn alone at the same size.
    alone_par = set_paragraph(number, parse_language("en"), Style(70), WIDTH)
    # Same baseline band in both images (the Arabic font's line is taller).
    line = ink(paragraph)[int(10 + paragraph.ascent) - 60 : int(10 + paragraph.ascent) + 20]
    alone = ink(alone_par)[int(10 + alone_par.ascent) - 60 : int(10 + alone_par.ascent) + 20]
    a_left, a_right = columns_with_ink(alone)
    glyphs = alone[:, a_left : a_right + 1]
    best = best_match(line, glyphs)
    assert best > 0.985  # same glyphs, same order (sub-pixel pen positions differ slightly)
    # ...and it is not the reversed number (what unisolated bidi text can produce).
    backwards = set_paragraph(number[::-1], parse_language("en"), Style(70), WIDTH)
    flipped = ink(backwards)[int(10 + backwards.ascent) - 60 : int(10 + backwards.ascent) + 20]
    assert best_match(flipped, glyphs) < best - 0.03


def test_thai_breaks_only_at_icu_word_boundaries():
    th = parse_language("th")
    text = "คุณสามารถขอความช่วยเหลือได้ตลอดเวลาโดยไม่ต้องเสียค่าใช้จ่าย"
    words = icu.BreakIterator.createWordInstance(icu.Locale("th"))
    words.setText(text)
    boundaries = set(words)
    for width in (300, 450, 700):
        paragraph = set_paragraph(text, th, Style(48), width)
        assert len(paragraph.lines) > 1
        assert "".join(line.text for line in paragraph.lines) == text
        offset = 0
        for line in paragraph.lines[:-1]:
            offset += len(line.text)
            assert offset in boundaries, (width, line.text)
        assert all(line.ink_width <= width for line in paragraph.lines)


@pytest.mark.parametrize(
    "tag,text",
    [
        ("zh-Hans", "有人强迫你工作吗？你可以得到帮助。电话是免费的，而且保密。我们会说你的语言！"),
        ("zh-Hant", "「有人強迫你工作嗎？」你可以得到幫助。電話免費，而且保密。"),
    ],
)
def test_cjk_no_line_starts_with_closing_punctuation(tag, text):
    language = parse_language(tag)
    for width in range(150, 900, 37):
        paragraph = set_paragraph(text, language, Style(40), width)
        assert "".join(line.text for line in paragraph.lines) == text
        for line in paragraph.lines[1:]:
            assert line.text[0] not in NO_LINE_START, (width, line.text)


@pytest.mark.parametrize("tag,text", [("ar", "اتصل 1-888"), ("my", "ဖုန်းဆက်ပါ 1-888"), ("am", "ይደውሉ 1-888")])
def test_latin_digits_inside_other_scripts_use_the_latin_font(tag, text):
    language = parse_language(tag)
    runs = coverage_runs(text, manifest(), manifest().chain(language))
    digit_runs = [r for r in runs if any(c.isdigit() for c in r.text)]
    assert digit_runs and all(r.family == "latin" for r in digit_runs)
    assert runs[0].family != "latin"


def test_contact_details_never_split_over_lines():
    en = parse_language("en")
    text = f"Call {LRI}1-888-373-7888{PDI} today"
    start = text.index(LRI)
    paragraph = set_paragraph(text, en, Style(60), 700, protected=[(start, text.index(PDI) + 1)])
    assert any("1-888-373-7888" in line.text for line in paragraph.lines)


def test_visual_runs_of_mixed_line_are_in_reading_order():
    ar = parse_language("ar")
    runs = visual_runs(f"مرحبا {LRI}ABC 123{PDI}", manifest(), manifest().chain(ar), True)
    # Right to left paragraph: the Latin isolate is visually left of the Arabic word.
    texts = [r.text.strip(f" {LRI}{PDI}") for r in runs]
    assert texts.index("ABC 123") < texts.index("مرحبا")
