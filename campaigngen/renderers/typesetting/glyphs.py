"""Glyphs of a run as HarfBuzz shapes them, for writers that place glyphs themselves (PDF).

Pillow's raqm shapes with HarfBuzz too; this asks HarfBuzz (uharfbuzz) the same question:
the same font file and face, size, direction and language, default features, so the glyphs
and their advances are the ones on the PNG (measured: run widths agree within 0.2 px, see
docs/architecture.md). Where each run starts still comes from our layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from campaigngen.exceptions import MissingDependency
from campaigngen.renderers.typesetting.runs import Run, without_bidi_controls
from campaigngen.sources.fonts import manifest as project_manifest


@dataclass(frozen=True)
class Glyph:
    gid: int
    text: str  # the characters this glyph stands for ('' for the 2nd+ glyph of a cluster)
    cluster: int  # index of the cluster's first character in the run's text
    x: float  # pen offset from the run start, pixels, y up as fonts measure
    y: float
    advance: float


@dataclass(frozen=True)
class ShapedRun:
    glyphs: tuple[Glyph, ...]  # visual order, left to right
    font_path: str
    font_index: int
    size_px: int
    advance: float


@lru_cache(maxsize=32)
def _hb_font(path: str, index: int):
    try:
        import uharfbuzz as hb
    except ImportError:
        raise MissingDependency("uharfbuzz is not installed (PDF text) - pip install uharfbuzz") from None
    face = hb.Face(hb.Blob.from_file_path(path), index)
    return hb.Font(face), face.upem


def shape_run(run: Run, size_px: int, bold: bool, language_tag: str) -> ShapedRun:
    face = project_manifest().face(run.family, bold)
    return _shape(str(face.path), face.index, run, size_px, language_tag)


def _shaped_buffer(path: str, index: int, run: Run, language_tag: str):
    """HarfBuzz's glyphs for the run, in font units: the font has no size set, so positions
    scale linearly with the size (no hinting), and one shaping serves every size."""
    import uharfbuzz as hb

    font, _ = _hb_font(path, index)
    buffer = hb.Buffer()
    buffer.add_codepoints([ord(c) for c in run.text])
    buffer.direction = "rtl" if run.rtl else "ltr"
    buffer.language = language_tag
    buffer.guess_segment_properties()
    buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES  # bidi isolates draw nothing
    hb.shape(font, buffer, {})
    return buffer


@lru_cache(maxsize=20000)
def _shape(path: str, index: int, run: Run, size_px: int, language_tag: str) -> ShapedRun:
    """Keyed by the font file itself: a process may draw with another project's manifest."""
    _, upem = _hb_font(path, index)
    buffer = _shaped_buffer(path, index, run, language_tag)
    scale = size_px / upem
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos}) + [len(run.text)]
    seen: set[int] = set()
    glyphs, pen = [], 0.0
    # The first glyph of a cluster in reading order carries the cluster's text.
    order = range(len(infos) - 1, -1, -1) if run.rtl else range(len(infos))
    first_in_reading: dict[int, int] = {}  # cluster -> index of its first glyph in reading order
    for i in order:
        first_in_reading.setdefault(infos[i].cluster, i)
    texts = _cluster_texts(run.text, starts)
    for i, (info, pos) in enumerate(zip(infos, positions)):
        cluster = info.cluster
        text = ""
        if first_in_reading[cluster] == i and cluster not in seen:
            seen.add(cluster)
            text = texts[cluster]
        glyphs.append(
            Glyph(
                info.codepoint, text, cluster, pen + pos.x_offset * scale, pos.y_offset * scale, pos.x_advance * scale
            )
        )
        pen += pos.x_advance * scale
    return ShapedRun(tuple(glyphs), path, index, size_px, pen)


def _cluster_texts(text: str, starts: list[int]) -> dict[int, str]:
    """Each cluster's characters. A joiner HarfBuzz removed (ZWNJ, ZWJ) joins the cluster after
    it; in the text it follows the letter before it ("می‌کند" is می + ZWNJ + کند), so it goes
    back there, and text copied out of a PDF keeps it in its place."""
    texts: dict[int, str] = {}
    previous = None
    for start, end in zip(starts, starts[1:]):
        piece = without_bidi_controls(text[start:end])
        joiners = len(piece) - len(piece.lstrip("\u200c\u200d"))
        if joiners and previous is not None and len(piece) > joiners:
            texts[previous] += piece[:joiners]
            piece = piece[joiners:]
        texts[start] = piece
        previous = start
    return texts


