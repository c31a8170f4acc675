"""Contact placeholders: the only way a phone number, text line or URL enters text (and the
language's English name, which a caller says to reach an interpreter).

Translatable text carries ``{phone}``; the number itself lives in campaign config and is
substituted at render time, so no catalog edit can change what a reader is told to dial.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDERS: tuple[str, ...] = ("phone", "url", "text_number", "text_keyword", "language_en")
TEXT_LINE_PLACEHOLDERS = frozenset({"text_number", "text_keyword"})
# The reader's language as a caller names it to an English-speaking hotline that connects an
# interpreter ("Spanish"): from the language registry, never from the translator.
LANGUAGE_EN = "language_en"

# Python brace format, as Weblate's python-brace-format flag understands it; group 1 is the
# name. The one pattern every stage uses to find, blank out or protect a placeholder.
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}]*)\}")


def find_placeholders(text: str) -> list[str]:
    """Names of every ``{name}`` in text, in order, repeats kept."""
    return PLACEHOLDER_PATTERN.findall(text)


def stray_braces(text: str) -> bool:
    """A '{' or '}' that is not part of a placeholder: a broken one ("{phone") or an escape
    ("{{phone}}") that would print braces around the number."""
    leftover = PLACEHOLDER_PATTERN.sub("", text)
    return "{" in leftover or "}" in leftover


def placeholders_match(source: str, translation: str) -> bool:
    """The same placeholders the same number of times, and no stray brace: the translation can
    be filled with the source's values without printing or losing anything."""
    return sorted(find_placeholders(source)) == sorted(find_placeholders(translation)) and not stray_braces(translation)


def split_placeholders(text: str) -> list[tuple[str, bool]]:
    """Split text into (piece, is_placeholder_name) pairs, keeping order.

    Renderers use this to lay contact details out as their own left-to-right runs.
    """
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace every placeholder with its value; unknown names are a programming error."""
    return "".join(values[piece] if is_name else piece for piece, is_name in split_placeholders(text))
