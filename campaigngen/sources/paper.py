"""Paper formats: trim size, bleed, and the smallest type each may carry (at the 300 dpi we render)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

PRINT_COLOURS = ("rgb", "cmyk")  # [print] colour: "cmyk" converts PDFs through a press profile
DPI = 300
POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class FlyerFormat:
    name: str
    trim_in: tuple[float, float]  # width, height of the finished piece in inches
    kind: str  # "poster", "tearoff", "wallet"
    min_pt: float  # smallest type allowed (California Civil Code 52.6: 16 pt on posted notices)
    bleed_in: float = 0.0  # printed past the trim on every side, cut off after printing
    description: str = ""

    @property
    def page_in(self) -> tuple[float, float]:
        w, h = self.trim_in
        return w + 2 * self.bleed_in, h + 2 * self.bleed_in

    @property
    def page_pt(self) -> tuple[float, float]:
        w, h = self.page_in
        return round(w * POINTS_PER_INCH, 4), round(h * POINTS_PER_INCH, 4)

    @property
    def page_px(self) -> tuple[int, int]:
        w, h = self.page_in
        return _px(w), _px(h)

    @property
    def bleed_px(self) -> int:
        return _px(self.bleed_in)


def _px(inches: float) -> int:
    return int(inches * DPI + 0.5)  # half-up: 3.625 in -> 1088 px


def pt_to_px(points: float) -> float:
    """A type size or length in points (1/72 in) as pixels at the render resolution."""
    return points * DPI / POINTS_PER_INCH


def px_to_pt(pixels: float) -> float:
    return pixels * POINTS_PER_INCH / DPI


FORMATS: Mapping[str, FlyerFormat] = MappingProxyType(
    {
        "letter": FlyerFormat("letter", (8.5, 11.0), "poster", 16.0, description="US Letter poster"),
        "a4": FlyerFormat("a4", (210 / MM_PER_INCH, 297 / MM_PER_INCH), "poster", 16.0, description="A4 poster"),
        "tabloid": FlyerFormat("tabloid", (11.0, 17.0), "poster", 16.0, description="Tabloid 11x17 poster"),
        "tearoff": FlyerFormat(
            "tearoff", (8.5, 11.0), "tearoff", 16.0, description="US Letter with tear-off tabs carrying the number"
        ),
        "wallet": FlyerFormat(
            "wallet",
            (3.375, 2.125),
            "wallet",
            7.0,
            bleed_in=0.125,
            description="CR80 wallet card / restroom sticker with 1/8 in bleed",
        ),
    }
)
