"""Ask for your language: the hotline connects an interpreter when a caller names their
language in English, so under the number every flyer says, in the reader's language, which
English name to say ("Cuando contestemos, diga “Spanish”."), and every spot says it after the
number. The name comes from the language registry, never from a translator; the campaign
turns the line on (contact.ask_language) and off."""

from __future__ import annotations

import statistics
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from campaign_kit import SAMPLE_CONFIG, sample_campaign, sample_config, set_translation
from cli_kit import cli_runner
from flyer_measure import offset_of, tesseract_text
from pdf_ink import glyphs
from PIL import Image
from print_pdf import pdf_alone

from campaigngen.catalogs.load import localize
from campaigngen.catalogs.spoken import spoken_number, spot_script
from campaigngen.checks.integrity import integrity_findings
from campaigngen.cli import main
from campaigngen.exceptions import InputError
from campaigngen.renderers.flyer import FORMATS, fit_findings, render_flyer, render_multilingual_sheet
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.pages import plan_page
from campaigngen.renderers.flyer.plan import TextItem, display_list
from campaigngen.renderers.flyer.png_writer import render_page_png
from campaigngen.renderers.radio.sheet import script_sheet
from campaigngen.sources.campaign import load_campaign

SAMPLE = load_campaign(SAMPLE_CONFIG)
PHONE = SAMPLE.contact.phone
PHONE_DIGITS = "".join(c for c in PHONE if c.isdigit())
ASK = SAMPLE.contact.ask_language
# What a caller says, written here (not read from the registry the code uses).
SAY = {"es": "Spanish", "ar": "Arabic", "zh-Hans": "Mandarin", "fa": "Farsi", "ko": "Korean", "th": "Thai"}


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()


def page_lines(pdf: Path) -> dict[int, list[tuple[float, str]]]:
    """Each page's text lines top down, from the glyph boxes: (top in inches, text)."""
    lines: dict[tuple[int, int], list] = defaultdict(list)
    for glyph in glyphs(pdf):
        lines[glyph.page, glyph.line].append(glyph)
    pages: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for (page, _), line in lines.items():
        top = statistics.median(g.box[1] for g in line)
        pages[page].append((top, "".join(g.char for g in sorted(line, key=lambda g: g.box[0]))))
    return {page: sorted(found) for page, found in pages.items()}


def assert_under_the_number(pdf: Path, name: str, label: str) -> None:
    """On every page, the line right under the (largest) number holds the name to say."""
    for page, lines in page_lines(pdf).items():
        numbers = [i for i, (_, text) in enumerate(lines) if PHONE_DIGITS in "".join(c for c in text if c.isdigit())]
        assert numbers, f"{label} page {page + 1}: no number"
        below = [text for _, text in lines[numbers[0] + 1 : numbers[0] + 3]]
        assert any(name in text for text in below), f"{label} page {page + 1}: under the number: {below}"


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_spanish_flyer_says_spanish_under_the_number(format_name, tmp_path, monkeypatch):
    pdf_alone(monkeypatch)  # read from the print PDF alone (print_pdf.py)
    pdf = render_flyer(localize(SAMPLE, "es"), format_name, tmp_path)[0].path
    text = pdftotext(pdf)
    assert "“Spanish”" in text, text
    assert text.index(PHONE) < text.index("Spanish"), "the line comes after the number"
    if format_name != "tearoff":  # the tabs below carry the number again: judged on the poster part
        assert_under_the_number(pdf, "Spanish", f"es {format_name}")


@pytest.mark.parametrize("tag", ["ar", "zh-Hans", "fa"])
def test_the_english_name_copies_out_intact_inside_other_scripts(tag, tmp_path, monkeypatch):
    """Left to right inside right-to-left text (an isolate, as the number): pdftotext reads
    "Arabic", not "cibarA", and the full line comes out in the language's own words."""
    pdf_alone(monkeypatch)
    pdf = render_flyer(localize(SAMPLE, tag), "letter", tmp_path)[0].path
    text = pdftotext(pdf)
    assert SAY[tag] in text, text
    assert SAY[tag][::-1] not in text


