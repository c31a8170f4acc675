"""The PNG writer: a page's display list drawn onto a 300-dpi Pillow image.

Text goes through raqm (HarfBuzz shaping, FreeType rasterising); every other item is drawn
the way the PDF writer draws it, from the same positions (see plan.py).
"""

from __future__ import annotations

import math
import zlib
from collections import OrderedDict
from functools import lru_cache, singledispatch

import numpy as np
from PIL import Image, ImageDraw

from campaigngen.renderers.flyer.decor import Circle, pictogram_shapes
from campaigngen.renderers.flyer.plan import (
    SLUG_IN,
    CropMarks,
    FrameItem,
    ImageItem,
    LineItem,
    PictogramItem,
    QrCode,
    QrItem,
    RectItem,
    TextItem,
    Watermark,
    stamp_geometry,
)
from campaigngen.renderers.typesetting import draw_paragraph, pil_font
from campaigngen.sources.fonts import LATIN, manifest


def render_png(size: tuple[int, int], items, background=(255, 255, 255)) -> Image.Image:
    page = Image.new("RGB", size, background)
    draw_items(page, items)
    return page


def draw_items(page: Image.Image, items) -> None:
    for item in items:
        draw_item(item, page)


@singledispatch
def draw_item(item, page: Image.Image) -> None:
    raise TypeError(f"the PNG writer cannot draw a {type(item).__name__}")


@draw_item.register
def _text(item: TextItem, page: Image.Image) -> None:
    draw_paragraph(ImageDraw.Draw(page), item.paragraph, item.x, item.y, item.width, item.fill, item.align)


@draw_item.register
def _rect(item: RectItem, page: Image.Image) -> None:
    box = (item.x, item.y, item.x + item.width, item.y + item.height)
    draw = ImageDraw.Draw(page)
    if item.radius:
        draw.rounded_rectangle(box, radius=item.radius, fill=item.fill)
    else:
        draw.rectangle(box, fill=item.fill)


@draw_item.register
def _image(item: ImageItem, page: Image.Image) -> None:
    x, y = int(round(item.x)), int(round(item.y))
    size = (max(1, int(round(item.width))), max(1, int(round(item.height))))
    rgb, mask = scaled_image(item.image, size)
    if mask is not None:
        page.paste(rgb, (x, y), mask)
    else:
        page.paste(rgb, (x, y))


SCALED_KEPT = 16  # logos: the organization's and its partners', at each format's size
_scaled: OrderedDict[tuple[int, tuple[int, int]], tuple[Image.Image, Image.Image, Image.Image | None]] = OrderedDict()


def scaled_image(image: Image.Image, size: tuple[int, int]) -> tuple[Image.Image, Image.Image | None]:
    """The image at size (LANCZOS) as RGB, and the mask to paste it with (its RGBA self, None
    when it has no alpha). Kept for the next page: a logo is printed at the same size on every
    language's page of a format (its box depends on the format and its shape, see logos.py),
    and resampling it took ~7 ms of a ~60 ms Letter page. The key is the image object and the
    size: the entry holds the image itself, so its id is not another image's while it lives;
    images on pages are read-only (the logos are shared already, see logos.py)."""
    key = (id(image), size)
    kept = _scaled.get(key)
    if kept is not None and kept[0] is image:
        _scaled.move_to_end(key)
        return kept[1], kept[2]
    resized = image if image.size == size else image.resize(size, Image.Resampling.LANCZOS)
    made = (resized.convert("RGB"), resized if resized.mode == "RGBA" else None)
    _scaled[key] = (image, *made)
    while len(_scaled) > SCALED_KEPT:
        _scaled.popitem(last=False)
    return made


SUPERSAMPLE = 4  # Pillow fills polygons without anti-aliasing: draw 4x and reduce


