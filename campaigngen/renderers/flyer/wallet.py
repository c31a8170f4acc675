"""Wallet card / restroom sticker: CR80 (3.375 x 2.125 in) with 1/8 in bleed and crop marks.

Small enough to hide in a shoe or post inside a stall door: the number (the largest type on
the card), the handset, the hotline's name, the QR code, and the headline; everything else
is on the poster, and the card leaves logos out.
"""

from __future__ import annotations

import math
from dataclasses import replace
from types import MappingProxyType

from campaigngen.renderers.flyer.callpanel import NUMBER_ROLE, call_group, number_pt
from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, size_set_pt, sizes_at
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat, pt_to_px
from campaigngen.renderers.flyer.plan import CropMarks, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.poster import QR_MIN_PX
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.style import WHITE, Look
from campaigngen.renderers.typesetting import END, START
from campaigngen.sources.languages import Language

BASE_PT = MappingProxyType(
    {"language": 8.0, "headline": 12.0, "call": 9.0, "action": 7.0, "hotline": 7.0, "caption": 7.0}
)
NUMBER_BASE_PT = 20.0
SAFE_IN = 0.125  # inside the trim, as print shops ask: a cut a little off never touches text
QR_IN = 0.95


def wallet_plan(
    content: FlyerContent,
    language: Language,
    fmt: FlyerFormat,
    url: str,
    look: Look = Look(),
    names_language: Language | None = None,
) -> Plan:
    qr = qr_code(url, max(QR_MIN_PX, int(QR_IN * DPI)))
    left, _, right, _ = _safe_box(fmt)
    number = number_pt(content.phone, _column(left, right, qr), NUMBER_BASE_PT)
    base = dict(BASE_PT, headline=min(BASE_PT["headline"], number))

    def attempt(scale: float) -> Plan:
        sizes = sizes_at(base, scale, fmt.min_pt)
        sizes[NUMBER_ROLE] = number
        return _layout(content, language, fmt, sizes, qr, look, names_language or language)

    plan, _ = fit(attempt, base, "headline", fmt.min_pt)
    return plan


def _safe_box(fmt: FlyerFormat) -> tuple[int, int, int, int]:
    w, h = fmt.page_px
    bleed, safe = fmt.bleed_px, math.ceil(SAFE_IN * DPI)
    return bleed + safe, bleed + safe, w - bleed - safe, h - bleed - safe


def _column(left: float, right: float, qr) -> float:
    return right - qr.width - left - 0.1 * DPI


def _layout(
    content: FlyerContent, language: Language, fmt: FlyerFormat, sizes, qr, look: Look, names_language: Language
) -> Plan:
    set_block = setter(language, sizes)
    px = {role: pt_to_px(pt) for role, pt in sizes.items()}
    w, h = fmt.page_px
    bleed, safe = fmt.bleed_px, math.ceil(SAFE_IN * DPI)
    left, top, right, bottom = _safe_box(fmt)
    items: list = []
    sizes_pt: dict[str, float] = {}

    def text(block, role, x, y, width, fill, bold=False) -> TextItem:
        paragraph = set_block(block, role, width, bold)
        sizes_pt[block.message_id] = size_set_pt(paragraph, sizes[role])
        return TextItem(block.message_id, paragraph, x, y, width, fill)

    # Band to the bleed edge, so a slightly-off cut never shows a white sliver.
    name = text(content.language_name, "language", left, top, right - left, WHITE, bold=True)
    band_bottom = name.y + name.height + 0.35 * px["language"]
    items += [RectItem(0, 0, w, band_bottom, look.band), name]

    qr_x = right - qr.width
    col_w = _column(left, right, qr)
    caption_h = 0.0
    if content.caption is not None:
        caption = text(content.caption, "caption", qr_x - 0.2 * safe, 0, qr.width + 0.2 * safe, look.ink)
        caption_h = caption.height
    qr_y = bottom - caption_h - qr.height
    if qr_y < band_bottom + 0.2 * safe:
        raise DoesNotFit(
            Misfit(
                content.caption.message_id if content.caption else "scan",
                "the QR code and its caption do not fit the card",
            )
        )
    items.append(QrItem(qr, qr_x, qr_y))
    if content.caption is not None:
        items.append(
            TextItem(
                caption.message_id,
                caption.paragraph,
                caption.x,
                qr_y + qr.height,
                caption.width,
                look.ink,
                align="center",
            )
        )

    column_start = len(items)
    y = band_bottom + 0.45 * px["headline"]
    headline = text(content.headline, "headline", left, y, col_w, look.ink, bold=True)
    items.append(headline)
    y += headline.height + 0.4 * px["call"]
    group = call_group(content.call, language, sizes, col_w, look.panel, (WHITE, look.panel), sizes_pt)
    items += [replace(i, x=i.x + left, y=i.y + y) for i in group.items]
    y += group.height
    if content.ask is not None:  # under the number: what to say when the hotline answers
        y += 0.1 * px["action"]
        ask = text(content.ask, "action", left, y, col_w, look.ink)
        items.append(ask)
        y += ask.height
    if content.hotline is not None:
        y += 0.15 * px["hotline"]
        paragraph = setter(names_language, sizes)(content.hotline, "hotline", col_w, True)
        sizes_pt[content.hotline.message_id] = sizes["hotline"]
        align = END if language.is_rtl != names_language.is_rtl else START
        items.append(TextItem(content.hotline.message_id, paragraph, left, y, col_w, look.panel, align))
        y += paragraph.height
    if y > bottom:
        tallest = max((i for i in items[column_start:] if isinstance(i, TextItem)), key=lambda i: i.height)
        raise DoesNotFit(
            Misfit(
                tallest.message_id, f"the card is {(y - bottom) / DPI:.2f} in too short at {sizes['headline']:.1f} pt"
            )
        )
    # Short text: centre the headline and number in the space below the band, not top-heavy.
    shift = (bottom - y) / 2
    column = [replace(i, y=i.y + shift) for i in items[column_start:]]
    # Crop marks on the trim lines, so the card can be cut from a sheet.
    marks = (CropMarks((bleed, bleed, w - bleed, h - bleed), bleed),)
    return Plan(
        (w, h),
        tuple(items[:column_start] + column),
        language.is_rtl,
        MappingProxyType(sizes_pt),
        marks,
        sizes[NUMBER_ROLE],
    )
