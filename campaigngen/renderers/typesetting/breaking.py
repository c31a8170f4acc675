"""Where a line may break: Unicode line breaking (UAX #14) by ICU, plus the rules print adds.

ICU's line breaker uses dictionaries for Thai, Lao, Khmer and Burmese, which write no spaces
between words, and implements kinsoku for CJK. On top of it: never inside a contact detail
(a phone number split over two lines is a wrong number), never before closing punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import icu

# Characters a line must not start with (closing brackets, CJK full stops and commas,
# small kana, iteration marks); ICU already forbids most, this makes it a guarantee.
NO_LINE_START = frozenset(
    ")]}>»›’”、。，．,.:;!?！？：；）〕〉》」』】〙〗〟｠ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻…‥・･"
)
# Characters a line must not end with (opening brackets and quotes).
NO_LINE_END = frozenset("([{<«‹‘“（〔〈《「『【〘〖〝｟")


DICTIONARY_SCRIPTS = frozenset({"Thai", "Mymr", "Khmr", "Laoo"})
KINSOKU_SCRIPTS = frozenset({"Hans", "Hant", "Jpan", "Kore"})


def breaking_method(script: str) -> str:
    """How lines of this script are broken, in words for the support table."""
    if script in DICTIONARY_SCRIPTS:
        return "ICU dictionary (no spaces)"
    if script in KINSOKU_SCRIPTS:
        return "ICU UAX #14 + kinsoku"
    return "ICU UAX #14"


def utf16_index_map(text: str) -> dict[int, int]:
    """ICU speaks UTF-16 offsets; Python strings are indexed by code point."""
    mapping, offset = {}, 0
    for index, char in enumerate(text):
        mapping[offset] = index
        offset += 2 if ord(char) > 0xFFFF else 1
    mapping[offset] = len(text)
    return mapping


@lru_cache(maxsize=64)
def _line_breaker(tag: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale.forLanguageTag(tag))


def break_points(text: str, language_tag: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Code point offsets where a new line may begin, ascending, always ending with len(text)."""
    if not text:
        return [0]
    breaker = _line_breaker(language_tag.split("-X")[0] if "-X" in language_tag else language_tag)
    breaker.setText(text)
    to_index = utf16_index_map(text)
    points = []
    for offset in breaker:
        index = to_index.get(offset)
        if index is None or index <= 0 or index >= len(text):
            continue
        if any(start < index < end for start, end in protected):
            continue
        if text[index] in NO_LINE_START or text[index - 1] in NO_LINE_END:
            continue
        points.append(index)
    points.append(len(text))
    return points


def segments(text: str, language_tag: str, protected: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The text cut at every break opportunity; joined back they give the text."""
    pieces, start = [], 0
    for point in break_points(text, language_tag, protected):
        if point > start:
            pieces.append(text[start:point])
            start = point
    return pieces
