"""The look: colours (all text pairs pass WCAG AA, most pass AAA) and type roles.

The three colours a campaign may brand (band, panel, accent) come from campaign.toml's
[brand.colours]; the gate holds the two that carry text to 4.5:1 (brand-contrast).
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.sources.brand import BrandColours

WHITE = (255, 255, 255)
INK = (17, 24, 39)  # body text on white: 17:1
_DEFAULT = BrandColours()
NAVY = _DEFAULT.band  # header band behind white text: 12:1
PANEL = _DEFAULT.panel  # call-to-action panel behind white text: 8.6:1
ACCENT = _DEFAULT.accent  # decorative rule only, never behind text
MUTED = (55, 65, 81)  # secondary text on white: 10:1
DRAFT_RED = (200, 30, 30)


@dataclass(frozen=True)
class Look:
    band: tuple[int, int, int] = NAVY  # language band and pictogram discs, white on it
    panel: tuple[int, int, int] = PANEL  # the call panel: white number on it
    accent: tuple[int, int, int] = ACCENT
    ink: tuple[int, int, int] = INK
    muted: tuple[int, int, int] = MUTED
    paper: tuple[int, int, int] = WHITE


def look_of(colours: BrandColours) -> Look:
    return Look(band=colours.band, panel=colours.panel, accent=colours.accent)


# Text on background pairs the flyer uses; a test holds each to WCAG AA (4.5:1).
TEXT_PAIRS = ((INK, WHITE), (WHITE, NAVY), (WHITE, PANEL), (MUTED, WHITE))
