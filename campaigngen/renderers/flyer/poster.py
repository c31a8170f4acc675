"""The poster: language name and logo, headline, body, pictograms, the call panel with the
number, the QR code, and the credits (organization, partner logos).

Hierarchy top to bottom is the order a person in a hurry reads: which language (a band
with its own name), what this is about (headline), why it is safe (body, and the same in
pictograms for those who cannot read it), what to do (the number, the largest type on the
page, on the one strong colour field, with the hotline's name), then the QR code for those
who can scan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType

from campaigngen.renderers.flyer.callpanel import NUMBER_ROLE, call_group, number_pt
from campaigngen.renderers.flyer.content import Block, FlyerContent
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, size_set_pt, sizes_at
from campaigngen.renderers.flyer.formats import DPI, pt_to_px
from campaigngen.renderers.flyer.logos import LogoBox, header_logo, logo_pixels, partner_boxes
from campaigngen.renderers.flyer.plan import ImageItem, PictogramItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.spacing import SPACING, column_width, margin_px, panel_pad, width_scale
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
# No gap of empty page between the poster's blocks is taller than this (inches): room the
# type leaves is shared out between them up to it, and what is left centres the content.
BAND_MAX_IN = 0.45
QR_MIN_PX = int(2.0 / 2.54 * DPI + 0.999)  # 2 cm: the smallest a phone scans from arm's length


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
    page_scale = width_scale(area.width)
    cw = column_width(area.width)
    number = number_pt(content.phone, cw - 2 * panel_pad(page_scale), rules.number_pt * page_scale)
    base = {role: size * page_scale for role, size in BASE_PT.items()}
    base["headline"] = min(base["headline"], number)
    qr = qr_code(url, max(QR_MIN_PX, int(rules.qr_in * page_scale * DPI)))

    def attempt_in(body_columns: int):
        def attempt(scale: float) -> Plan:
            sizes = sizes_at(base, scale, min_pt)
            sizes[NUMBER_ROLE] = number
            return _layout(content, language, page_size, area, sizes, scale, qr, rules, body_columns)

        return attempt

    try:
        # With a two-column layout to fall back on, one column that cannot hold the body even
        # at the floor is given up after one layout (fit tries the floor first).
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


@dataclass(frozen=True)
class _Poster:
    """One attempt at laying the poster out: what every part of the layout reads."""

    content: FlyerContent
    language: Language
    rules: PosterRules
    sizes: Mapping[str, float]  # points, by role
    x0: float  # the column's left edge
    cw: float  # the column's width
    page_scale: float  # the page's width against Letter's
    sizes_pt: dict[str, float]  # filled in as messages are set: the size each one got

    @cached_property
    def px(self) -> dict[str, float]:
        return {role: pt_to_px(pt) for role, pt in self.sizes.items()}

    @cached_property
    def names_language(self) -> Language:
        return self.rules.brand_language or self.language

    @cached_property
    def _set(self):
        return setter(self.language, self.sizes)

    @cached_property
    def _set_name(self):
        return setter(self.names_language, self.sizes)

    def text(self, block: Block, role: str, x, y, width, fill, bold=False) -> TextItem:
        item = TextItem(block.message_id, self._set(block, role, width, bold), x, y, width, fill)
        self.sizes_pt[block.message_id] = size_set_pt(item.paragraph, self.sizes[role])
        return item

    def name_text(self, block: Block, role: str, x, y, width, fill, bold=False) -> TextItem:
        """The hotline's and organization's names: set in the campaign's own language."""
        self.sizes_pt[block.message_id] = self.sizes[role]
        return TextItem(
            block.message_id,
            self._set_name(block, role, width, bold),
            x,
            y,
            width,
            fill,
            _align(self.language.is_rtl, self.names_language),
        )


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
    """Top down: header, headline, body; bottom up: QR row, call panel, pictograms. The two
    must not meet (DoesNotFit names the tallest message)."""
    sizes_pt: dict[str, float] = {}
    poster = _Poster(
        content,
        language,
        rules,
        sizes,
        area.x + margin_px(area.width),
        column_width(area.width),
        width_scale(area.width),
        sizes_pt,
    )
    header, y = _header(poster, area.y + margin_px(area.width))
    top, headline, top_end = _headline_and_body(poster, y, body_columns)
    picto = SPACING.pictogram_in * DPI * poster.page_scale * max(SPACING.pictogram_min_scale, min(1.0, scale))
    partners = partner_boxes(rules.brand, poster.cw, poster.page_scale)
    # The tear-off puts its pictograms in the QR row's free end, where partner logos would go.
    beside = rules.pictograms_beside_qr and bool(rules.pictograms) and not partners
    bottom = area.y + area.height - margin_px(area.width)
    qr_row, row_y = _qr_row(poster, qr, partners, picto if beside else None, bottom)
    panel, panel_y = _call_panel(poster, row_y)
    pictograms, top_of_bottom = ([], panel_y) if beside else _pictogram_row(poster, picto, panel_y)
    items = [*header, *top, *qr_row, *panel, *pictograms]
    clearance = SPACING.body_clearance_em * poster.px["body"]
    if top_end + clearance <= top_of_bottom:
        items = _spread(header, top, [*qr_row, *panel, *pictograms], top_of_bottom, clearance)
    else:
        body_ids = {b.message_id for b in content.body}
        tallest = max(
            (headline, *[i for i in items if isinstance(i, TextItem) and i.message_id in body_ids]),
            key=lambda i: i.height,
        )
        need = (top_end + clearance - top_of_bottom) / DPI
        raise DoesNotFit(
            Misfit(tallest.message_id, f"the page is {need:.2f} in too short at {sizes['body']:.1f} pt body type")
        )
    return Plan(page_size, tuple(items), language.is_rtl, MappingProxyType(sizes_pt), number_pt=sizes[NUMBER_ROLE])


HEADLINE_AIR_EM = 0.25  # between one headline line's ink and the next's, at most


def _display_leading(paragraph):
    """A headline's lines as close as their ink allows plus HEADLINE_AIR_EM, never further
    apart than the text setter put them: at display sizes the body's leading opens bands of
    empty page between the lines (0.6 in at Tabloid's 77 pt)."""
    lines = paragraph.lines
    if len(lines) < 2:
        return paragraph
    ink = max(a.extent.bottom + b.extent.top for a, b in zip(lines, lines[1:]))
    return replace(paragraph, line_gap=min(paragraph.line_gap, ink + HEADLINE_AIR_EM * paragraph.style.size_px))


def _ink_span(item) -> tuple[float, float]:
    """Where an item's ink starts and ends on the page, y down (a text's line boxes hold room
    for accents and descenders its lines may not have)."""
    if isinstance(item, TextItem) and item.paragraph.lines:
        paragraph = item.paragraph
        baseline = item.y + paragraph.ascent
        last = baseline + (len(paragraph.lines) - 1) * paragraph.line_gap
        return baseline - paragraph.lines[0].extent.top, last + paragraph.lines[-1].extent.bottom
    return item.y, item.y + item.height


def _spread(header: list, top: list, bottom: list, top_of_bottom: float, clearance: float) -> list:
    """The room the type did not take (a headline capped by the number's ink, a short text)
    shared out between the blocks (before the headline, after its rule, between body rows),
    no gap of empty page above BAND_MAX_IN; what they cannot take centres the content."""
    headline, rule, *body = top
    rows = sorted({item.y for item in body})
    row_items = [[i for i in body if i.y == y] for y in rows]
    spans = (
        [_ink_span(headline)]
        + [_ink_span(rule)]
        + [(min(_ink_span(i)[0] for i in r), max(_ink_span(i)[1] for i in r)) for r in row_items]
    )
    header_end = max((_ink_span(i)[1] for i in header), default=spans[0][0])
    # The gaps that may open: before the headline, rule to body, between body rows.
    gaps = [spans[0][0] - header_end] + [spans[k + 1][0] - spans[k][1] for k in range(1, len(spans) - 1)]
    free = top_of_bottom - spans[-1][1] - clearance
    limit = BAND_MAX_IN * DPI
    level = free / (len(gaps) + 1)
    shares = [float(int(min(level, max(0.0, limit - gap)))) for gap in gaps]  # whole pixels
    shift_headline = shares[0]
    moved = [replace(headline, y=headline.y + shift_headline), replace(rule, y=rule.y + shift_headline)]
    total = shift_headline
    for share, row in zip(shares[1:], row_items):
        total += share
        moved += [replace(i, y=i.y + total) for i in row]
    last_gap = top_of_bottom - spans[-1][1] - total
    centre = float(int(max(0.0, (last_gap - limit) / 2)))
    return [
        *[replace(i, y=i.y + centre) for i in (*header, *moved)],
        *[replace(i, y=i.y - centre) for i in bottom],
    ]


def _header(poster: _Poster, y: float) -> tuple[list, float]:
    """The reader's own language name, white on the band colour; the logo at the end."""
    x0, cw, look = poster.x0, poster.cw, poster.rules.look
    logo = header_logo(poster.rules.brand, cw, poster.page_scale)
    logo_w = logo.width + SPACING.logo_gap_in * DPI * poster.page_scale if logo else 0.0
    pad = SPACING.band_pad_em * poster.px["language"]
    inset = pad * SPACING.band_inset_pads
    name = poster.text(
        poster.content.language_name,
        "language",
        x0 + inset,
        0,
        cw - logo_w - pad * (2 * SPACING.band_inset_pads),
        WHITE,
        bold=True,
    )
    band_h = name.height + 2 * pad
    row_h = max(band_h, logo.height if logo else 0.0)
    band_y = y + (row_h - band_h) / 2
    items: list = [
        RectItem(x0, band_y, cw - logo_w, band_h, look.band, radius=pad * SPACING.band_radius_pads),
        replace(name, y=band_y + pad),
    ]
    if logo:
        items.append(
            ImageItem(
                "logo", logo_pixels(logo), x0 + cw - logo.width, y + (row_h - logo.height) / 2, logo.width, logo.height
            )
        )
    return items, y + (row_h + SPACING.header_to_headline_em * poster.px["headline"])


