"""The look: colours (all text pairs pass WCAG AA, most pass AAA) and type roles."""

from __future__ import annotations

WHITE = (255, 255, 255)
INK = (17, 24, 39)  # body text on white: 17:1
NAVY = (18, 52, 91)  # header band behind white text: 12:1
PANEL = (12, 84, 96)  # call-to-action panel behind white text: 8.6:1
ACCENT = (242, 169, 0)  # decorative rule only, never behind text
MUTED = (55, 65, 81)  # secondary text on white: 10:1
DRAFT_RED = (200, 30, 30)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Text on background pairs the flyer uses; a test holds each to WCAG AA (4.5:1).
TEXT_PAIRS = ((INK, WHITE), (WHITE, NAVY), (WHITE, PANEL), (MUTED, WHITE))
