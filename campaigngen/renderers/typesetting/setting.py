"""Setting a paragraph: break it into lines that fit a width, and measure the ink.

Widths and heights come from raqm's shaped layout of each run, not from character
counts, and every line records its real ink extent so a page can prove nothing is drawn
outside its box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from campaigngen.renderers.typesetting.breaking import segments
from campaigngen.renderers.typesetting.fonts import pil_font
from campaigngen.renderers.typesetting.runs import Run, coverage_runs, shaping_text, visual_runs
from campaigngen.sources.fonts import FontManifest, manifest as project_manifest
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

    @property
    def height(self) -> float:
        return self.ascent + self.line_gap * (len(self.lines) - 1) + self.descent if self.lines else 0.0

    @property
    def width(self) -> float:
        return max((line.ink_width for line in self.lines), default=0.0)


@lru_cache(maxsize=20000)
def _run_extent(family: str, size_px: int, bold: bool, text: str, rtl: bool, tag: str) -> Extent:
    manifest = project_manifest()
    font = pil_font(manifest, family, size_px, bold)
    shaped = shaping_text(Run(text, family, rtl))
    direction = "rtl" if rtl else "ltr"
    advance = font.getlength(shaped, direction=direction, language=tag)
    left, top, right, bottom = font.getbbox(shaped, anchor="ls", direction=direction, language=tag)
    return Extent(advance, left, right, -top, bottom)


def measure_runs(runs: Sequence[Run], style: Style, tag: str) -> Extent:
    x = 0.0
    left, right, top, bottom = 0.0, 0.0, 0.0, 0.0
    for run in runs:
        e = _run_extent(run.family, style.size_px, style.bold, run.text, run.rtl, tag)
        if e.right > e.left:  # a run of spaces has no ink
            left, right = min(left, x + e.left), max(right, x + e.right)
            top, bottom = max(top, e.top), max(bottom, e.bottom)
        x += e.advance
    return Extent(x, left, right, top, bottom)


def _line_width(text: str, language: Language, style: Style, manifest: FontManifest, chain) -> float:
    runs = coverage_runs(text, manifest, chain, language.is_rtl)
    e = measure_runs(runs, style, language.tag)
    return max(e.advance, e.right) - min(0.0, e.left)


def font_metrics(families: Sequence[str], style: Style, manifest: FontManifest) -> tuple[float, float]:
    """Ascent and descent wide enough for every family used (Burmese stacks tall)."""
    ascent = descent = 0.0
    for family in families:
        a, d = pil_font(manifest, family, style.size_px, style.bold).getmetrics()
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
_SEPARATORS_AS_SPACE = str.maketrans({
    char: " " for char in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
})


def set_paragraph(text: str, language: Language, style: Style, max_width: float,
                  protected: Sequence[tuple[int, int]] = (), manifest: FontManifest | None = None,
                  leading: float = 1.0) -> SetParagraph:
    """Greedy line filling at break opportunities; spaces at a line end do not count."""
    text = text.translate(_SEPARATORS_AS_SPACE)
    manifest = manifest or project_manifest()
    chain = manifest.chain(language)
    lines_text: list[str] = []
    overflow = False
    current = ""
    for piece in segments(text, language.tag, protected):
        candidate = current + piece
        if _line_width(candidate.rstrip(), language, style, manifest, chain) <= max_width:
            current = candidate
            continue
        if current.strip():
            lines_text.append(current.rstrip())
        current = piece
        if _line_width(piece.rstrip(), language, style, manifest, chain) > max_width:
            overflow = True
    if current.strip():
        lines_text.append(current.rstrip())
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
    gap = (ascent + descent) * leading
    # Stacked marks (Vietnamese, Thai, combining sequences) may reach past the font's
    # nominal ascent; the box grows so their ink stays inside it.
    first_top = max([ascent, *(line.extent.top for line in lines[:1])])
    last_bottom = max([descent, *(line.extent.bottom for line in lines[-1:])])
    inner = max([0.0, *(max(a.extent.bottom + b.extent.top - gap, 0.0) for a, b in zip(lines, lines[1:]))])
    return SetParagraph(language, style, tuple(lines), first_top, gap + inner, last_bottom, overflow)
