"""The poster: language name, headline, body, the call panel with the number, the QR code.

Hierarchy top to bottom is the order a person in a hurry reads: which language (a band
with its own name), what this is about (headline), why it is safe (body), what to do
(the number, large, beside a handset), then the QR code for those who can scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.decor import phone_pictogram
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, one_line_if_possible, setter, sizes_at
from campaigngen.renderers.flyer.formats import DPI
from campaigngen.renderers.flyer.plan import ImageItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.style import ACCENT, INK, MUTED, NAVY, PANEL, WHITE
from campaigngen.sources.languages import Language

# Type sizes in points on a Letter page; larger pages scale up with their width.
BASE_PT = MappingProxyType({
    "language": 30.0, "headline": 66.0, "body": 36.0, "call": 56.0, "action": 32.0, "caption": 28.0, "url": 20.0,
})
QR_MIN_PX = int(2.0 / 2.54 * DPI + 0.999)  # 2 cm: the smallest a phone scans from arm's length


@dataclass(frozen=True)
class Area:
    x: float
    y: float
    width: float
    height: float


def poster_plan(content: FlyerContent, language: Language, page_size: tuple[int, int], area: Area,
                min_pt: float, url: str, qr_in: float = 1.8) -> Plan:
    """Lay the poster out in area, shrinking type until it fits; DoesNotFit names the message."""
    width_scale = area.width / (8.5 * DPI)
    base = {role: size * width_scale for role, size in BASE_PT.items()}
    qr = qr_code(url, max(QR_MIN_PX, int(qr_in * width_scale * DPI)))
    icon_cache: dict[int, object] = {}

    def attempt(scale: float) -> Plan:
        return _layout(content, language, page_size, area, sizes_at(base, scale, min_pt), qr, icon_cache)

    plan, _ = fit(attempt, base, "body", min_pt)
    return plan


def _layout(content: FlyerContent, language: Language, page_size, area: Area, sizes, qr, icon_cache) -> Plan:
    set_block = setter(language, sizes)
    px = {role: pt * DPI / 72 for role, pt in sizes.items()}
    margin = max(0.045 * area.width, 0.35 * DPI)
    x0, cw = area.x + margin, area.width - 2 * margin
    items: list = []
    sizes_pt: dict[str, float] = {}

    def text(block, role, x, y, width, fill, bold=False) -> TextItem:
        item = TextItem(block.message_id, set_block(block, role, width, bold), x, y, width, fill)
        sizes_pt[block.message_id] = sizes[role]
        return item

    # Language band: the reader's own language name, white on navy.
    y = area.y + margin
    pad = 0.45 * px["language"]
    name = text(content.language_name, "language", x0 + pad * 1.6, y + pad, cw - pad * 3.2, WHITE, bold=True)
    band_h = name.height + 2 * pad
    items += [RectItem(x0, y, cw, band_h, NAVY, radius=pad * 0.8), name]
    y += band_h + 0.4 * px["headline"]

    headline = text(content.headline, "headline", x0, y, cw, INK, bold=True)
    items.append(headline)
    y += headline.height + 0.35 * px["body"]
    rule_h = max(6.0, 0.16 * px["body"])
    items.append(RectItem(x0, y, cw * 0.16, rule_h, ACCENT))
    y += rule_h + 0.55 * px["body"]
    for block in content.body:
        item = text(block, "body", x0, y, cw, INK)
        items.append(item)
        y += item.height + 0.35 * px["body"]
    top_end = y

    # From the bottom up: QR row, then the call panel above it.
    bottom = area.y + area.height - margin
    gap = 0.5 * px["caption"]
    cap_x, cap_w = x0 + qr.width + 1.2 * gap, cw - qr.width - 1.2 * gap
    caption_items = []
    cy = 0.0
    if content.caption is not None:
        caption_items.append(text(content.caption, "caption", cap_x, 0, cap_w, INK, bold=True))
        cy = caption_items[-1].height + 0.25 * px["url"]
    caption_items.append(text(content.url, "url", cap_x, cy, cap_w, MUTED))
    cy += caption_items[-1].height
    row_h = max(qr.height, cy)
    row_y = bottom - row_h
    items.append(QrItem(qr, x0, row_y + (row_h - qr.height) / 2))
    offset = row_y + (row_h - cy) / 2
    items += [TextItem(i.message_id, i.paragraph, i.x, i.y + offset, i.width, i.fill) for i in caption_items]

    ppad = 0.5 * px["call"]
    icon_size = int(px["call"] * 1.35)
    tx, tw = x0 + ppad + icon_size + 0.5 * ppad, cw - 2 * ppad - icon_size - 0.5 * ppad
    action_items, ay = [], 0.0
    for index, block in enumerate(content.action):
        first = index == 0
        if first:
            paragraph, size = one_line_if_possible(language, sizes, block, "call", tw,
                                                   max(sizes["action"], 0.75 * sizes["call"]), bold=True)
            item = TextItem(block.message_id, paragraph, tx, ay, tw, WHITE)
            sizes_pt[block.message_id] = size
        else:
            item = text(block, "action", tx, ay, tw, WHITE)
        action_items.append(item)
        ay += item.height + 0.3 * px["action"]
    ay = max(ay - 0.3 * px["action"], icon_size) if action_items else icon_size
    panel_h = ay + 2 * ppad
    panel_y = row_y - 0.9 * px["caption"] - panel_h
    items.append(RectItem(x0, panel_y, cw, panel_h, PANEL, radius=ppad * 0.6))
    first_line_mid = _first_line_middle(action_items[0]) if action_items else icon_size / 2
    icon = icon_cache.get(icon_size) or phone_pictogram(icon_size, PANEL, WHITE)
    icon_cache[icon_size] = icon
    items.append(ImageItem("icon", icon, x0 + ppad, panel_y + ppad + max(0.0, first_line_mid - icon_size / 2)))
    items += [TextItem(i.message_id, i.paragraph, i.x, i.y + panel_y + ppad, i.width, i.fill) for i in action_items]

    if top_end + 0.4 * px["body"] > panel_y:
        tallest = max((headline, *[i for i in items if isinstance(i, TextItem) and i.message_id in
                                   {b.message_id for b in content.body}]), key=lambda i: i.height)
        need = (top_end + 0.4 * px["body"] - panel_y) / DPI
        raise DoesNotFit(Misfit(tallest.message_id,
                                f"the page is {need:.2f} in too short at {sizes['body']:.1f} pt body type"))
    return Plan(page_size, tuple(items), language.is_rtl, MappingProxyType(sizes_pt))


def _first_line_middle(item: TextItem) -> float:
    p = item.paragraph
    if not p.lines:
        return p.height / 2
    line = p.lines[0]
    return p.ascent - (line.extent.top - line.extent.bottom) / 2 if line.extent.top else p.ascent / 2
