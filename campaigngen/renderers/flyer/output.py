"""Writing a page: one display list, two writers.

The PNG (300 dpi, its resolution recorded) comes from png_writer, the PDF (vector text with
embedded fonts, page boxes) from pdf_writer; both are written under temporary names and
moved into place together, so no half file is left.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.pdf_writer import PdfFacts, PdfPageSpec, write_pdf
from campaigngen.renderers.flyer.png_writer import render_png


@dataclass(frozen=True)
class WrittenPage:
    png: Path
    pdf: Path
    image: Image.Image
    pdf_facts: PdfFacts


def write_page(items, stem: Path, fmt: FlyerFormat, spec: PdfPageSpec) -> WrittenPage:
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, pdf = stem.with_suffix(".png"), stem.with_suffix(".pdf")
    png_tmp, pdf_tmp = png.with_name(png.name + ".part"), pdf.with_name(pdf.name + ".part")
    try:
        page = render_png(fmt.page_px, items)
        page.save(png_tmp, format="PNG", dpi=(DPI, DPI), compress_level=6)
        facts = write_pdf(pdf_tmp, items, spec)
    except BaseException:
        png_tmp.unlink(missing_ok=True)
        pdf_tmp.unlink(missing_ok=True)
        raise
    os.replace(png_tmp, png)
    os.replace(pdf_tmp, pdf)
    return WrittenPage(png, pdf, page, facts)
