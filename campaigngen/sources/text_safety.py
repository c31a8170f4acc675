"""Characters that must never reach a page or a spot unseen.

Bidi embeddings, overrides and isolates reorder what a reader sees ("1-888-<RLO>373-7888"
prints as another number); zero-width and other format characters hide text or split a
number so a check cannot see it; control characters (NUL, escape) break files and
terminals. campaign.toml values and translations are both screened with this one list.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")

# Invisible but not category Cf: combining grapheme joiner, Hangul fillers (blank "letters"),
# line/paragraph separators, the Mongolian vowel separator, and variation selectors (which
# can carry hidden bytes).
INVISIBLE_EXTRA = frozenset(
    ["\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2028", "\u2029", "\u180e"]
    + [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
)


def is_invisible(ch: str) -> bool:
    """Format (Cf), control (Cc) and the invisible extras above. A line feed is allowed: a
    translator may wrap a line, and it is set as a space."""
    category = unicodedata.category(ch)
    return (category in ("Cf", "Cc") and ch != "\n") or ch in INVISIBLE_EXTRA


def unsafe_characters(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Invisible, control and direction characters in text, each once, in order."""
    # Each distinct character judged once (dict.fromkeys keeps the order they first appear
    # in): a long value repeats its few dozen characters, and every value of campaign.toml is
    # screened on every read.
    return [ch for ch in dict.fromkeys(text) if ch not in allowed and is_invisible(ch)]


def describe(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': what a reviewer can search for in an editor."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '<control>')}"


def shown(text: str) -> str:
    """text with invisible characters written as <U+XXXX>, safe to print to a terminal."""
    return "".join(f"<U+{ord(ch):04X}>" if is_invisible(ch) else ch for ch in text)
