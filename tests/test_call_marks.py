"""A mark after the number never joins it: `1-888-373-7888.` is read (and copied, and OCR'd)
as part of the number, and in Arabic the full stop stands left of the first digit. Full-width
CJK punctuation and Korean particles written against the number never make a correct call
line fail the layout."""

from __future__ import annotations

import re
import unicodedata

import pytest
from campaign_kit import one_approval, sample_campaign, set_translation, translated_edition
from cli_kit import cli_runner
from flyer_measure import offset_of, run_boxes, tesseract_text
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from campaigngen.cli import main
from campaigngen.renderers.flyer import FORMATS
from campaigngen.renderers.flyer.content import call_line, contact_block, flyer_content
from campaigngen.renderers.flyer.pages import plan_page
from campaigngen.renderers.flyer.plan import display_list
from campaigngen.renderers.flyer.png_writer import render_page_png
from campaigngen.renderers.typesetting.runs import PDI, without_bidi_controls
from campaigngen.sources.campaign import load_campaign

PHONE = "1-888-373-7888"
VALUES = {"phone": PHONE, "url": "https://example.org/help", "sms": "233733"}
# Marks that end a sentence in many scripts, listed here, not taken from the ICU property the
# layout uses.
MARKS = ".!?。！？．؟۔।။።។"
WORDS = ("Call", "Llame al", "请拨打", "免费", "اتصلوا على", "مجاني", "전화하세요", "फोन करें", "ဖုန်းဆက်ပါ", "ይደውሉ")


def punctuation_after_a_value(text: str) -> list[str]:
    """The characters set right after each contact detail's isolate, where they are marks."""
    return [
        text[i + 1] for i, char in enumerate(text[:-1]) if char == PDI and unicodedata.category(text[i + 1]) == "Po"
    ]


def letters(text: str) -> str:
    """The text without marks, spaces or bidi controls: what a mark rule must never change."""
    return "".join(c for c in without_bidi_controls(text) if not c.isspace() and unicodedata.category(c) != "Po")


def filled(template: str) -> str:
    return template.format(**VALUES)


@pytest.mark.parametrize(
    "template",
    [
        "Call {phone}.",
        "Call {phone}! It is free.",
        "Llame al {phone}. Es gratis.",
        "اتصلوا على {phone}.",
        "اتصلوا على {phone}. الاتصال مجاني.",
        "هل تحتاج مساعدة؟ {phone}؟",
        "请拨打 {phone}。免费。",
        "请拨打{phone}。",
        "電話は{phone}！無料です。",
        "फोन करें {phone}। मुफ़्त।",
        "ወደ {phone}። ይደውሉ",
        "Text {sms}. Visit {url}.",
    ],
)
def test_no_mark_is_set_against_a_contact_detail(template):
    whole = contact_block("call", template, VALUES)
    assert punctuation_after_a_value(whole.text) == [], whole.text
    assert letters(whole.text) == letters(filled(template))  # only marks and spaces changed
    if "{phone}" in template:
        number = without_bidi_controls(call_line("call", template, VALUES).number.text)
        assert not any(unicodedata.category(c) == "Po" for c in number.replace(PHONE, "")), number


def test_a_mark_that_only_ends_the_line_is_dropped_and_one_before_more_words_set_apart():
    assert without_bidi_controls(contact_block("call", "Call {phone}.", VALUES).text) == f"Call {PHONE}"
    assert without_bidi_controls(contact_block("call", "请拨打 {phone}。免费。", VALUES).text) == (
        f"请拨打 {PHONE}\u00a0。免费。"
    )
    # A comma before more words ends no sentence and reads as no digit: on one line it stays
    # where the translator put it; the number's own line ends before it.
    assert without_bidi_controls(contact_block("call", "Call {phone}, day or night.", VALUES).text) == (
        f"Call {PHONE}, day or night."
    )
    line = call_line("call", "Call {phone}, day or night.", VALUES)
    assert without_bidi_controls(line.number.text) == PHONE
    assert line.after is not None and without_bidi_controls(line.after.text) == "day or night."


