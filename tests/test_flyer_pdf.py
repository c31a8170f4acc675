"""The print-grade PDF, checked with the tools a print shop, a screen reader or a translator uses:
pypdf and poppler for text and fonts, PDFium and poppler for the rendered page, zxing for the QR."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from campaign_kit import edit_config, set_value
from click.testing import CliRunner
from flyer_helpers import PHONE, SAMPLES, URL, RenderedOnce, edition, write_campaign
from pdf_helpers import boxes
from PIL import Image

from campaigngen.checks.pdf import MAX_MISMATCH, extracted_texts, read_back
from campaigngen.checks.qr import decode_qr
from campaigngen.cli import main
from campaigngen.release.build import MAX_COLOUR_SHIFT, colour_shift_findings
from campaigngen.renderers.facts import ExpectedText
from campaigngen.renderers.flyer import (
    FORMATS,
    check_pdf,
    render_flyer,
    render_flyer_pdf,
    render_multilingual_sheet,
)
from campaigngen.renderers.flyer.colour import delta_e_2000
from campaigngen.sources.campaign import load_campaign

SCRIPTS = ("es", "ru", "ar", "fa", "ur", "th", "my", "am", "hi", "zh-Hans", "zh-Hant", "ko", "vi")


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def flyers(campaign, tmp_path_factory) -> RenderedOnce:
    """The module campaign's flyers, each rendered once for the tests that only read them."""
    return RenderedOnce(campaign, tmp_path_factory.mktemp("flyers"))


def text_of(pdf_path, extractor: str = "PDFium") -> str:
    """The PDF's text as a reader copies it: PDFium (Chrome's viewer) or poppler's pdftotext,
    without the bidi marks pdftotext puts around right-to-left lines."""
    text = extracted_texts(pdf_path)[extractor]
    return "".join(ch for ch in text if ch not in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e")


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("tag", SCRIPTS)
def test_number_and_headline_copy_out_of_the_pdf_in_reading_order(flyers, tag):
    pdf = flyers.pdf(tag, "letter")
    for extractor in ("PDFium", "pdftotext"):
        text = text_of(pdf, extractor)
        assert PHONE in text, extractor
        assert squeeze(SAMPLES[tag]["headline"]) in squeeze(text), extractor


def test_arabic_text_comes_out_in_logical_order_not_reversed(flyers):
    pdf = flyers("ar", "letter")[0].path
    text = " ".join(text_of(pdf).split())  # lines joined as a reader would
    assert "هل يجبرك أحد على العمل؟" in text
    assert "؟لمعلا" not in text  # the visual (reversed) order a raster-minded writer would give


def test_hindi_vowel_sign_before_its_consonant_is_copied_in_text_order(campaign, tmp_path):
    # "कि": the vowel sign is drawn first (left of क) but typed after it.
    localized = edition(campaign, "hi", {"help": "किसी को पता नहीं चलेगा।"})
    pdf = render_flyer_pdf(localized, "letter", tmp_path / "flyer-letter.pdf")
    assert "किसी को पता नहीं चलेगा।" in text_of(pdf)
    raw = _content_stream(pdf)
    assert b"/ActualText" in raw


def _content_stream(pdf_path) -> bytes:
    import pypdf

    return pypdf.PdfReader(str(pdf_path)).pages[0].get_contents().get_data()


@pytest.mark.slow
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_pdffonts_shows_every_font_embedded_as_a_subset_with_unicode(flyers, format_name):
    pdf = flyers("zh-Hans" if format_name == "wallet" else "my", format_name)[0]
    listing = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert len(rows) >= 2
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    assert pdf.facts.pdf.vector is True and len(pdf.facts.pdf.fonts_embedded) == len(rows)


@pytest.mark.slow
def test_cjk_faces_come_from_the_collection_by_language(flyers):
    fonts = {}
    for tag in ("zh-Hans", "zh-Hant", "ko"):
        pdf = flyers.pdf(tag, "wallet")
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        fonts[tag] = listing
    assert "NotoSansCJKsc" in fonts["zh-Hans"] and "NotoSansCJKtc" in fonts["zh-Hant"]
    assert "NotoSansCJKkr" in fonts["ko"]


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_boxes_are_set_per_format(flyers, format_name):
    fmt = FORMATS[format_name]
    pdf = flyers("es", format_name)[0]
    b = boxes(pdf.path)
    trim_w, trim_h = (v * 72 for v in fmt.trim_in)
    assert b["trim"][2] - b["trim"][0] == pytest.approx(trim_w, abs=0.01)
    assert b["trim"][3] - b["trim"][1] == pytest.approx(trim_h, abs=0.01)
    bleed = fmt.bleed_in * 72
    assert b["trim"][0] - b["bleed"][0] == pytest.approx(bleed)
    if fmt.bleed_in:  # cut from a sheet: crop marks in a slug, MediaBox beyond the bleed
        assert b["media"][2] > b["bleed"][2] and b["bleed"][0] > b["media"][0]
    else:  # printed on its own sheet: the page is the piece
        assert b["media"] == b["bleed"] == b["trim"]
    assert pdf.facts.pdf.boxes_pt["trim"] == pytest.approx(b["trim"])


def test_crop_marks_stand_outside_trim_and_bleed(flyers, tmp_path):
    pdf = flyers("es", "wallet")[0].path
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    page = np.asarray(Image.open(tmp_path / "page.pgm"))
    b = boxes(pdf)
    s = 300 / 72
    top = lambda y: round((b["media"][3] - y) * s)  # noqa: E731
    left = lambda x: round((x - b["media"][0]) * s)  # noqa: E731
    slug = page[: top(b["bleed"][3]) - 2, :]  # the strip above the bleed box
    trim_x = left(b["trim"][0])
    assert (slug[:, trim_x - 2 : trim_x + 3] < 128).any(), "no crop mark in the slug on the trim line"
    # Nothing of the marks inside the bleed: the bleed's top-left corner is the card's band colour.
    corner = page[top(b["bleed"][3]) + 2 : top(b["trim"][3]) - 2, left(b["bleed"][0]) + 2 : left(b["trim"][0]) - 2]
    assert corner.std() < 3, "a mark was drawn in the bleed"


@pytest.mark.slow
@pytest.mark.parametrize(
    "tag,format_name", [("ar", "letter"), ("hi", "tearoff"), ("zh-Hant", "wallet"), ("my", "a4"), ("th", "tabloid")]
)
def test_rendered_pdf_matches_the_png_and_its_qr_decodes(flyers, tmp_path, tag, format_name):
    pdf, png = flyers(tag, format_name)
    problems, back = check_pdf(pdf, png.path)
    assert problems == []
    assert back.mismatch < MAX_MISMATCH and back.qr == (URL,)
    # And poppler, the other common renderer, reads the same code.
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf.path), str(tmp_path / "p")], check=True)
    assert decode_qr(tmp_path / "p.png") == [URL]


