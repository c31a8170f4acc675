"""Pictograms drawn by the project: phone, free of charge, open 24 hours, confidential, your language.

Each is a white symbol in a coloured disc, made of filled circles and polygons in a unit
square (y down), so both writers draw the same shapes: the PDF as vector paths, the PNG
through Pillow with 4x supersampling. They carry their meaning without a word of any
language (ISO 7001 public-information symbols use the same means: a handset, a padlock, a
clock): a reader who cannot read the flyer's script still sees "phone", "no cost", "any
time", "secret" and "we talk with you".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

FG, BG = "fg", "bg"  # the symbol's colour and the disc's


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    role: str


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    role: str


Shape = Circle | Polygon


def _rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float, steps: int = 8) -> list[tuple[float, float]]:
    points = []
    for cx, cy, start in ((x1 - r, y0 + r, -90), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180)):
        for i in range(steps + 1):
            a = math.radians(start + 90 * i / steps)
            points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def _turned(points, degrees: float, centre=(0.5, 0.5)) -> tuple[tuple[float, float], ...]:
    a = math.radians(degrees)
    cx, cy = centre
    return tuple(
        (cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a), cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
        for x, y in points
    )


def _arc_band(cx, cy, r_out, r_in, start_deg, end_deg, steps=48) -> tuple[tuple[float, float], ...]:
    """A ring segment from start to end angle (degrees, clockwise on paper since y is down)."""
    outer = [
        (
            cx + r_out * math.cos(math.radians(start_deg + (end_deg - start_deg) * i / steps)),
            cy + r_out * math.sin(math.radians(start_deg + (end_deg - start_deg) * i / steps)),
        )
        for i in range(steps + 1)
    ]
    inner = [
        (
            cx + r_in * math.cos(math.radians(end_deg - (end_deg - start_deg) * i / steps)),
            cy + r_in * math.sin(math.radians(end_deg - (end_deg - start_deg) * i / steps)),
        )
        for i in range(steps + 1)
    ]
    return tuple(outer + inner)


def _bar(x0, y0, x1, y1, width) -> tuple[tuple[float, float], ...]:
    """A straight stroke from (x0, y0) to (x1, y1) as a polygon."""
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
    return ((x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny))


def _phone() -> tuple[Shape, ...]:
    """A classic handset lying across the disc: a handle arching over two pads."""
    parts = [_rounded_rect(0.20, 0.36, 0.80, 0.48, 0.06)]
    parts += [_rounded_rect(left, 0.40, left + 0.26, 0.64, 0.07) for left in (0.15, 0.59)]
    return tuple(Polygon(_turned(p, -35), FG) for p in parts)


def _free() -> tuple[Shape, ...]:
    """A coin struck through: no money changes hands."""
    return (
        Circle(0.5, 0.5, 0.27, FG),
        Circle(0.5, 0.5, 0.205, BG),
        Circle(0.5, 0.5, 0.15, FG),
        Polygon(_bar(0.24, 0.76, 0.76, 0.24, 0.17), BG),
        Polygon(_bar(0.24, 0.76, 0.76, 0.24, 0.075), FG),
    )


def _clock() -> tuple[Shape, ...]:
    """A clock inside an arrow going all the way round: open at any hour."""
    arrow_end = 250.0
    tip_a = math.radians(arrow_end)
    tip = (0.5 + 0.355 * math.cos(tip_a), 0.5 + 0.355 * math.sin(tip_a))
    # The arrowhead points along the circle, clockwise.
    tangent = (-math.sin(tip_a), math.cos(tip_a))
    radial = (math.cos(tip_a), math.sin(tip_a))
    head = (
        (tip[0] + 0.075 * radial[0], tip[1] + 0.075 * radial[1]),
        (tip[0] - 0.075 * radial[0], tip[1] - 0.075 * radial[1]),
        (tip[0] + 0.09 * tangent[0], tip[1] + 0.09 * tangent[1]),
    )
    return (
        Polygon(_arc_band(0.5, 0.5, 0.38, 0.33, -60, arrow_end), FG),
        Polygon(head, FG),
        Circle(0.5, 0.5, 0.25, FG),
        Circle(0.5, 0.5, 0.195, BG),
        Polygon(_bar(0.5, 0.5, 0.5, 0.345, 0.045), FG),
        Polygon(_bar(0.5, 0.5, 0.61, 0.5, 0.045), FG),
        Circle(0.5, 0.5, 0.035, FG),
    )


def _padlock() -> tuple[Shape, ...]:
    """A closed padlock: what is said stays secret."""
    return (
        Polygon(_arc_band(0.5, 0.42, 0.15, 0.095, 180, 360), FG),
        Polygon(((0.35, 0.42), (0.405, 0.42), (0.405, 0.52), (0.35, 0.52)), FG),
        Polygon(((0.595, 0.42), (0.65, 0.42), (0.65, 0.52), (0.595, 0.52)), FG),
        Polygon(tuple(_rounded_rect(0.29, 0.48, 0.71, 0.78, 0.04)), FG),
        Circle(0.5, 0.595, 0.045, BG),
        Polygon(((0.48, 0.6), (0.52, 0.6), (0.53, 0.7), (0.47, 0.7)), BG),
    )


def _speech() -> tuple[Shape, ...]:
    """Two speech bubbles answering each other: we talk with you, in your language."""
    left = _rounded_rect(0.17, 0.25, 0.60, 0.54, 0.07)
    right = _rounded_rect(0.40, 0.44, 0.83, 0.72, 0.07)
    return (
        Polygon(tuple(left), FG),
        Polygon(((0.24, 0.50), (0.36, 0.50), (0.22, 0.64)), FG),
        Polygon(tuple(_rounded_rect(0.36, 0.40, 0.87, 0.76, 0.09)), BG),
        Polygon(tuple(right), FG),
        Polygon(((0.64, 0.68), (0.76, 0.68), (0.78, 0.82)), FG),
        Circle(0.51, 0.58, 0.03, BG),
        Circle(0.615, 0.58, 0.03, BG),
        Circle(0.72, 0.58, 0.03, BG),
    )


_SYMBOLS = {"phone": _phone, "free": _free, "24h": _clock, "confidential": _padlock, "language": _speech}


@cache
def pictogram_shapes(kind: str) -> tuple[Shape, ...]:
    """The disc and the symbol, in drawing order, in a unit square (y down)."""
    return (Circle(0.5, 0.5, 0.5, BG), *_SYMBOLS[kind]())