@lru_cache(maxsize=256)
def pictogram_raster(kind: str, size: int, fg, bg) -> Image.Image:
    """The pictogram as an RGBA tile, size x size pixels, edges anti-aliased."""
    big = size * SUPERSAMPLE
    tile = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    for shape in pictogram_shapes(kind):
        colour = (*(fg if shape.role == "fg" else bg), 255)
        if isinstance(shape, Circle):
            draw.ellipse(
                (
                    (shape.cx - shape.r) * big,
                    (shape.cy - shape.r) * big,
                    (shape.cx + shape.r) * big,
                    (shape.cy + shape.r) * big,
                ),
                fill=colour,
            )
        else:
            draw.polygon([(x * big, y * big) for x, y in shape.points], fill=colour)
    return tile.resize((size, size), Image.Resampling.BOX)


@draw_item.register
def _pictogram(item: PictogramItem, page: Image.Image) -> None:
    tile = pictogram_raster(item.kind, int(round(item.size)), tuple(item.fg), tuple(item.bg))
    page.paste(tile.convert("RGB"), (int(round(item.x)), int(round(item.y))), tile)


def qr_raster(code: QrCode) -> Image.Image:
    """Whole pixels per module, nearest-neighbour: no module edge is ever resampled."""
    pixels = np.where(code.modules, 0, 255).astype(np.uint8)
    count_y, count_x = code.modules.shape
    return Image.fromarray(pixels, mode="L").resize(
        (count_x * code.module_px, count_y * code.module_px), Image.Resampling.NEAREST
    )


@draw_item.register
def _qr(item: QrItem, page: Image.Image) -> None:
    left, top, _, _ = item.box()
    page.paste(qr_raster(item.code).convert("RGB"), (left, top))


