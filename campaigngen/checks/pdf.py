"""A flyer PDF read back as its receivers read it: text copied out, fonts, the page rasterised.

- Text: as a reader copies it, with the receivers' own extractors: PDFium (Chrome's and
  Edge's viewers) and poppler's pdftotext (most Linux viewers; used where it is installed,
  as `make setup` does). Each must give back the phone number, and the headline in reading
  order (compared without white space: extractors differ in the spaces they guess between
  glyphs; Burmese gets an extra one here and there).
- Fonts: every font the page uses must be embedded (a print shop cannot substitute Burmese).
- Raster: the page rendered by PDFium (pypdfium2, Chrome's PDF engine) must match the PNG
  drawn from the same display list, and its QR code must decode from it. Both are compared at
  150 dpi (the PNG averaged 2x2): a missing word or a moved block shows as plainly as at
  300 dpi, at a quarter of the pixels (the check was a third of a build's time at 300 dpi).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen.exceptions import MissingDependency

# Ink that differs from the PNG by more than this (of 255) and is not explained by a
# one-pixel shift of an edge counts as a mismatch (FreeType and PDFium anti-alias differently).
INK_LEVELS = 96
MAX_MISMATCH = 0.002  # of the page's pixels: a missing word on a Letter page is ~0.3%
PNG_DPI = 300
COMPARE_DPI = 150


@dataclass(frozen=True)
class PdfReadBack:
    text: str  # every page's, in page order, as PDFium copies it
    fonts: tuple[tuple[str, bool], ...]  # (base font, embedded)
    boxes: dict
    mismatch: float  # fraction of pixels whose ink differs from the PNG (the worst page)
    qr: tuple[str, ...]  # what the first page's code reads
    page_qr: tuple[tuple[str, ...], ...] = ()  # what each page's code reads
    texts: tuple[tuple[str, str], ...] = ()  # (extractor, text) for each extractor there is


def extracted_texts(pdf_path: Path) -> dict[str, str]:
    """The PDF's text as each extractor a reader uses gives it: PDFium always, pdftotext where
    poppler is installed."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        texts = {"PDFium": "\n".join(page.get_textpage().get_text_range() for page in document)}
    finally:
        document.close()
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        run = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, timeout=60)
        texts["pdftotext"] = run.stdout.decode("utf-8", "replace")
    return texts


# pdftotext marks each right-to-left line with embedding controls (RLE ... PDF): not text.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _squeeze(text: str) -> str:
    return "".join(text.translate(_BIDI_CONTROLS).split())


def read_back(pdf_path: Path, png_paths: Path | Sequence[Path], qr_box=None) -> PdfReadBack:
    """Every page of the PDF against the PNG drawn for it (one PNG per page, in order); qr_box
    is where the first page put its code (PNG pixels)."""
    try:
        import pypdf
    except ImportError:
        raise MissingDependency("pypdf is not installed (PDF checks) - pip install pypdf") from None
    from campaigngen.checks.qr import decode_qr_image

    pngs = [Path(png_paths)] if isinstance(png_paths, (str, Path)) else [Path(p) for p in png_paths]
    reader = pypdf.PdfReader(str(pdf_path))
    texts = extracted_texts(pdf_path)
    fonts = tuple(dict.fromkeys(font for page in reader.pages for font in _fonts(page)))
    first = reader.pages[0]
    boxes = {key: [float(v) for v in getattr(first, key)] for key in ("mediabox", "bleedbox", "trimbox")}
    mismatch, decoded = 0.0, []
    for index, png in enumerate(pngs):
        raster = rasterise(pdf_path, boxes, dpi=COMPARE_DPI, page_index=index)
        mismatch = max(mismatch, ink_mismatch(raster, png, _trim_in_media(boxes, COMPARE_DPI)))
        box = [round(v * COMPARE_DPI / PNG_DPI) for v in qr_box] if qr_box and index == 0 else None
        decoded.append(tuple(decode_qr_image(raster, box)))
    if len(reader.pages) != len(pngs):
        mismatch = 1.0  # a page without its picture (or a picture without its page) is a different document
    return PdfReadBack(
        texts["PDFium"], fonts, boxes, mismatch, decoded[0] if decoded else (), tuple(decoded), tuple(texts.items())
    )


def _fonts(page):
    resources = page.get("/Resources", {})
    fonts = resources.get("/Font", {}) if resources else {}
    for font in fonts.values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        yield str(font.get("/BaseFont", "?"))[1:], embedded


