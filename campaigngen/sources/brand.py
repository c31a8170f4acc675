"""The campaign's own look: organization and hotline name, logos, colours, pictograms.

Logos are PNG or SVG files the campaign points at, read once with the config (their bytes
travel in the snapshot) and checked by content, not by name: a PNG must decode as a PNG, an
SVG must parse, render, and refer to nothing outside itself (no linked image or font file
could then change a flyer after it was checked). SVG is parsed and drawn by resvg (resvg-py):
a self-contained renderer (no system cairo, no network code; outside files only from a
resources folder we never give it) that aims at the SVG specification's own test suite.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.sources.media import MediaFile, read_media
from campaigngen.sources.reading import Reading

PICTOGRAMS = ("phone", "free", "24h", "confidential", "language")
LOGO_KINDS = ("png", "svg")
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_LOGO_PIXELS = 12000  # a side; more is a mistake (or a decompression bomb)
# In all: 36 MP is a 6000 x 6000 logo, 20 inches at 300 dpi; a 12000 x 12000 image takes 576 MB
# decoded as RGBA before a single copy, and the studio would hold it.
MAX_LOGO_AREA = 36_000_000
MAX_SVG_ASPECT = 50
# CSS units in px, as an SVG's width and height may be written (percentages and font units
# fall back to the viewBox).
_SVG_UNITS = {
    "": 1.0,
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
}
MIN_PRINT_DPI = 300
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.x AA for normal text: the text drawn on a brand colour
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Logo:
    """A logo as checked: its bytes, kind, and size in pixels (an SVG's own size, any scale)."""

    media: MediaFile
    kind: str  # "png" or "svg"
    size: tuple[int, int]

    @property
    def aspect(self) -> float:
        return self.size[0] / self.size[1]

    def dpi_at(self, printed_width_in: float) -> float | None:
        """Pixels per inch when printed this wide; None for SVG, which is drawn at any size."""
        return None if self.kind == "svg" else self.size[0] / printed_width_in


@dataclass(frozen=True)
class BrandColours:
    band: Colour = (18, 52, 91)  # behind the language name (white text)
    panel: Colour = (12, 84, 96)  # behind the number (white text): the page's one strong colour field
    accent: Colour = (242, 169, 0)  # the rule under the headline: decoration, never behind text


# The brand colours that carry text, and the text colour drawn on them (the contrast check).
TEXT_ON = (("band", (255, 255, 255)), ("panel", (255, 255, 255)))


@dataclass(frozen=True)
class BrandSpec:
    organization: str | None = None
    hotline_name: str | None = None
    logo: Logo | None = None
    partner_logos: tuple[Logo, ...] = ()
    colours: BrandColours = field(default_factory=BrandColours)
    pictograms: tuple[str, ...] = ()  # drawn in this order; only what the hotline really offers

    @property
    def logos(self) -> tuple[Logo, ...]:
        return ((self.logo,) if self.logo else ()) + self.partner_logos


def parse_colour(value: str) -> Colour | None:
    if not HEX_COLOUR.match(value):
        return None
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def logo_from(media: MediaFile) -> tuple[Logo | None, str | None]:
    """The logo, or why it cannot be used (one phrase)."""
    if media.data is None:
        return None, media.problem
    data = media.data
    if len(data) > MAX_LOGO_BYTES:
        return None, f"{len(data) // (1024 * 1024)} MB, more than {MAX_LOGO_BYTES // (1024 * 1024)} MB"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_logo(media, data)
    if media.path.suffix.lower() == ".svg" or b"<svg" in data[:4096]:
        return _svg_logo(media, data)
    return None, "neither a PNG nor an SVG file (checked by content, not by name)"


def _png_logo(media: MediaFile, data: bytes) -> tuple[Logo | None, str | None]:
    from PIL import Image

    try:
        with warnings.catch_warnings():  # the size is judged here, against a logo's limits
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            if image.format != "PNG":
                return None, "not a PNG image"
            too_big = _too_big(image.width, image.height)
            if too_big:
                return None, too_big
            image.load()  # decodes every row: a truncated file fails here, not while printing
            size = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        return None, f"not a readable PNG ({exc})"
    return Logo(media, "png", size), None


def svg_references(text: str) -> list[str]:
    """Links an SVG makes to anything outside itself (files, web addresses)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(text)
    found = []
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href") and not (value.startswith("#") or value.startswith("data:")):
                found.append(value)
        if element.tag.endswith("style") and element.text and "url(" in element.text:
            found += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", element.text) if not u.startswith("#")]
    return found


# Each SVG judged, by its bytes' digest: every campaign.toml read (each command, each studio
# request, each approval) judges the logo, and drawing it to see that it draws something was
# a fifth of reading a small campaign. The verdict depends on the bytes alone (and on the
# fonts of FONTS_DIR, which come with the program).
_SVG_VERDICTS: dict[bytes, tuple[tuple[int, int] | None, str | None]] = {}
_SVG_VERDICTS_KEPT = 64


def _svg_logo(media: MediaFile, data: bytes) -> tuple[Logo | None, str | None]:
    key = hashlib.sha256(data).digest()
    verdict = _SVG_VERDICTS.get(key)
    if verdict is None:
        if len(_SVG_VERDICTS) >= _SVG_VERDICTS_KEPT:
            _SVG_VERDICTS.clear()
        verdict = _SVG_VERDICTS[key] = _svg_verdict(data)
    size, problem = verdict
    return (Logo(media, "svg", size), None) if size is not None else (None, problem)


def _svg_verdict(data: bytes) -> tuple[tuple[int, int] | None, str | None]:
    """The size an SVG logo is drawn at, or why it cannot be one."""
    import xml.etree.ElementTree as ET

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "not an SVG file (not UTF-8 text)"
    try:
        root = ET.fromstring(text)
        outside = svg_references(text)
    except ET.ParseError as exc:
        return None, f"not a well-formed SVG file ({exc})"
    if not root.tag.endswith("svg"):
        return None, "not an SVG file (its root element is not <svg>)"
    if outside:
        return None, f"links to '{outside[0]}' outside the file - embed it or remove the link"
    declared = svg_declared_size(root)
    too_big = _too_big(*declared) if declared else None
    if not too_big and declared and min(declared) > 0 and max(declared) / min(declared) > MAX_SVG_ASPECT:
        # Drawn to fit a logo's width, a sliver that thin would be drawn miles long.
        too_big = f"{declared[0]:.0f} x {declared[1]:.0f} px, more than {MAX_SVG_ASPECT} times as long as it is wide"
    if too_big:  # resvg would allocate the whole canvas first (200000 px wide: 160 GB, then abort)
        return None, f"declares {too_big}"
    try:
        image = render_svg(data)
    except (ValueError, OSError) as exc:
        return None, f"cannot be drawn ({exc})"
    if image.getbbox() is None:
        return None, "draws nothing (an empty or fully transparent SVG)"
    return image.size, None


def _too_big(width: float, height: float) -> str | None:
    """Why an image of this size cannot be a logo, or None."""
    if max(width, height) > MAX_LOGO_PIXELS or width * height > MAX_LOGO_AREA:
        return (
            f"{width:.0f} x {height:.0f} px, more than a logo needs "
            f"(at most {MAX_LOGO_PIXELS} px a side and {MAX_LOGO_AREA // 1_000_000} megapixels)"
        )
    return None


def svg_declared_size(root: Any) -> tuple[float, float] | None:
    """The size an SVG asks to be drawn at, in px: its width and height, else its viewBox."""
    box = re.split(r"[\s,]+", root.attrib.get("viewBox", "").strip())
    view = (float(box[2]), float(box[3])) if len(box) == 4 and all(_is_number(b) for b in box) else None
    sizes = []
    for index, name in enumerate(("width", "height")):
        match = re.fullmatch(r"\s*([0-9.]+(?:[eE][+-]?\d+)?)\s*([a-zA-Z%]*)\s*", root.attrib.get(name, ""))
        unit = match.group(2).lower() if match else None
        if match and unit in _SVG_UNITS and _is_number(match.group(1)):
            sizes.append(float(match.group(1)) * _SVG_UNITS[unit])
        elif view is not None:
            sizes.append(abs(view[index]))
        else:
            return None
    return sizes[0], sizes[1]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_svg(data: bytes, width_px: int | None = None):
    """An SVG drawn by resvg as RGBA, at its own size or width_px wide."""
    import resvg_py
    from PIL import Image

    from campaigngen.sources.fonts import FONTS_DIR

    png = resvg_py.svg_to_bytes(
        svg_string=data.decode("utf-8-sig"), width=width_px, skip_system_fonts=True, font_dirs=[str(FONTS_DIR)]
    )
    image = Image.open(io.BytesIO(bytes(png)))
    image.load()
    return image.convert("RGBA")


def read_brand(table: Mapping[str, Any], folder: Path, reading: Reading) -> BrandSpec:
    """[brand]: the organization and hotline names shown, logos (PNG or SVG, read once and
    checked by content), colours, and the pictograms the hotline's service earns."""
    where = ("brand",)
    logo = _logo(table["logo"], folder, (*where, "logo"), reading) if table["logo"] is not None else None
    partners = [_logo(rel, folder, (*where, "partner_logos"), reading) for rel in table["partner_logos"]]
    colours = {key: parse_colour(value) for key, value in table["colours"].items() if value is not None}
    return BrandSpec(
        organization=table["organization"],
        hotline_name=table["hotline_name"],
        logo=logo,
        partner_logos=tuple(p for p in partners if p is not None),
        colours=BrandColours(**{key: colour for key, colour in colours.items() if colour is not None}),
        pictograms=tuple(table["pictograms"]),
    )


def _logo(rel: str, folder: Path, where: Sequence[str | int], reading: Reading) -> Logo | None:
    logo, problem = logo_from(read_media(folder / rel))
    if problem:
        reading.problem(
            where,
            f"{reading.dotted(where)} '{rel}': {problem}",
            hint="give a PNG or SVG file, relative to campaign.toml",
        )
    return logo
