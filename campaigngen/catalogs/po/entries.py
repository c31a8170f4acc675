"""A PO file's text split into entries, each kept as written (for minimal rewrites) with
what it means, and every line gettext would refuse named by its number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message as PoMessage

from campaigngen.catalogs.po.decoding import decode_po_string
from campaigngen.exceptions import InputError

# A quoted PO string: runs of plain characters, each run ended by an escape. Written as
# runs rather than one character at a time (`(?:[^"\\]|\\.)*`, the same strings), since
# Python's matcher steps through such an alternation character by character: a 1 MB
# translation took 0.2 s per match, matched twice on every read of the catalog.
_PO_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
# One line of a PO file, as gettext tools write it: a line that is none of these is refused
# with its number before any entry is read (msgfmt refuses it too).
_KEYWORD_LINE = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+{_PO_STRING}\s*$")
_CONTINUATION_LINE = re.compile(rf"^{_PO_STRING}\s*$")


def check_syntax(path: Path, text: str) -> None:
    """Reject what gettext's msgfmt would reject, naming the line."""
    # split("\n"), not splitlines(): a form feed or U+2028 inside a string is not a line end.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _KEYWORD_LINE.match(stripped) or _CONTINUATION_LINE.match(stripped):
            continue
        # The line itself is not quoted: the file may not be a catalog at all (a link to
        # another file), and an error must not print what it holds.
        raise InputError(
            path,
            "PO syntax error: not a comment, keyword or quoted string",
            line=number,
            hint="fix the quoting at that line (Poedit shows it too), then run again",
        )


@dataclass(frozen=True)
class PoEntry:
    """One entry exactly as it stands in the file, and what it means."""

    text: str  # its lines, joined by "\n", without the blank line after it
    line: int  # where it starts (1-based), for error messages
    message: PoMessage | None  # None for a stray comment block
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.message is not None and not self.obsolete and self.message.id == "" and self.message.context is None

    @property
    def key(self) -> tuple[bool, str | None, object]:
        return _key(self.message, self.obsolete) if self.message is not None else (self.obsolete, None, None)


