"""Tear-off flyer: the poster above, a row of tabs below, each carrying the number.

A person who cannot be seen photographing a poster can tear off a tab and pocket it, so
every tab holds the whole number, turned to run along the tab, with the handset beside it.
Office printers clip about 0.25 in at every edge: the tabs and their cut lines stop
SIDE_IN short of the paper's sides and bottom (the cut is finished to the edge by hand).
"""

from __future__ import annotations

from dataclasses import replace

from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.fitting import DoesNotFit, Misfit, fit, setter, sizes_at
from campaigngen.renderers.flyer.formats import DPI, FlyerFormat
from campaigngen.renderers.flyer.plan import FrameItem, LineItem, PictogramItem, Plan, TextItem
from campaigngen.renderers.flyer.poster import Area, PosterRules, poster_plan
from campaigngen.renderers.flyer.style import INK, WHITE
from campaigngen.renderers.typesetting import CENTER
from campaigngen.sources.languages import Language

TABS = 8
TAB_HEIGHT_IN = 2.25
SIDE_IN = 0.3  # no ink nearer the paper's edge than this (office printers clip ~0.25 in)
CUT = (110, 110, 110)
TEAROFF_NUMBER_PT = 48.0  # the poster part is 2.8 in shorter than a Letter poster: a smaller number


def tab_geometry(fmt: FlyerFormat) -> tuple[int, int, float, int]:
    """Top of the tab row, tab height, tab width, left edge of the first tab (pixels)."""
    w, h = fmt.page_px
    tab_h = int(TAB_HEIGHT_IN * DPI)
    side = int(SIDE_IN * DPI)
    return h - tab_h - side, tab_h, (w - 2 * side) / TABS, side


def tearoff_plan(
    content: FlyerContent, language: Language, fmt: FlyerFormat, url: str, rules: PosterRules = PosterRules(qr_in=1.0)
) -> Plan:
    w, h = fmt.page_px
    top, tab_h, tab_w, side = tab_geometry(fmt)
    body = poster_plan(content, language, (w, h), Area(0, 0, w, top), fmt.min_pt, url, rules)
    tab = _tab(content, language, fmt, tab_w, tab_h, rules.look.band)
    width, height = tab.outer_size
    items = [replace(tab, x=side + i * tab_w + (tab_w - width) / 2, y=top + (tab_h - height) / 2) for i in range(TABS)]
    sizes = dict(body.sizes_pt)
    sizes["phone"] = _tab_pt(content, language, fmt, tab_w, tab_h)[1]
    return Plan(body.size, body.items + tuple(items), body.mirror, sizes, _cut_lines(fmt), body.number_pt)


def _tab_pt(content, language, fmt, tab_w, tab_h):
    """The number on one line along the tab, as large as fits (never below the format minimum)."""
    pad = 0.08 * DPI
    icon = int(min(tab_w * 0.5, 0.3 * DPI))
    length = tab_h - 2 * pad - icon - pad
    base = {"phone": 24.0}

    def attempt(scale: float):
        sizes = sizes_at(base, scale, fmt.min_pt)
        paragraph = setter(language, sizes)(content.phone, "phone", length, bold=True)
        if len(paragraph.lines) > 1 or paragraph.height > tab_w - pad:
            raise DoesNotFit(Misfit("phone", f"the number does not fit a {tab_h / DPI:.1f} in tab"))
        return paragraph

    paragraph, scale = fit(attempt, base, "phone", fmt.min_pt)
    return paragraph, sizes_at(base, scale, fmt.min_pt)["phone"], icon, pad, length


def _tab(content, language, fmt, tab_w, tab_h, disc) -> FrameItem:
    """The tab set lying down (number left to right), then turned to read bottom to top."""
    paragraph, _, icon_size, pad, length = _tab_pt(content, language, fmt, tab_w, tab_h)
    strip_w, strip_h = int(tab_h - pad), int(tab_w * 0.86)
    items = (
        PictogramItem("phone", int(pad), (strip_h - icon_size) // 2, icon_size, WHITE, disc),
        TextItem(
            content.phone.message_id,
            paragraph,
            pad + icon_size + pad,
            (strip_h - paragraph.height) / 2,
            length,
            INK,
            CENTER,
        ),
    )
    return FrameItem(0, 0, strip_w, strip_h, items, quarter_turns=1, background=WHITE)


def _cut_lines(fmt: FlyerFormat) -> tuple[LineItem, ...]:
    """Dashed cut lines: across above the tabs, and between every two tabs."""
    w, h = fmt.page_px
    top, tab_h, tab_w, side = tab_geometry(fmt)
    dash, width = int(0.06 * DPI), 3
    lines = [LineItem(side, top, w - side, top, width, CUT, dash, cut=True)]
    for i in range(TABS + 1):
        x = side + i * tab_w
        lines.append(LineItem(x, top, x, top + tab_h, width, CUT, dash, cut=True))
    return tuple(lines)
