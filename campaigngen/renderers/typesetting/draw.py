"""Drawing set paragraphs onto a Pillow image, run by run, each with its own font."""

from __future__ import annotations

from PIL import ImageDraw

from campaigngen.renderers.typesetting.fonts import pil_font
from campaigngen.renderers.typesetting.runs import shaping_text
from campaigngen.renderers.typesetting.setting import SetLine, SetParagraph, measure_runs
from campaigngen.sources.fonts import manifest as project_manifest

START, CENTER, END = "start", "center", "end"


def line_left(line: SetLine, x: float, width: float, align: str, rtl: bool) -> float:
    """Pen start of a line inside [x, x + width]; start means right for right-to-left text."""
    ink_width = line.ink_width
    if align == CENTER:
        offset = (width - ink_width) / 2
    elif (align == START) == (not rtl):
        offset = 0.0
    else:
        offset = width - ink_width
    return x + offset - min(0.0, line.extent.left)


def draw_paragraph(
    draw: ImageDraw.ImageDraw, paragraph: SetParagraph, x: float, y: float, width: float, fill, align: str = START
) -> float:
    """Draw with the paragraph's top at y; returns the y just below it."""
    manifest = project_manifest()
    rtl = paragraph.language.is_rtl
    baseline = y + paragraph.ascent
    for line in paragraph.lines:
        pen = line_left(line, x, width, align, rtl)
        for run in line.runs:
            font = pil_font(manifest, run.family, paragraph.style.size_px, paragraph.style.bold)
            draw.text(
                (pen, baseline),
                shaping_text(run),
                font=font,
                fill=fill,
                anchor="ls",
                direction="rtl" if run.rtl else "ltr",
                language=paragraph.language.tag,
            )
            pen += measure_runs([run], paragraph.style, paragraph.language.tag).advance
        baseline += paragraph.line_gap
    return y + paragraph.height
