"""Writing a page: one display list, two writers.

The PNG (300 dpi, its resolution recorded) comes from png_writer, the PDF (vector text with
embedded fonts, page boxes) from pdf_writer; all are written under temporary names and
moved into place together, so no half file is left. A sheet of two pages is one PDF of two
pages and a PNG per page (the second named '<stem>-2.png').

Each page's greyscale is handed to the PDF read-back while it is still in memory (the file is
not decoded again), with the regions where the plan put text and codes: what it compares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from campaigngen.checks.pdf import InkRegion
from campaigngen.checks.written import remember_page
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.pdf_writer import PdfFacts, PdfPageSpec, write_pdf_pages
from campaigngen.renderers.flyer.plan import FrameItem, QrItem, TextItem
from campaigngen.renderers.flyer.png_file import PRINT_LEVEL, png_bytes
from campaigngen.renderers.flyer.png_writer import render_page_png


@dataclass(frozen=True)
class WrittenPage:
    pngs: tuple[Path, ...]  # one per page
    pdf: Path
    images: tuple[Image.Image, ...]
    pdf_facts: PdfFacts
    regions: tuple[tuple[InkRegion, ...], ...] = ()  # per page: where text and codes stand (PNG pixels)

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


@contextmanager
def _written_together(finals: Sequence[Path]) -> Iterator[list[Path]]:
    """The names to write finals under (each beside its own, ending .part): moved into place
    together once the block ends, all removed if it fails, so no half file is ever left."""
    finals[0].parent.mkdir(parents=True, exist_ok=True)
    parts = [final.with_name(final.name + ".part") for final in finals]
    try:
        yield parts
    except BaseException:
        for part in parts:
            part.unlink(missing_ok=True)
        raise
    for part, final in zip(parts, finals):
        os.replace(part, final)


def write_pdf(pages: Sequence, pdf: Path, spec: PdfPageSpec) -> PdfFacts:
    """The pages' PDF alone, the same bytes write_pages writes beside their PNGs."""
    with _written_together([pdf]) as (part,):
        return write_pdf_pages(part, pages, spec)


def write_pages(pages: Sequence, stem: Path, fmt: FlyerFormat, spec: PdfPageSpec) -> WrittenPage:
    pngs, pdf = png_names(stem, len(pages)), stem.with_suffix(".pdf")
    images = []
    with _written_together([*pngs, pdf]) as parts:
        for items, part in zip(pages, parts):
            image = render_page_png(fmt.page_px, items)
            part.write_bytes(png_bytes(image, PRINT_LEVEL, DPI))
            images.append(image)
        facts = write_pdf_pages(parts[-1], pages, spec)
    for png, image in zip(pngs, images):
        remember_page(png, image)
    regions = tuple(
        ink_regions(items, ((image.width - fmt.page_px[0]) // 2, (image.height - fmt.page_px[1]) // 2))
        for items, image in zip(pages, images)
    )
    return WrittenPage(pngs, pdf, tuple(images), facts, regions)


def ink_regions(items, offset: tuple[int, int] = (0, 0)) -> tuple[InkRegion, ...]:
    """Where the display list puts text (its box, widened by half its type size for marks and
    overhangs) and codes, in the PNG's pixels (offset: where the page stands in a slug)."""
    dx, dy = offset
    regions = []
    for item in items:
        if isinstance(item, QrItem):
            left, top, right, bottom = item.box()
            regions.append(InkRegion((left + dx, top + dy, right + dx, bottom + dy), 0))
            continue
        if isinstance(item, TextItem):
            sizes, (width, height) = [item.paragraph.style.size_px], (item.width, item.height)
        elif isinstance(item, FrameItem):
            sizes = [inner.paragraph.style.size_px for inner in item.items if isinstance(inner, TextItem)]
            width, height = item.outer_size
        else:
            continue
        if sizes:
            pad = min(sizes) // 2
            left, top = int(item.x) - pad + dx, int(item.y) - pad + dy
            regions.append(InkRegion((left, top, left + int(width) + 2 * pad, top + int(height) + 2 * pad), min(sizes)))
    return tuple(regions)
