"""A page plan: what goes where, decided before a pixel is drawn.

Layout code works in left-to-right coordinates; a right-to-left language gets the same
plan mirrored when drawn, so alignment and the order of blocks flip while each run of
text (and the phone number inside it) keeps its own direction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from PIL import Image, ImageDraw

from campaigngen.renderers.typesetting import START, SetParagraph, draw_paragraph


@dataclass(frozen=True)
class TextItem:
    message_id: str
    paragraph: SetParagraph
    x: float
    y: float
    width: float
    fill: tuple[int, int, int]
    align: str = START

    @property
    def height(self) -> float:
        return self.paragraph.height


@dataclass(frozen=True)
class RectItem:
    x: float
    y: float
    width: float
    height: float
    fill: tuple[int, int, int]
    radius: float = 0.0


@dataclass(frozen=True)
class ImageItem:
    kind: str  # "qr", "icon"
    image: Image.Image
    x: float
    y: float

    @property
    def width(self) -> int:
        return self.image.width


@dataclass(frozen=True)
class Plan:
    size: tuple[int, int]
    items: tuple[TextItem | RectItem | ImageItem, ...]
    mirror: bool
    sizes_pt: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))  # message id -> type size

    @property
    def texts(self) -> tuple[TextItem, ...]:
        return tuple(i for i in self.items if isinstance(i, TextItem))

    def qr_box(self) -> tuple[int, int, int, int] | None:
        for item in self.items:
            if isinstance(item, ImageItem) and item.kind == "qr":
                x = self.x(item.x, item.image.width)
                return int(x), int(item.y), int(x) + item.image.width, int(item.y) + item.image.height
        return None

    def x(self, x: float, width: float) -> float:
        return self.size[0] - x - width if self.mirror else x


def draw_plan(page: Image.Image, plan: Plan, origin: tuple[int, int] = (0, 0)) -> None:
    draw = ImageDraw.Draw(page)
    ox, oy = origin
    for item in plan.items:
        if isinstance(item, RectItem):
            x = plan.x(item.x, item.width) + ox
            box = (x, item.y + oy, x + item.width, item.y + oy + item.height)
            if item.radius:
                draw.rounded_rectangle(box, radius=item.radius, fill=item.fill)
            else:
                draw.rectangle(box, fill=item.fill)
        elif isinstance(item, ImageItem):
            x = int(round(plan.x(item.x, item.image.width))) + ox
            image = item.image
            if image.mode == "RGBA":
                page.paste(image, (x, int(item.y) + oy), image)
            else:
                page.paste(image.convert("RGB"), (x, int(item.y) + oy))
        else:
            x = plan.x(item.x, item.width) + ox
            draw_paragraph(draw, item.paragraph, x, item.y + oy, item.width, item.fill, item.align)
