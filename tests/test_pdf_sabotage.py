"""The read-back still catches what it exists for: real flyers of the sample campaign, written,
then changed as a saboteur would (pdf_sabotage.py: a letter left out, two digits swapped, a
QR module erased, in the PDF, the PNG or the plan), must each fail the check the build runs."""

from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest
from campaign_kit import sample_campaign
from pdf_sabotage import code_modules, erase_run, glyphs, leave_out, swap
from PIL import Image, ImageDraw

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.checks.pdf import GLYPH_SHARE, MAX_MISMATCH, PNG_DPI, InkRegion, differing_ink, rasterise
from campaigngen.checks.qr import decode_qr_image
from campaigngen.renderers.flyer import check_pdf, render_flyer
from campaigngen.renderers.flyer.plan import QrCode
from campaigngen.sources.campaign import load_campaign


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    folder = sample_campaign(
        tmp_path_factory.mktemp("sabotage"), languages=["es", "my", "ar"], formats=["wallet", "tearoff", "letter"]
    )
    return take_snapshot(load_campaign(folder))


def flyer(snapshot, tmp_path, tag: str, format_name: str):
    return render_flyer(snapshot.edition(tag), format_name, tmp_path / tag)[0]


def differs(problems: list[str]) -> bool:
    return any("renders differently" in p for p in problems)


def letters_of_the_smallest_type(pdf_path):
    drawn = glyphs(pdf_path)
    smallest = min(g.size for g in drawn)
    return [g for g in drawn if g.size == smallest and g.text.isalnum()]


@pytest.mark.slow
def test_a_letter_left_out_of_the_smallest_type_fails_the_check(snapshot, tmp_path):
    pdf = flyer(snapshot, tmp_path, "es", "wallet")
    assert check_pdf(pdf)[0] == []
    letter = letters_of_the_smallest_type(pdf.path)[5]
    leave_out(pdf.path, letter)
    problems, back = check_pdf(pdf)
    assert differs(problems), (letter, back.mismatch)
    # Only the picture shows it: the number and headline still copy out whole.
    assert not any("copied out" in p for p in problems)


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["es", "my", "ar"])
def test_the_raster_sees_any_one_letter_of_the_smallest_type_missing(snapshot, tmp_path, tag):
    """Sensitivity at the resolution the check uses (the PNG's own 300 dpi): each letter of the
    wallet card's smallest type (7 pt), left out alone, shows; the clean card stays far below."""
    pdf = flyer(snapshot, tmp_path, tag, "wallet")
    regions = pdf.facts.pdf.expected.regions[0]
    png = np.asarray(Image.open(pdf.path.with_suffix(".png")).convert("L"))

    def seen(path) -> float:  # the raster comparison the read-back runs, at the PNG's 300 dpi
        page = np.asarray(rasterise(path, boxes_of(path), dpi=PNG_DPI))[: png.shape[0], : png.shape[1]]
        return differing_ink(page, png, regions)

    assert seen(pdf.path) < GLYPH_SHARE / 2
    letters = letters_of_the_smallest_type(pdf.path)
    assert min(g.size for g in letters) <= 7 / 72 * 300 + 0.5  # the card's 7 pt, in 300-dpi units
    sabotaged = tmp_path / "sabotaged.pdf"
    missed = []
    for letter in letters:
        shutil.copy(pdf.path, sabotaged)
        leave_out(sabotaged, letter)
        if (share := seen(sabotaged)) <= MAX_MISMATCH:
            missed.append((letter.text, round(share, 3)))
    assert len(letters) > 20 and missed == []


def boxes_of(path) -> dict:
    import pypdf

    page = pypdf.PdfReader(str(path)).pages[0]
    return {key: [float(v) for v in getattr(page, key)] for key in ("mediabox", "bleedbox", "trimbox")}


