"""Flyers a reader gets in one glance, measured on the sample campaign's pages as printed:
the number first (its digits at least as tall as the headline's capitals, the same height in
every language of a format), Korean lines that end only between words, multilingual sheets
that keep every message, ink clear of what office printers clip."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from campaign_kit import sample_campaign
from flyer_measure import first_letter_box, ink_height, offset_of, run_boxes, tesseract_env
from PIL import Image

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.checks.qr import decode_qr
from campaigngen.renderers.flyer import (
    FORMATS,
    check_pdf,
    preview_image,
    render_flyer,
    render_multilingual_sheet,
    sheet_fit_findings,
)
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.formats import DPI
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.plan import TextItem, display_list
from campaigngen.renderers.flyer.png_file import PRINT_LEVEL, png_bytes
from campaigngen.renderers.flyer.png_writer import render_page_png
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.renderers.typesetting.runs import without_bidi_controls
from campaigngen.sources.campaign import load_campaign

PHONE = "1-888-373-7888"
# Headlines whose first letter is a capital sitting on the baseline with a flat top: I, A, В.
CAPITAL_FIRST = ("en", "pt", "ru")
LANGUAGES = (*CAPITAL_FIRST, "ar", "ko", "my", "ur", "zh-Hans", "tl", "fa")
OFFICE = ("letter", "a4", "tabloid", "tearoff")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    root = tmp_path_factory.mktemp("reading")
    folder = sample_campaign(
        root,
        languages=[t for t in LANGUAGES if t != "en"],
        formats=list(FORMATS),
        sheets=[("en", "pt", "ru"), ("en", "ar", "zh-Hans", "ko")],
    )
    return take_snapshot(load_campaign(folder))


def page(plan, draft: bool = False) -> Image.Image:
    return render_page_png(plan.size, display_list(plan, draft))


FRAME = int(0.25 * 300)  # office printers clip about a quarter inch at every edge


def margin_strips(image: Image.Image) -> tuple[np.ndarray, ...]:
    """The page's outer quarter inch in greyscale, as four strips (top, bottom, left, right)."""
    w, h = image.size
    boxes = ((0, 0, w, FRAME), (0, h - FRAME, w, h), (0, 0, FRAME, h), (w - FRAME, 0, w, h))
    return tuple(np.asarray(image.crop(box).convert("L")) for box in boxes)


class DrawnPages:
    """Pages drawn for the module's measuring tests, each drawn once: a test measuring the
    number draws the page (keyed by language and format, or a sheet's languages and page
    number) and the page's margin strips are kept (a few MB for all of them, not the pages'
    hundreds), which is all the quarter-inch test reads of the same pages."""

    def __init__(self) -> None:
        self._margins: dict[tuple, tuple[np.ndarray, ...]] = {}

    def draw(self, key: tuple, plan) -> Image.Image:
        image = page(plan)
        self._margins[key] = margin_strips(image)
        return image

    def margins(self, key: tuple, plan) -> tuple[np.ndarray, ...]:
        if key not in self._margins:
            self.draw(key, plan)
        return self._margins[key]


@pytest.fixture(scope="module")
def drawn() -> DrawnPages:
    return DrawnPages()


def squeeze(text: str) -> str:
    return "".join(without_bidi_controls(text).split())


@pytest.mark.slow
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_the_number_is_as_tall_as_the_headline_capitals_and_the_same_in_every_language(snapshot, drawn, format_name):
    digits, capitals, sizes = {}, {}, set()
    for localized in snapshot.editions:
        plan = plan_page(localized, flyer_content(localized), FORMATS[format_name])
        image = drawn.draw((localized.tag, format_name), plan)
        boxes = run_boxes(plan, PHONE)  # the tear-off tabs are turned frames: not among them
        assert boxes, f"no number on the {format_name} page in {localized.tag}"
        largest = max(boxes, key=lambda box: box.item.paragraph.style.size_px)
        digits[localized.tag] = ink_height(image, largest, offset_of(plan))
        sizes.add(plan.number_pt)
        if localized.tag in CAPITAL_FIRST:
            headline = next(i for i in plan.placed() if isinstance(i, TextItem) and i.message_id == "headline")
            capitals[localized.tag] = ink_height(image, first_letter_box(headline), offset_of(plan))
    assert len(sizes) == 1, f"{format_name}: the number is set at {sizes} pt"
    assert max(digits.values()) - min(digits.values()) <= 1, digits  # anti-aliasing may add a row
    assert min(digits.values()) >= max(capitals.values()), (digits, capitals)
    assert min(capitals.values()) > 0


