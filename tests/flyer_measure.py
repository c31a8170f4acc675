"""Measuring a rendered flyer as a reader sees it: where the layout put a line (the plan says
where to look), how tall its ink is (the pixels say)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

from campaigngen.renderers.flyer.plan import SLUG_IN, CropMarks, TextItem
from campaigngen.renderers.typesetting.draw import line_left
from campaigngen.renderers.typesetting.runs import Run, without_bidi_controls
from campaigngen.renderers.typesetting.setting import measure_runs


@dataclass(frozen=True)
class RunBox:
    item: TextItem
    left: float
    right: float
    baseline: float


def offset_of(plan) -> int:
    """The PNG's pixels start a slug before the page when the page has crop marks."""
    return int(round(SLUG_IN * 300)) if any(isinstance(m, CropMarks) for m in plan.marks) else 0


def run_boxes(plan, wanted: str) -> list[RunBox]:
    """Where `wanted` sits on the page, in each left-to-right run that holds it (bidi controls
    ignored): "1-888-373-7888" alone, or inside "Call 1-888-373-7888"."""
    found = []
    for item in plan.placed():
        if not isinstance(item, TextItem):
            continue
        paragraph = item.paragraph
        baseline = item.y + paragraph.ascent
        for line in paragraph.lines:
            pen = line_left(line, item.x, item.width, item.align, paragraph.language.is_rtl)
            for run in line.runs:
                style, tag = paragraph.style, paragraph.language.tag
                advance = measure_runs([run], style, tag).advance
                text = without_bidi_controls(run.text)
                if wanted in text and not run.rtl:
                    before = text[: text.index(wanted)]
                    start = measure_runs([Run(before, run.family)], style, tag).advance if before else 0.0
                    width = measure_runs([Run(wanted, run.family)], style, tag).advance
                    found.append(RunBox(item, pen + start, pen + start + width, baseline))
                pen += advance
            baseline += paragraph.line_gap
    return found


def first_letter_box(item: TextItem) -> RunBox:
    """The headline's first letter (left to right text)."""
    paragraph = item.paragraph
    line = paragraph.lines[0]
    run = line.runs[0]
    first = without_bidi_controls(run.text)[0]
    pen = line_left(line, item.x, item.width, item.align, paragraph.language.is_rtl)
    advance = measure_runs([Run(first, run.family, run.rtl)], paragraph.style, paragraph.language.tag).advance
    return RunBox(item, pen, pen + advance, item.y + paragraph.ascent)


def ink_height(image: Image.Image, box: RunBox, offset: int = 0) -> int:
    """Height of the band of ink rows in the run's columns that holds the middle of its letters
    (a third of the size above the baseline), grown up and down to the first empty rows: the
    lines above and below are not counted. Ink is a pixel nearer the text's colour than the
    background's (the region's commonest value other than the text's)."""
    size = box.item.paragraph.style.size_px
    grey = np.asarray(image.convert("L"), dtype=np.int16)
    top = max(0, int(box.baseline - 2 * size) + offset)
    bottom = int(box.baseline + size) + offset
    left, right = int(box.left) + 1 + offset, int(box.right) - 1 + offset
    region = grey[top:bottom, left:right]
    fill = int(round(0.299 * box.item.fill[0] + 0.587 * box.item.fill[1] + 0.114 * box.item.fill[2]))
    # The commonest value not the text's own: white digits on a panel near the page's white
    # margin are measured against the panel.
    values, counts = np.unique(region[np.abs(region - fill) > 24], return_counts=True)
    background = int(values[counts.argmax()])
    inked = (np.abs(region - fill) < np.abs(region - background)).any(axis=1)
    middle = int(box.baseline - size / 3) + offset - top
    if not inked[middle]:
        return 0
    first = last = middle
    while first > 0 and inked[first - 1]:
        first -= 1
    while last < len(inked) - 1 and inked[last + 1]:
        last += 1
    return last - first + 1


def tesseract_env() -> dict[str, str]:
    """The environment Tesseract runs in: this process's, on one thread. Its OpenMP threads
    spin while they wait, which cost 30-50 % more CPU for the same text (a sample flyer read
    with and without the limit gave the same output, byte for byte)."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def tesseract_text(image, psm: int, lang: str = "eng") -> str:
    """What Tesseract reads off a PIL image, as a receiver's OCR would, in the given page
    segmentation mode (7: one line; 11: sparse text anywhere) and language pack (eng, ara,
    hin, tha: Makefile's SYSTEM_PACKAGES)."""
    import io
    import subprocess

    buffer = io.BytesIO()
    image.save(buffer, format="PPM")  # the same pixels as a PNG, without compressing and inflating them
    return subprocess.run(
        ["tesseract", "stdin", "-", "--psm", str(psm), "-l", lang],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
        env=tesseract_env(),
    ).stdout.decode()
