"""Fit one text into one box: the largest size from max down to min at which it fits.

The single-box case of auto-fit, used for free-standing labels and by the property tests:
text either comes back set inside the box or the caller gets the error a user would see.
"""

from __future__ import annotations

from campaigngen.exceptions import LayoutFitError, MissingGlyphsError
from campaigngen.renderers.typesetting.setting import SetParagraph, Style, set_paragraph
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import Language


def fit_paragraph(text: str, language: Language, width: float, height: float, max_px: int, min_px: int, *,
                  bold: bool = False, format_name: str = "box", message_id: str = "text") -> SetParagraph:
    missing = manifest().missing_characters(text, manifest().chain(language))
    if missing:
        raise MissingGlyphsError(format_name=format_name, language=language.tag, message_id=message_id,
                                 chars=missing)
    size = max_px
    while True:
        paragraph = set_paragraph(text, language, Style(size, bold), width)
        if not paragraph.overflow and paragraph.height <= height and paragraph.width <= width:
            return paragraph
        if size <= min_px:
            reason = "a piece that may not be broken is too wide" if paragraph.overflow else \
                f"needs {paragraph.height:.0f} px of {height:.0f} px"
            raise LayoutFitError(format_name=format_name, language=language.tag, message_id=message_id,
                                 detail=f"{reason} at the minimum size {min_px} px")
        size = max(min_px, int(size * 0.9))
