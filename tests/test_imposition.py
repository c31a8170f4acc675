"""Wallet cards imposed for the shop (issue 27): the checked card PDF placed n-up on a Letter
or A4 press sheet, clipped to its bleed, with crop marks in the gutters, as a shop's RIP and a
reader's viewer see it."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from flyer_helpers import PHONE, edition, write_campaign
from scipy.ndimage import grey_dilation, grey_erosion

from campaigngen.checks.pdf import rasterise
from campaigngen.release.imposition import MARGIN_PT, PAPERS_PT, impose
from campaigngen.renderers.flyer import render_flyer

DPI = 150


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    root = tmp_path_factory.mktemp("wallet")
    campaign = write_campaign(root, languages=("es",))
    pdf, _ = render_flyer(edition(campaign, "es"), "wallet", root / "out")
    return pdf.path


def _grey(pdf_path, box: str = "mediabox"):
    import pypdf

    page = pypdf.PdfReader(str(pdf_path)).pages[0]
    boxes = {key: [float(v) for v in getattr(page, key)] for key in ("mediabox", "bleedbox", "trimbox")}
    return np.asarray(rasterise(pdf_path, boxes, dpi=DPI, box=box).convert("L"), dtype=np.int16), boxes


@pytest.mark.slow
@pytest.mark.parametrize("paper", sorted(PAPERS_PT))
def test_the_card_is_placed_whole_in_every_cell_and_nothing_else_is_inside(card, tmp_path, paper):
    sheet = impose(card, tmp_path / f"sheet-{paper}.pdf", paper)
    assert (sheet.columns, sheet.rows) == (2, 4)
    text = subprocess.run(["pdftotext", str(sheet.path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count(PHONE) == sheet.copies
    rip = subprocess.run(
        ["gs", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-dPDFSTOPONWARNING", "-sDEVICE=nullpage", str(sheet.path)],
        capture_output=True,
        text=True,
    )
    assert rip.returncode == 0 and not rip.stdout + rip.stderr, rip.stdout + rip.stderr
    picture, boxes = _grey(sheet.path)
    width, height = PAPERS_PT[paper]
    assert boxes["mediabox"] == pytest.approx([0, 0, width, height], abs=0.01)
    alone, _ = _grey(card, box="bleedbox")  # the card as printed up to its bleed
    cell_h, cell_w = alone.shape
    # A pixel differs when it is darker or lighter than the card anywhere within one pixel
    # (the cell sits at a fraction of a pixel: edges anti-alias differently).
    low, high = grey_erosion(alone, size=(3, 3)), grey_dilation(alone, size=(3, 3))

    def mismatch(window):
        return np.mean((window < low - 96) | (window > high + 96))

    # Each cell shows the card up to its bleed: no neighbour's ink, no slug, no mark inside.
    for x_pt, y_pt in sheet.cells:
        left = round(x_pt * DPI / 72)
        top = picture.shape[0] - round(y_pt * DPI / 72) - cell_h
        best = min(
            mismatch(picture[top + dy : top + dy + cell_h, left + dx : left + dx + cell_w])
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )
        assert best < 0.002, (x_pt, y_pt, best)
    # Nothing prints in the sheet's margin but crop marks' ends, which stay out of it too.
    margin = round(MARGIN_PT * DPI / 72) - 2
    assert picture[:margin].min() > 200 and picture[-margin:].min() > 200


@pytest.mark.slow
def test_crop_marks_sit_on_the_trim_lines_outside_the_bleed(card, tmp_path):
    sheet = impose(card, tmp_path / "sheet.pdf", "letter")
    picture, _ = _grey(sheet.path)
    import pypdf

    page = pypdf.PdfReader(str(card)).pages[0]
    bleed, trim = page.bleedbox, page.trimbox
    inset_pt = float(trim.left) - float(bleed.left)
    # The first card's left trim line, just below its bleed: a mark is there.
    width, height = PAPERS_PT["letter"]
    cell_w = float(bleed.width) * 2 + 18
    left_pt = (width - cell_w) / 2 + inset_pt
    bottom_pt = (height - (float(bleed.height) * 4 + 18 * 3)) / 2
    x = round(left_pt * DPI / 72)
    y = picture.shape[0] - round((bottom_pt - 5) * DPI / 72)
    assert picture[y - 2 : y + 3, x - 1 : x + 2].min() < 128


@pytest.mark.slow
def test_a_release_with_wallet_cards_bundles_them_imposed_for_the_shop(tmp_path):
    from publish_helpers import FAST_CAMPAIGN, make_project

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.publish import publish
    from campaigngen.sources.campaign import load_campaign

    make_project(tmp_path, FAST_CAMPAIGN.replace('formats = ["letter"]', 'formats = ["wallet"]'))
    release = publish(take_snapshot(load_campaign(tmp_path / "content" / "demo")), tmp_path / "output", "1").folder
    imposed = sorted(p.relative_to(release / "print").as_posix() for p in (release / "print").rglob("imposed/*.pdf"))
    assert imposed == [
        f"wallet/imposed/demo_wallet_{lang}_8up-{paper}.pdf" for lang in ("en", "es") for paper in ("a4", "letter")
    ]
    sums = (release / "print" / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(name in sums for name in imposed)
    assert "wallet/imposed/" in (release / "print" / "README.txt").read_text(encoding="utf-8")
    text = subprocess.run(
        ["pdftotext", str(release / "print" / imposed[-1]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count(PHONE) == 8