@pytest.mark.slow
def test_two_digits_swapped_on_one_tab_fail_the_check(snapshot, tmp_path):
    pdf = flyer(snapshot, tmp_path, "es", "tearoff")
    phone = snapshot.campaign.contact.phone
    drawn = glyphs(pdf.path)
    runs = {}
    for glyph in drawn:
        runs.setdefault(glyph.run, []).append(glyph)
    numbers = [run for run in runs.values() if "".join(g.text for g in run) == phone]
    assert len(numbers) > 2  # the call panel and the tabs
    tab = numbers[-1]
    first, second = next(
        (a, b) for a, b in zip(tab, tab[1:]) if a.text.isdigit() and b.text.isdigit() and a.text != b.text
    )
    swap(pdf.path, first, second)
    problems, _ = check_pdf(pdf)
    assert differs(problems)
    # The number still copies out whole from the panel: only the raster shows the wrong tab.
    assert not any("copied out" in p for p in problems)


@pytest.mark.slow
def test_an_erased_qr_module_fails_the_check_though_the_code_still_scans(snapshot, tmp_path):
    pdf = flyer(snapshot, tmp_path, "es", "letter")
    modules = code_modules(pdf.path)
    module = min(width for *_, width in modules)
    single = [m for m in modules if m[4] == module]
    start, end, *_ = single[len(single) // 2]  # one dark module in the middle of the code
    erase_run(pdf.path, start, end)
    problems, back = check_pdf(pdf)
    assert any("differs from the code" in p and "PDF" in p for p in problems), problems
    # Error correction hides it from a scanner: a decode alone would have passed the page.
    assert back.qr == (snapshot.campaign.contact.url,)


@pytest.mark.slow
def test_a_damaged_code_in_the_plan_fails_though_png_and_pdf_agree(snapshot, tmp_path, monkeypatch):
    from campaigngen.renderers.flyer import poster

    made = poster.qr_code

    def damaged(url: str, min_px: int) -> QrCode:
        code = made(url, min_px)
        modules = code.modules.copy()
        middle = modules.shape[0] // 2
        modules[middle, middle] = not modules[middle, middle]
        return replace(code, modules=modules)

    monkeypatch.setattr(poster, "qr_code", damaged)
    pdf = flyer(snapshot, tmp_path, "es", "letter")
    problems, back = check_pdf(pdf)
    assert back.mismatch <= MAX_MISMATCH  # the two writers drew the same (wrong) code
    assert sum("differs from the code" in p for p in problems) == 2, problems  # in the PDF and in the PNG
    png = Image.open(pdf.path.with_suffix(".png"))
    assert decode_qr_image(png, pdf.facts.qr_box) == [snapshot.campaign.contact.url]  # and it still scans


@pytest.mark.slow
def test_a_letter_painted_out_of_the_png_after_it_was_written_fails_the_check(snapshot, tmp_path):
    """The read-back takes the PNG's pixels from the writer while the file is as written; a file
    changed since is read again from disk, and the change shows."""
    pdf = flyer(snapshot, tmp_path, "es", "wallet")
    png_path = pdf.path.with_suffix(".png")
    regions = pdf.facts.pdf.expected.regions[0]
    smallest = min((r for r in regions if r.size_px), key=lambda r: r.size_px)
    png = Image.open(png_path).convert("RGB")
    left, top, right, bottom = smallest.box
    pixels = np.asarray(png.convert("L"))[top:bottom, left:right]
    ys, xs = np.nonzero(pixels < 128)
    x, y = left + int(xs.min()), top + int(ys.min())  # the first inked pixel: a letter's top left
    ImageDraw.Draw(png).rectangle((x, y, x + smallest.size_px // 2, y + smallest.size_px // 2), fill=(255, 255, 255))
    png.save(png_path, dpi=(PNG_DPI, PNG_DPI))
    problems, back = check_pdf(pdf)
    assert differs(problems), back.mismatch


def test_the_comparison_finds_nothing_where_nothing_differs():
    page = np.full((200, 300), 255, dtype=np.uint8)
    page[50:80, 40:200] = 0
    region = [InkRegion((0, 0, 300, 200), 29)]
    assert differing_ink(page, page.copy(), region) == 0.0
    shifted = np.roll(page, 2, axis=1)  # a two-pixel shift: FreeType and PDFium disagree this much
    assert differing_ink(shifted, page, region) == 0.0
    gone = page.copy()
    gone[50:80, 100:115] = 255  # a letter's worth of ink missing
    assert differing_ink(gone, page, region) > MAX_MISMATCH
