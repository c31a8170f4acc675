"""The poster: language name and logo, headline, body, pictograms, the call panel with the
number, the QR code, and the credits (organization, partner logos).

Hierarchy top to bottom is the order a person in a hurry reads: which language (a band
with its own name), what this is about (headline), why it is safe (body, and the same in
pictograms for those who cannot read it), what to do (the number, the largest type on the
page, on the one strong colour field, with the hotline's name), then the QR code for those
who can scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType

from campaigngen.renderers.flyer.callpanel import NUMBER_ROLE, call_group, number_pt
from campaigngen.renderers.flyer.content import Block, FlyerContent
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, sizes_at
from campaigngen.renderers.flyer.formats import DPI, pt_to_px
from campaigngen.renderers.flyer.logos import header_logo, logo_pixels, partner_boxes
from campaigngen.renderers.flyer.plan import ImageItem, PictogramItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.style import WHITE, Look
from campaigngen.renderers.typesetting import END, START
from campaigngen.sources.brand import BrandSpec
from campaigngen.sources.languages import Language

# Type sizes in points on a Letter page; larger pages scale up with their width.
BASE_PT = MappingProxyType(
    {
        "language": 28.0,
        "headline": 60.0,
        "body": 34.0,
        "call": 40.0,
        "action": 30.0,
        "hotline": 26.0,
        "caption": 24.0,
        "url": 18.0,
        "credit": 18.0,
    }
)
NUMBER_BASE_PT = 80.0  # the number is as large as the panel allows, up to this
QR_MIN_PX = int(2.0 / 2.54 * DPI + 0.999)  # 2 cm: the smallest a phone scans from arm's length
PICTOGRAM_IN = 0.7  # on Letter, before any shrinking
MARGIN_SHARE, MARGIN_MIN_IN = 0.045, 0.35  # office printers clip about 0.25 in: ink stays 0.35 in in


@dataclass(frozen=True)
class Area:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PosterRules:
    """What a format puts on its poster part (the tear-off sheet is a poster with tabs below)."""

    qr_in: float = 1.3
    number_pt: float = NUMBER_BASE_PT  # the largest the number may be (on Letter; scaled with the width)
    pictograms: tuple[str, ...] = ()
    look: Look = field(default_factory=Look)
    brand: BrandSpec = field(default_factory=BrandSpec)
    brand_language: Language | None = None  # the language the hotline and organization names are set in
    pictograms_beside_qr: bool = False  # in the QR row's free end, not a row of their own (the tear-off)


def margin_px(width: float) -> float:
    return max(MARGIN_SHARE * width, MARGIN_MIN_IN * DPI)


def column_width(width: float) -> float:
    return width - 2 * margin_px(width)


def panel_pad(width_scale: float) -> float:
    return 0.26 * DPI * width_scale


def poster_plan(
    content: FlyerContent,
    language: Language,
    page_size: tuple[int, int],
    area: Area,
    min_pt: float,
    url: str,
    rules: PosterRules = PosterRules(),
) -> Plan:
    """Lay the poster out in area, shrinking type until it fits; DoesNotFit names the message.
    The number keeps one size (per format, whatever the language); everything else shrinks."""
    width_scale = area.width / (8.5 * DPI)
    cw = column_width(area.width)
    number = number_pt(content.phone, cw - 2 * panel_pad(width_scale), rules.number_pt * width_scale)
    base = {role: size * width_scale for role, size in BASE_PT.items()}
    base["headline"] = min(base["headline"], number)
    qr = qr_code(url, max(QR_MIN_PX, int(rules.qr_in * width_scale * DPI)))

    def attempt_in(body_columns: int):
        def attempt(scale: float) -> Plan:
            sizes = sizes_at(base, scale, min_pt)
            sizes[NUMBER_ROLE] = number
            return _layout(content, language, page_size, area, sizes, scale, qr, rules, body_columns)

        return attempt

    try:
        plan, _ = fit(attempt_in(1), base, "body", min_pt)
    except DoesNotFit:
        if len(content.body) < 2:
            raise
        # Short lines side by side before any message is given up (the tear-off's poster part).
        plan, _ = fit(attempt_in(2), base, "body", min_pt)
    return plan


def _align(page_rtl: bool, text_language: Language) -> str:
    """Text set in another direction than the page still lines up with the page's start."""
    return END if page_rtl != text_language.is_rtl else START


