"""Logos on the page: where each format prints them and how large, and their pixels.

The boxes depend on the format and the logo's shape only, never on a translation, so the
gate can say before any layout whether a PNG logo has 300 dpi where it is printed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from campaigngen.renderers.flyer.formats import DPI
from campaigngen.renderers.flyer.spacing import column_width, width_scale
from campaigngen.sources.brand import BrandSpec, Logo, render_svg

LOGO_HEIGHT_IN = 0.6  # the organization's logo at the top of a Letter-wide page
PARTNER_HEIGHT_IN = 0.5  # partner logos at the end of the QR row
LOGO_MAX_SHARE = 0.34  # of the column width, for a very wide logo
PARTNER_MAX_SHARE = 0.22
SVG_OVERSAMPLE = 2  # an SVG is drawn at 600 dpi for the PDF (the PNG resamples it to 300)


@dataclass(frozen=True)
class LogoBox:
    logo: Logo
    width: float  # pixels at 300 dpi
    height: float


def _box(logo: Logo, height: float, max_width: float) -> LogoBox:
    width = min(height * logo.aspect, max_width)
    return LogoBox(logo, width, width / logo.aspect)


def header_logo(brand: BrandSpec, column_px: float, width_scale: float) -> LogoBox | None:
    if brand.logo is None:
        return None
    return _box(brand.logo, LOGO_HEIGHT_IN * DPI * width_scale, LOGO_MAX_SHARE * column_px)


def partner_boxes(brand: BrandSpec, column_px: float, width_scale: float) -> tuple[LogoBox, ...]:
    return tuple(
        _box(logo, PARTNER_HEIGHT_IN * DPI * width_scale, PARTNER_MAX_SHARE * column_px) for logo in brand.partner_logos
    )


def printed_logos(kind: str, page_width_px: float, brand: BrandSpec) -> tuple[LogoBox, ...]:
    """Every logo a page of this kind prints, at its printed size (the wallet card prints none)."""
    if kind == "wallet":
        return ()
    column = column_width(page_width_px)
    scale = width_scale(page_width_px)
    head = header_logo(brand, column, scale)
    return ((head,) if head else ()) + partner_boxes(brand, column, scale)


def logo_pixels(box: LogoBox) -> Image.Image:
    """The logo as RGBA: a PNG's own pixels; an SVG drawn at twice the printed resolution."""
    logo = box.logo
    if logo.kind == "svg":
        return _svg_pixels(logo.media.data, int(round(box.width * SVG_OVERSAMPLE)))
    return _png_pixels(logo.media.data)


@lru_cache(maxsize=16)
def _png_pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA")


@lru_cache(maxsize=32)
def _svg_pixels(data: bytes, width_px: int) -> Image.Image:
    return render_svg(data, width_px)
