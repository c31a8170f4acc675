"""A second campaign with other text than the sample's, written for this test: the word-break
and ink-ratio tests hold on text the layout was never tuned on. Thai, Burmese, Khmer and Lao
lines of other lengths and words (a passport, wages, interpreters), and Chinese and Korean
headlines and body lines of other shapes; built in tmp_path through the test kit (the sample
cut down, each line set as a translator's tool would save it), every format and two sheets."""

from __future__ import annotations

import pytest
from campaign_kit import one_approval, sample_campaign, set_translation
from print_pdf import pdf_alone
from test_number_dominance import assert_dominant
from test_word_breaks import broken_words

from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS, render_flyer, render_multilingual_sheet
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.sources.campaign import load_campaign

OTHER_TEXT = {
    "th": {
        "headline": "มีใครบังคับให้คุณทำงานโดยไม่ได้รับค่าจ้างหรือเปล่า",
        "help": "เราพร้อมช่วยเหลือคุณตลอดเวลา",
        "free": "โทรฟรีและไม่มีใครรู้",
        "name": "ไม่ต้องบอกชื่อจริงของคุณ",
        "language": "มีล่ามพูดภาษาของคุณ",
    },
    "my": {
        "headline": "သင့်ပတ်စပို့ကို တစ်စုံတစ်ယောက်က သိမ်းထားသလား",
        "help": "ကျွန်ုပ်တို့ ကူညီနိုင်ပါတယ်",
        "free": "ဖုန်းခေါ်ခ မပေးရပါ",
        "name": "နာမည် ပြောစရာ မလိုပါ",
        "language": "သင့်ဘာသာစကားနဲ့ ပြောနိုင်ပါတယ်",
    },
    "km": {
        "headline": "តើមាននរណាម្នាក់បង្ខំអ្នកឱ្យធ្វើការដោយគ្មានប្រាក់ឈ្នួលទេ?",
        "help": "យើងអាចជួយអ្នកបាន",
        "free": "ការហៅទូរស័ព្ទគឺឥតគិតថ្លៃ",
        "name": "អ្នកមិនចាំបាច់ប្រាប់ឈ្មោះទេ",
        "language": "យើងមានអ្នកបកប្រែភាសារបស់អ្នក",
    },
    "lo": {
        "headline": "ມີໃຜຍຶດໜັງສືເດີນທາງຂອງທ່ານບໍ?",
        "help": "ພວກເຮົາສາມາດຊ່ວຍທ່ານໄດ້",
        "free": "ໂທຟຣີ ແລະ ເປັນຄວາມລັບ",
        "name": "ທ່ານບໍ່ຕ້ອງບອກຊື່",
        "language": "ພວກເຮົາມີນາຍພາສາ",
    },
    "zh-Hans": {
        "headline": "老板扣了你的护照吗？",
        "help": "我们可以帮你。",
        "free": "打电话不要钱，也没人知道。",
        "name": "不用说你的名字。",
        "language": "有翻译说你的语言。",
        "call": "请打 {phone}",
    },
    "ko": {
        "headline": "누가 여권을 빼앗아 갔나요?",
        "help": "저희가 도와드릴 수 있어요.",
        "free": "전화는 무료이고 아무도 몰라요.",
        "name": "이름은 말하지 않아도 돼요.",
        "language": "통역사가 있어요.",
        "call": "{phone}로 전화하세요",
    },
}
SHEETS = (("zh-Hans", "ko", "th", "my"), ("km", "lo", "zh-Hans", "ko"))
BREAKS = ("th", "my", "km", "lo")
# PyMuPDF's glyph boxes for Myanmar clusters are not ink boxes (tests/pdf_ink.py): Burmese is
# judged by the layout's own measure in test_number_dominance, not here.
INK = ("zh-Hans", "ko", "th", "km", "lo")


@pytest.fixture(autouse=True)
def _pdf_alone(monkeypatch):
    """Every test here reads a page's plan or its print PDF, none the PNG (print_pdf.py)."""
    pdf_alone(monkeypatch)


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    root = tmp_path_factory.mktemp("second")
    with one_approval(root):
        folder = sample_campaign(root, languages=tuple(OTHER_TEXT), formats=tuple(FORMATS), sheets=SHEETS, spots=())
        for tag, lines in OTHER_TEXT.items():
            for message_id, text in lines.items():
                set_translation(root, tag, message_id, text)
    return load_campaign(folder)


def test_the_second_campaign_prints_its_own_text(second):
    for tag, lines in OTHER_TEXT.items():
        localized = localize(second, tag)
        assert not localized.draft, tag
        assert localized.text("headline") == lines["headline"]


@pytest.mark.slow
@pytest.mark.parametrize("tag", BREAKS)
def test_no_line_breaks_inside_a_word_in_other_text(second, tag):
    localized = localize(second, tag)
    plans = [plan_page(localized, flyer_content(localized), fmt) for fmt in FORMATS.values()]
    for tags in SHEETS:
        if tag in tags:
            editions = [localize(second, t) for t in tags]
            plans += sheet_plan(editions, FORMATS["letter"], poster_rules(second)).pages
    assert broken_words(plans, tag) == []


@pytest.mark.slow
@pytest.mark.parametrize("tag", INK)
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_the_number_looks_largest_with_other_text(second, tag, format_name, tmp_path):
    pdf = render_flyer(localize(second, tag), format_name, tmp_path)[0].path
    assert_dominant(pdf, f"{tag} {format_name} (second campaign)")


@pytest.mark.slow
@pytest.mark.parametrize("tags", SHEETS)
def test_the_number_looks_largest_on_other_sheets(second, tags, tmp_path):
    written = render_multilingual_sheet([localize(second, tag) for tag in tags], tmp_path)
    pdf = next(a.path for a in written if a.path.suffix == ".pdf")
    assert_dominant(pdf, "+".join(tags) + " (second campaign)")
