"""The number first: its size per format, and the call group (verb, number, verb) around it.

The number's size depends only on the format's column and the number itself, never on a
translation, so it is the same in every language of a campaign; the headline is never set
larger (digits at least as tall as the headline's capitals: in Noto Sans both are 0.714 em).
The words of the call line go on their own lines around the number when the whole line
does not fit at the number's size; a word written against the number joins them when the two
do not fit on one line; the layout shrinks those words and the body, never the number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from campaigngen.renderers.flyer.content import Block, CallLine
from campaigngen.renderers.flyer.fitting import NUMBER_ROLE, DoesNotFit, Misfit, setter
from campaigngen.renderers.flyer.formats import DPI, POINTS_PER_INCH
from campaigngen.renderers.flyer.plan import Colour, PictogramItem, RectItem, TextItem
from campaigngen.renderers.typesetting import SetParagraph, Style, set_paragraph
from campaigngen.renderers.typesetting.runs import without_bidi_controls
from campaigngen.sources.languages import Language, parse_language

NUMBER_FILL = 0.86  # of the column: room for a particle written against the number ("로")


def number_pt(phone: Block, column_px: float, base_pt: float) -> float:
    """The largest size, up to base_pt, at which the number alone fills NUMBER_FILL of the
    column; in half points. The digits come from the Latin font in every language."""
    probe_px = 200
    width = set_paragraph(phone.text, _LATIN, Style(probe_px, True), 1e9, phone.protected).width
    if width <= 0:  # no number yet (a new campaign): the check says "fill in your hotline"
        return base_pt
    fitting = NUMBER_FILL * column_px / width * probe_px * POINTS_PER_INCH / DPI
    return max(1.0, min(base_pt, int(fitting * 2) / 2))


_LATIN = parse_language("en")


@dataclass(frozen=True)
class CallGroup:
    items: tuple  # placed from (0, 0), y down, within width
    height: float
    number: TextItem


def call_group(
    call: CallLine,
    language: Language,
    sizes: Mapping[str, float],
    width: float,
    fill,
    icon_colours: tuple[Colour, Colour] | None,
    sizes_pt: dict[str, float],
    page_number_pt: float | None = None,
) -> CallGroup:
    """The call line with the number on a line of its own at sizes['number'], the handset
    pictogram beside the words (icon_colours: (symbol, disc), or None for no pictogram).
    page_number_pt: the page's own number where this one is a smaller copy (the words are
    kept below that one's ink, not this copy's)."""
    set_block = setter(language, sizes, page_number_pt)
    px = {role: pt * DPI / POINTS_PER_INCH for role, pt in sizes.items()}
    icon = int(px["call"] * 1.3) if icon_colours else 0
    gap = 0.3 * icon
    items: list = []

    def with_icon(block: Block, role: str, y: float) -> tuple[TextItem, float]:
        paragraph = set_block(block, role, width - icon - gap, bold=True)
        item = TextItem(block.message_id, paragraph, icon + gap if icon else 0.0, y, width - icon - gap, fill)
        if icon_colours is not None and icon:  # icon is 0 whenever icon_colours is None
            line_middle = paragraph.ascent - px[role] * 0.36  # the middle of the first line's letters
            items.append(PictogramItem("phone", 0, y + max(0.0, line_middle - icon / 2), icon, *icon_colours))
        return item, max(paragraph.height, icon)

    # Short enough: the whole call line at the number's size, as one line.
    try:
        whole = set_block(call.whole, NUMBER_ROLE, width - icon - gap, bold=True)
    except DoesNotFit:  # the number and what is written against it: the split lines below
        whole = None
    if whole is not None and len(whole.lines) == 1:
        item, height = with_icon(call.whole, NUMBER_ROLE, 0.0)
        sizes_pt[call.message_id] = sizes[NUMBER_ROLE]
        return CallGroup(tuple(items) + (item,), height, item)

    number = _number_line(call, language, sizes[NUMBER_ROLE], width)
    if number is None:  # the word glued to the number does not fit beside it: it starts the words' line
        assert call.unglued is not None  # _number_line returns None only where there is one
        return call_group(call.unglued, language, sizes, width, fill, icon_colours, sizes_pt, page_number_pt)
    y = 0.0
    icon_placed = False
    text_items = []
    number_item = None
    parts: list[Block | str] = [part for part in (call.before, "number", call.after) if part is not None]
    for block in parts:
        if isinstance(block, str):  # "number": the number's own line
            number_item = TextItem(call.number.message_id, number, 0.0, y, width, fill)
            text_items.append(number_item)
            y += number.height + 0.12 * px["call"]
            continue
        if not icon_placed:
            item, height = with_icon(block, "call", y)
            icon_placed = True
        else:
            paragraph = set_block(block, "call", width, bold=True)
            item, height = TextItem(block.message_id, paragraph, 0.0, y, width, fill), paragraph.height
        text_items.append(item)
        y += height + 0.12 * px["call"]
    sizes_pt[call.message_id] = sizes["call"] if (call.before or call.after) else sizes[NUMBER_ROLE]
    assert number_item is not None  # parts always hold "number"
    return CallGroup(tuple(items) + tuple(text_items), y - 0.12 * px["call"], number_item)


def _number_line(call: CallLine, language: Language, number_pt: float, width: float) -> SetParagraph | None:
    """The number's own line (with any word written against it), its box hugging the digits;
    None where the glued word does not fit beside the number and may start the words' line."""
    px = number_pt * DPI / POINTS_PER_INCH
    number = set_paragraph(call.number.text, language, Style(round(px), True), width, call.number.protected)
    if (len(number.lines) > 1 or number.overflow) and call.unglued is not None:
        return None
    if len(number.lines) > 1 or number.overflow:
        raise DoesNotFit(
            Misfit(
                call.message_id,
                f"the number's line '{without_bidi_controls(call.number.text)}' is "
                f"wider than the column at {number_pt:.1f} pt - put a space "
                f"between the number and the words around it",
            )
        )
    return _hugging(number, px)


