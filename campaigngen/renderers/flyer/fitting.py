"""Auto-fit: shrink all type together until the page fits, never below the format minimum."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from campaigngen.exceptions import MissingGlyphsError
from campaigngen.renderers.flyer.content import Block
from campaigngen.renderers.flyer.formats import DPI, POINTS_PER_INCH
from campaigngen.renderers.typesetting import SetParagraph, Style, set_paragraph
from campaigngen.renderers.typesetting.glyphs import ink_heights
from campaigngen.renderers.typesetting.setting import LineBreaks, break_lines
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import Language, parse_language

SHRINK = 0.93  # each step: small enough to land close to the largest size that fits
REFINE_STEPS = 3  # then halve the last step three times: within 1 % of the largest size that fits
NUMBER_ROLE = "number"
HEADLINE_ROLE = "headline"
BALANCE_STEPS = 6  # halvings of the width range: within 1/64 of the narrowest width that keeps the lines
# The number's digits look at least this much larger than any other line, measured as a reader
# sees size: the median of a line's glyph ink heights (x-height for Latin, the whole square for
# Han and Hangul), not its point size.
DOMINANCE = 1.15
_LATIN = parse_language("en")


@dataclass(frozen=True)
class Misfit:
    message_id: str
    detail: str


class DoesNotFit(Exception):
    def __init__(self, misfit: Misfit):
        super().__init__(misfit.detail)
        self.misfit = misfit


def setter(
    language: Language, sizes_pt: Mapping[str, float], number_pt: float | None = None
) -> Callable[..., SetParagraph]:
    """Sets a block in a type role; raises DoesNotFit when a piece cannot be broken narrow enough.
    Where sizes_pt has the number's size, every other role is set smaller where it must be so
    that no line's typical glyph ink is above the number's digits' over DOMINANCE; number_pt
    names the page's number where the number role is set at another size (a sheet section's
    call line, its number at the call line's size below the page's panel)."""
    page_number = number_pt if number_pt is not None else sizes_pt.get(NUMBER_ROLE)
    ceiling = digit_ink(page_number) / DOMINANCE if page_number is not None else None

    def set_block(block: Block, role: str, width: float, bold: bool = False) -> SetParagraph:
        px = max(1, int(round(sizes_pt[role] * DPI / POINTS_PER_INCH)))
        paragraph = set_paragraph(block.text, language, Style(px, bold), width, block.protected)
        if ceiling is not None and role != NUMBER_ROLE:
            # Ink scales with size, but a smaller size can break into other lines: measure again.
            while px > 1 and (tallest := tallest_line_ink(paragraph)) > ceiling:
                px = max(1, min(px - 1, int(px * ceiling / tallest)))
                paragraph = set_paragraph(block.text, language, Style(px, bold), width, block.protected)
        if role == HEADLINE_ROLE:
            style = Style(px, bold)
            paragraph = balanced(
                paragraph,
                lambda w: set_paragraph(block.text, language, style, w, block.protected),
                lambda w: break_lines(block.text, language, style, w, block.protected),
            )
        if paragraph.overflow:
            raise DoesNotFit(
                Misfit(
                    block.message_id,
                    f"a word or the number is wider than its {width / DPI:.2f} in column at {sizes_pt[role]:.1f} pt",
                )
            )
        return paragraph

    return set_block


def balanced(
    paragraph: SetParagraph,
    set_at: Callable[[float], SetParagraph],
    breaks_at: Callable[[float], LineBreaks],
) -> SetParagraph:
    """The paragraph on as many lines, set in the narrowest width that keeps their count, so
    its lines are of even length and a last word ("吗？", "있나요?") does not stand alone.
    Never narrower than keeps the language's own breaks: a width that cuts a Karen phrase
    or a Korean word its full width did not cut is no better balance. The widths tried are
    only broken into lines (breaks_at); the one chosen is set (set_at)."""
    count = len(paragraph.lines)
    if count < 2 or paragraph.overflow:
        return paragraph
    width = paragraph.width
    low, high, best = width / count, width, None
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        candidate = breaks_at(middle)
        if (
            len(candidate.lines) == count
            and not candidate.overflow
            and (paragraph.broken_inside or not candidate.broken_inside)
        ):
            best, high = middle, middle
        else:
            low = middle
    return paragraph if best is None else set_at(best)


def size_set_pt(paragraph: SetParagraph, role_pt: float) -> float:
    """The size a block was set at, for the type-size check: its role's, or the smaller size
    the ink cap chose."""
    role_px = max(1, int(round(role_pt * DPI / POINTS_PER_INCH)))
    return role_pt if paragraph.style.size_px >= role_px else paragraph.style.size_px * POINTS_PER_INCH / DPI


def line_ink(paragraph: SetParagraph, line_index: int) -> float:
    """A line's typical glyph ink height in pixels: the median over its glyphs' outlines."""
    heights = ink_heights(
        paragraph.lines[line_index].runs, paragraph.style.size_px, paragraph.style.bold, paragraph.language.tag
    )
    return statistics.median(heights) if heights else 0.0


def tallest_line_ink(paragraph: SetParagraph) -> float:
    # Set paragraphs are kept and handed out again (typesetting.set_paragraph): their ink is
    # measured once, by identity, the paragraph held beside its value.
    kept = _TALLEST.get(id(paragraph))
    if kept is not None and kept[0] is paragraph:
        return kept[1]
    tallest = max((line_ink(paragraph, i) for i in range(len(paragraph.lines))), default=0.0)
    if len(_TALLEST) >= 20_000:
        _TALLEST.clear()
    _TALLEST[id(paragraph)] = (paragraph, tallest)
    return tallest


_TALLEST: dict[int, tuple[SetParagraph, float]] = {}


def ink_cap_pt(block: Block, language: Language, number_pt: float, bold: bool = True) -> float:
    """The largest size at which the block, set on one line, keeps its typical glyph ink at
    most the number's digits' over DOMINANCE: a base size that keeps a page's hierarchy, where
    the setter's own cap would shrink one role alone."""
    probe_px = 100
    line = set_paragraph(block.text, language, Style(probe_px, bold), 1e9, block.protected)
    typical = line_ink(line, 0) if line.lines else 0.0
    if typical <= 0:
        return math.inf
    return digit_ink(number_pt) / DOMINANCE * probe_px / typical * POINTS_PER_INCH / DPI