def rasterise(pdf_path: Path, boxes: dict, dpi: int = 300, box: str = "mediabox", page_index: int = 0):
    """A page box (the whole page, slug included, by default: the PNG is drawn the same way)
    as a greyscale image at dpi, rendered by PDFium."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MissingDependency("pypdfium2 is not installed (PDF checks) - pip install pypdfium2") from None
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        page = document[page_index]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    media, chosen = boxes["mediabox"], boxes[box]
    s = dpi / 72
    left, top = round((chosen[0] - media[0]) * s), round((media[3] - chosen[3]) * s)
    right, bottom = left + round((chosen[2] - chosen[0]) * s), top + round((chosen[3] - chosen[1]) * s)
    return image.crop((left, top, right, bottom)).convert("L")


def _trim_in_media(boxes: dict, dpi: int = 300) -> tuple[int, int, int, int]:
    """The trim box in the PNG's pixels (the PNG is the MediaBox, slug and crop marks included):
    only the piece itself is compared, as the marks are hairlines drawn differently."""
    media, trim = boxes["mediabox"], boxes["trimbox"]
    s = dpi / 72
    return (
        round((trim[0] - media[0]) * s),
        round((media[3] - trim[3]) * s),
        round((trim[2] - media[0]) * s),
        round((media[3] - trim[1]) * s),
    )


def ink_mismatch(raster, png_path: Path, region: tuple[int, int, int, int] | None = None) -> float:
    import numpy as np
    from PIL import Image
    from scipy.ndimage import grey_dilation, grey_erosion

    with Image.open(png_path) as png:
        expected = png.convert("L")
    factor = round(expected.width / raster.width) if raster.width else 1
    if factor > 1:
        expected = expected.reduce(factor)  # box average: what a coarser raster of the same page gives
    if raster.size != expected.size:  # the PNG is whole pixels; the page may be a fraction more
        raster = (
            raster.resize(expected.size)
            if abs(raster.width - expected.width) > 2
            else raster.crop((0, 0, *expected.size))
        )
    a = np.asarray(raster, dtype=np.int16)
    # Within one pixel of an edge either image may be lighter or darker: compare with the
    # PNG's darkest and lightest pixel in each 3x3 neighbourhood.
    # (scipy's separable grey morphology: ~20x faster than Pillow's rank filters here.)
    pixels = np.asarray(expected, dtype=np.int16)
    low, high = grey_erosion(pixels, size=(3, 3)), grey_dilation(pixels, size=(3, 3))
    off = (a < low - INK_LEVELS) | (a > high + INK_LEVELS)
    if region is not None:
        left, top, right, bottom = region
        off = off[top:bottom, left:right]
    return float(off.mean())


# Scripts whose letters text extractors know to be right-to-left (pypdf, poppler): they put a
# right-to-left run drawn left to right back into reading order by the letters' own class.
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"})


def headline_extractable(script: str, rtl: bool) -> bool:
    """Whether pypdf gives the headline back in reading order: every real script we print
    (Latin, Cyrillic, Arabic, Devanagari, Thai, Burmese, Ethiopic, Han, Hangul) yes; Latin
    forced right to left (the ar-XB pseudo-locale) no - an extractor cannot tell it is mirrored."""
    return not rtl or script in RTL_SCRIPTS


def pdf_problems(
    pdf_path: Path,
    png_path: Path,
    *,
    qr: str,
    qr_box: Sequence[int] | None = None,
    page_images: Sequence[str] = (),
    phone: str | None = None,
    headline: str | None = None,
) -> tuple[list[str], PdfReadBack]:
    """What a reader of this PDF would find wrong, one sentence each (empty: nothing): the QR
    code must read as qr, the number and the headline must copy out of it. png_path is the
    first page's picture; a PDF of several pages is compared page by page with the PNGs
    page_images names beside it."""
    pngs = [Path(png_path), *(Path(png_path).with_name(name) for name in page_images[1:])]
    back = read_back(pdf_path, pngs, qr_box)
    problems = []
    for extractor, text in back.texts or (("PDFium", back.text),):
        flat = _squeeze(text)
        if phone and _squeeze(phone) not in flat:
            problems.append(f"the number {phone} cannot be copied out of the PDF's text ({extractor})")
        if headline and _squeeze(headline) not in flat:
            problems.append(f"the headline cannot be copied out of the PDF's text in reading order ({extractor})")
    missing = [name for name, embedded in back.fonts if not embedded]
    if missing:
        problems.append(f"fonts not embedded: {', '.join(missing)}")
    if back.mismatch > MAX_MISMATCH:
        problems.append(f"the PDF renders differently from the PNG ({back.mismatch:.2%} of the page)")
    for page, decoded in enumerate(back.page_qr or (back.qr,), start=1):
        if list(decoded) != [qr]:
            where = f" on page {page}" if len(back.page_qr) > 1 else ""
            problems.append(f"the QR code in the rendered PDF{where} reads {list(decoded) or 'nothing'}")
    return problems, back