_QUOTED = re.compile(rf"^{_PO_STRING}$")
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def parse_entries(path: Path, text: str, charset: str = "utf-8") -> list[PoEntry]:
    """Split a PO file into entries, keeping each one's original text for minimal rewrites.

    charset is the one the file declares: escapes such as ``\\xc3\\xa9`` stand for its bytes."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start, seen_msgstr = 0, False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        obsolete_line = stripped.startswith("#~") and not stripped.startswith("#~|")
        body = stripped[2:].lstrip() if obsolete_line else stripped
        if obsolete_line or not stripped.startswith("#"):
            starts_entry = body.startswith(("msgctxt ", "msgid "))
        else:
            starts_entry = True  # any comment after a msgstr belongs to the next entry
        if not stripped or (seen_msgstr and starts_entry):
            if current:
                chunks.append((start, current))
            current, seen_msgstr = [], False
            if not stripped:
                continue
        if not current:
            start = number
        current.append(line)
        if body.startswith("msgstr"):
            seen_msgstr = True
    if current:
        chunks.append((start, current))
    entries = [_parse_chunk(path, line, lines, charset) for line, lines in chunks]
    seen: dict[object, int] = {}
    for entry in entries:
        if entry.message is None:
            continue
        if entry.key in seen:
            raise InputError(
                path,
                f"message '{entry.message.context or entry.message.id}' appears twice "
                f"(first at line {seen[entry.key]})",
                line=entry.line,
                hint="delete one of the two entries",
            )
        seen[entry.key] = entry.line
    return entries


def _parse_chunk(path: Path, first_line: int, lines: list[str], charset: str = "utf-8") -> PoEntry:
    entry = _EntryLines(path, charset)
    for offset, raw in enumerate(lines):
        entry.add(first_line + offset, raw)
    return entry.finished(first_line, "\n".join(lines))


_COMMENTS = {"#,": "flags", "#.": "auto", "#:": "locations"}  # the rest of "#..." is a translator's comment


class _EntryLines:
    """One entry's lines read in order: comments into their lists, strings onto the keyword
    they continue (``#|`` lines onto the previous source's)."""

    def __init__(self, path: Path, charset: str):
        self.path, self.charset = path, charset
        self.fields: dict[str, list[str]] = {}
        self.previous: dict[str, list[str]] = {}
        self.strings: dict[int, list[str]] = {}
        self.flags: list[str] = []
        self.auto: list[str] = []
        self.user: list[str] = []
        self.locations: list[str] = []
        self.obsolete = False
        self.target: list[str] | None = None  # the string a continuation line extends

    def add(self, number: int, raw: str) -> None:
        line, is_previous = self._keyword_part(raw.strip())
        if not line:
            return
        keyword, rest = (line.split(None, 1) + [""])[:2]  # a tab after the keyword is valid PO
        rest = rest.strip()
        if line.startswith('"'):
            keyword, rest = "", line
        if not _QUOTED.match(rest):
            raise InputError(
                self.path,
                "PO syntax error: the string is not quoted as PO strings are",
                line=number,
                hint="fix the quoting at that line (Poedit shows it too), then run again",
            )
        piece = _decode_string(self.path, number, raw, rest, self.charset)
        if keyword:
            self.target = self._string_for(keyword, is_previous, number)
        elif self.target is None:
            raise InputError(
                self.path,
                "PO syntax error: a string outside msgid/msgstr",
                line=number,
                hint="fix that line, then run again",
            )
        self.target.append(piece)

    def _keyword_part(self, line: str) -> tuple[str, bool]:
        """The keyword or string a line holds ("" when it was a comment, now recorded), and
        whether it belongs to the previous source (``#|``)."""
        if line.startswith("#~|"):
            return line[3:].strip(), True
        if line.startswith("#|"):
            return line[2:].strip(), True
        if line.startswith("#~"):
            line = line[2:].strip()
            self.obsolete = self.obsolete or bool(line)  # a bare "#~" carries nothing (msgfmt skips it)
            return line, False
        if line.startswith("#"):
            self._comment(line)
            return "", False
        return line, False

    def _comment(self, line: str) -> None:
        kind = _COMMENTS.get(line[:2])
        if kind == "flags":
            self.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif kind == "auto":
            self.auto.append(line[2:].strip())
        elif kind == "locations":
            self.locations += line[2:].split()
        else:
            self.user.append(line[1:].strip())

    def _string_for(self, keyword: str, is_previous: bool, number: int) -> list[str]:
        index_match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if index_match:
            return self.strings.setdefault(int(index_match.group(1)), [])
        if keyword == "msgstr":
            return self.strings.setdefault(0, [])
        if keyword in _KEYWORDS:
            return (self.previous if is_previous else self.fields).setdefault(keyword, [])
        raise InputError(
            self.path,
            f"PO syntax error: unknown keyword {keyword[:20]!r}",
            line=number,
            hint="fix that line, then run again",
        )

    def finished(self, first_line: int, text: str) -> PoEntry:
        if "msgid" not in self.fields:
            if self.strings:
                raise InputError(
                    self.path,
                    "PO syntax error: msgstr without msgid",
                    line=first_line,
                    hint="fix that entry, then run again",
                )
            return PoEntry(text, first_line, None, self.obsolete)
        joined = {k: "".join(v) for k, v in self.fields.items()}
        message_id: str | tuple[str, str] = joined["msgid"]
        string: str | tuple[str, ...] = "".join(self.strings.get(0, []))
        if "msgid_plural" in joined:
            message_id = (joined["msgid"], joined["msgid_plural"])
            string = tuple("".join(self.strings[i]) for i in sorted(self.strings))
        prev = {k: "".join(v) for k, v in self.previous.items()}
        previous_id = tuple(v for v in (prev.get("msgid"), prev.get("msgid_plural")) if v is not None)
        # A location without a line number has None for its line, as Babel's own PO reader gives
        # it; Babel annotates the line as int, but its reader and writer both handle None.
        message = PoMessage(
            message_id,
            string,
            locations=[(loc, None) for loc in self.locations],  # type: ignore[misc]  # Babel's hint omits None
            flags=self.flags,
            auto_comments=self.auto,
            user_comments=self.user,
            previous_id=previous_id,
            lineno=first_line,
            context=joined.get("msgctxt"),
        )
        return PoEntry(text, first_line, message, self.obsolete)


def _decode_string(path: Path, number: int, raw: str, quoted: str, charset: str) -> str:
    try:
        return decode_po_string(quoted[1:-1], charset)
    except ValueError as exc:
        offset, problem = exc.args
        # The column, not the text: an error must not replay a refused file's contents.
        where = f"column {raw.find(quoted) + 2 + offset}: " if offset is not None else ""
        raise InputError(
            path,
            f"{where}{problem}",
            line=number,
            hint="write the character itself, or one of those escapes, then run again",
        ) from None


def _key(message: PoMessage, obsolete: bool) -> tuple[bool, str | None, object]:
    return (obsolete, message.context, message.id)