@pytest.mark.parametrize("tag,format_name", [("ar", "letter"), ("hi", "tearoff")])
def test_the_pdf_alone_is_the_pdf_render_flyer_writes(flyers, tmp_path, tag, format_name):
    """render_flyer_pdf, which the copy-out tests read instead of a whole render, writes the
    same bytes (a page with crop marks and one without; both flyers are rendered for the
    read-back test above)."""
    pdf = render_flyer_pdf(edition(flyers.campaign, tag), format_name, tmp_path / "alone.pdf")
    assert pdf.read_bytes() == flyers(tag, format_name)[0].path.read_bytes()


@pytest.mark.slow
def test_the_check_notices_a_pdf_that_does_not_match(flyers):
    es = flyers("es", "letter")
    ru = flyers("ru", "letter")
    spanish = es[0].facts
    wrong_number = replace(spanish, pdf=replace(spanish.pdf, expected=ExpectedText("1-800-555-0100", None)))
    problems, _ = check_pdf(replace(es[0], facts=wrong_number), ru[1].path)
    assert any("1-800-555-0100" in p for p in problems)
    assert any("renders differently" in p for p in problems)


def test_qr_and_pictograms_are_vector_not_pictures(flyers):
    import pypdf

    pdf, png = flyers("es", "letter")
    page = pypdf.PdfReader(str(pdf.path)).pages[0]
    assert list(page.images) == []  # QR modules and the handset are paths; this campaign has no logo
    content = _content_stream(pdf.path)
    assert b" re" in content and b" c " in content  # rectangles (QR) and Bezier curves (the pictogram disc)


@pytest.mark.slow
def test_draft_pdf_carries_the_stamp_and_still_scans(campaign, tmp_path):
    from flyer_helpers import draft_edition

    pdf, png = render_flyer(draft_edition(campaign, "vi"), "letter", tmp_path)
    back = read_back(pdf.path, png.path)
    assert "DRAFT" in back.text and back.qr == (URL,)
    assert back.mismatch < MAX_MISMATCH


