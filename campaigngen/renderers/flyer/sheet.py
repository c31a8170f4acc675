"""Multilingual sheet: one Letter page, 2-4 languages, one shared QR code.

Each language gets a section with its own name, the headline, one reassurance line and the
call line; a right-to-left section is right-aligned on its own while the page stays put.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.decor import phone_pictogram
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, sizes_at
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.plan import ImageItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.poster import QR_MIN_PX
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.style import ACCENT, INK, MUTED, NAVY, PANEL, WHITE

BASE_PT = MappingProxyType({"language": 24.0, "headline": 42.0, "body": 27.0, "call": 36.0, "caption": 22.0,
                            "url": 18.0})


def sheet_plan(editions: Sequence[LocalizedCampaign], fmt: FlyerFormat) -> Plan:
    url = editions[0].campaign.contact.url
    qr = qr_code(url, max(QR_MIN_PX, int((1.5 if len(editions) <= 3 else 1.1) * DPI)))

    def attempt(scale: float) -> Plan:
        return _layout(editions, fmt, sizes_at(BASE_PT, scale, fmt.min_pt), qr)

    plan, _ = fit(attempt, BASE_PT, "body", fmt.min_pt)
    return plan


def _layout(editions, fmt: FlyerFormat, sizes, qr) -> Plan:
    w, h = fmt.page_px
    px = {role: pt * DPI / 72 for role, pt in sizes.items()}
    margin = int(0.5 * DPI)
    x0, cw = margin, w - 2 * margin
    items: list = []
    sizes_pt: dict[str, float] = {}
    y = float(margin)
    icon_size = int(px["call"] * 1.3)
    for index, localized in enumerate(editions):
        content = flyer_content(localized)
        set_block = setter(localized.language, sizes)

        def text(block, role, x, y, width, fill, bold=False) -> TextItem:
            sizes_pt[block.message_id] = min(sizes[role], sizes_pt.get(block.message_id, 999.0))
            return TextItem(block.message_id, set_block(block, role, width, bold), x, y, width, fill)

        rtl = localized.language.is_rtl
        if index:
            y += 0.5 * px["body"]
            items.append(RectItem(x0, y, cw, 4, MUTED))
            y += 4 + 0.5 * px["body"]
        pad = 0.35 * px["language"]
        name = text(content.language_name, "language", x0 + pad, y + pad, cw - 2 * pad, WHITE, bold=True)
        name_w = name.paragraph.width + 2 * pad
        band_x = x0 + cw - name_w if rtl else x0
        items += [RectItem(band_x, y, name_w, name.height + 2 * pad, NAVY, radius=pad), name]
        y += name.height + 2 * pad + 0.4 * px["headline"]
        headline = text(content.headline, "headline", x0, y, cw, INK, bold=True)
        items.append(headline)
        y += headline.height + 0.25 * px["body"]
        if content.body and len(editions) <= 3:  # four languages: headline and number only
            body = text(content.body[0], "body", x0, y, cw, INK)
            items.append(body)
            y += body.height + 0.35 * px["call"]
        if content.action:
            tx = x0 if rtl else x0 + icon_size + 0.3 * icon_size
            call = text(content.action[0], "call", tx, y, cw - 1.3 * icon_size, PANEL, bold=True)
            icon_x = x0 + cw - icon_size if rtl else x0
            icon_y = y + max(0.0, (min(call.height, 1.45 * px["call"]) - icon_size) / 2)
            items += [ImageItem("icon", phone_pictogram(icon_size, WHITE, PANEL), icon_x, icon_y), call]
            y += max(call.height, icon_size)
    sections_end = y

    # Shared QR row: one code, its caption in every language.
    gap = 0.5 * px["caption"]
    cap_x, cap_w = x0 + qr.width + 1.5 * gap, cw - qr.width - 1.5 * gap
    captions, cy = [], 0.0
    for localized in editions:
        content = flyer_content(localized)
        if content.caption is None:
            continue
        item = setter(localized.language, sizes)(content.caption, "caption", cap_w, True)
        sizes_pt[content.caption.message_id] = sizes["caption"]
        captions.append(TextItem(content.caption.message_id, item, cap_x, cy, cap_w, INK))
        cy += item.height + 0.15 * px["caption"]
    url_block = flyer_content(editions[0]).url
    # The address is set left to right whatever the first language is.
    url_par = setter(replace(editions[0].language, direction="ltr"), sizes)(url_block, "url", cap_w)
    captions.append(TextItem("url", url_par, cap_x, cy, cap_w, MUTED))
    cy += url_par.height
    row_h = max(qr.height, cy)
    row_y = h - margin - row_h
    rule_y = row_y - 0.6 * px["body"]
    if sections_end + 0.4 * px["body"] > rule_y:
        tallest = max((i for i in items if isinstance(i, TextItem)), key=lambda i: i.height)
        raise DoesNotFit(Misfit(tallest.message_id,
                                f"{len(editions)} languages need {(sections_end - rule_y) / DPI + 0.1:.2f} in more "
                                f"at {sizes['body']:.1f} pt"))
    items.append(RectItem(x0, rule_y, cw, 8, ACCENT))
    items.append(QrItem(qr, x0, row_y + (row_h - qr.height) / 2))
    offset = row_y + (row_h - cy) / 2
    items += [TextItem(c.message_id, c.paragraph, c.x, c.y + offset, c.width, c.fill) for c in captions]
    return Plan((w, h), tuple(items), False, MappingProxyType(sizes_pt))
