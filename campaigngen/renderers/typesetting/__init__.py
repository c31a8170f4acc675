"""Typesetting: runs by glyph coverage, bidi order, raqm shaping, ICU line breaking.

Everything a renderer needs to put multilingual text on a page without tofu, without
broken joining, and without a phone number split or scrambled.
"""

from campaigngen.renderers.typesetting.breaking import break_points, segments
from campaigngen.renderers.typesetting.draw import CENTER, END, START, draw_paragraph
from campaigngen.renderers.typesetting.fonts import ensure_raqm, pil_font
from campaigngen.renderers.typesetting.runs import Run, coverage_runs, visual_runs
from campaigngen.renderers.typesetting.setting import SetLine, SetParagraph, Style, set_paragraph

__all__ = [
    "break_points",
    "segments",
    "CENTER",
    "END",
    "START",
    "draw_paragraph",
    "ensure_raqm",
    "pil_font",
    "Run",
    "coverage_runs",
    "visual_runs",
    "SetLine",
    "SetParagraph",
    "Style",
    "set_paragraph",
]