def test_a_word_written_against_the_number_moves_to_the_words_line_only_when_needed():
    line = call_line("call", "{phone}번으로 전화하세요", VALUES)
    assert without_bidi_controls(line.number.text) == f"{PHONE}번으로"
    assert line.unglued is not None
    assert without_bidi_controls(line.unglued.number.text) == PHONE
    assert line.unglued.after is not None and line.unglued.after.text == "번으로 전화하세요"
    assert call_line("call", "Call {phone}", VALUES).unglued is None


@given(
    before=st.sampled_from(WORDS),
    after=st.sampled_from(("",) + WORDS),
    marks=st.text(alphabet=MARKS, min_size=1, max_size=2),
    space=st.sampled_from(("", " ")),
)
def test_any_marks_after_the_number_in_any_script(before, after, marks, space):
    template = f"{before}{space}{{phone}}{marks}{' ' + after if after else ''}"
    whole = contact_block("call", template, VALUES)
    assert punctuation_after_a_value(whole.text) == [], whole.text
    assert letters(whole.text) == letters(filled(template))
    number = without_bidi_controls(call_line("call", template, VALUES).number.text)
    assert number.endswith(PHONE), number  # the number's own line never ends with a mark


# The call lines of the issue, and their kin, in a campaign of their own.
CALL_LINES = {
    "zh-Hans": "请拨打 {phone}。免费。",
    "ko": "{phone}번으로 전화하세요",
    "ar": "اتصلوا على {phone}.",
    "zh-Hant": "請撥打{phone}！免費。",
    "hi": "{phone} पर कॉल करें। मुफ़्त है।",
}


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    root = tmp_path_factory.mktemp("marks")
    with one_approval(root):
        folder = sample_campaign(root, languages=tuple(CALL_LINES), formats=list(FORMATS), spots=())
        for tag, text in CALL_LINES.items():
            set_translation(root, tag, "call", text)
    return folder


@pytest.mark.slow
def test_call_lines_with_marks_and_particles_pass_check_and_build_in_every_format(marked, tmp_path):
    checked = cli_runner().invoke(main, ["check", str(marked)])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    # The languages of the call lines: the English source, checked above, has no mark to set.
    built = cli_runner().invoke(main, ["build", str(marked), "--lang", ",".join(CALL_LINES), "--out", str(tmp_path)])
    assert built.exit_code == 0, built.stdout + built.stderr
    assert sorted(path.name for path in (tmp_path / "help-is-here").iterdir() if path.is_dir()) == sorted(CALL_LINES)


def _ocr_number_lines(localized, format_name: str) -> list[str]:
    """Tesseract's reading of each line that holds the number, across its whole column: a mark
    set against the number anywhere on that line is read with it."""
    plan = plan_page(localized, flyer_content(localized), FORMATS[format_name])
    image = render_page_png(plan.size, display_list(plan, False))
    offset = offset_of(plan)
    readings = []
    for box in run_boxes(plan, PHONE):
        size = box.item.paragraph.style.size_px
        # Down to the line's own ink, not into the top of the hotline's name set below it.
        own_ink = max(line.extent.bottom for line in box.item.paragraph.lines)
        top, bottom = box.baseline - 1.05 * size, box.baseline + min(0.35 * size, max(0.0, own_ink) + 0.1 * size)
        left, right = box.item.x, box.item.x + box.item.width
        crop = image.crop(tuple(int(round(v + offset)) for v in (left, top, right, bottom))).convert("L")
        # Tesseract reads dark on light best; the number is white on the panel.
        if crop.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0)) < 128:  # type: ignore[operator]
            crop = Image.eval(crop, lambda v: 255 - v)
        grown = Image.new("L", (crop.width + 80, crop.height + 80), 255)
        grown.paste(crop, (40, 40))
        ocr = tesseract_text(grown, psm=7)
        readings.append(ocr.strip())
    return readings


@pytest.mark.slow
@pytest.mark.parametrize("call", ["اتصلوا على {phone}.", "اتصلوا على {phone}. الاتصال مجاني.", "للاتصال: {phone}؟"])
@pytest.mark.parametrize("format_name", ["letter", "tabloid", "wallet"])
def test_ocr_reads_the_arabic_number_without_a_mark(marked, call, format_name):
    campaign = load_campaign(marked)
    arabic = translated_edition(campaign, "ar", {"call": call})
    readings = _ocr_number_lines(arabic, format_name)
    assert readings
    for reading in readings:
        tokens = re.findall(r"\S*888\S*", reading)
        assert tokens == [PHONE], reading