@pytest.mark.slow
def test_on_sheets_the_number_has_one_panel_per_page_and_tops_everything(snapshot, drawn):
    """Each sheet page carries the number once on its own panel, the same size on every page,
    its digits taller than any headline's capitals and than the number in any language's call
    line (which each section still says in full)."""
    for editions in snapshot.sheets():
        sheet = sheet_plan(editions, FORMATS["letter"], poster_rules(snapshot.campaign))
        panels, copies, capitals = [], [], []
        for number, plan in enumerate(sheet.pages, 1):
            image = drawn.draw((tuple(e.tag for e in editions), number), plan)
            for box in run_boxes(plan, PHONE):
                (panels if box.item.message_id == "phone" else copies).append(ink_height(image, box))
            for item in plan.placed():
                if (
                    isinstance(item, TextItem)
                    and item.message_id == "headline"
                    and item.paragraph.language.tag in CAPITAL_FIRST
                ):
                    capitals.append(ink_height(image, first_letter_box(item)))
        assert len(panels) == len(sheet.pages)  # one panel per page
        assert len(copies) == len(editions)  # and each language's call line
        assert max(panels) - min(panels) <= 1, panels
        assert capitals and min(panels) >= 1.15 * max(capitals), (panels, capitals)
        assert min(panels) >= 1.15 * max(copies), (panels, copies)


def _korean_texts(localized) -> list[str]:
    content = flyer_content(localized)
    call = content.call
    parts = [b for b in (*content.blocks, call.number, call.before, call.after) if b is not None]
    return [without_bidi_controls(b.text) for b in parts]


def _breaks_inside_words(plan, texts: list[str]) -> list[str]:
    """Lines of Korean paragraphs whose break was not at a space of the text they came from."""
    bad = []
    for item in plan.placed():
        if not isinstance(item, TextItem) or item.paragraph.language.tag != "ko" or len(item.paragraph.lines) < 2:
            continue
        lines = [without_bidi_controls(line.text).strip() for line in item.paragraph.lines]
        for a, b in zip(lines, lines[1:]):
            if not any(f"{a} {b}" in " ".join(t.split()) for t in texts):
                bad.append(f"{a} / {b}")
    return bad


@pytest.mark.slow
def test_no_korean_line_ends_inside_a_word_on_any_format(snapshot):
    korean = snapshot.edition("ko")
    texts = _korean_texts(korean)
    broken = 0
    for name, fmt in FORMATS.items():
        plan = plan_page(korean, flyer_content(korean), fmt)
        assert _breaks_inside_words(plan, texts) == [], name
        broken += sum(
            len(i.paragraph.lines) > 1
            for i in plan.placed()
            if isinstance(i, TextItem) and i.paragraph.language.tag == "ko"
        )
    assert broken, "no Korean line was broken at all: the test would prove nothing"
    for editions in snapshot.sheets():
        if any(e.tag == "ko" for e in editions):
            for plan in sheet_plan(editions, FORMATS["letter"], poster_rules(snapshot.campaign)).pages:
                assert _breaks_inside_words(plan, texts) == []


def test_keep_all_breaks_between_words_where_icu_breaks_between_syllables():
    from campaigngen.renderers.typesetting import Style, set_paragraph
    from campaigngen.renderers.typesetting.breaking import break_points
    from campaigngen.sources.languages import parse_language

    text = "누가 억지로 일을 시키고 있나요?"
    assert 5 in break_points(text, "ko")  # ICU: between 억 and 지
    korean = parse_language("ko")
    for width in (900, 1300, 1700):
        lines = [line.text for line in set_paragraph(text, korean, Style(200, True), width).lines]
        assert " ".join(lines) == text, lines


def test_burmese_breaks_at_phrases_before_syllables():
    from campaigngen.renderers.typesetting import Style, set_paragraph
    from campaigngen.sources.languages import parse_language

    text = "နံပါတ် ကို ဖုန်းဆက်ပါ"
    lines = [line.text for line in set_paragraph(text, parse_language("my"), Style(120), 700).lines]
    assert "ဖုန်းဆက်ပါ" in lines[-1]  # the compound stays whole when a phrase break is at hand


