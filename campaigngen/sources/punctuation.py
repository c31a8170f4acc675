"""The marks that end a sentence, by kind, in every script the project sets.

One table: the integrity check compares a translation's ending with its source's by kind,
the spoken script adds a full stop only where no ending is there, and machine drafts are
translated a sentence at a time.
"""

from __future__ import annotations

from collections.abc import Mapping

from campaigngen.frozen import FrozenMap

# A language may end a kind of sentence with any of its marks.
SENTENCE_ENDINGS: Mapping[str, frozenset[str]] = FrozenMap(
    {
        ".": frozenset(".。．।॥።۔။។"),
        "?": frozenset("?？؟፧;՞"),  # ';' is the Greek question mark
        "!": frozenset("!！¡"),
        ":": frozenset(":：፥"),
        "…": frozenset("…"),
    }
)

# Marks that close a sentence for certain. Left out: the Greek question mark (in every other
# script ';' is a semicolon) and Spanish '¡', which opens an exclamation.
TERMINAL_MARKS: frozenset[str] = (SENTENCE_ENDINGS["."] | SENTENCE_ENDINGS["?"] | SENTENCE_ENDINGS["!"]) - {";", "¡"}

# Quotes and brackets that may follow the final mark ("... help.»").
CLOSERS = "\"'»«”“’‘)]）」』›‹"


def sentence_kind(mark: str) -> str | None:
    """The kind of sentence a mark ends (".", "?", "!", ":", "…"), or None."""
    return next((kind for kind, marks in SENTENCE_ENDINGS.items() if mark in marks), None)


def terminal_class() -> str:
    """TERMINAL_MARKS as a regular-expression character class."""
    return "[" + "".join(sorted(_escaped(ch) for ch in TERMINAL_MARKS)) + "]"


def _escaped(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch
