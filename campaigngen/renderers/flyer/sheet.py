"""Multilingual sheet: one Letter page, 2-4 languages, one shared QR code and pictogram row.

Each language gets a section with its own name, the headline, every body line, the call
line with the number (at the call line's size), and the text line where it answers; the
number itself stands once per page on a panel across the page, larger than any language's
text; a right-to-left section is
right-aligned on its own while the page stays put. The sheet keeps every message: it tries
one column and two, type from large down to the format's floor (16 pt), and takes the
layout with the largest type; only when nothing fits does it leave body lines out, last
first, and says so (`dropped`, reported as a sheet-messages finding). Space left over is
shared out between the sections, so the page has no empty band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from types import MappingProxyType

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.flyer.callpanel import (
    NUMBER_FILL,
    NUMBER_ROLE,
    call_group,
    number_panel,
    number_pt,
    panel_number_width,
)
from campaigngen.renderers.flyer.content import FlyerContent, flyer_content
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, ink_cap_pt, setter, size_set_pt, sizes_at
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat, pt_to_px
from campaigngen.renderers.flyer.logos import header_logo, logo_pixels
from campaigngen.renderers.flyer.plan import ImageItem, PictogramItem, Plan, QrItem, RectItem, TextItem
from campaigngen.renderers.flyer.poster import QR_MIN_PX, PosterRules
from campaigngen.renderers.flyer.qrcode_image import qr_code
from campaigngen.renderers.flyer.spacing import column_width
from campaigngen.renderers.flyer.style import WHITE
from campaigngen.renderers.typesetting import END, START

BASE_PT = MappingProxyType(
    {
        "language": 22.0,
        "headline": 40.0,
        "body": 26.0,
        "call": 28.0,
        "action": 24.0,
        "caption": 20.0,
        "url": 17.0,
        "hotline": 22.0,
        "credit": 16.0,
    }
)
MAX_SCALE = 1.6  # a sheet of two short languages is set larger, not left half empty
HEADLINE_OVER_BODY = 1.15  # the headline stays at least this much larger than the body
NUMBER_BASE_PT = 60.0
MARGIN_IN = 0.5
GUTTER_IN = 0.35
# Between two columns, at least this many ems of the headline: a narrower gutter reads as a
# word space, so the eye (and pdftotext, measured: 0.35 in and 0.6 in beside 64 pt
# headlines copied "Is someone ¿Alguien") runs from one language's line into the other's.
GUTTER_EM = 1.0


@dataclass(frozen=True)
class SheetPlan:
    pages: tuple[Plan, ...]  # one, or two when every message cannot fit one page
    columns: tuple[int, ...]  # per page
    dropped: tuple[tuple[str, str], ...]  # (language, message id) left out to make the pages fit

    @property
    def sizes_pt(self) -> dict[str, float]:
        sizes: dict[str, float] = {}
        for page in self.pages:
            for message_id, size in page.sizes_pt.items():
                sizes[message_id] = min(size, sizes.get(message_id, size))
        return sizes

    @property
    def number_pt(self) -> float | None:
        return self.pages[0].number_pt


def sheet_plan(
    editions: Sequence[LocalizedCampaign], fmt: FlyerFormat, rules: PosterRules = PosterRules()
) -> SheetPlan:
    """Every message on one page if it can be (one column or two, type down to the floor),
    else on two pages; only when that fails too are body lines left out, last first."""
    url = editions[0].campaign.contact.url
    qr = qr_code(url, max(QR_MIN_PX, int(1.25 * DPI)))
    contents = [flyer_content(e) for e in editions]
    body_ids = list(dict.fromkeys(b.message_id for c in contents for b in c.body))
    last_error: DoesNotFit | None = None
    for keep in range(len(body_ids), -1, -1):
        kept = set(body_ids[:keep])
        trimmed = [replace(c, body=tuple(b for b in c.body if b.message_id in kept)) for c in contents]
        for page_count in (1, 2):
            if page_count > len(editions):
                continue
            try:
                pages, columns = _largest_type(
                    editions, trimmed, _page_groups(len(editions), page_count), fmt, qr, rules
                )
            except DoesNotFit as exc:
                last_error = exc
                continue
            dropped = tuple(
                (e.tag, b.message_id) for e, c in zip(editions, contents) for b in c.body if b.message_id not in kept
            )
            return SheetPlan(pages, columns, dropped)
    assert last_error is not None
    raise last_error


def _page_groups(languages: int, page_count: int) -> list[list[int]]:
    """The languages' indexes on each page, in reading order."""
    split = -(-languages // page_count)
    return [list(range(i, min(i + split, languages))) for i in range(0, languages, split)]


def _largest_type(
    editions, contents, groups: list[list[int]], fmt: FlyerFormat, qr, rules: PosterRules
) -> tuple[tuple[Plan, ...], tuple[int, ...]]:
    """The pages and their column counts (one or two on a page of several languages) with the
    largest type; DoesNotFit (the last) when no choice fits. A page's fit depends on its own
    languages and column count only, so each is laid out once, whatever the other pages choose."""
    number = number_pt(
        contents[0].phone, panel_number_width(_column_width(fmt, 1), NUMBER_BASE_PT) / NUMBER_FILL, NUMBER_BASE_PT
    )
    fitted: dict[tuple[int, int], tuple[Plan, float] | DoesNotFit] = {}

    def page(index: int, columns: int) -> tuple[Plan, float]:
        if (index, columns) not in fitted:
            group = groups[index]
            try:
                fitted[index, columns] = _fit_page(
                    [editions[i] for i in group],
                    [contents[i] for i in group],
                    columns,
                    number,
                    fmt,
                    qr,
                    rules,
                )
            except DoesNotFit as exc:
                fitted[index, columns] = exc
        result = fitted[index, columns]
        if isinstance(result, DoesNotFit):
            raise result
        return result

    best: tuple[float, tuple[Plan, ...], tuple[int, ...]] | None = None
    last_error: DoesNotFit | None = None
    for columns in product(*[(1, 2) if len(group) > 1 else (1,) for group in groups]):
        try:
            pages = [page(index, n) for index, n in enumerate(columns)]
        except DoesNotFit as exc:
            last_error = exc
            continue
        scale = min(s for _, s in pages)  # the score of a choice is its smallest type
        if best is None or scale > best[0] + 1e-6:
            best = (scale, tuple(plan for plan, _ in pages), tuple(columns))
    if best is None:
        assert last_error is not None
        raise last_error
    return best[1], best[2]


def gutter_px(headline_pt: float) -> float:
    return max(GUTTER_IN * DPI, GUTTER_EM * pt_to_px(headline_pt))


def _column_width(fmt: FlyerFormat, columns: int, headline_pt: float = 0.0) -> float:
    cw = fmt.page_px[0] - 2 * MARGIN_IN * DPI
    return (cw - (columns - 1) * gutter_px(headline_pt)) / columns


def _fit_page(
    editions, contents, columns: int, number: float, fmt: FlyerFormat, qr, rules: PosterRules
) -> tuple[Plan, float]:
    # Every role scales together, the headline never above the number: in points, and in ink
    # (a Han or Hangul headline at the number's size looks larger than its digits).
    headline_cap = min(ink_cap_pt(c.headline, e.language, number) for e, c in zip(editions, contents))
    top = min(MAX_SCALE, number / BASE_PT["headline"], headline_cap / BASE_PT["headline"])
    base = {role: size * top for role, size in BASE_PT.items()}

    def page_at(sizes) -> Plan:
        return _layout(editions, contents, fmt, {**sizes, NUMBER_ROLE: number}, qr, rules, columns)

    # A page that cannot hold its languages even at the floor is given up after one layout
    # (fit tries the floor first): the one-page try of a four-language sheet, a column count too few.
    plan, scale = fit(lambda s: page_at(sizes_at(base, s, fmt.min_pt)), base, "body", fmt.min_pt)
    # The headline stopped at the number's size: the rest may still grow into the room left,
    # up to just below the headline, so the page is not left with an empty band.
    found = sizes_at(base, scale, fmt.min_pt)
    grow = min(MAX_SCALE, found["headline"] / (HEADLINE_OVER_BODY * found["body"]))
    if grow > 1.01:
        grown = {role: size * (1 if role == "headline" else grow) for role, size in found.items()}

        def attempt_grown(step: float) -> Plan:
            return page_at(
                {role: size if role == "headline" else max(found[role], size * step) for role, size in grown.items()}
            )

        plan, step = fit(attempt_grown, grown, "body", found["body"])
        scale *= max(1.0, grow * step)
    return plan, scale * top


def _section(
    localized: LocalizedCampaign,
    content: FlyerContent,
    sizes,
    col_w: float,
    rules: PosterRules,
    sizes_pt: dict[str, float],
) -> Section:
    """One language's section from (0, 0), in left-to-right terms; mirrored later for RTL."""
    look = rules.look
    language = localized.language
    set_block = setter(language, sizes)
    px = {role: pt_to_px(pt) for role, pt in sizes.items()}
    items: list = []

    def text(block, role, y, fill, bold=False) -> TextItem:
        paragraph = set_block(block, role, col_w, bold)
        set_pt = size_set_pt(paragraph, sizes[role])
        sizes_pt[block.message_id] = min(set_pt, sizes_pt.get(block.message_id, 999.0))
        return TextItem(block.message_id, paragraph, 0.0, y, col_w, fill)

    breaks: list[float] = []  # where a lone section may take extra space: between its blocks
    pad = 0.35 * px["language"]
    name = text(content.language_name, "language", pad, WHITE, bold=True)
    name_w = name.paragraph.width + 2 * pad
    items += [
        RectItem(0.0, 0.0, name_w, name.height + 2 * pad, look.band, radius=pad),
        replace(name, x=pad, width=col_w - 2 * pad),
    ]
    y = name.height + 2 * pad + 0.35 * px["headline"]
    breaks.append(y)
    headline = text(content.headline, "headline", y, look.ink, bold=True)
    items.append(headline)
    y += headline.height + 0.25 * px["body"]
    for block in content.body:
        breaks.append(y)
        body = text(block, "body", y, look.ink)
        items.append(body)
        y += body.height + 0.2 * px["body"]
    y += 0.2 * px["call"]
    breaks.append(y)
    # The number itself is on the page's panel; the section says the call line in its language
    # with the number at the call line's size.
    call_sizes = {**sizes, NUMBER_ROLE: sizes["call"]}
    group = call_group(
        content.call, language, call_sizes, col_w, look.panel, (WHITE, look.panel), sizes_pt, sizes[NUMBER_ROLE]
    )
    items += [replace(i, y=i.y + y) for i in group.items]
    y += group.height
    if content.ask is not None:  # under the call line: what to say when the hotline answers
        y += 0.15 * px["action"]
        ask = text(content.ask, "action", y, look.panel)
        items.append(ask)
        y += ask.height
    for block in content.others:
        y += 0.2 * px["action"]
        other = text(block, "action", y, look.panel)
        items.append(other)
        y += other.height
    if language.is_rtl:
        items = [item.mirrored(col_w) for item in items]
    return Section(tuple(items), y, tuple(breaks))


@dataclass(frozen=True)
class Section:
    items: tuple  # from (0, 0) in the column
    height: float
    breaks: tuple[float, ...]  # y where blocks start: extra space may go there

    def spread(self, extra: float) -> tuple:
        """The items with extra space shared out between the blocks (a section alone in its column)."""
        if not self.breaks or extra <= 0:
            return self.items
        share = extra / len(self.breaks)
        return tuple(replace(i, y=i.y + share * sum(1 for b in self.breaks if b <= i.y + 0.5)) for i in self.items)


def _layout(editions, contents, fmt: FlyerFormat, sizes, qr, rules: PosterRules, columns: int) -> Plan:
    w, h = fmt.page_px
    look = rules.look
    px = {role: pt_to_px(pt) for role, pt in sizes.items()}
    margin = MARGIN_IN * DPI
    x0, cw = margin, w - 2 * margin
    gutter = gutter_px(sizes["headline"])
    col_w = _column_width(fmt, columns, sizes["headline"])
    sizes_pt: dict[str, float] = {}
    items, top = _header(rules, px, margin, x0, cw, w)

    # Shared bottom: the number on its panel, larger than any language's text; then one code,
    # its caption in every language, the hotline's name, the address.
    qr_items, qr_h = _qr_row(editions, contents, sizes, qr, rules, x0, cw, sizes_pt)
    panel = number_panel(contents[0].phone, sizes[NUMBER_ROLE], cw, look.panel, WHITE)
    sizes_pt[contents[0].phone.message_id] = sizes[NUMBER_ROLE]
    panel_gap = 0.3 * DPI
    bottom_items = [replace(i, x=i.x + x0) for i in panel.items]
    bottom_items += [replace(i, y=i.y + panel.height + panel_gap) for i in qr_items]
    bottom = h - margin - (panel.height + panel_gap + qr_h)
    rule_y = bottom - 0.45 * px["body"]

    sections = [_section(e, c, sizes, col_w, rules, sizes_pt) for e, c in zip(editions, contents)]
    per_column = -(-len(sections) // columns)
    stacks = [sections[i * per_column : (i + 1) * per_column] for i in range(columns)]
    room = rule_y - 0.45 * px["body"] - top
    gap_min = 0.5 * px["body"]
    need = max(sum(s.height for s in stack) + gap_min * (len(stack) - 1) for stack in stacks)
    if need > room:
        tallest = max((i for s in sections for i in s.items if isinstance(i, TextItem)), key=lambda i: i.height)
        raise DoesNotFit(
            Misfit(
                tallest.message_id,
                f"{len(editions)} languages need {(need - room) / DPI:.2f} in more at {sizes['body']:.1f} pt",
            )
        )
    for column, stack in enumerate(stacks):
        items += _stacked(stack, x0 + column * (col_w + gutter), col_w, top, room, look.muted)
    items.append(RectItem(x0, rule_y, cw, 8, look.accent))
    items += [replace(i, y=i.y + bottom) for i in bottom_items]
    return Plan((w, h), tuple(items), False, MappingProxyType(sizes_pt), number_pt=sizes[NUMBER_ROLE])


def _header(rules: PosterRules, px, margin: float, x0: float, cw: float, page_w: float) -> tuple[list, float]:
    """The pictograms (they need no language) and the organization's logo; returns them and
    where the sections start."""
    look = rules.look
    items: list = []
    header_h = 0.0
    logo = header_logo(rules.brand, column_width(page_w), 1.0)  # as on the Letter poster
    picto = min(0.75 * DPI, 0.9 * px["headline"] * 1.6)
    if rules.pictograms:
        for index, kind in enumerate(rules.pictograms):
            items.append(PictogramItem(kind, x0 + index * picto * 1.3, 0.0, picto, WHITE, look.band))
        header_h = picto
    if logo:
        header_h = max(header_h, logo.height)
        items.append(ImageItem("logo", logo_pixels(logo), x0 + cw - logo.width, 0.0, logo.width, logo.height))
    items = [replace(i, y=margin + (header_h - i.height) / 2) for i in items]
    return items, margin + header_h + (0.3 * DPI if header_h else 0.0)


def _stacked(stack: list[Section], col_x: float, col_w: float, top: float, room: float, rule_colour) -> list:
    """One column's sections from top, a thin rule between two. Space left over goes between
    the sections, or between the blocks of a lone one: no empty band."""
    items: list = []
    used = sum(s.height for s in stack)
    gap = 0.0 if len(stack) == 1 else (room - used) / (len(stack) - 1)
    y = top
    for index, section in enumerate(stack):
        if index:
            rule = y - gap / 2
            items.append(RectItem(col_x, rule - 2, col_w, 4, rule_colour))
        placed = section.spread(room - used) if len(stack) == 1 else section.items
        items += [replace(i, x=i.x + col_x, y=i.y + y) for i in placed]
        y += section.height + gap
    return items


def _qr_row(
    editions, contents, sizes, qr, rules: PosterRules, x0: float, cw: float, sizes_pt: dict[str, float]
) -> tuple[list, float]:
    look = rules.look
    px = {role: pt_to_px(pt) for role, pt in sizes.items()}
    gap = 0.5 * px["caption"]
    cap_x, cap_w = x0 + qr.width + 1.5 * gap, cw - qr.width - 1.5 * gap
    captions, cy = [], 0.0
    names_language = rules.brand_language or editions[0].language
    hotline = contents[0].hotline
    if hotline is not None:
        paragraph = setter(names_language, sizes)(hotline, "hotline", cap_w, True)
        sizes_pt[hotline.message_id] = sizes["hotline"]
        captions.append(TextItem(hotline.message_id, paragraph, cap_x, cy, cap_w, look.panel))
        cy += paragraph.height + 0.25 * px["caption"]
    for localized, content in zip(editions, contents):
        if content.caption is None:
            continue
        paragraph = setter(localized.language, sizes)(content.caption, "caption", cap_w, True)
        sizes_pt[content.caption.message_id] = sizes["caption"]
        align = START if not localized.language.is_rtl else END
        captions.append(TextItem(content.caption.message_id, paragraph, cap_x, cy, cap_w, look.ink, align))
        cy += paragraph.height + 0.15 * px["caption"]
    # The address is set left to right whatever the first language is.
    url_par = setter(replace(editions[0].language, direction="ltr"), sizes)(contents[0].url, "url", cap_w)
    sizes_pt["url"] = sizes["url"]
    captions.append(TextItem("url", url_par, cap_x, cy, cap_w, look.muted))
    cy += url_par.height
    if contents[0].organization is not None:
        cy += 0.2 * px["credit"]
        org = setter(names_language, sizes)(contents[0].organization, "credit", cap_w, True)
        sizes_pt[contents[0].organization.message_id] = sizes["credit"]
        captions.append(TextItem(contents[0].organization.message_id, org, cap_x, cy, cap_w, look.muted))
        cy += org.height
    row_h = max(qr.height, cy)
    items: list = [QrItem(qr, x0, (row_h - qr.height) / 2)]
    offset = (row_h - cy) / 2
    items += [replace(c, y=c.y + offset) for c in captions]
    return items, row_h