def dashed_segments(x0: float, y0: float, x1: float, y1: float, dash: float):
    """The drawn pieces of a dashed line, dash on and dash off from its start."""
    length = math.hypot(x1 - x0, y1 - y0)
    for step in range(int(length // (2 * dash)) + 1):
        a = step * 2 * dash / length
        b = min(1.0, (step * 2 * dash + dash) / length)
        yield x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b


@draw_item.register
def _line(item: LineItem, page: Image.Image) -> None:
    draw = ImageDraw.Draw(page)
    width = int(round(item.width))
    if item.dash:
        for segment in dashed_segments(item.x0, item.y0, item.x1, item.y1, item.dash):
            draw.line(segment, fill=item.colour, width=width)
    else:
        draw.line((item.x0, item.y0, item.x1, item.y1), fill=item.colour, width=width)


MARK_WIDTH_PX = 2  # about 0.5 pt: a hairline at 300 dpi that still shows on screen


def render_page_png(size: tuple[int, int], items) -> Image.Image:
    """A page as printed; with crop marks, inside a slug of SLUG_IN holding them (as the PDF's
    MediaBox does), so no mark stands in the trim or the bleed."""
    marks = [item for item in items if isinstance(item, CropMarks)]
    page = render_png(size, [item for item in items if not isinstance(item, CropMarks)])
    if not marks:
        return page
    slug = int(round(SLUG_IN * 300))
    media = Image.new("RGB", (size[0] + 2 * slug, size[1] + 2 * slug), (255, 255, 255))
    media.paste(page, (slug, slug))
    draw = ImageDraw.Draw(media)
    for mark in marks:
        for x0, y0, x1, y1 in mark.segments():
            draw.line((x0 + slug, y0 + slug, x1 + slug, y1 + slug), fill=(0, 0, 0), width=MARK_WIDTH_PX)
    return media


@draw_item.register
def _crop_marks(item: CropMarks, page: Image.Image) -> None:
    raise TypeError("crop marks stand in the slug: draw the page with render_page_png")


STAMPS_KEPT = 1  # a turned Letter stamp is ~14 MB (RGBA), a Tabloid one ~28 MB: a worker holds one
STAMPS_PACKED = 16  # deflated, a Letter stamp is ~0.2 MB, a Tabloid one ~0.3 MB: one per page size
_stamps: OrderedDict[tuple, Image.Image] = OrderedDict()
_packed: OrderedDict[tuple, tuple[tuple[int, int], bytes]] = OrderedDict()


def turned_stamp(item: Watermark, page_size: tuple[int, int]) -> Image.Image:
    """The stamp as drawn on a page of this size: its text set large, turned along the
    diagonal, fitted to the page (RGBA; shared, read-only). Kept for the next page of the
    same size: turning it took ~0.15 s of a Letter draft page's ~0.3 s, the same for every
    language and every preview (the studio draws one at each keystroke of a draft). Keyed
    by every input: the text, colour, opacity, page size and the face it is set in (its
    file and index, as the fonts themselves are kept: typesetting/fonts.pil_font). Not by
    the font manifest's identity: each snapshot (every build, check and studio preview)
    reads fonts.toml again, so a stamp kept by manifest was turned afresh by each of them.

    The last stamp is kept as it is drawn; every size's is also kept deflated, its bytes
    as turned: a build draws its formats one after another for each language, so the one
    stamp kept was never the next page's and each draft page turned its own (Tabloid 0.32 s,
    a story card 0.19 s). Inflated again it is the same pixels in a seventh of the time."""
    fonts = manifest()
    face = fonts.face(LATIN, bold=True)
    key = (item.text, tuple(item.colour), item.opacity, tuple(page_size), str(face.path), face.index)
    kept = _stamps.get(key)
    if kept is not None:
        _stamps.move_to_end(key)
        return kept
    packed = _packed.get(key)
    if packed is not None:
        _packed.move_to_end(key)
        stamp = Image.frombytes("RGBA", packed[0], zlib.decompress(packed[1]))
    else:
        stamp = _turned(item, page_size, fonts)
        _packed[key] = (stamp.size, zlib.compress(stamp.tobytes(), 1))
        while len(_packed) > STAMPS_PACKED:
            _packed.popitem(last=False)
    _stamps[key] = stamp
    while len(_stamps) > STAMPS_KEPT:
        _stamps.popitem(last=False)
    return stamp


def _turned(item: Watermark, page_size: tuple[int, int], fonts) -> Image.Image:
    w, h = page_size
    geometry = stamp_geometry(page_size)
    font = pil_font(fonts, LATIN, geometry.size_px, bold=True)
    left, top, right, bottom = font.getbbox(item.text, anchor="ls")
    stamp = Image.new("RGBA", (int(right - left) + 20, int(bottom - top) + 20), (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text(
        (10 - left, 10 - top), item.text, font=font, anchor="ls", fill=(*item.colour, item.opacity)
    )
    stamp = stamp.rotate(geometry.angle_deg, expand=True, resample=Image.Resampling.BICUBIC)
    if stamp.width > w or stamp.height > h:
        ratio = min(w / stamp.width, h / stamp.height)
        stamp = stamp.resize((int(stamp.width * ratio), int(stamp.height * ratio)), Image.Resampling.LANCZOS)
    return stamp


@draw_item.register
def _watermark(item: Watermark, page: Image.Image) -> None:
    w, h = page.size
    stamp = turned_stamp(item, page.size)
    # Composited over the stamp's own box, not the whole page: outside it the stamp's layer is
    # transparent and alpha_composite gives the page back as it was, so only the box can
    # change (a story card's page is 2.3x its stamp's box; the page-wide layer, the two
    # page-wide conversions and the composite took as long as turning the stamp).
    left, top = (w - stamp.width) // 2, (h - stamp.height) // 2
    box = (left, top, left + stamp.width, top + stamp.height)
    page.paste(Image.alpha_composite(page.crop(box).convert("RGBA"), stamp).convert("RGB"), box)


@draw_item.register
def _frame(item: FrameItem, page: Image.Image) -> None:
    frame = render_png((item.width, item.height), item.items, item.background)
    turned = frame.rotate(90 * item.quarter_turns, expand=True)  # quarter turns are exact: no resampling
    page.paste(turned, (int(round(item.x)), int(item.y)))