def test_document_language_and_title(flyers):
    import pypdf

    pdf = flyers("ar", "letter")[0].path
    reader = pypdf.PdfReader(str(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert "هل يجبرك" in reader.metadata.title


@pytest.mark.slow
def test_multilingual_sheet_pdf_has_every_language_text(campaign, tmp_path):
    editions = [edition(campaign, t) for t in ("en", "es", "ar", "zh-Hans")]
    pdf, png = render_multilingual_sheet(editions, tmp_path)
    text = squeeze(text_of(pdf.path))
    for tag in ("es", "ar", "zh-Hans"):
        assert squeeze(SAMPLES[tag]["headline"]) in text
    assert PHONE in text
    assert check_pdf(pdf, png.path)[0] == []


# -- CMYK on request


def cmyk_campaign(tmp_path):
    campaign = write_campaign(tmp_path, languages=("es",))
    config = campaign.config_path
    Image.new("RGB", (900, 300), (200, 60, 40)).save(config.parent / "logo.png")
    with edit_config(config.parent) as data:
        set_value(data, "print.colour", "cmyk")
        set_value(data, "brand.logo", "logo.png")
    return load_campaign(config.parent)


@pytest.mark.slow
def test_cmyk_pdf_has_an_output_intent_and_only_cmyk_colour(tmp_path):
    import pypdf

    campaign = cmyk_campaign(tmp_path)
    assert campaign.printing.colour == "cmyk"
    pdf, png = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    reader = pypdf.PdfReader(str(pdf.path))
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/DestOutputProfile"].get_object()["/N"] == 4
    content = _content_stream(pdf.path).decode("latin-1")
    assert " k\n" in content or content.rstrip().endswith(" k") or " k " in content
    assert " rg" not in content and " RG" not in content
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    assert xobjects and all(x.get_object()["/ColorSpace"] == "/DeviceCMYK" for x in xobjects.values())
    assert pdf.facts.pdf.colour == "cmyk"
    # The press cannot print the navy band as designed: a warning says so, with the numbers.
    shifts = pdf.facts.pdf.colour_shifts
    assert shifts["#12345b"].delta_e_2000 > MAX_COLOUR_SHIFT
    findings = colour_shift_findings(campaign, [pdf])
    assert any(f.detail["colour"] == "#12345b" and f.severity == "warning" for f in findings)
    assert all(f.detail["delta_e_2000"] > MAX_COLOUR_SHIFT for f in findings)
    assert check_pdf(pdf, png.path)[0] == []


def test_unknown_print_colour_is_refused_with_its_line(tmp_path):
    campaign = write_campaign(tmp_path, languages=("es",))
    config = campaign.config_path
    with edit_config(config.parent) as data:
        set_value(data, "print.colour", "purple")
    result = CliRunner().invoke(main, ["check", str(config.parent)])
    assert result.exit_code == 2
    assert "campaign.toml" in result.output and "print.colour" in result.output and "cmyk" in result.output


@pytest.mark.parametrize(
    "lab1,lab2,expected",
    [  # Sharma, Wu and Dalal (2005), table 1
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, -1.0, 2.0), (50.0, 0.0, 0.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ],
)
def test_delta_e_2000_matches_the_published_test_data(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


@pytest.mark.slow
def test_cmyk_text_codes_and_rules_in_greys_print_with_black_ink_alone(tmp_path):
    """A press rejects four-colour 7 pt text and a four-colour QR code (they miss register):
    every fill and stroke the CMYK flyer sets in a near-grey is K only. Read from the page's
    content stream, against the colours the page was drawn with."""
    from campaigngen.renderers.flyer.colour import NEUTRAL_CHROMA, _applied, _lab, _srgb_to_lab

    campaign = cmyk_campaign(tmp_path)
    pdf, png = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    content = _content_stream(pdf.path).decode("latin-1")
    inks = {tuple(float(v) for v in m) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) [kK]\b", content)}
    k_only = {ink for ink in inks if ink[:3] == (0.0, 0.0, 0.0) and ink[3] > 0}
    assert k_only, "no text or code in black ink alone"
    # Black text overprints (no white halo where a band under it would be knocked out); other
    # text does not.
    overprinted = re.findall(r"q /GSOverprint gs\n([\d. ]+) k\nBT", content)
    assert overprinted and all(fill.split()[:3] == ["0", "0", "0"] for fill in overprinted)
    # White text on the band must never overprint: it would vanish.
    assert "\n0 0 0 0 k\nBT" in content and "q /GSOverprint gs\n0 0 0 0 k" not in content
    shifts = pdf.facts.pdf.colour_shifts
    for colour, shift in shifts.items():
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        _, a, b = _lab(_applied(Image.new("RGB", (1, 1), rgb), _srgb_to_lab()))
        grey = (a * a + b * b) ** 0.5 <= NEUTRAL_CHROMA
        assert grey == (shift.cmyk_percent[:3] == (0.0, 0.0, 0.0)), (colour, shift)
    # Nothing in black ink alone is a colour shift to warn about; the navy band still is.
    warned = {f.detail["colour"] for f in colour_shift_findings(campaign, [pdf])}
    assert "#12345b" in warned and not any(shifts[c].cmyk_percent[:3] == (0.0, 0.0, 0.0) for c in warned)
    assert check_pdf(pdf, png.path)[0] == []


def _most_ink_on_separations(pdf_path, folder) -> float:
    """The most ink on one pixel, in percent, from Ghostscript's tiffsep plates (72 dpi)."""
    folder.mkdir()
    subprocess.run(
        ["gs", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-r72", "-sDEVICE=tiffsep", "-sOutputFile=page.tif", str(pdf_path)],
        cwd=folder,
        check=True,
    )
    plates = [np.asarray(Image.open(folder / f"page({ink}).tif").convert("L"), dtype=np.int32) for ink in INKS]
    return float(sum(255 - plate for plate in plates).max()) * 100 / 255


INKS = ("Cyan", "Magenta", "Yellow", "Black")


def _most_ink_in_pdf(pdf_path) -> tuple[float, float]:
    """(vector, image): the most ink on one spot, in percent, as a preflight reads the PDF:
    every CMYK fill and stroke in the content stream, every CMYK image's printed pixels."""
    import pypdf

    content = _content_stream(pdf_path).decode("latin-1")
    vector = max(
        sum(float(v) for v in match) * 100
        for match in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) [kK]\b", content)
        if "1 1 1 1" != " ".join(match)  # registration marks print on every plate by design
    )
    image = 0.0
    for xobject in pypdf.PdfReader(str(pdf_path)).pages[0]["/Resources"]["/XObject"].values():
        stream = xobject.get_object()
        inks = np.frombuffer(stream.get_data(), dtype=np.uint8).reshape(-1, 4).sum(axis=1)
        if "/SMask" in stream:
            inks = inks[np.frombuffer(stream["/SMask"].get_object().get_data(), dtype=np.uint8) > 0]
        image = max(image, float(inks.max()) * 100 / 255)
    return vector, image


@pytest.mark.slow
def test_a_colour_or_image_over_the_ink_limit_is_a_print_colour_warning(tmp_path):
    from campaigngen.release.build import ink_limit_findings

    campaign = cmyk_campaign(tmp_path)
    with edit_config(campaign.config_path.parent) as data:
        set_value(data, "print.ink_limit", 200)
    campaign = load_campaign(campaign.config_path.parent)
    pdf, png = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    vector, image = _most_ink_in_pdf(pdf.path)
    assert vector == pytest.approx(250.5, abs=1.0)  # the navy band, 99.2/83.5/38.0/29.8
    # A RIP's view: Ghostscript's separations, the most ink on any pixel.
    assert _most_ink_on_separations(pdf.path, tmp_path / "sep") == pytest.approx(max(vector, image), abs=1.0)
    assert image == pytest.approx(pdf.facts.pdf.image_ink_percent["logo"], abs=0.5)
    findings = ink_limit_findings(campaign, [pdf])
    assert {f.detail["element"] for f in findings} == {"colour #12345b", "colour #0c5460"} | (
        {"the logo image"} if image > 200 else set()
    )
    assert all(f.code == "print.ink-limit" and f.severity == "warning" and "200 %" in f.text for f in findings)
    # At the default, 300 %, the sample's colours and logo are within the limit.
    assert ink_limit_findings(replace(campaign, printing=replace(campaign.printing, ink_limit=300)), [pdf]) == []


def test_an_ink_limit_out_of_range_is_refused_with_its_line(tmp_path):
    campaign = write_campaign(tmp_path, languages=("es",))
    with edit_config(campaign.config_path.parent) as data:
        set_value(data, "print.ink_limit", 20)
    result = CliRunner().invoke(main, ["check", str(campaign.config_path.parent)])
    assert (
        result.exit_code == 2 and "print.ink_limit must be a whole number of percent from 100 to 400" in result.output
    )


@pytest.mark.slow
def test_a_cmyk_pdf_passes_a_structural_pdfx4_preflight(tmp_path, monkeypatch):
    """What ISO 15930-7 (PDF/X-4) asks of the file that can be checked by reading its structure
    (a structural preflight, not a certified one): version, identification in the document
    information and in XMP, dates, trapping, file identifier, output intent, page boxes,
    embedded fonts, press colour only."""
    import xml.etree.ElementTree as ET

    import pypdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")  # 2025-11-30
    campaign = cmyk_campaign(tmp_path)
    pdf, png = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    data = pdf.path.read_bytes()
    assert data.startswith(b"%PDF-1.6")  # PDF/X-4 is based on PDF 1.6
    reader = pypdf.PdfReader(str(pdf.path))
    assert not reader.is_encrypted
    info = reader.trailer["/Info"].get_object()
    assert info["/GTS_PDFXVersion"] == "PDF/X-4" and info["/Trapped"] == "/False"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20251130000000+00'00'"
    assert info["/Title"] and info["/Producer"] == "campaigngen"
    first, second = reader.trailer["/ID"]
    assert len(first) == len(second) == 16
    root = reader.trailer["/Root"].get_object()
    xmp = root["/Metadata"].get_object()
    assert xmp["/Subtype"] == "/XML" and "/Filter" not in xmp
    ns = {
        "pdfxid": "http://www.npes.org/pdfx/ns/id/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
        "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
        "pdf": "http://ns.adobe.com/pdf/1.3/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
    tree = ET.fromstring(xmp.get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    assert tree.find(".//pdfxid:GTS_PDFXVersion", ns).text == "PDF/X-4"
    assert tree.find(".//xmp:CreateDate", ns).text == "2025-11-30T00:00:00+00:00"
    assert tree.find(".//pdf:Trapped", ns).text == "False"
    assert tree.find(".//xmpMM:DocumentID", ns).text.startswith("uuid:")
    assert tree.find(".//xmpMM:RenditionClass", ns).text == "default"
    assert tree.find(".//dc:title//rdf:li", ns).text == str(info["/Title"])
    [intent] = root["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"]
    assert intent["/DestOutputProfile"].get_object()["/N"] == 4
    page = reader.pages[0]
    media, bleed, trim = (page[box] for box in ("/MediaBox", "/BleedBox", "/TrimBox"))
    assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
    assert all(embedded for _, embedded in read_back(pdf.path, png.path).fonts)
    assert b" rg" not in _content_stream(pdf.path) and b" RG" not in _content_stream(pdf.path)
    # A RIP reads it without a warning (Ghostscript stops on the first).
    rip = subprocess.run(
        [
            "gs",
            "-dBATCH",
            "-dNOPAUSE",
            "-dQUIET",
            "-dPDFSTOPONERROR",
            "-dPDFSTOPONWARNING",
            "-sDEVICE=nullpage",
            str(pdf.path),
        ],
        capture_output=True,
        text=True,
    )
    assert rip.returncode == 0 and rip.stdout == rip.stderr == "", rip.stdout + rip.stderr
    # The same input on the same date is the same file.
    again, _ = render_flyer(edition(campaign, "es"), "letter", tmp_path / "again")
    assert again.path.read_bytes() == data


@pytest.mark.slow
def test_the_shops_own_press_profile_and_condition_go_into_the_output_intent(tmp_path):
    import pypdf

    from campaigngen.release.keys import digest
    from campaigngen.renderers.flyer.colour import CMYK_PROFILE

    campaign = cmyk_campaign(tmp_path)
    folder = campaign.config_path.parent
    (folder / "press.icc").write_bytes(CMYK_PROFILE.read_bytes())
    with edit_config(folder) as data:
        set_value(data, "print.profile", "press.icc")
        set_value(data, "print.output_condition", "CGATS TR 001")
    own = load_campaign(folder)
    pdf, png = render_flyer(edition(own, "es"), "letter", tmp_path / "out")
    [intent] = pypdf.PdfReader(str(pdf.path)).trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/OutputConditionIdentifier"] == "CGATS TR 001"
    assert intent["/DestOutputProfile"].get_object().get_data() == CMYK_PROFILE.read_bytes()
    assert check_pdf(pdf, png.path)[0] == []
    # The profile is an input of every CMYK page: another file, another cache key.
    (folder / "press.icc").write_bytes(CMYK_PROFILE.read_bytes()[:-4] + b"\0\0\0\1")
    changed = load_campaign(folder)
    assert digest(changed) != digest(own) and digest(own) != digest(campaign)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("srgb", "a profile for RGB colour, not a press's CMYK"),
        ("junk", "not an ICC profile"),
        (None, "press.icc"),  # missing
    ],
)
def test_a_press_profile_that_is_not_one_is_refused_with_its_line(tmp_path, written, says):
    from PIL import ImageCms

    campaign = write_campaign(tmp_path, languages=("es",))
    folder = campaign.config_path.parent
    if written == "srgb":
        (folder / "press.icc").write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    elif written == "junk":
        (folder / "press.icc").write_bytes(b"not a profile")
    with edit_config(folder) as data:
        set_value(data, "print.colour", "cmyk")
        set_value(data, "print.profile", "press.icc")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 2 and "print.profile 'press.icc'" in result.output and says in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_the_tear_off_cuts_are_on_a_named_die_plate_the_screen_does_not_show(tmp_path):
    """For the press, the tear-off's cuts are also drawn solid in the spot colour "Perforation",
    overprinting, on a layer "Dieline" that is off by default: a screen or an office printer
    shows the page as designed (the PDF still renders as its PNG); a RIP with the layer on
    makes a Perforation plate with ink exactly along the cuts."""
    import pypdf
    from pypdf.generic import ArrayObject, NameObject

    campaign = cmyk_campaign(tmp_path)
    pdf, png = render_flyer(edition(campaign, "es"), "tearoff", tmp_path / "out")
    assert check_pdf(pdf, png.path)[0] == []  # the hidden layer changes nothing on screen
    reader = pypdf.PdfReader(str(pdf.path))
    root = reader.trailer["/Root"]
    [layer] = root["/OCProperties"]["/OCGs"]
    assert layer.get_object()["/Name"] == "Dieline"
    assert [ref.get_object() for ref in root["/OCProperties"]["/D"]["/OFF"]] == [layer.get_object()]
    spaces = reader.pages[0]["/Resources"]["/ColorSpace"]
    assert any(list(space.get_object())[:2] == ["/Separation", "/Perforation"] for space in spaces.values())
    # The shop turns the layer on: Ghostscript's separations then have a Perforation plate.
    writer = pypdf.PdfWriter(clone_from=reader)
    writer._root_object["/OCProperties"]["/D"][NameObject("/OFF")] = ArrayObject()
    shown = tmp_path / "layer-on.pdf"
    writer.write(shown)
    plates = tmp_path / "plates"
    plates.mkdir()
    subprocess.run(
        ["gs", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-r72", "-sDEVICE=tiffsep", "-sOutputFile=page.tif", str(shown)],
        cwd=plates,
        check=True,
    )
    die = np.asarray(Image.open(plates / "page(Perforation).tif").convert("L")) < 128
    assert die.any()
    # Along the cuts: the first cut runs across the sheet above the tabs.
    rows = np.flatnonzero(die.sum(axis=1) > die.shape[1] * 0.8)
    assert len(rows) >= 1
    columns = np.flatnonzero(die.sum(axis=0) > 10)
    assert len(columns) >= 5  # the cuts between the tabs
    # Off, the plate is empty: nothing on the die plate prints unless the shop asks for it.
    subprocess.run(
        ["gs", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-r72", "-sDEVICE=tiffsep", "-sOutputFile=off.tif", str(pdf.path)],
        cwd=plates,
        check=True,
    )
    assert (np.asarray(Image.open(plates / "off(Perforation).tif").convert("L")) >= 128).all()


@pytest.mark.slow
@pytest.mark.parametrize("asked", [False, True])
def test_rich_black_only_for_large_areas_and_only_when_asked(tmp_path, asked):
    from campaigngen.release.build import ink_limit_findings

    campaign = cmyk_campaign(tmp_path)
    with edit_config(campaign.config_path.parent) as data:
        set_value(data, "brand.colours.panel", "#000000")  # behind the number: a large area
        set_value(data, "print.rich_black", asked)
        set_value(data, "print.ink_limit", 230)
    campaign = load_campaign(campaign.config_path.parent)
    pdf, png = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    content = _content_stream(pdf.path).decode("latin-1")
    fills = set(re.findall(r"([\d.]+ [\d.]+ [\d.]+ [\d.]+) k\b", content))
    assert ("0.6 0.4 0.4 1" in fills) == asked
    assert "0 0 0 1" in fills  # text and the code: black ink alone either way
    warned = {f.detail["element"] for f in ink_limit_findings(campaign, [pdf])}
    assert ("colour #000000 (rich black)" in warned) == asked  # 240 % against 230
    assert check_pdf(pdf, png.path)[0] == []


@pytest.mark.parametrize("tag", ["zh-Hans", "ko"])
def test_a_cjk_subset_is_made_from_the_cff_table_alone_with_the_same_bytes(monkeypatch, tag):
    """A CFF face is embedded as its CFF table alone, so its subset is made without reading the
    face's cmap or hmtx (most of a CJK subset's time), and is byte for byte the subset made
    from the whole face."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import table__c_m_a_p
    from fontTools.ttLib.tables._h_m_t_x import table__h_m_t_x

    from campaigngen.renderers.flyer import pdf_fonts
    from campaigngen.sources.fonts import manifest
    from campaigngen.sources.languages import parse_language

    fonts = manifest()
    face = fonts.face(fonts.chain(parse_language(tag))[0])
    names, is_cff = pdf_fonts._glyph_order(str(face.path), face.index)
    assert is_cff
    # The glyphs of this language's sample text and the number, and .notdef.
    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as whole:
        cmap = whole.getBestCmap()
        order = {name: gid for gid, name in enumerate(whole.getGlyphOrder())}
    text = "".join(SAMPLES[tag].values()) + PHONE
    gids = tuple(sorted({0, *(order[cmap[ord(ch)]] for ch in text if ord(ch) in cmap)}))
    assert len(gids) > 20
    subset = pdf_fonts._made_subset

    def refuse(*args, **kwargs):
        raise AssertionError("the CFF subset read a table the PDF does not embed")

    with monkeypatch.context() as patched:
        patched.setattr(table__c_m_a_p, "decompile", refuse)
        patched.setattr(table__h_m_t_x, "decompile", refuse)
        lean = subset(str(face.path), face.index, True, gids)
    monkeypatch.setattr(
        pdf_fonts, "_tables_not_embedded", lambda ttf, is_cff: [t for t in pdf_fonts._LAYOUT_TABLES if t in ttf]
    )
    assert lean == subset(str(face.path), face.index, True, gids)


def test_a_font_subset_is_kept_by_what_made_it_and_read_back_the_same(tmp_path, monkeypatch):
    """A face's subset for a glyph set is made once and read back from the cache folder as the
    same bytes and glyph order; other glyphs, or other bytes at the same path, are another
    key; an entry whose bytes are not the ones written is made again; without a cache folder
    every subset is made."""
    import shutil

    from campaigngen.renderers.flyer import pdf_fonts, subset_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # cold: not the run's subsets
    fonts = Path(__file__).resolve().parent.parent / "fonts"
    font = tmp_path / "face.ttf"
    shutil.copy(fonts / "NotoSans-Regular.ttf", font)
    gids = (0, 5, 36, 68, 80)
    made = pdf_fonts._made_subset(str(font), 0, False, gids)
    calls = []

    def make(*args):
        calls.append(args)
        return pdf_fonts._made_subset(*args)

    def kept(glyphs=gids):
        return subset_cache.kept_or_made(str(font), 0, False, glyphs, make)

    assert kept() == made and len(calls) == 1
    assert kept() == made and len(calls) == 1  # read back, not made
    entry = subset_cache.cache_dir() / (key := subset_cache.subset_key(str(font), 0, False, gids))[:2] / f"{key}.subset"
    assert entry.is_file()

    assert kept(gids[:-1]) != made and len(calls) == 2

    written = entry.read_bytes()
    entry.write_bytes(written[:-1] + bytes([written[-1] ^ 0xFF]))
    assert kept() == made and len(calls) == 3

    shutil.copy(fonts / "NotoSans-Bold.ttf", font)
    assert subset_cache.subset_key(str(font), 0, False, gids) != key
    bold = pdf_fonts._made_subset(str(font), 0, False, gids)
    assert kept() == bold != made and len(calls) == 4

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no cache: made every time, still right
    assert kept() == bold and kept() == bold and len(calls) == 6
