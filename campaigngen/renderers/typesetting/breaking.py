"""Where a line may break: Unicode line breaking (UAX #14) by ICU, plus the rules print adds,
and each language's own policy, decided here and nowhere else.

ICU's line breaker uses dictionaries for Thai, Lao, Khmer and Burmese, which write no spaces
between words, and implements kinsoku for CJK. On top of it: never inside a contact detail
(a phone number split over two lines is a wrong number), never before closing punctuation,
never after a mark a reader's copy would join away (`JOINED_AT_LINE_END`).

Policies (the language registry's `line_breaking` for the languages it lists, else by script):
- Korean is set keep-all (CSS `word-break: keep-all`): lines break at spaces, never between
  two Hangul syllables of one word (ICU's default breaks anywhere between syllables).
- Burmese and Khmer write spaces between phrases and none between words: a line breaks at a
  space first; a phrase wider than the line is broken at ICU's dictionary word breaks.
- Thai (and Lao) are broken by ICU's dictionary, as the spaces mark sentences, not phrases.
- Everything else takes ICU's UAX #14 breaks (with kinsoku for Chinese and Japanese).

A policy gives two levels of break points: `preferred` (the ones a reader expects) and
`fallback` (every ICU break, used only inside a piece too wide for the line), so a long
Korean word or Burmese phrase still fits a narrow column instead of failing the layout.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import icu

from campaigngen.sources.registry import facts, script_defaults

# Characters a line must not start with (closing brackets, CJK full stops and commas,
# small kana, iteration marks); ICU already forbids most, this makes it a guarantee.
NO_LINE_START = frozenset(
    ")]}>»›’”、。，．,.:;!?！？：；）〕〉》」』】〙〗〟｠ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻…‥・･"
)
# Characters a line must not end with (opening brackets and quotes).
NO_LINE_END = frozenset("([{<«‹‘“（〔〈《「『【〘〖〝｟")

# A line that ends in one of these is joined to the next when text is copied out of a PDF,
# and the mark is lost: the Mam "n-ok" broken after its hyphen copies out of poppler's
# pdftotext (22.12) as "nok" and out of PDFium (Chrome's viewer, 159) as "n\ufffeok". Both
# treat a line-end HYPHEN-MINUS as a word split by hyphenation; PDFium also SOFT HYPHEN.
# Every other dash or hyphen measured (U+2010 HYPHEN, U+2012-U+2014, U+2E17) copies out as
# written, so a line may still break after them. A word is kept whole instead: what a reader
# copies must be the text (a smaller size is the fit's business, a wrong word nobody's).
JOINED_AT_LINE_END = frozenset("-\u00ad")

UAX14, KEEP_ALL, PHRASES, DICTIONARY, KINSOKU = "uax14", "keep-all", "phrases", "dictionary", "kinsoku"


@dataclass(frozen=True)
class BreakPolicy:
    name: str
    description: str  # for `campaigngen languages`


_POLICY_TABLE = {
    UAX14: BreakPolicy(UAX14, "ICU UAX #14"),
    KEEP_ALL: BreakPolicy(KEEP_ALL, "keep-all: at spaces"),
    PHRASES: BreakPolicy(PHRASES, "at spaces, then dictionary"),
    DICTIONARY: BreakPolicy(DICTIONARY, "ICU dictionary (no spaces)"),
    KINSOKU: BreakPolicy(KINSOKU, "ICU UAX #14 + kinsoku"),
}


# The registry names each language's policy; a language outside it breaks as its script does.
def policy_for(language_tag: str, script: str) -> BreakPolicy:
    entry = facts(language_tag)
    if entry is not None:
        return _POLICY_TABLE[entry.line_breaking]
    return _POLICY_TABLE[script_defaults(script).line_breaking]


def breaking_method(language_tag: str, script: str) -> str:
    """How lines of this language are broken, in words for the support table."""
    return policy_for(language_tag, script).description


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


def _icu_tag(language_tag: str) -> str:
    return language_tag.split("-X")[0] if "-X" in language_tag else language_tag


@lru_cache(maxsize=4096)
def _icu_points(text: str, language_tag: str) -> tuple[int, ...]:
    breaker = _line_breaker(_icu_tag(language_tag))
    breaker.setText(text)
    to_index = utf16_index_map(text)
    return tuple(to_index[offset] for offset in breaker if offset in to_index)


def break_points(text: str, language_tag: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Code point offsets where a new line may begin (every ICU break print allows),
    ascending, always ending with len(text)."""
    return list(_break_points(text, language_tag, tuple(protected)))


@lru_cache(maxsize=8192)
def _break_points(text: str, language_tag: str, protected: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Asked again at every size a layout tries: kept by every input."""
    if not text:
        return (0,)
    points = []
    for index in _icu_points(text, language_tag):
        if index <= 0 or index >= len(text):
            continue
        if any(start < index < end for start, end in protected):
            continue
        if text[index] in NO_LINE_START or text[index - 1] in NO_LINE_END:
            continue
        if _line_end(text, index) in JOINED_AT_LINE_END:
            continue
        points.append(index)
    points.append(len(text))
    return tuple(points)


def _line_end(text: str, index: int) -> str:
    """The last character a line broken at index ends with (its trailing spaces are not set)."""
    end = index
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end else ""


def _visible_neighbours(text: str, index: int) -> tuple[str, str]:
    """The nearest drawn characters before and after a break (bidi isolates draw nothing)."""
    before = next((c for c in reversed(text[:index]) if unicodedata.category(c) not in ("Cf", "Cc")), "")
    after = next((c for c in text[index:] if unicodedata.category(c) not in ("Cf", "Cc")), "")
    return before, after


def preferred_points(text: str, language_tag: str, script: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The breaks the language's readers expect: a subset of break_points."""
    points = break_points(text, language_tag, protected)
    name = policy_for(language_tag, script).name
    if name == KEEP_ALL:
        # No break between two letters or digits: inside a word (Hangul syllables, or a
        # particle glued to the number) lines never break.
        def keeps(i: int) -> bool:
            before, after = _visible_neighbours(text, i)
            return not (before.isalnum() and after.isalnum())
    elif name == PHRASES:

        def keeps(i: int) -> bool:
            return text[i - 1].isspace()
    else:
        return points
    return [i for i in points[:-1] if keeps(i)] + [len(text)]


def pieces_at(text: str, points: Sequence[int]) -> list[str]:
    pieces, start = [], 0
    for point in points:
        if point > start:
            pieces.append(text[start:point])
            start = point
    return pieces


def segments(text: str, language_tag: str, protected: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The text cut at every break opportunity; joined back they give the text."""
    return pieces_at(text, break_points(text, language_tag, protected))