@lru_cache(maxsize=65536)
def _glyph_box(path: str, index: int, gid: int) -> tuple[int, int, int, int] | None:
    """A glyph's ink box in font units (x_bearing, y_bearing, width, height); None if it has no ink."""
    font, _ = _hb_font(path, index)
    extents = font.get_glyph_extents(gid)
    if extents is None or not extents.width or not extents.height:
        return None
    return extents.x_bearing, extents.y_bearing, extents.width, extents.height


RunUnits = tuple[int, int, tuple[int, int, int, int] | None]  # upem, advance, ink box: font units


def run_units(run: Run, bold: bool, language_tag: str) -> RunUnits:
    """(upem, advance, (left, right, top, bottom) or None) of a run in font units: what
    run_ink scales to a size. Shaping does not depend on the size (no hinting), so a layout
    trying many sizes measures each run once and only multiplies."""
    face = project_manifest().face(run.family, bold)
    path, index = str(face.path), face.index
    _, upem = _hb_font(path, index)
    advance, ink = _ink_in_font_units(path, index, run, language_tag)
    return upem, advance, ink


def scaled_ink(units: RunUnits, size_px: int) -> tuple[float, float, float, float, float]:
    """run_ink's answer from run_units at a size: the one place the scaling and rounding happen."""
    upem, advance, ink = units
    if ink is None:
        return advance * size_px / upem, 0.0, 0.0, 0.0, 0.0
    left, right, top, bottom = (value * size_px / upem for value in ink)
    return advance * size_px / upem, math.floor(left), math.ceil(right), math.ceil(top), math.ceil(bottom)


def run_ink(run: Run, size_px: int, bold: bool, language_tag: str) -> tuple[float, float, float, float, float]:
    """(advance, left, right, top, bottom) of a run in pixels from its pen start on the baseline,
    top positive up, bottom positive down; ink from the outlines, rounded outwards to whole
    pixels like a rasteriser's box. HarfBuzz with a cached font object: a Nastaliq line costs
    a fraction of a millisecond here, against about 10 ms through Pillow, which builds its
    shaper afresh for every call."""
    return scaled_ink(run_units(run, bold, language_tag), size_px)


@lru_cache(maxsize=20000)
def _ink_in_font_units(
    path: str, index: int, run: Run, language_tag: str
) -> tuple[int, tuple[int, int, int, int] | None]:
    """(advance, (left, right, top, bottom) or None) of a run in font units, whatever its size:
    the layout asks for the same run at many sizes while it fits a page."""
    buffer = _shaped_buffer(path, index, run, language_tag)
    left, right, top, bottom = math.inf, -math.inf, -math.inf, -math.inf
    pen = 0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions):
        box = _glyph_box(path, index, info.codepoint)
        if box is not None:
            xb, yb, w, h = box
            x0 = pen + position.x_offset + xb
            ink_top = position.y_offset + yb  # y up; an outline's height runs downwards (negative)
            left, right = min(left, x0), max(right, x0 + w)
            top, bottom = max(top, ink_top), max(bottom, -(ink_top + h))
        pen += position.x_advance
    if right == -math.inf:
        return pen, None
    return pen, (int(left), int(right), int(top), int(bottom))


def ink_heights(runs: Iterable[Run], size_px: int, bold: bool, language_tag: str) -> list[float]:
    """Each inked glyph's outline height in pixels (spaces and marks without ink left out): what
    a reader takes a line's size from. A Han or Hangul glyph fills ~0.88 em, a digit ~0.71 em,
    a Latin lowercase letter ~0.54 em, so equal point sizes do not look equal."""
    heights: list[float] = []
    for run in runs:
        face = project_manifest().face(run.family, bold)
        path, index = str(face.path), face.index
        _, upem = _hb_font(path, index)
        heights.extend(height * size_px / upem for height in _ink_heights_in_font_units(path, index, run, language_tag))
    return heights


@lru_cache(maxsize=20000)
def _ink_heights_in_font_units(path: str, index: int, run: Run, language_tag: str) -> tuple[int, ...]:
    """The heights of a run's inked glyphs in font units, in the order shape_run gives its
    glyphs: the same at every size, so the fit's ink cap, which asks at each size it tries,
    shapes a run once instead of once per size."""
    buffer = _shaped_buffer(path, index, run, language_tag)
    boxes = (_glyph_box(path, index, info.codepoint) for info in buffer.glyph_infos)
    return tuple(abs(box[3]) for box in boxes if box is not None)