@pytest.mark.slow
def test_multilingual_sheets_contain_every_message_as_the_catalog_has_it(snapshot, tmp_path):
    for editions in snapshot.sheets():
        sheet = sheet_plan(editions, FORMATS["letter"], poster_rules(snapshot.campaign))
        assert sheet.dropped == ()
        laid_out = "".join(
            squeeze("".join(line.text for line in item.paragraph.lines))
            for plan in sheet.pages
            for item in plan.placed()
            if isinstance(item, TextItem)
        )
        spec = snapshot.campaign.flyer
        for localized in editions:
            ids = [spec.headline, *spec.body, *spec.action, spec.qr_caption]
            for message_id in (m for m in ids if localized.applies(m)):
                assert squeeze(localized.filled(message_id)) in laid_out, (localized.tag, message_id)
        assert sheet_fit_findings(editions) == []


@pytest.mark.slow
def test_a_sheet_on_two_pages_is_one_pdf_with_a_picture_per_page(snapshot, tmp_path):
    editions = next(s for s in snapshot.sheets() if len(s) == 4)
    artifacts = render_multilingual_sheet(editions, tmp_path)
    pdf = artifacts[0]
    pngs = [a.path for a in artifacts if a.kind == "flyer-image"]
    assert pdf.facts.pages == len(pngs) == 2 and pdf.facts.dropped == ()
    assert [p.name for p in pngs] == [
        "flyer-multilingual-en-ar-zh-Hans-ko.png",
        "flyer-multilingual-en-ar-zh-Hans-ko-2.png",
    ]
    for png in pngs:
        assert decode_qr(png) == [snapshot.campaign.contact.url]  # every page can be posted alone
    problems, back = check_pdf(pdf, pngs[0])
    assert problems == [] and len(back.page_qr) == 2


@pytest.mark.slow
@pytest.mark.parametrize("format_name", [*OFFICE, "multilingual"])
def test_no_ink_within_a_quarter_inch_of_the_paper_edge(snapshot, drawn, format_name):
    for tag in ("en", "ar", "my"):
        if format_name == "multilingual":
            editions = next(s for s in snapshot.sheets() if any(e.tag == tag for e in s) or tag == "my")
            plans = sheet_plan(editions, FORMATS["letter"], poster_rules(snapshot.campaign)).pages
            keys = [(tuple(e.tag for e in editions), number) for number in range(1, len(plans) + 1)]
        else:
            localized = snapshot.edition(tag)
            plans = [plan_page(localized, flyer_content(localized), FORMATS[format_name])]
            keys = [(tag, format_name)]
        for key, plan in zip(keys, plans):
            # The page as drawn for the number's test when it ran, else drawn here.
            strips = drawn.margins(key, plan)
            assert all((strip > 250).all() for strip in strips), f"ink in the outer 0.25 in of {format_name} [{tag}]"


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["en", "ar", "ko", "my", "ur"])
def test_tesseract_reads_the_number_off_the_letter_flyer(snapshot, tmp_path, tag):
    # The PNG file render_flyer writes, byte for byte (its page as drawn, tests/test_png_file.py,
    # and the same encoder), without the print PDF beside it, which tesseract does not read:
    # a CJK or Nastaliq face's subset and the PDF's read-back were most of a render's time.
    png = tmp_path / "flyer-letter.png"
    png.write_bytes(png_bytes(preview_image(snapshot.edition(tag), "letter"), PRINT_LEVEL, DPI))
    text = subprocess.run(
        ["tesseract", str(png), "-", "--psm", "3", "-l", "eng"],
        capture_output=True,
        text=True,
        check=True,
        env=tesseract_env(),
    ).stdout
    assert PHONE in text


def test_urdu_is_set_in_nastaliq_and_arabic_in_naskh(snapshot, tmp_path):
    fonts = {}
    for tag in ("ur", "ar"):
        pdf = render_flyer(snapshot.edition(tag), "wallet", tmp_path / tag)[0]
        fonts[tag] = " ".join(pdf.facts.pdf.fonts_embedded)
    assert "NotoNastaliqUrdu" in fonts["ur"] and "NotoSansArabic" not in fonts["ur"]
    assert "NotoSansArabic" in fonts["ar"] and "Nastaliq" not in fonts["ar"]