def _ask_line_image(tag: str) -> Image.Image:
    localized = localize(SAMPLE, tag)
    plan = plan_page(localized, flyer_content(localized), FORMATS["letter"])
    image = render_page_png(plan.size, display_list(plan, False))
    offset = offset_of(plan)
    item = next(i for i in plan.placed() if isinstance(i, TextItem) and i.message_id == ASK)
    box = (item.x, item.y, item.x + item.width, item.y + item.height)
    crop = image.crop(tuple(int(round(v + offset)) for v in box)).convert("L")
    if crop.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0)) < 128:  # type: ignore[operator]
        crop = Image.eval(crop, lambda v: 255 - v)  # white on the panel: Tesseract reads dark on light
    crop = crop.point(lambda v: 0 if v < 128 else 255)  # the panel's colour, inverted, is mid grey
    grown = Image.new("L", (crop.width + 80, crop.height + 80), 255)
    grown.paste(crop, (40, 40))
    return grown


@pytest.mark.slow
@pytest.mark.parametrize(("tag", "ocr_languages"), [("ar", "ara+eng"), ("zh-Hans", "eng")])
def test_ocr_reads_the_english_name_on_the_printed_line(tag, ocr_languages):
    """Tesseract reads the printed line: the English name left to right, whole ("“Arabic”"
    after "قل" in the Arabic reading; no Chinese pack here, so English alone for zh-Hans)."""
    ocr = tesseract_text(_ask_line_image(tag), psm=7, lang=ocr_languages)
    assert f"“{SAY[tag]}”" in ocr, ocr
    if tag == "ar":
        assert ocr.index("قل") < ocr.index(SAY[tag]), ocr  # "say" comes before the name, in reading order


def test_the_multilingual_sheet_says_it_in_each_section_but_english(tmp_path, monkeypatch):
    pdf_alone(monkeypatch)
    editions = [localize(SAMPLE, tag) for tag in ("en", "es", "zh-Hans", "ko")]
    pdf = render_multilingual_sheet(editions, tmp_path)[0].path
    text = pdftotext(pdf)
    for name in ("Spanish", "Mandarin", "Korean"):
        assert text.count(name) == 1, f"{name}: {text}"
    assert "“English”" not in text  # its readers need no interpreter: no line in the English section


def test_the_spot_says_it_after_the_number_and_the_number_stays_last():
    spot = SAMPLE.spots[0]
    for tag in ("es", "ar", "th"):
        localized = localize(SAMPLE, tag)
        script = spot_script(localized, spot)
        spoken = spoken_number(PHONE, tag)
        at = script.message_ids.index(ASK)
        assert spoken in script.segments[at - 1], f"{tag}: the line right after the number"
        assert SAY[tag] in script.segments[at]
        assert spoken in script.segments[-1], f"{tag}: the number is still said last"
    english = spot_script(localize(SAMPLE, "en"), spot)
    assert ASK not in english.message_ids


@pytest.mark.parametrize("seconds", [10, 15])
def test_a_tag_says_the_number_and_not_the_line(seconds):
    """A :10 or :15 tag has room for the number and little else (an Arabic :10 "call" tag ran
    10.5 s with the line); from :20 up every spot says it."""
    from campaigngen.sources.campaign import SpotSpec

    for tag in ("es", "ar"):
        localized = localize(SAMPLE, tag)
        tag_script = spot_script(localized, SpotSpec(f"{seconds}s", seconds, ("call",)))
        assert ASK not in tag_script.message_ids and spoken_number(PHONE, tag) in tag_script.segments[-1]
        assert ASK in spot_script(localized, SpotSpec("20s", 20, ("call",))).message_ids