def _layout(
    content: FlyerContent,
    language: Language,
    page_size,
    area: Area,
    sizes,
    scale: float,
    qr,
    rules: PosterRules,
    body_columns: int = 1,
) -> Plan:
    look, brand = rules.look, rules.brand
    names_language = rules.brand_language or language
    set_block = setter(language, sizes)
    set_name = setter(names_language, sizes)
    px = {role: pt_to_px(pt) for role, pt in sizes.items()}
    width_scale = area.width / (8.5 * DPI)
    margin = margin_px(area.width)
    x0, cw = area.x + margin, column_width(area.width)
    items: list = []
    sizes_pt: dict[str, float] = {}

    def text(block: Block, role: str, x, y, width, fill, bold=False) -> TextItem:
        item = TextItem(block.message_id, set_block(block, role, width, bold), x, y, width, fill)
        sizes_pt[block.message_id] = sizes[role]
        return item

    def name_text(block: Block, role: str, x, y, width, fill, bold=False) -> TextItem:
        sizes_pt[block.message_id] = sizes[role]
        return TextItem(
            block.message_id,
            set_name(block, role, width, bold),
            x,
            y,
            width,
            fill,
            _align(language.is_rtl, names_language),
        )

    # Header: the reader's own language name, white on the band colour; the logo at the end.
    y = area.y + margin
    logo = header_logo(brand, cw, width_scale)
    logo_w = logo.width + 0.3 * DPI * width_scale if logo else 0.0
    pad = 0.45 * px["language"]
    name = text(content.language_name, "language", x0 + pad * 1.6, 0, cw - logo_w - pad * 3.2, WHITE, bold=True)
    band_h = name.height + 2 * pad
    row_h = max(band_h, logo.height if logo else 0.0)
    band_y = y + (row_h - band_h) / 2
    items += [RectItem(x0, band_y, cw - logo_w, band_h, look.band, radius=pad * 0.8), replace(name, y=band_y + pad)]
    if logo:
        items.append(
            ImageItem(
                "logo", logo_pixels(logo), x0 + cw - logo.width, y + (row_h - logo.height) / 2, logo.width, logo.height
            )
        )
    y += row_h + 0.3 * px["headline"]

    headline = text(content.headline, "headline", x0, y, cw, look.ink, bold=True)
    items.append(headline)
    y += headline.height + 0.35 * px["body"]
    rule_h = max(6.0, 0.16 * px["body"])
    items.append(RectItem(x0, y, cw * 0.16, rule_h, look.accent))
    y += rule_h + 0.55 * px["body"]
    per_column = -(-len(content.body) // body_columns)
    gutter = 0.3 * DPI * width_scale
    body_w = (cw - (body_columns - 1) * gutter) / body_columns
    body_top, top_end = y, y
    for index, block in enumerate(content.body):
        if index and index % per_column == 0:
            y = body_top
        column = index // per_column
        item = text(block, "body", x0 + column * (body_w + gutter), y, body_w, look.ink)
        items.append(item)
        y += item.height + 0.3 * px["body"]
        top_end = max(top_end, y)

    # From the bottom up: the QR row (code, caption, address, organization; partner logos at
    # the end), the call panel, the pictogram row.
    bottom = area.y + area.height - margin
    gap = 0.5 * px["caption"]
    partners = partner_boxes(brand, cw, width_scale)
    partner_gap = 0.2 * DPI * width_scale
    partners_w = sum(box.width for box in partners) + partner_gap * len(partners)
    picto = PICTOGRAM_IN * DPI * width_scale * max(0.6, min(1.0, scale))
    beside = rules.pictograms_beside_qr and bool(rules.pictograms) and not partners
    if beside:
        partners_w = picto * (1.3 * len(rules.pictograms) - 0.3) + partner_gap
    cap_x, cap_w = x0 + qr.width + 1.2 * gap, cw - qr.width - 1.2 * gap - partners_w
    caption_items = []
    cy = 0.0
    if content.caption is not None:
        caption_items.append(text(content.caption, "caption", cap_x, 0, cap_w, look.ink, bold=True))
        cy = caption_items[-1].height + 0.25 * px["url"]
    caption_items.append(text(content.url, "url", cap_x, cy, cap_w, look.muted))
    cy += caption_items[-1].height
    if content.organization is not None:
        cy += 0.35 * px["credit"]
        caption_items.append(name_text(content.organization, "credit", cap_x, cy, cap_w, look.muted, bold=True))
        cy += caption_items[-1].height
    row_h = max(qr.height, cy, max((box.height for box in partners), default=0.0))
    row_y = bottom - row_h
    if beside:
        for index, kind in enumerate(reversed(rules.pictograms)):
            items.append(
                PictogramItem(
                    kind, x0 + cw - picto - index * picto * 1.3, row_y + (row_h - picto) / 2, picto, WHITE, look.band
                )
            )
    items.append(QrItem(qr, x0, row_y + (row_h - qr.height) / 2))
    offset = row_y + (row_h - cy) / 2
    items += [replace(i, y=i.y + offset) for i in caption_items]
    x = x0 + cw
    for box in reversed(partners):
        x -= box.width
        items.append(
            ImageItem("partner-logo", logo_pixels(box), x, row_y + (row_h - box.height) / 2, box.width, box.height)
        )
        x -= partner_gap

    ppad = panel_pad(width_scale)
    inner_w = cw - 2 * ppad
    group = call_group(content.call, language, sizes, inner_w, WHITE, (look.panel, WHITE), sizes_pt)
    inside = [replace(i, x=i.x + x0 + ppad) for i in group.items]
    iy = group.height
    if content.hotline is not None:
        iy += 0.2 * px["hotline"]
        hotline = name_text(content.hotline, "hotline", x0 + ppad, iy, inner_w, WHITE, bold=True)
        inside.append(hotline)
        iy += hotline.height
    for block in content.others:
        iy += 0.35 * px["action"]
        other = text(block, "action", x0 + ppad, iy, inner_w, WHITE)
        inside.append(other)
        iy += other.height
    panel_h = iy + 2 * ppad
    panel_y = row_y - 0.8 * px["caption"] - panel_h
    items.append(RectItem(x0, panel_y, cw, panel_h, look.panel, radius=ppad * 0.5))
    items += [replace(i, y=i.y + panel_y + ppad) for i in inside]
    top_of_bottom = panel_y

    if rules.pictograms and not beside:
        row_y = panel_y - 0.35 * picto - picto
        for index, kind in enumerate(rules.pictograms):
            items.append(PictogramItem(kind, x0 + index * picto * 1.3, row_y, picto, WHITE, look.band))
        top_of_bottom = row_y

    if top_end + 0.3 * px["body"] > top_of_bottom:
        tallest = max(
            (
                headline,
                *[i for i in items if isinstance(i, TextItem) and i.message_id in {b.message_id for b in content.body}],
            ),
            key=lambda i: i.height,
        )
        need = (top_end + 0.3 * px["body"] - top_of_bottom) / DPI
        raise DoesNotFit(
            Misfit(tallest.message_id, f"the page is {need:.2f} in too short at {sizes['body']:.1f} pt body type")
        )
    return Plan(page_size, tuple(items), language.is_rtl, MappingProxyType(sizes_pt), number_pt=sizes[NUMBER_ROLE])
