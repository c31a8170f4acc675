"""Setting a paragraph: break it into lines that fit a width, and measure the ink.

Widths and heights come from HarfBuzz's shaping of each run (uharfbuzz, with a cached font
object: the glyphs raqm draws for the PNG and the PDF writer places, from the same HarfBuzz
and font file), not from character counts, and every line records its real ink extent so
a page can prove nothing is drawn outside its box. Runs and candidate lines are measured
once per (text, fonts, size).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from campaigngen.renderers.typesetting.breaking import break_points, preferred_points
from campaigngen.renderers.typesetting.fonts import font_metrics_px
from campaigngen.renderers.typesetting.glyphs import RunUnits, run_units, scaled_ink
from campaigngen.renderers.typesetting.runs import Run, coverage_runs, visual_runs
from campaigngen.sources.fonts import FontManifest
from campaigngen.sources.fonts import manifest as project_manifest
from campaigngen.sources.languages import Language


@dataclass(frozen=True)
class Style:
    size_px: int
    bold: bool = False


@dataclass(frozen=True)
class Extent:
    advance: float
    left: float  # ink, relative to the pen start (may be negative)
    right: float
    top: float  # ink above the baseline, positive up
    bottom: float  # ink below the baseline, positive down


@dataclass(frozen=True)
class SetLine:
    text: str
    runs: tuple[Run, ...]  # visual order, left to right
    extent: Extent

    @property
    def ink_width(self) -> float:
        return max(self.extent.advance, self.extent.right) - min(0.0, self.extent.left)


@dataclass(frozen=True)
class SetParagraph:
    language: Language
    style: Style
    lines: tuple[SetLine, ...]
    ascent: float  # baseline of the first line below the paragraph top
    line_gap: float  # baseline to baseline
    descent: float  # last baseline to paragraph bottom
    overflow: bool  # a piece that may not be broken is wider than the box
    # A piece of the language's preferred breaks (a Burmese or Khmer phrase, a Korean word)
    # was wider than the box and broken inside, where readers do not expect a break.
    broken_inside: bool = False

    @property
    def height(self) -> float:
        return self.ascent + self.line_gap * (len(self.lines) - 1) + self.descent if self.lines else 0.0

    @property
    def width(self) -> float:
        return max((line.ink_width for line in self.lines), default=0.0)


def measure_runs(runs: Sequence[Run], style: Style, tag: str) -> Extent:
    return _combined(scaled_ink(run_units(run, style.bold, tag), style.size_px) for run in runs)


def _combined(extents: Iterable[tuple[float, float, float, float, float]]) -> Extent:
    """Runs' (advance, left, right, top, bottom) placed one after another: the line's extent."""
    x = 0.0
    left, right, top, bottom = 0.0, 0.0, 0.0, 0.0
    for advance, run_left, run_right, run_top, run_bottom in extents:
        if run_right > run_left:  # a run of spaces has no ink
            left, right = min(left, x + run_left), max(right, x + run_right)
            top, bottom = max(top, run_top), max(bottom, run_bottom)
        x += advance
    return Extent(x, left, right, top, bottom)


def _line_width(text: str, language: Language, style: Style, manifest: FontManifest, chain) -> float:
    if manifest is project_manifest():
        return _cached_width(text, language.tag, language.is_rtl, style, chain, manifest.path)
    return _measure_width(text, language.tag, language.is_rtl, style, manifest, chain)


@lru_cache(maxsize=50000)
def _cached_width(
    text: str, tag: str, rtl: bool, style: Style, chain: tuple[str, ...], fonts: object
) -> float:  # fonts: the manifest in use, part of the cache key
    """A candidate line's width, once per (text, fonts, size): greedy filling asks for the same
    text again on every fit step, and shaping Nastaliq is not cheap. Scaled from the line's runs
    in font units, measured once for every size (_width_units)."""
    return _width_at(_width_units(text, tag, rtl, style.bold, chain, fonts), style.size_px)


def _width_at(units: Sequence[RunUnits], size_px: int) -> float:
    """measure_runs' ink width of runs at a size, without building their extents: the same
    arithmetic as scaled_ink and _combined (tests hold the two equal), for the fit's hot loop."""
    x = left = right = 0.0
    for upem, advance, ink in units:
        if ink is not None:
            run_left, run_right = math.floor(ink[0] * size_px / upem), math.ceil(ink[1] * size_px / upem)
            if run_right > run_left:  # a run of spaces has no ink
                left, right = min(left, x + run_left), max(right, x + run_right)
        x += advance * size_px / upem
    return max(x, right) - min(0.0, left)