def test_the_script_sheet_has_the_line_and_its_english(tmp_path):
    spot = SAMPLE.spots[0]
    localized = localize(SAMPLE, "es")
    script = spot_script(localized, spot)
    sheet = script_sheet(localized, script, spot, engine="espeak", voice="es", read=None)
    assert "Cuando contestemos, diga “Spanish”." in sheet
    assert '[en] When we answer, say "Spanish".' in sheet
    assert 'Say "Spanish" in English' in sheet


def test_turning_the_setting_off_removes_the_line_everywhere(tmp_path, monkeypatch):
    pdf_alone(monkeypatch)
    sample_campaign(tmp_path, languages=("es",), formats=("letter", "wallet"))
    with sample_config(tmp_path) as config:
        del config["contact"]["ask_language"]
    campaign = load_campaign(tmp_path / "content" / "help-is-here" / "campaign.toml")
    assert campaign.contact.ask_language is None
    localized = localize(campaign, "es")
    assert flyer_content(localized).ask is None
    for format_name in ("letter", "wallet"):
        pdf = render_flyer(localized, format_name, tmp_path / format_name)[0].path
        assert "Spanish" not in pdftotext(pdf)
    assert ASK not in spot_script(localized, campaign.spots[0]).message_ids


def test_a_message_without_the_name_cannot_be_the_ask_line(tmp_path):
    sample_campaign(tmp_path, languages=("es",))
    with sample_config(tmp_path) as config:
        config["contact"]["ask_language"] = "language"
    with pytest.raises(InputError) as raised:
        load_campaign(tmp_path / "content" / "help-is-here" / "campaign.toml")
    assert "contact.ask_language names message 'language', which does not say {language_en}" in str(raised.value)
    with sample_config(tmp_path) as config:
        config["contact"]["ask_language"] = "aks"
    with pytest.raises(InputError) as raised:
        load_campaign(tmp_path / "content" / "help-is-here" / "campaign.toml")
    assert "did you mean 'ask'" in str(raised.value)


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("Cuando contestemos, diga “Spanish”.", "{language_en} missing"),  # the name typed in by hand
        ("Cuando contestemos, diga “{language_en}” o llame al 1-888-555-0100.", "number"),
        ("Cuando contestemos, diga “{language_en}” “{language_en}”.", "{language_en} 2 times"),
    ],
)
def test_integrity_keeps_the_placeholder_and_refuses_added_numbers(written, why, tmp_path):
    sample_campaign(tmp_path, languages=("es",))
    set_translation(tmp_path, "es", ASK, written)
    campaign = load_campaign(tmp_path / "content" / "help-is-here" / "campaign.toml")
    findings = [f for f in integrity_findings(localize(campaign, "es")) if f.message_id == ASK]
    assert any(why in f.text for f in findings), [f.text for f in findings]


def test_the_names_come_from_the_registry_not_the_catalog():
    for tag, name in SAY.items():
        assert localize(SAMPLE, tag).contact_values["language_en"] == name
    assert "language_en" not in localize(SAMPLE, "en").contact_values


@pytest.mark.slow
def test_check_and_build_agree_with_the_line_on(tmp_path):
    """The gate's dry run lays out the same line the build prints: check passes, build makes it.
    One format: whether the line fits every format of every language is the dry layouts' own
    test (below); this one is about check and build agreeing."""
    folder = sample_campaign(tmp_path, languages=("es", "ar"), formats=("wallet",), spots=())
    checked = cli_runner().invoke(main, ["check", str(folder)])
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    built = cli_runner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.stdout + built.stderr
    assert "Arabic" in pdftotext(tmp_path / "out" / "help-is-here" / "ar" / "flyer-wallet.pdf")


def test_no_format_fails_to_fit_with_the_line_in_any_sample_language():
    for tag in (e.tag for e in SAMPLE.all_languages):
        localized = localize(SAMPLE, tag)
        for format_name in SAMPLE.flyer.formats:
            assert fit_findings(localized, format_name) == [], (tag, format_name)