def _headline_and_body(poster: _Poster, y: float, body_columns: int) -> tuple[list, TextItem, float]:
    """The headline, the accent rule under it, and the body in one or two columns. Returns
    the items, the headline, and where the body ends."""
    x0, cw, look, body_px = poster.x0, poster.cw, poster.rules.look, poster.px["body"]
    headline = poster.text(poster.content.headline, "headline", x0, y, cw, look.ink, bold=True)
    # The gap above is measured to the headline's ink: a large headline's line box holds
    # room for accents its first line may not have (0.3 in at Tabloid's 77 pt).
    headline = replace(headline, paragraph=_display_leading(headline.paragraph))
    first = headline.paragraph.lines[0] if headline.paragraph.lines else None
    if first is not None:
        y -= max(0.0, headline.paragraph.ascent - first.extent.top)
        headline = replace(headline, y=y)
    items: list = [headline]
    y += headline.height + SPACING.headline_to_rule_em * body_px
    y = min(y, _ink_span(headline)[1] + BAND_MAX_IN * DPI)  # an Arabic line box's deep descent
    rule_h = max(SPACING.rule_min_height_px, SPACING.rule_height_em * body_px)
    items.append(RectItem(x0, y, cw * SPACING.rule_width_share, rule_h, look.accent))
    y += rule_h + SPACING.rule_to_body_em * body_px
    body = poster.content.body
    per_column = -(-len(body) // body_columns)
    gutter = SPACING.body_gutter_in * DPI * poster.page_scale
    body_w = (cw - (body_columns - 1) * gutter) / body_columns
    body_top, top_end = y, y
    for index, block in enumerate(body):
        if index and index % per_column == 0:
            y = body_top
        column = index // per_column
        item = poster.text(block, "body", x0 + column * (body_w + gutter), y, body_w, look.ink)
        above = items[-1] if index % per_column else items[1]  # the line above, or the rule
        gap = _ink_span(item)[0] - _ink_span(above)[1]
        if gap > BAND_MAX_IN * DPI:  # tall line boxes (Han, Burmese) at Tabloid's sizes
            y -= gap - BAND_MAX_IN * DPI
            item = replace(item, y=y)
        items.append(item)
        y += item.height + SPACING.between_body_em * body_px
        top_end = max(top_end, y)
    return items, headline, top_end


def _qr_row(
    poster: _Poster, qr, partners: tuple[LogoBox, ...], picto: float | None, bottom: float
) -> tuple[list, float]:
    """The QR code, its caption, the address and the organization; at the end the partner
    logos, or the pictograms when picto (their size) is given. Returns the items and the
    row's top."""
    x0, cw, look, px = poster.x0, poster.cw, poster.rules.look, poster.px
    partner_gap = SPACING.partner_gap_in * DPI * poster.page_scale
    partners_w = sum(box.width for box in partners) + partner_gap * len(partners)
    if picto is not None:
        count = len(poster.rules.pictograms)
        partners_w = picto * (SPACING.pictogram_pitch * count - SPACING.pictogram_gap) + partner_gap
    caption_gap = SPACING.qr_to_caption_em * px["caption"]
    cap_x, cap_w = x0 + qr.width + caption_gap, cw - qr.width - caption_gap - partners_w
    caption_items, cy = _caption(poster, cap_x, cap_w)
    row_h = max(qr.height, cy, max((box.height for box in partners), default=0.0))
    row_y = bottom - row_h
    items: list = []
    if picto is not None:
        for index, kind in enumerate(reversed(poster.rules.pictograms)):
            x = x0 + cw - picto - index * picto * SPACING.pictogram_pitch
            items.append(PictogramItem(kind, x, row_y + (row_h - picto) / 2, picto, WHITE, look.band))
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
    return items, row_y


def _caption(poster: _Poster, x: float, width: float) -> tuple[list[TextItem], float]:
    """Caption, address and organization stacked from 0; returns them and their height."""
    content, look, px = poster.content, poster.rules.look, poster.px
    items: list[TextItem] = []
    y = 0.0
    if content.caption is not None:
        items.append(poster.text(content.caption, "caption", x, 0, width, look.ink, bold=True))
        y = items[-1].height + SPACING.caption_to_url_em * px["url"]
    items.append(poster.text(content.url, "url", x, y, width, look.muted))
    y += items[-1].height
    if content.organization is not None:
        y += SPACING.url_to_credit_em * px["credit"]
        items.append(poster.name_text(content.organization, "credit", x, y, width, look.muted, bold=True))
        y += items[-1].height
    return items, y


def _call_panel(poster: _Poster, row_y: float) -> tuple[list, float]:
    """The call line with the number, the hotline's name and any further action lines, on
    the panel colour above the QR row. Returns the items and the panel's top."""
    x0, cw, look, px, content = poster.x0, poster.cw, poster.rules.look, poster.px, poster.content
    ppad = panel_pad(poster.page_scale)
    inner_w = cw - 2 * ppad
    group = call_group(
        content.call, poster.language, poster.sizes, inner_w, WHITE, (look.panel, WHITE), poster.sizes_pt
    )
    inside = [replace(i, x=i.x + x0 + ppad) for i in group.items]
    iy = group.height
    if content.ask is not None:  # right under the number: what to say when the hotline answers
        iy += SPACING.call_to_ask_em * px["action"]
        ask = poster.text(content.ask, "action", x0 + ppad, iy, inner_w, WHITE)
        inside.append(ask)
        iy += ask.height
    if content.hotline is not None:
        iy += SPACING.call_to_hotline_em * px["hotline"]
        hotline = poster.name_text(content.hotline, "hotline", x0 + ppad, iy, inner_w, WHITE, bold=True)
        inside.append(hotline)
        iy += hotline.height
    for block in content.others:
        iy += SPACING.before_action_em * px["action"]
        other = poster.text(block, "action", x0 + ppad, iy, inner_w, WHITE)
        inside.append(other)
        iy += other.height
    panel_h = iy + 2 * ppad
    panel_y = row_y - SPACING.panel_to_qr_em * px["caption"] - panel_h
    items: list = [RectItem(x0, panel_y, cw, panel_h, look.panel, radius=ppad * SPACING.panel_radius_pads)]
    items += [replace(i, y=i.y + panel_y + ppad) for i in inside]
    return items, panel_y


def _pictogram_row(poster: _Poster, picto: float, panel_y: float) -> tuple[list, float]:
    """The pictograms in a row above the call panel. Returns the items and the top of
    everything laid out from the bottom."""
    rules = poster.rules
    if not rules.pictograms:
        return [], panel_y
    row_y = panel_y - SPACING.pictograms_to_panel * picto - picto
    items = [
        PictogramItem(kind, poster.x0 + index * picto * SPACING.pictogram_pitch, row_y, picto, WHITE, rules.look.band)
        for index, kind in enumerate(rules.pictograms)
    ]
    return items, row_y