@lru_cache(maxsize=256)
def digit_ink(number_pt: float) -> float:
    """The ink height in pixels of the shortest of the digits 0-9 at the number's size (bold,
    from the Latin font, as every number is set): any number's median digit is at least this."""
    px = max(1, int(round(number_pt * DPI / POINTS_PER_INCH)))
    digits = set_paragraph("0123456789", _LATIN, Style(px, True), 1e9)
    return min(h for line in digits.lines for h in ink_heights(line.runs, px, True, _LATIN.tag))


def check_glyphs(blocks, language: Language, format_name: str) -> None:
    chain = manifest().chain(language)
    for block in blocks:
        missing = manifest().missing_characters(block.text, chain)
        if missing:
            raise MissingGlyphsError(
                format_name=format_name, language=language.tag, message_id=block.message_id, chars=missing
            )


T = TypeVar("T")  # what a layout attempt makes (a Plan)


def fit(
    try_layout: Callable[[float], T],
    base_pt: Mapping[str, float],
    main_role: str,
    min_pt: float,
) -> tuple[T, float]:
    """Largest scale on the ladder 1, SHRINK, SHRINK^2 ... (down to the minimum size) at which
    try_layout succeeds, then refined between it and the step above that failed; DoesNotFit
    (the one the minimum size raised) where the minimum does not fit either.

    A smaller size fits wherever a larger one does (less text on more lines in the same room),
    so the ladder is searched, not walked: the minimum first, then the full size, then halving
    the steps between the two. That finds the same step as walking down from the top in about
    half the layouts (each layout sets every paragraph again at its sizes) and gives up a
    hopeless search in one. The minimum comes first because hopeless searches are the common
    ones: a body in one column where two are the fallback fails even at the minimum in 310 of
    a cold check's 577 searches of the sample, where only 2 fit at full size (which now take
    two layouts instead of one)."""
    floor = min_pt / base_pt[main_role]
    ladder = [1.0]
    while ladder[-1] > floor:
        ladder.append(max(floor, ladder[-1] * SHRINK))
    if len(ladder) == 1:
        return try_layout(1.0), 1.0
    fits_at, result = len(ladder) - 1, try_layout(ladder[-1])  # DoesNotFit: nothing above will fit either
    try:
        return try_layout(1.0), 1.0
    except DoesNotFit:
        pass
    fails_at = 0
    while fits_at - fails_at > 1:
        step = (fails_at + fits_at) // 2
        try:
            result, fits_at = try_layout(ladder[step]), step
        except DoesNotFit:
            fails_at = step
    return refine(try_layout, result, ladder[fits_at], ladder[fails_at])


def refine(try_layout: Callable[[float], T], result: T, scale: float, failed: float) -> tuple[T, float]:
    """The layout made at `scale`, moved REFINE_STEPS halvings towards the larger `failed`
    scale: one step of SHRINK can leave a band of empty page."""
    for _ in range(REFINE_STEPS):
        middle = (scale + failed) / 2
        try:
            result, scale = try_layout(middle), middle
        except DoesNotFit:
            failed = middle
    return result, scale


def sizes_at(base_pt: Mapping[str, float], scale: float, min_pt: float) -> dict[str, float]:
    """Every role scaled together; the smaller roles stop at the legal minimum."""
    return {role: max(min_pt, size * scale) for role, size in base_pt.items()}


def one_line_if_possible(
    language: Language,
    sizes: Mapping[str, float],
    block: Block,
    role: str,
    width: float,
    floor_pt: float,
    bold: bool = False,
) -> tuple[SetParagraph, float]:
    """The call line reads best unbroken: shrink it a little (not below floor_pt) to keep it on one line."""
    size = sizes[role]
    while True:
        paragraph = setter(language, {role: size})(block, role, width, bold)
        if len(paragraph.lines) <= 1 or size <= floor_pt:
            return paragraph, size
        size = max(floor_pt, size * 0.95)
