"""Auto-fit: shrink all type together until the page fits, never below the format minimum."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from campaigngen.exceptions import MissingGlyphsError
from campaigngen.renderers.flyer.content import Block
from campaigngen.renderers.flyer.formats import DPI, POINTS_PER_INCH
from campaigngen.renderers.typesetting import SetParagraph, Style, set_paragraph
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import Language

SHRINK = 0.93  # each step: small enough to land close to the largest size that fits
REFINE_STEPS = 3  # then halve the last step three times: within 1 % of the largest size that fits


@dataclass(frozen=True)
class Misfit:
    message_id: str
    detail: str


class DoesNotFit(Exception):
    def __init__(self, misfit: Misfit):
        super().__init__(misfit.detail)
        self.misfit = misfit


def setter(language: Language, sizes_pt: Mapping[str, float]) -> Callable[..., SetParagraph]:
    """Sets a block in a type role; raises DoesNotFit when a piece cannot be broken narrow enough."""

    def set_block(block: Block, role: str, width: float, bold: bool = False) -> SetParagraph:
        px = max(1, int(round(sizes_pt[role] * DPI / POINTS_PER_INCH)))
        paragraph = set_paragraph(block.text, language, Style(px, bold), width, block.protected)
        if paragraph.overflow:
            raise DoesNotFit(
                Misfit(
                    block.message_id,
                    f"a word or the number is wider than its {width / DPI:.2f} in column at {sizes_pt[role]:.1f} pt",
                )
            )
        return paragraph

    return set_block


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
    try_layout: Callable[[float], T], base_pt: Mapping[str, float], main_role: str, min_pt: float
) -> tuple[T, float]:
    """Largest scale at which try_layout succeeds; the last try is at the minimum size."""
    floor = min_pt / base_pt[main_role]
    scale = 1.0
    failed: float | None = None  # the smallest scale tried that did not fit
    while True:
        try:
            result = try_layout(scale)
            break
        except DoesNotFit:
            failed = scale
            if scale <= floor:
                raise
        scale = max(floor, scale * SHRINK)
    # One step of SHRINK can leave a band of empty page: halve the gap to the size that failed.
    if failed is not None:
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