@lru_cache(maxsize=50000)
def _width_units(
    text: str, tag: str, rtl: bool, bold: bool, chain: tuple[str, ...], fonts: object
) -> tuple[RunUnits, ...]:
    """A candidate line's runs in font units, whatever the size: a fit sets the same text at
    every size it tries (keyed as _cached_width, without the size)."""
    return tuple(run_units(run, bold, tag) for run in coverage_runs(text, project_manifest(), chain, rtl))


def _measure_width(text: str, tag: str, rtl: bool, style: Style, manifest: FontManifest, chain) -> float:
    runs = coverage_runs(text, manifest, chain, rtl)
    e = measure_runs(runs, style, tag)
    return max(e.advance, e.right) - min(0.0, e.left)


def _pieces(text: str, language: Language, protected, max_width: float, width) -> tuple[list[str], bool]:
    """The language's preferred pieces (phrases, Korean words); a piece wider than the line
    is cut further at every break ICU allows, so it can still be set (and says so)."""
    every = break_points(text, language.tag, protected)
    pieces, start, cut = [], 0, False
    for point in preferred_points(text, language.tag, language.script, protected):
        if width(text[start:point].rstrip()) > max_width:
            cuts = [p for p in every if start < p < point] + [point]
            pieces += [text[a:b] for a, b in zip([start, *cuts[:-1]], cuts)]
            cut = cut or len(cuts) > 1
        else:
            pieces.append(text[start:point])
        start = point
    return pieces, cut


def font_metrics(families: Sequence[str], style: Style, manifest: FontManifest) -> tuple[float, float]:
    """Ascent and descent wide enough for every family used (Burmese stacks tall)."""
    ascent = descent = 0.0
    for family in families:
        a, d = font_metrics_px(manifest, family, style.size_px, style.bold)
        ascent, descent = max(ascent, a), max(descent, d)
    return ascent, descent


_OPENERS = {"\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"}
_ISOLATES = {"\u2066", "\u2067", "\u2068"}


def _still_open(text: str) -> str:
    """Bidi embeddings, overrides and isolates opened in text and not yet closed, in order."""
    stack: list[str] = []
    for char in text:
        if char in _OPENERS:
            stack.append(char)
        elif char == "\u202c":  # PDF closes the innermost embedding or override
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] not in _ISOLATES:
                    del stack[index:]
                    break
        elif char == "\u2069":  # PDI closes the innermost isolate and all inside it
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] in _ISOLATES:
                    del stack[index:]
                    break
    return "".join(stack)


