"""Posters end to end: real PNG and PDF files, the QR code read back, the page measured."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from flyer_helpers import PHONE, URL, edition, write_campaign
from pdf_helpers import trim_size
from PIL import Image

from campaigngen.checks.qr import decode_qr
from campaigngen.renderers.flyer import FORMATS, render_flyer

PAPER_PT = {
    "letter": (612.0, 792.0),
    "a4": (595.2756, 841.8898),
    "tabloid": (792.0, 1224.0),
    "tearoff": (612.0, 792.0),
    "wallet": (261.0, 171.0),
}  # wallet: CR80 + 1/8 in bleed


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("flyer"))


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["en", "es", "vi"])
@pytest.mark.parametrize("format_name", ["letter", "a4"])
def test_poster_png_and_pdf(campaign, tmp_path, tag, format_name):
    artifacts = render_flyer(edition(campaign, tag), format_name, tmp_path)
    pdf = next(a for a in artifacts if a.kind == "flyer")
    png = next(a for a in artifacts if a.kind == "flyer-image")
    assert pdf.path == (tmp_path / f"flyer-{format_name}.pdf").resolve() and pdf.path.is_file()
    assert png.path == (tmp_path / f"flyer-{format_name}.png").resolve()
    assert pdf.language == tag and pdf.format == format_name and pdf.facts.qr == URL
    assert pdf.facts.draft is False

    assert decode_qr(png.path) == [URL]
    with Image.open(png.path) as image:
        assert image.size == FORMATS[format_name].page_px
        assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
        assert image.mode == "RGB"
    width, height = trim_size(pdf.path, "trim")
    assert (width, height) == pytest.approx(PAPER_PT[format_name], abs=0.01)
    assert pdf.facts.page_size_pt == pytest.approx(PAPER_PT[format_name], abs=0.01)


@pytest.mark.slow
def test_pdf_is_readable_by_poppler_at_paper_size(campaign, tmp_path):
    pdf = render_flyer(edition(campaign, "es"), "letter", tmp_path)[0].path
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in info
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")], check=True)
    raster = next(tmp_path.glob("page*.png"))
    with Image.open(raster) as image:
        assert image.size == (850, 1100)
    assert decode_qr(raster) == [URL]


def test_phone_number_comes_from_config(tmp_path):
    campaign = write_campaign(tmp_path, languages=("es",), phone="1-800-555-0100", url="https://example.net/x")
    artifacts = render_flyer(edition(campaign, "es"), "letter", tmp_path / "out")
    assert decode_qr(artifacts[1].path) == ["https://example.net/x"]
    assert artifacts[0].facts.qr == "https://example.net/x"
    assert PHONE not in str(artifacts[0].facts)


def test_wallet_card_has_bleed_and_crop_marks(campaign, tmp_path):
    artifacts = render_flyer(edition(campaign, "es"), "wallet", tmp_path)
    assert artifacts[0].facts.bleed_in == 0.125
    assert trim_size(artifacts[0].path, "trim") == pytest.approx((243.0, 153.0))  # CR80: 3.375 x 2.125 in
    assert trim_size(artifacts[0].path, "bleed") == pytest.approx((261.0, 171.0))  # + 1/8 in on every side
    # A slug beyond the bleed holds the crop marks, clear of trim and bleed.
    assert trim_size(artifacts[0].path, "media") == pytest.approx((261.0 + 36, 171.0 + 36))
    with Image.open(artifacts[1].path) as image:
        rgb = image.convert("RGB")
    # The PNG is the PDF's MediaBox too: the card, its bleed, and a 1/4 in slug for the marks.
    w, h = rgb.size
    slug, bleed = 75, FORMATS["wallet"].bleed_px
    assert (w, h) == (1088 + 2 * slug, 713 + 2 * slug)
    trim = (slug + bleed, slug + bleed, w - slug - bleed, h - slug - bleed)
    pixels = np.asarray(rgb.convert("L"))
    # A crop mark on each trim line at every corner, in the slug (beyond the bleed)...
    for x in (trim[0], trim[2]):
        for y in (slug // 3, h - slug // 3):
            assert pixels[y, x - 2 : x + 3].min() < 100, (x, y)
    # ...and nothing of them in the bleed: the bleed's corners are the card's own colours.
    band = rgb.getpixel((w // 2, slug + 2))
    assert band != (255, 255, 255) and rgb.getpixel((trim[0] - bleed // 2, slug + bleed // 2)) == band
    assert rgb.getpixel((trim[2] + bleed // 2, slug + bleed // 2)) == band
    # The colour band runs into the bleed, so a cut slightly off shows no white edge.
    assert rgb.getpixel((w // 2, slug + 2)) == rgb.getpixel((w // 2, slug + bleed + 5))
    assert artifacts[0].facts.min_type_pt >= 7
