"""A page plan: the display list of one page, decided before a pixel or a PDF operator is drawn.

Everything on a page is an item here, so the PNG writer (png_writer.py) and the PDF writer
(pdf_writer.py) draw the same thing from the same positions. Coordinates are pixels at
300 dpi, y down, on the page as printed including any bleed.

Layout code works in left-to-right coordinates; a right-to-left language gets the same
plan mirrored (`Plan.placed`), so alignment and the order of blocks flip while each run of
text (and the phone number inside it) keeps its own direction. Marks that belong to the
paper, not to the reading direction (cut lines, crop marks), are never mirrored.

A new kind of item is a frozen dataclass here with a `mirrored(page_width)` method, and one
drawing function in each writer (both writers refuse an item kind they do not know).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np
from PIL import Image

from campaigngen.renderers.typesetting import START, SetParagraph

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class TextItem:
    message_id: str
    paragraph: SetParagraph
    x: float
    y: float
    width: float
    fill: Colour
    align: str = START

    @property
    def height(self) -> float:
        return self.paragraph.height

    def mirrored(self, page_width: float) -> TextItem:
        return replace(self, x=page_width - self.x - self.width)


@dataclass(frozen=True)
class RectItem:
    x: float
    y: float
    width: float
    height: float
    fill: Colour
    radius: float = 0.0

    def mirrored(self, page_width: float) -> RectItem:
        return replace(self, x=page_width - self.x - self.width)


@dataclass(frozen=True, eq=False)
class ImageItem:
    """A picture (a logo) placed in a box on the page; the image keeps its own resolution
    (the PDF embeds it whole and scales it into the box, the PNG resamples it to the box)."""

    kind: str
    image: Image.Image
    x: float
    y: float
    width: float
    height: float

    def mirrored(self, page_width: float) -> ImageItem:
        return replace(self, x=page_width - self.x - self.width)


@dataclass(frozen=True)
class PictogramItem:
    """One of the project's pictograms (decor.py), size x size pixels, symbol fg on a bg disc.
    Mirroring moves it, never turns it: a clock's hands still go clockwise."""

    kind: str
    x: float
    y: float
    size: float
    fg: Colour
    bg: Colour

    @property
    def width(self) -> float:
        return self.size

    @property
    def height(self) -> float:
        return self.size

    def mirrored(self, page_width: float) -> PictogramItem:
        return replace(self, x=page_width - self.x - self.size)


@dataclass(frozen=True, eq=False)
class QrCode:
    """A QR code as its module grid (quiet zone included, True = dark), a whole number of pixels per module."""

    modules: np.ndarray
    module_px: int

    @property
    def width(self) -> int:
        return self.modules.shape[1] * self.module_px

    @property
    def height(self) -> int:
        return self.modules.shape[0] * self.module_px


@dataclass(frozen=True, eq=False)
class QrItem:
    code: QrCode
    x: float
    y: float

    @property
    def width(self) -> int:
        return self.code.width

    @property
    def height(self) -> int:
        return self.code.height

    def box(self) -> tuple[int, int, int, int]:
        """The pixels the code covers on the page, quiet zone included."""
        left, top = int(round(self.x)), int(self.y)
        return left, top, left + self.width, top + self.height

    def mirrored(self, page_width: float) -> QrItem:
        return replace(self, x=page_width - self.x - self.width)


