"""Wallet card / restroom sticker: CR80 (3.375 x 2.125 in) with 1/8 in bleed and crop marks.

Small enough to hide in a shoe or post inside a stall door: the number, the handset, the
QR code, and the headline; everything else is on the poster.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.decor import phone_pictogram
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, sizes_at
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.plan import CropMarks, ImageItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.poster import QR_MIN_PX
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.style import INK, NAVY, PANEL, WHITE
from campaigngen.sources.languages import Language

BASE_PT = MappingProxyType({"language": 8.0, "headline": 12.0, "call": 12.0, "caption": 7.0})
SAFE_IN = 0.09  # inside the trim: a cut a little off never touches text


def wallet_plan(content: FlyerContent, language: Language, fmt: FlyerFormat, url: str) -> Plan:
    qr = qr_code(url, max(QR_MIN_PX, int(0.95 * DPI)))

    def attempt(scale: float) -> Plan:
        return _layout(content, language, fmt, sizes_at(BASE_PT, scale, fmt.min_pt), qr)

    plan, _ = fit(attempt, BASE_PT, "headline", fmt.min_pt)
    return plan


def _layout(content: FlyerContent, language: Language, fmt: FlyerFormat, sizes, qr) -> Plan:
    set_block = setter(language, sizes)
    px = {role: pt * DPI / 72 for role, pt in sizes.items()}
    w, h = fmt.page_px
    bleed, safe = fmt.bleed_px, int(SAFE_IN * DPI)
    left, top, right, bottom = bleed + safe, bleed + safe, w - bleed - safe, h - bleed - safe
    items: list = []
    sizes_pt: dict[str, float] = {}

    def text(block, role, x, y, width, fill, bold=False) -> TextItem:
        sizes_pt[block.message_id] = sizes[role]
        return TextItem(block.message_id, set_block(block, role, width, bold), x, y, width, fill)

    # Band to the bleed edge, so a slightly-off cut never shows a white sliver.
    name = text(content.language_name, "language", left, top - 0.3 * safe, right - left, WHITE, bold=True)
    band_bottom = name.y + name.height + 0.35 * px["language"]
    items += [RectItem(0, 0, w, band_bottom, NAVY), name]

    qr_x = right - qr.width
    col_w = qr_x - left - 0.35 * safe * 3
    caption_h = 0.0
    if content.caption is not None:
        caption = text(content.caption, "caption", qr_x - 0.2 * safe, 0, qr.width + 0.2 * safe, INK)
        caption_h = caption.height
    qr_y = bottom - caption_h - qr.height
    if qr_y < band_bottom + 0.2 * safe:
        raise DoesNotFit(Misfit(content.caption.message_id if content.caption else "scan",
                                "the QR code and its caption do not fit the card"))
    items.append(QrItem(qr, qr_x, qr_y))
    if content.caption is not None:
        items.append(TextItem(caption.message_id, caption.paragraph, caption.x, qr_y + qr.height,
                              caption.width, INK, align="center"))

    column_start = len(items)
    y = band_bottom + 0.45 * px["headline"]
    headline = text(content.headline, "headline", left, y, col_w, INK, bold=True)
    items.append(headline)
    y += headline.height + 0.4 * px["call"]
    icon_size = int(px["call"] * 1.6)
    if content.action:
        call = text(content.action[0], "call", left + icon_size + 0.3 * icon_size, y, col_w - 1.3 * icon_size,
                    PANEL, bold=True)
        items.append(ImageItem("icon", phone_pictogram(icon_size, WHITE, PANEL), left,
                               y + max(0.0, (min(call.height, 1.4 * px["call"]) - icon_size) / 2)))
        items.append(call)
        y += max(call.height, icon_size)
    if y > bottom:
        tallest = max((i for i in items if isinstance(i, TextItem) and i.message_id != content.language_name.message_id),
                      key=lambda i: i.height)
        raise DoesNotFit(Misfit(tallest.message_id, f"the card is {(y - bottom) / DPI:.2f} in too short "
                                                    f"at {sizes['headline']:.1f} pt"))
    # Short text: centre the headline and number in the space below the band, not top-heavy.
    shift = (bottom - y) / 2
    column = [replace(i, y=i.y + shift) for i in items[column_start:]]
    # Crop marks on the trim lines, so the card can be cut from a sheet.
    marks = (CropMarks((bleed, bleed, w - bleed, h - bleed), bleed),)
    return Plan((w, h), tuple(items[:column_start] + column), language.is_rtl, MappingProxyType(sizes_pt), marks)
