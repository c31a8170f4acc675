"""The poster's margins and spacing, in one table.

Every gap on the poster is a ratio: of the type size next to it (an em of that role's
size, so the page tightens as the type shrinks to fit), of an inch on Letter (scaled with
the page's width), or of a neighbouring element. `SPACING` names each one; the poster's
layout (`poster.py`) reads no other number, and logos and multilingual sheets share its
margins and column (`column_width`).
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.renderers.flyer.formats import DPI

LETTER_WIDTH_IN = 8.5  # sizes are given on Letter; other pages scale them with their width
MARGIN_SHARE, MARGIN_MIN_IN = 0.045, 0.35  # office printers clip about 0.25 in: ink stays 0.35 in in


@dataclass(frozen=True)
class PosterSpacing:
    """Units: `_em` of the named role's type size, `_in` inches on Letter (scaled with the
    page's width), or as the comment says."""

    # Header: the language's own name on a band, the logo at the row's end.
    band_pad_em: float = 0.45  # band padding above and below the name, of the language name's size
    band_inset_pads: float = 1.6  # the name's inset from the band's ends, in band paddings
    band_radius_pads: float = 0.8  # the band's corner radius, in band paddings
    logo_gap_in: float = 0.3  # between the band and the logo
    header_to_headline_em: float = 0.3  # of the headline's size

    # Headline, accent rule, body.
    headline_to_rule_em: float = 0.35  # of the body's size
    rule_height_em: float = 0.16  # of the body's size ...
    rule_min_height_px: float = 6.0  # ... never thinner than a hairline prints
    rule_width_share: float = 0.16  # of the column
    rule_to_body_em: float = 0.55  # of the body's size
    between_body_em: float = 0.3  # after every body message, of the body's size
    body_gutter_in: float = 0.3  # between two body columns
    body_clearance_em: float = 0.3  # at least this (of the body's size) above the pictograms or call panel

    # The QR row at the bottom: code, caption, address, organization; partner logos at the end.
    qr_to_caption_em: float = 0.6  # of the caption's size (1.2 x half a caption em)
    caption_to_url_em: float = 0.25  # of the address's size
    url_to_credit_em: float = 0.35  # of the organization's size
    partner_gap_in: float = 0.2  # after each partner logo

    # The call panel above the QR row.
    panel_pad_in: float = 0.26  # inside the panel, every side
    panel_radius_pads: float = 0.5  # the panel's corner radius, in panel paddings
    panel_to_qr_em: float = 0.8  # of the caption's size
    call_to_ask_em: float = 0.15  # the line asking for an interpreter, under the number: of its size
    call_to_hotline_em: float = 0.2  # of the hotline name's size
    before_action_em: float = 0.35  # before each further panel line, of its size

    # Pictograms: a row above the panel, or in the QR row's free end (the tear-off).
    pictogram_in: float = 0.7  # on Letter, before any shrinking
    pictogram_min_scale: float = 0.6  # they shrink with the type, to no less than this
    pictogram_gap: float = 0.3  # between two pictograms, of a pictogram's width
    pictograms_to_panel: float = 0.35  # of a pictogram's height

    @property
    def pictogram_pitch(self) -> float:
        """From one pictogram's start to the next, in pictogram widths."""
        return 1.0 + self.pictogram_gap


SPACING = PosterSpacing()


def width_scale(page_width_px: float) -> float:
    """How much larger than Letter this page (or poster area) is, by width."""
    return page_width_px / (LETTER_WIDTH_IN * DPI)


def margin_px(width: float) -> float:
    return max(MARGIN_SHARE * width, MARGIN_MIN_IN * DPI)


def column_width(width: float) -> float:
    return width - 2 * margin_px(width)


def panel_pad(scale: float) -> float:
    """Padding inside the call panel on a page `scale` times Letter's width."""
    return SPACING.panel_pad_in * DPI * scale
