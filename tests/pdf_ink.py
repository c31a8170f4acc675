"""Glyph ink boxes read back from a flyer's PDF with PyMuPDF, independent of the layout: each
glyph's outline box (rawdict with TEXT_ACCURATE_BBOXES), not its em box, in inches from the
page's top left. PyMuPDF's boxes for Burmese clusters are not ink boxes: callers leave them out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pymupdf


@dataclass(frozen=True)
class Glyph:
    char: str
    font: str
    page: int
    box: tuple[float, float, float, float]  # left, top, right, bottom in inches
    line: int  # the text line it sits on (PyMuPDF's own grouping), counted over the page

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


def glyphs(pdf: Path) -> Iterator[Glyph]:
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document):
            line_number = 0
            text = page.get_text("rawdict", flags=pymupdf.TEXT_ACCURATE_BBOXES)
            for block in text["blocks"]:
                for line in block.get("lines", []):
                    line_number += 1
                    for span in line["spans"]:
                        for char in span["chars"]:
                            x0, y0, x1, y1 = char["bbox"]
                            if char["c"].isspace() or x1 <= x0 or y1 <= y0:
                                continue
                            box = (x0 / 72, y0 / 72, x1 / 72, y1 / 72)
                            yield Glyph(char["c"], span["font"], number, box, line_number)


def trim_box(pdf: Path, page: int = 0) -> tuple[float, float, float, float]:
    """The trim box in the same coordinates as the glyph boxes (inches from the top left)."""
    with pymupdf.open(pdf) as document:
        trim = document[page].trimbox
        return (trim.x0 / 72, trim.y0 / 72, trim.x1 / 72, trim.y1 / 72)
