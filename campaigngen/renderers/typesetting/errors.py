"""Text that no font can draw: refused before drawing, because Pillow would print boxes."""

from __future__ import annotations

from collections.abc import Sequence

from campaigngen.exceptions import ChecksFailed


def describe_chars(chars: Sequence[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {c!r}" for c in chars)


class MissingGlyphsError(ChecksFailed):
    """Some characters have no glyph in any font the language's chain names."""

    def __init__(self, *, format_name: str, language: str, message_id: str, chars: Sequence[str]):
        self.format_name = format_name
        self.language = language
        self.message_id = message_id
        self.chars = tuple(chars)
        super().__init__(
            f"{format_name} [{language}] message '{message_id}' has characters no font draws: "
            f"{describe_chars(chars)} - fix the translation or add a font to fonts/fonts.toml")
