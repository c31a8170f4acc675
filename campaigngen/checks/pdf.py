"""A flyer PDF read back as its receivers read it: text copied out, fonts, the page rasterised.

- Text: as a reader copies it, with the receivers' own extractors: PDFium (Chrome's and
  Edge's viewers) and poppler's pdftotext (most Linux viewers; used where it is installed,
  as `make setup` does). Each must give back the phone number, and the headline in reading
  order (compared without white space: extractors differ in the spaces they guess between
  glyphs; Burmese gets an extra one here and there).
- Fonts: every font the page uses must be embedded (a print shop cannot substitute Burmese).
- Raster: each page rendered by PDFium (pypdfium2, Chrome's PDF engine) at the PNG's own
  300 dpi must show the ink the PNG drawn from the same display list shows, wherever the plan
  put text or a code (InkRegion). A pixel counts as different when it differs by more than
  INK_LEVELS and neither picture has that ink within shift_px of it (FreeType and PDFium
  place a stem a pixel or two apart, and a line of larger type up to a sixteenth of its size:
  a Turkish 25 pt line sat 6 px apart); a region fails when a patch of two thirds of its type
  size holds more than GLYPH_SHARE of an em square of such pixels. Any one letter of the
  smallest type printed (7 pt, 29 px) left out leaves 0.046 or more (a dotless i), of 16 pt
  type 0.06 or more; the 200 flyer pages of the 40-language sample leave 0
  (tests/test_pdf_sabotage.py leaves out each letter of the wallet card's 7 pt type in turn).
- Code: the QR code the plan placed is compared module by module, on the PDF's raster and
  on the PNG, with the code the QR library makes for the configured address, which zxing
  decodes once per address and size (checks/qr.reference_code): a dark module turned light
  is caught though error correction would still read the code.

The PNG's pixels come from the writer that drew them while it still holds them
(checks/written.py), or else from the file.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen.checks.written import page_grey
from campaigngen.exceptions import MissingDependency

INK_LEVELS = 96  # of 255: less is anti-aliasing
# Where FreeType and PDFium may put the same edge apart: 2 px at 300 dpi, and a sixteenth of
# the type size in larger type (a whole line of 25 pt type sits up to ~6 px apart: a sixteenth).
SHIFT_PX = 2
SHIFT_OF_SIZE = 1 / 16
GLYPH_SHARE = 0.025  # of an em square (size_px squared): the least one missing letter left is 0.046
PNG_DPI = 300
# Without the plan's regions (a PDF read back on its own) the whole trim is compared as if set
# in 16 pt body type (67 px), the posters' smallest: a missing word or letter of body text shows.
BODY_TYPE_PX = 67
MAX_MISMATCH = GLYPH_SHARE
CODE_PATCH_PX = 29  # a code's ink is held to 7 pt type's patch (its modules are also read one by one)


@dataclass(frozen=True)
class InkRegion:
    """Where the page plan put text or a code, in the PNG's pixels (left, top, right, bottom),
    and the type size set there in pixels (0: a code)."""

    box: tuple[int, int, int, int]
    size_px: int


@dataclass(frozen=True)
class PdfReadBack:
    text: str  # every page's, in page order, as PDFium copies it
    fonts: tuple[tuple[str, bool], ...]  # (base font, embedded)
    boxes: dict
    mismatch: float  # the worst region's differing ink, as a share of an em square of its type
    qr: tuple[str, ...]  # what the first page's code reads
    page_qr: tuple[tuple[str, ...], ...] = ()  # what each page's code reads
    texts: tuple[tuple[str, str], ...] = ()  # (extractor, text) for each extractor there is
    code_problems: tuple[str, ...] = ()  # a code that is not, module for module, the configured one


def extracted_texts(pdf_path: Path, document=None) -> dict[str, str]:
    """The PDF's text as each extractor a reader uses gives it: PDFium always, pdftotext where
    poppler is installed."""
    import pypdfium2

    opened = document or pypdfium2.PdfDocument(str(pdf_path))
    try:
        texts = {"PDFium": "\n".join(page.get_textpage().get_text_range() for page in opened)}
    finally:
        if document is None:
            opened.close()
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        run = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, timeout=60)
        texts["pdftotext"] = run.stdout.decode("utf-8", "replace")
    return texts


# pdftotext marks each right-to-left line with embedding controls (RLE ... PDF): not text.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _squeeze(text: str) -> str:
    return "".join(text.translate(_BIDI_CONTROLS).split())


# ------------------------------------------------------------------ the read-back


def read_back(
    pdf_path: Path,
    png_paths: Path | Sequence[Path],
    qr_box=None,
    *,
    regions: Sequence[Sequence[InkRegion]] = (),
    qr: str | None = None,
) -> PdfReadBack:
    """Every page of the PDF against the PNG drawn for it (one PNG per page, in order).
    regions: per page, where the plan put text and codes (without them the whole trim is held
    to body type); qr: the address the codes must carry (compared module by module with
    its reference code); qr_box: where the first page put its code (PNG pixels), read by zxing
    when no regions say where codes are."""
    try:
        import pypdf
        import pypdfium2 as pdfium
    except ImportError as exc:
        raise MissingDependency(f"{exc.name} is not installed (PDF checks) - pip install {exc.name}") from None

    pngs = [Path(png_paths)] if isinstance(png_paths, (str, Path)) else [Path(p) for p in png_paths]
    reader = pypdf.PdfReader(str(pdf_path))
    fonts = tuple(dict.fromkeys(font for page in reader.pages for font in _fonts(page)))
    first = reader.pages[0]
    boxes = {key: [float(v) for v in getattr(first, key)] for key in ("mediabox", "bleedbox", "trimbox")}
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        texts = extracted_texts(pdf_path, document)
        mismatch, decoded, code_problems = 0.0, [], []
        for index, png in enumerate(pngs):
            if index >= len(document):
                break
            expected = page_grey(png)
            raster = _rendered_grey(document[index], expected.shape)
            page_regions = list(regions[index]) if index < len(regions) else []
            if not page_regions:
                page_regions = [InkRegion(_trim_in_media(boxes), BODY_TYPE_PX)]
            mismatch = max(mismatch, differing_ink(raster, expected, page_regions))
            codes = [r for r in page_regions if r.size_px == 0]
            if qr is not None and codes:
                reads, problems = _codes_read(raster, expected, codes, qr, index)
                decoded.append(reads)
                code_problems += problems
            else:
                box = qr_box if index == 0 else None
                decoded.append(tuple(_decode(raster, box)))
    finally:
        document.close()
    if len(reader.pages) != len(pngs):
        mismatch = 1.0  # a page without its picture (or a picture without its page) is a different document
    return PdfReadBack(
        texts["PDFium"],
        fonts,
        boxes,
        mismatch,
        decoded[0] if decoded else (),
        tuple(decoded),
        tuple(texts.items()),
        tuple(code_problems),
    )


def _rendered_grey(page, shape: tuple[int, int]):
    """The page (MediaBox: slug and marks included, as the PNG is drawn) at the PNG's 300 dpi,
    cut to the PNG's whole pixels."""
    import numpy as np

    pixels = np.asarray(page.render(scale=PNG_DPI / 72, grayscale=True).to_pil().convert("L"))
    height, width = shape
    if pixels.shape[0] < height or pixels.shape[1] < width:
        padded = np.full(shape, 255, dtype=np.uint8)  # a smaller page: the rest shows as missing ink
        padded[: pixels.shape[0], : pixels.shape[1]] = pixels[:height, :width]
        return padded
    return pixels[:height, :width]


def _decode(raster, box) -> list[str]:
    from PIL import Image

    from campaigngen.checks.qr import decode_qr_image

    return decode_qr_image(Image.fromarray(raster), box)


def _codes_read(raster, expected, codes: Sequence[InkRegion], qr: str, page: int) -> tuple[tuple[str, ...], list[str]]:
    """What the page's codes read: the reference code's text where every module matches it,
    on the PDF's raster and on the PNG; otherwise what zxing makes of the raster, and why."""
    from campaigngen.checks.qr import module_differences, reference_code

    reads, problems = [], []
    where = f" on page {page + 1}" if page else ""
    for code in codes:
        left, top, right, bottom = code.box
        reference = reference_code(qr, right - left)
        if reference is None:
            problems.append(f"the QR code{where} is {right - left} px wide, not a whole number of pixels per module")
            reads.append(tuple(_decode(raster, code.box)))
            continue
        wrong_pdf = module_differences(raster, code.box, reference.modules)
        wrong_png = module_differences(expected, code.box, reference.modules)
        if wrong_pdf or wrong_png:
            problems += [
                f"the QR code{where} in the {name} differs from the code for {qr} in {count} modules"
                for name, count in (("PDF", wrong_pdf), ("PNG", wrong_png))
                if count
            ]
            reads.append(tuple(_decode(raster, code.box)))
        else:
            reads.append(reference.reads)
    return tuple(text for read in reads for text in read), problems


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


def _trim_in_media(boxes: dict, dpi: int = PNG_DPI) -> tuple[int, int, int, int]:
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