# Line and paragraph separators (NEL, LS, PS, tab, CR, LF...) inside one message would make
# raqm's bidi pass fail; a message is one paragraph, so they become plain spaces.
# No-break spaces (category Zs) are kept: French puts them before "?" on purpose.
_SEPARATORS_AS_SPACE = str.maketrans({char: " " for char in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"})


MAX_LINE = 1.7  # em; Latin (Noto Sans) is 1.36, Arabic's declared box 2.11, Burmese 2.18, Nastaliq 2.5


def set_paragraph(
    text: str,
    language: Language,
    style: Style,
    max_width: float,
    protected: Sequence[tuple[int, int]] = (),
    manifest: FontManifest | None = None,
    leading: float = 1.0,
) -> SetParagraph:
    """Greedy line filling at break opportunities; spaces at a line end do not count."""
    manifest = manifest or project_manifest()
    # A layout tries many sizes and widths, and the studio lays every format out again at each
    # keystroke with all but one line unchanged: kept by every input (the manifest by identity,
    # held beside the result so it is never another manifest at the same address).
    key = (text, language, style, max_width, tuple(protected), id(manifest), leading)
    return _kept(
        _SET, key, manifest, lambda: _set_paragraph(text, language, style, max_width, protected, manifest, leading)
    )


_SET: dict[tuple, tuple[FontManifest, SetParagraph]] = {}
_KEPT_LIMIT = 20_000  # entries in each of _SET and _BREAKS

R = TypeVar("R")


def _kept(cache: dict[tuple, tuple[FontManifest, R]], key: tuple, manifest: FontManifest, make: Callable[[], R]) -> R:
    """make()'s result, kept in cache by key (which holds id(manifest)): the manifest is held
    beside the result, so a result is never one made with another manifest at the same address."""
    kept = cache.get(key)
    if kept is not None and kept[0] is manifest:
        return kept[1]
    result = make()
    if len(cache) >= _KEPT_LIMIT:
        cache.clear()
    cache[key] = (manifest, result)
    return result


@dataclass(frozen=True)
class LineBreaks:
    """Where set_paragraph breaks a text at a width, before any line is set: its lines'
    text, and its overflow and broken_inside, the same."""

    lines: tuple[str, ...]
    overflow: bool
    broken_inside: bool


def break_lines(
    text: str,
    language: Language,
    style: Style,
    max_width: float,
    protected: Sequence[tuple[int, int]] = (),
    manifest: FontManifest | None = None,
) -> LineBreaks:
    """The lines set_paragraph would make, without setting them (runs in visual order, their
    ink, the font metrics): a search over widths that asks only how many lines a width gives
    (fitting.balanced) pays for the breaking alone, two fifths of setting the paragraph less.
    Kept as set_paragraph's results are."""
    manifest = manifest or project_manifest()
    key = (text, language, style, max_width, tuple(protected), id(manifest))
    return _kept(_BREAKS, key, manifest, lambda: _break_lines(text, language, style, max_width, protected, manifest))


_BREAKS: dict[tuple, tuple[FontManifest, LineBreaks]] = {}


def _break_lines(
    text: str,
    language: Language,
    style: Style,
    max_width: float,
    protected: Sequence[tuple[int, int]],
    manifest: FontManifest,
) -> LineBreaks:
    text = text.translate(_SEPARATORS_AS_SPACE)
    chain = manifest.chain(language)
    lines_text: list[str] = []
    overflow = False
    current = ""

    def width(piece: str) -> float:
        return _line_width(piece, language, style, manifest, chain)

    pieces, broken_inside = _pieces(text, language, protected, max_width, width)
    for piece in pieces:
        candidate = current + piece
        if width(candidate.rstrip()) <= max_width:
            current = candidate
            continue
        if current.strip():
            lines_text.append(current.rstrip())
        current = piece
        if width(piece.rstrip()) > max_width:
            overflow = True
    if current.strip():
        lines_text.append(current.rstrip())
    return LineBreaks(tuple(lines_text), overflow, broken_inside)


def _set_paragraph(
    text: str,
    language: Language,
    style: Style,
    max_width: float,
    protected: Sequence[tuple[int, int]],
    manifest: FontManifest,
    leading: float,
) -> SetParagraph:
    chain = manifest.chain(language)
    breaks = break_lines(text, language, style, max_width, protected, manifest)
    lines_text, overflow, broken_inside = breaks.lines, breaks.overflow, breaks.broken_inside
    lines = []
    families: set[str] = set()
    open_controls = ""
    for line_text in lines_text:
        # An override or isolate opened on an earlier line still holds on this one.
        runs = tuple(visual_runs(open_controls + line_text, manifest, chain, language.is_rtl))
        open_controls = _still_open(open_controls + line_text)
        families.update(run.family for run in runs)
        lines.append(SetLine(line_text, runs, measure_runs(runs, style, language.tag)))
    ascent, descent = font_metrics(sorted(families) or [chain[0]], style, manifest)
    # Fonts for tall scripts (Arabic, Burmese, Nastaliq: 2.1-2.5 em) declare line boxes for
    # their tallest stacks anywhere in the font; lines are spaced at most MAX_LINE em, and the
    # ink of this paragraph's own lines (below) opens them up where it needs to.
    nominal = ascent + descent
    if nominal > MAX_LINE * style.size_px:
        ascent, descent = (v * MAX_LINE * style.size_px / nominal for v in (ascent, descent))
    gap = (ascent + descent) * leading
    # Stacked marks (Vietnamese, Thai, combining sequences) may reach past the font's
    # nominal ascent; the box grows so their ink stays inside it.
    first_top = max([ascent, *(line.extent.top for line in lines[:1])])
    last_bottom = max([descent, *(line.extent.bottom for line in lines[-1:])])
    inner = max([0.0, *(max(a.extent.bottom + b.extent.top - gap, 0.0) for a, b in zip(lines, lines[1:]))])
    return SetParagraph(language, style, tuple(lines), first_top, gap + inner, last_bottom, overflow, broken_inside)