@dataclass(frozen=True)
class LineItem:
    """A straight line; dash > 0 draws it dashed (dash on, dash off, starting at (x0, y0))."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    colour: Colour
    dash: float = 0.0
    cut: bool = False  # where the sheet is cut or perforated: the press PDF adds it to the dieline

    def mirrored(self, page_width: float) -> LineItem:
        return replace(self, x0=page_width - self.x0, x1=page_width - self.x1)


SLUG_IN = 0.25  # room beyond the bleed for crop marks, on the PDF and the PNG alike
MARK_OFFSET_IN = 1 / 32  # a mark starts this far beyond the bleed


@dataclass(frozen=True)
class CropMarks:
    """Marks on the trim lines at the four corners, in the slug: outside both trim and bleed,
    so a cut a little off never leaves a mark on the piece. A page with crop marks is drawn
    with a SLUG_IN slug around it (PDF MediaBox and PNG alike)."""

    trim: tuple[float, float, float, float]  # left, top, right, bottom in page pixels (bleed box origin)
    bleed: float

    def mirrored(self, page_width: float) -> CropMarks:
        return self

    def segments(self, dpi: int = 300) -> list[tuple[float, float, float, float]]:
        """(x0, y0, x1, y1) of the eight marks in page pixels (negative beyond the bleed box)."""
        left, top, right, bottom = self.trim
        start = self.bleed + MARK_OFFSET_IN * dpi
        end = self.bleed + SLUG_IN * dpi
        lines = []
        for x in (left, right):
            lines += [(x, top - end, x, top - start), (x, bottom + start, x, bottom + end)]
        for y in (top, bottom):
            lines += [(left - end, y, left - start, y), (right + start, y, right + end, y)]
        return lines


@dataclass(frozen=True)
class Watermark:
    """The DRAFT stamp: large, diagonal, translucent, so a draft is never mistaken for the real thing."""

    text: str
    colour: Colour
    opacity: int  # 0-255

    def mirrored(self, page_width: float) -> Watermark:
        return self


@dataclass(frozen=True)
class FrameItem:
    """Items laid out in their own frame (width x height, y down), turned by quarter turns
    counter-clockwise and placed with the turned frame's top-left corner at (x, y).

    The tear-off tab: the number set lying down, turned to run along the tab.
    """

    x: float
    y: float
    width: int
    height: int
    items: tuple
    quarter_turns: int = 1
    background: Colour = (255, 255, 255)

    @property
    def outer_size(self) -> tuple[int, int]:
        return (self.height, self.width) if self.quarter_turns % 2 else (self.width, self.height)

    def mirrored(self, page_width: float) -> FrameItem:
        return replace(self, x=page_width - self.x - self.outer_size[0])


Item = TextItem | RectItem | ImageItem | PictogramItem | QrItem | LineItem | CropMarks | Watermark | FrameItem


@dataclass(frozen=True)
class Plan:
    size: tuple[int, int]
    items: tuple  # laid out start-to-end; mirrored for right-to-left languages
    mirror: bool
    sizes_pt: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))  # message id -> type size
    marks: tuple = ()  # the paper's own marks (cut lines, crop marks): never mirrored, drawn over the items
    number_pt: float | None = None  # the hotline number's type size: one per format, whatever the language

    @property
    def texts(self) -> tuple[TextItem, ...]:
        return tuple(i for i in self.items if isinstance(i, TextItem))

    def placed(self) -> tuple:
        """Every item in page coordinates, in drawing order."""
        width = self.size[0]
        items = tuple(item.mirrored(width) for item in self.items) if self.mirror else self.items
        return items + self.marks

    def qr_box(self) -> tuple[int, int, int, int] | None:
        return next((item.box() for item in self.placed() if isinstance(item, QrItem)), None)


def display_list(plan: Plan, draft: bool, draft_colour: Colour = (200, 30, 30)) -> tuple:
    """What the writers draw. A draft gets the DRAFT stamp over everything but the QR code,
    which is drawn last so a draft still scans and can be tested."""
    items = plan.placed()
    if not draft:
        return items
    codes = tuple(item for item in items if isinstance(item, QrItem))
    rest = tuple(item for item in items if not isinstance(item, QrItem))
    return rest + (Watermark("DRAFT", draft_colour, 90),) + codes


@dataclass(frozen=True)
class StampGeometry:
    size_px: int  # type size of the stamp before any scaling
    angle_deg: float  # counter-clockwise, along the page diagonal
    scale: float  # below 1 when the turned stamp would not fit the page


def stamp_geometry(
    page_size: tuple[int, int], text_box: tuple[float, float, float, float] | None = None, size_px: int | None = None
) -> StampGeometry:
    """Size and angle of the watermark: 16% of the page diagonal, along the diagonal, fitted to the page."""
    w, h = page_size
    size = size_px or max(12, int(math.hypot(w, h) * 0.16))
    angle = math.degrees(math.atan2(h, w))
    scale = 1.0
    if text_box is not None:
        left, top, right, bottom = text_box
        sw, sh = right - left + 20, bottom - top + 20
        a = math.radians(angle)
        turned_w = abs(sw * math.cos(a)) + abs(sh * math.sin(a))
        turned_h = abs(sw * math.sin(a)) + abs(sh * math.cos(a))
        if turned_w > w or turned_h > h:
            scale = min(w / turned_w, h / turned_h)
    return StampGeometry(size, angle, scale)