def differing_ink(raster, expected, regions: Sequence[InkRegion]) -> float:
    """The worst region's differing ink (see the module's docstring) as a share of an em square
    of its type: above GLYPH_SHARE, a letter's worth is missing, added or changed there.

    Only pixels that differ at all are examined (a few thousand on a page), each against the
    other picture's darkest and lightest pixel within shift_px, gathered from the whole page so
    a region's edge never cuts a neighbour's stroke."""
    import numpy as np
    from PIL import Image, ImageChops

    height, width = expected.shape
    inside = np.zeros(expected.shape, dtype=bool)
    for region in regions:
        left, top, right, bottom = _clipped(region.box, width, height)
        inside[top:bottom, left:right] = True
    # One pass in C for |raster - expected| (no int16 copies of the page), then the few that differ.
    differs = np.asarray(ImageChops.difference(Image.fromarray(raster), Image.fromarray(expected))) > INK_LEVELS
    differs &= inside
    ys, xs = np.divmod(np.flatnonzero(differs), width)
    if not len(ys):
        return 0.0
    a, e = raster.ravel(), expected.ravel()
    # Each differing pixel may move as far as the smallest type standing there allows; most
    # are explained within SHIFT_PX, so only the rest are looked at farther.
    reach = np.full(len(ys), shift_px(0))
    for region in sorted(regions, key=lambda r: -r.size_px):
        left, top, right, bottom = _clipped(region.box, width, height)
        reach[(ys >= top) & (ys < bottom) & (xs >= left) & (xs < right)] = shift_px(region.size_px)
    off = _unexplained(a, e, ys, xs, SHIFT_PX, width, height)
    for r in np.unique(reach[off]):
        if r > SHIFT_PX:
            farther = np.flatnonzero(off & (reach == r))
            off[farther] = _unexplained(a, e, ys[farther], xs[farther], int(r), width, height)
    ys, xs = ys[off], xs[off]
    worst = 0.0
    for region in regions:
        left, top, right, bottom = _clipped(region.box, width, height)
        mine = (ys >= top) & (ys < bottom) & (xs >= left) & (xs < right)
        if mine.any():
            size = region.size_px or CODE_PATCH_PX  # a code: its modules are compared one by one too
            worst = max(worst, _densest_patch(ys[mine] - top, xs[mine] - left, size) / size**2)
    return worst


def _unexplained(a, e, ys, xs, r: int, width: int, height: int):
    """Which of these pixels (flat pictures a and e, width x height) differ beyond what a shift
    of up to r pixels explains, either way: the PDF's ink outside the PNG's darkest and
    lightest within r, or the PNG's outside the PDF's."""
    import numpy as np

    here = ys * width + xs
    ink, paper = a[here].astype(np.int16), e[here].astype(np.int16)
    a_low, a_high, e_low, e_high = ink.copy(), ink.copy(), paper.copy(), paper.copy()
    columns = [np.clip(xs + dx, 0, width - 1) for dx in range(-r, r + 1)]
    for dy in range(-r, r + 1):
        row = np.clip(ys + dy, 0, height - 1) * width
        for column in columns:
            near = a[row + column]
            np.minimum(a_low, near, out=a_low)
            np.maximum(a_high, near, out=a_high)
            near = e[row + column]
            np.minimum(e_low, near, out=e_low)
            np.maximum(e_high, near, out=e_high)
    return (
        (ink < e_low - INK_LEVELS)
        | (ink > e_high + INK_LEVELS)
        | (paper < a_low - INK_LEVELS)
        | (paper > a_high + INK_LEVELS)
    )


def shift_px(size_px: int) -> int:
    return max(SHIFT_PX, round(size_px * SHIFT_OF_SIZE))


def _clipped(box, width: int, height: int) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return max(0, left), max(0, top), min(width, right), min(height, bottom)


def _densest_patch(ys, xs, size_px: int) -> int:
    """The most of these pixels in one square patch of about two thirds of size_px: cells of a
    third, counted two by two, so a letter's pixels fall in one patch wherever it stands."""
    import numpy as np

    cell = max(4, size_px // 3)
    rows, cols = ys // cell, xs // cell
    width = int(cols.max()) + 2
    counts = np.bincount(rows * width + cols, minlength=(int(rows.max()) + 2) * width).reshape(-1, width)
    return int((counts[:-1, :-1] + counts[1:, :-1] + counts[:-1, 1:] + counts[1:, 1:]).max())


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
    regions: Sequence[Sequence[InkRegion]] = (),
) -> tuple[list[str], PdfReadBack]:
    """What a reader of this PDF would find wrong, one sentence each (empty: nothing): the QR
    code must read as qr, the number and the headline must copy out of it. png_path is the
    first page's picture; a PDF of several pages is compared page by page with the PNGs
    page_images names beside it; regions: per page, where the plan put text and codes."""
    pngs = [Path(png_path), *(Path(png_path).with_name(name) for name in page_images[1:])]
    back = read_back(pdf_path, pngs, qr_box, regions=regions, qr=qr)
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
        problems.append(
            f"the PDF renders differently from the PNG (ink differs by {back.mismatch:.0%} of a letter's em square)"
        )
    problems += back.code_problems
    for page, decoded in enumerate(back.page_qr or (back.qr,), start=1):
        if list(decoded) != [qr]:
            where = f" on page {page}" if len(back.page_qr) > 1 else ""
            problems.append(f"the QR code in the rendered PDF{where} reads {list(decoded) or 'nothing'}")
    return problems, back
