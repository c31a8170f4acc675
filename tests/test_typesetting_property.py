"""Property: any text either fits its box (and no ink lands outside it) or raises the
fit or coverage error a user would see. Never a crash, never a silent overflow."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from campaigngen.exceptions import LayoutFitError, MissingGlyphsError
from campaigngen.renderers.typesetting import draw_paragraph, fit_paragraph
from campaigngen.sources.languages import parse_language

# Real text in each language's script, pieces every chain draws (Latin, digits, the hard
# cases: combining marks, bidi controls, joiners, long words), and rarely a character no font has.
NATIVE = {"en": ["help ", "Ayúdame "], "vi": ["Việt ", "giúp đỡ "], "ru": ["Ж ", "помощь "],
          "ar": ["مساعدة ", "مرحبا\u200c", "اتصل "], "ur": ["مدد ", "کریں "], "th": ["ความช่วยเหลือ", "โทร"],
          "my": ["အကူအညီ", "ဖုန်းဆက်ပါ"], "am": ["እርዳታ ", "ይደውሉ "], "hi": ["सहायता ", "कॉल करें "],
          "zh-Hans": ["帮助。", "请拨打"], "zh-Hant": ["「電話」", "幫助，"], "ko": ["도움 ", "전화하세요 "]}
COMMON = ["\u2066+1 888\u2069", "1-888-373-7888", " ", "e\u0301\u0301\u0301", "?!", "\u200d", "\u202e",
          "\u202c", "supercalifragilisticexpialidocious", "(", ")"]
TAGS = list(NATIVE)
PAD = 40


@st.composite
def texts(draw, tag):
    parts = draw(st.lists(st.one_of(st.sampled_from(NATIVE[tag]), st.sampled_from(COMMON)), min_size=1,
                          max_size=14))
    rare = draw(st.sampled_from(["", "", "", "", "", "", "\ue000"]))
    noise = draw(st.one_of(*[st.just("")] * 6, st.text(st.characters(blacklist_categories=("Cs", "Co", "Cn")),
                                                          max_size=2)))
    return "".join(parts) + rare + noise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), tag=st.sampled_from(TAGS), width=st.integers(120, 900), height=st.integers(60, 500))
def test_text_fits_inside_its_box_or_raises(data, tag, width, height):
    text = data.draw(texts(tag))
    language = parse_language(tag)
    try:
        paragraph = fit_paragraph(text, language, width, height, max_px=64, min_px=16, message_id="m")
    except (LayoutFitError, MissingGlyphsError) as error:
        assert error.message_id == "m" and error.language == tag
        event(type(error).__name__)
        return
    event("fits")
    assert paragraph.height <= height and paragraph.width <= width
    image = Image.new("L", (width + 2 * PAD, height + 2 * PAD), 255)
    draw_paragraph(ImageDraw.Draw(image), paragraph, PAD, PAD, width, 0)
    ink = np.asarray(image) < 200
    inside = np.zeros_like(ink)
    inside[PAD - 1:PAD + height + 1, PAD - 1:PAD + width + 1] = True
    assert not (ink & ~inside).any(), "ink outside the box"


def test_line_separators_inside_a_message_are_set_as_spaces():
    # Found by the property test: NEL (U+0085) made raqm's layout fail outright.
    language = parse_language("en")
    for separator in ("\x85", "\u2028", "\u2029", "\r\n", "\t"):
        paragraph = fit_paragraph(f"help{separator}now", language, 900, 200, max_px=64, min_px=16, message_id="m")
        assert paragraph.height <= 200
