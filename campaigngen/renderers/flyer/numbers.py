"""The number as laid out, read back before a flyer counts as made.

The config is validated, but the page is what a victim dials from. So the laid-out lines
are read in visual order (as the eye meets them: right-to-left runs reversed) and every
phone-like digit sequence on the page must be a configured number, printed exactly as
configured; a line whose message carries {phone} must show it whole. A direction override
that slipped in anywhere ("1-888-373-7888" shown as "1-888-8887-373") is caught here,
without OCR, from the layout itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from campaigngen.exceptions import WrongNumberPrinted
from campaigngen.renderers.flyer.plan import FrameItem, TextItem
from campaigngen.sources.text_safety import BIDI_CONTROLS

# Digits joined by what people put between them; five or more digits make a phone-like run
# ("24 hours", "7 days" and a year stay ordinary text).
_NUMBER_RUN = re.compile(r"\+?\d[\d\s().\-\u2010-\u2015]*\d")
_MIN_DIGITS = 5


def visual_lines(item: TextItem) -> list[str]:
    lines = []
    for line in item.paragraph.lines:
        text = "".join(run.text[::-1] if run.rtl else run.text for run in line.runs)
        lines.append("".join(ch for ch in text if ch not in BIDI_CONTROLS))
    return lines


def text_items(items: Sequence) -> Iterator[TextItem]:
    for item in items:
        if isinstance(item, TextItem):
            yield item
        elif isinstance(item, FrameItem):
            yield from text_items(item.items)


def verify_printed_numbers(
    items: Sequence, numbers: Sequence[str], must_show: Mapping[str, Sequence[str]], *, language: str, target: str
) -> None:
    """numbers: the configured numbers as printed; must_show: message id -> numbers its text
    carries. WrongNumberPrinted names the first number on the page that is not configured."""
    allowed = {re.sub(r"\D", "", n): n for n in numbers}
    # A message may be set as several items (the call line's words around the number's own
    # line): the number must stand whole on a line of one of them.
    shown: dict[str, list[str]] = {}
    for item in text_items(items):
        shown.setdefault(item.message_id, []).extend(visual_lines(item))
    for item in text_items(items):
        for line in visual_lines(item):
            for match in _NUMBER_RUN.finditer(line):
                printed = match.group(0).strip()
                digits = re.sub(r"\D", "", printed)
                if len(digits) >= _MIN_DIGITS and (digits not in allowed or allowed[digits] not in line):
                    raise WrongNumberPrinted(
                        f"{target} [{language}] message '{item.message_id}' would print "
                        f"'{printed}', which is not the configured number - nothing was made",
                        language=language,
                        message_id=item.message_id,
                        target=target,
                        detail={"format": target, "message_id": item.message_id, "printed": printed},
                    )
    for message_id, lines in shown.items():
        for number in must_show.get(message_id, ()):
            if not any(number in line for line in lines):
                raise WrongNumberPrinted(
                    f"{target} [{language}] message '{message_id}' does not show "
                    f"{number} whole on one line - nothing was made",
                    language=language,
                    message_id=message_id,
                    target=target,
                    detail={"format": target, "message_id": message_id, "number": number},
                )
