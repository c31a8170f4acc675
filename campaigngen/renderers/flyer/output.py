"""Writing a page: one display list, two writers.

The PNG (300 dpi, its resolution recorded) comes from png_writer, the PDF (vector text with
embedded fonts, page boxes) from pdf_writer; all are written under temporary names and
moved into place together, so no half file is left. A sheet of two pages is one PDF of two
pages and a PNG per page (the second named '<stem>-2.png').
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.pdf_writer import PdfFacts, PdfPageSpec, write_pdf_pages
from campaigngen.renderers.flyer.png_writer import render_page_png


@dataclass(frozen=True)
class WrittenPage:
    pngs: tuple[Path, ...]  # one per page
    pdf: Path
    images: tuple[Image.Image, ...]
    pdf_facts: PdfFacts

    @property
    def png(self) -> Path:
        return self.pngs[0]

    @property
    def image(self) -> Image.Image:
        return self.images[0]


def png_names(stem: Path, pages: int) -> tuple[Path, ...]:
    return tuple(
        stem.with_suffix(".png") if page == 1 else stem.with_name(f"{stem.name}-{page}.png")
        for page in range(1, pages + 1)
    )


def write_page(items, stem: Path, fmt: FlyerFormat, spec: PdfPageSpec) -> WrittenPage:
    return write_pages([items], stem, fmt, spec)


def write_pages(pages: Sequence, stem: Path, fmt: FlyerFormat, spec: PdfPageSpec) -> WrittenPage:
    stem.parent.mkdir(parents=True, exist_ok=True)
    pngs, pdf = png_names(stem, len(pages)), stem.with_suffix(".pdf")
    parts = [p.with_name(p.name + ".part") for p in (*pngs, pdf)]
    try:
        images = []
        for items, part in zip(pages, parts):
            image = render_page_png(fmt.page_px, items)
            # Fast deflate: a Letter page is ~0.4 MB instead of ~0.3 MB, written in two thirds of the
            # time and read back (QR, raster) faster; a print shop does not pay by the byte.
            image.save(part, format="PNG", dpi=(DPI, DPI), compress_level=1)
            images.append(image)
        facts = write_pdf_pages(parts[-1], pages, spec)
    except BaseException:
        for part in parts:
            part.unlink(missing_ok=True)
        raise
    for part, final in zip(parts, (*pngs, pdf)):
        os.replace(part, final)
    return WrittenPage(pngs, pdf, tuple(images), facts)