def _hugging(number: SetParagraph, px: float) -> SetParagraph:
    """A display line of digits whose box hugs the ink (the font's line box is made for
    accents and descenders the number does not have)."""
    air = 0.12 * px
    return replace(
        number,
        ascent=min(number.ascent, max(line.extent.top for line in number.lines) + air),
        descent=min(number.descent, max(line.extent.bottom for line in number.lines) + air),
    )


PANEL_PAD = 0.25  # of the number's size: the panel's padding around the digits


def panel_number_width(width: float, number_pt: float) -> float:
    """What a number panel width wide leaves the digits beside the handset at number_pt."""
    px = number_pt * DPI / POINTS_PER_INCH
    return width - 2 * PANEL_PAD * px - 1.3 * px


def number_panel(phone: Block, number_pt: float, width: float, panel: Colour, ink: Colour) -> CallGroup:
    """The number alone on a band of its own (a multilingual sheet's, shared by every language
    on the page): the handset, then the digits in ink on the panel colour, centred, from (0, 0)."""
    px = number_pt * DPI / POINTS_PER_INCH
    pad, icon = PANEL_PAD * px, px
    text_w = panel_number_width(width, number_pt)
    number = set_paragraph(phone.text, _LATIN, Style(round(px), True), text_w, phone.protected)
    if len(number.lines) > 1 or number.overflow:
        raise DoesNotFit(Misfit(phone.message_id, f"the number is wider than the page at {number_pt:.1f} pt"))
    number = _hugging(number, px)
    height = number.height + 2 * pad
    left = (width - (icon + 0.3 * px + number.width)) / 2
    digits = TextItem(phone.message_id, number, left + icon + 0.3 * px, pad, number.width, ink)
    items = (
        RectItem(0.0, 0.0, width, height, panel, radius=0.25 * pad),
        PictogramItem("phone", left, (height - icon) / 2, icon, panel, ink),
        digits,
    )
    return CallGroup(items, height, digits)
