"""Gettext catalogs on disk: where they live, how they are read, checked and written.

Translators edit these files in Poedit or Weblate, so the format conventions are theirs:
msgctxt carries our message id, ``#.`` comments carry context and limits, and flags use
Weblate's spelling (``max-length:N``, ``python-brace-format``).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import write_po

from campaigngen import __version__
from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import CatalogChanged, InputError
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language

LOCALES_DIR = "locales"

# One line of a PO file, as gettext tools write it. Babel's reader is lenient and silently
# drops an entry whose string is unterminated, so lines are checked before Babel reads them.
_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*$')
_CONTINUATION_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def project_root(campaign: Campaign) -> Path:
    """``<root>/content/<campaign>`` -> ``<root>``; a campaign elsewhere keeps its files beside it."""
    return campaign.root.parent.parent if campaign.root.parent.name == "content" else campaign.root


def locales_dir(campaign: Campaign) -> Path:
    return project_root(campaign) / LOCALES_DIR


def template_path(campaign: Campaign, base: Path | None = None) -> Path:
    return (base or locales_dir(campaign)) / f"{campaign.id}.pot"


def catalog_path(campaign: Campaign, language: Language, base: Path | None = None) -> Path:
    return (base or locales_dir(campaign)) / language.locale_id / "LC_MESSAGES" / f"{campaign.id}.po"


HEADER_COMMENT = """\
# Translations of the campaigngen campaign PROJECT.
# Translate msgstr only. Keep {placeholders} exactly as written: they become
# the hotline's contact details when flyers and spots are made.
#"""


def build_template(campaign: Campaign) -> Catalog:
    """The .pot: one entry per message, msgctxt = message id."""
    template = Catalog(
        header_comment=HEADER_COMMENT,
        project=campaign.id,
        version=__version__,
        charset="utf-8",
        fuzzy=False,
        language_team=None,
        last_translator=None,
    )
    template.locale = None
    for message in campaign.messages.values():
        comments = []
        if message.context:
            comments.append(message.context)
        if message.max_length:
            comments.append(f"Max length: {message.max_length} characters.")
        if message.placeholders:
            comments.append(
                "Keep "
                + ", ".join("{" + p + "}" for p in dict.fromkeys(message.placeholders))
                + " exactly as written: they become the contact details."
            )
        flags = []
        if message.max_length:
            flags.append(f"max-length:{message.max_length}")
        if message.placeholders:
            flags.append("python-brace-format")
        template.add(
            message.text,
            string="",
            context=message.id,
            auto_comments=comments,
            flags=flags,
        )
    return template


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


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a PO file as Poedit, Weblate or msgmerge wrote it.

    Our own reader, not Babel's: Babel misreads ``#| msgid`` (previous source) as a
    translator comment and rejects ``#~|`` in obsolete entries, both of which Poedit and
    msgmerge write. CRLF line endings and a UTF-8 BOM are accepted.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read catalog ({exc.strerror})") from None
    return catalog_from_bytes(path, raw, locale)


def catalog_from_bytes(path: Path, raw: bytes, locale: str | None = None) -> Catalog:
    """A catalog from bytes already read (path only names it in errors)."""
    text, charset = decode_catalog(path, raw)
    check_syntax(path, text)
    return _catalog_from_entries(path, parse_entries(path, text, charset), locale)


_DECLARED_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def decode_catalog(path: Path, raw: bytes) -> tuple[str, str]:
    """(text, charset): decoded by the charset the header declares, as msgfmt does; UTF-8
    (with or without a BOM) when it declares none."""
    import codecs

    declared = _DECLARED_CHARSET.search(raw[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if charset in ("charset", "utf8"):  # the template's placeholder "CHARSET"; a common spelling
        charset = "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(
            path,
            f"the header declares charset '{charset}', which is unknown",
            line=raw[: declared.start()].count(b"\n") + 1 if declared else None,
            hint="save the file as UTF-8 and declare charset=UTF-8",
        ) from None
    try:
        text = raw.decode("utf-8-sig" if codecs.lookup(charset).name == "utf-8" else charset)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid {charset} text (byte {exc.start})",
            line=line,
            hint="save the file as UTF-8 (Poedit: File > Save) and declare charset=UTF-8",
        ) from None
    return text.replace("\r\n", "\n"), charset


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


_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"$')
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
    fields: dict[str, list[str]] = {}
    previous: dict[str, list[str]] = {}
    strings: dict[int, list[str]] = {}
    flags: list[str] = []
    auto, user, locations = [], [], []
    obsolete = False
    target: list[str] | None = None
    for offset, raw in enumerate(lines):
        line = raw.strip()
        number = first_line + offset
        is_previous = line.startswith(("#|", "#~|"))
        if is_previous:
            line = line[3:].strip() if line.startswith("#~|") else line[2:].strip()
        elif line.startswith("#~"):
            obsolete, line = True, line[2:].strip()
        elif line.startswith("#,"):
            flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            continue
        elif line.startswith("#."):
            auto.append(line[2:].strip())
            continue
        elif line.startswith("#:"):
            locations += line[2:].split()
            continue
        elif line.startswith("#"):
            user.append(line[1:].strip())
            continue
        keyword, rest = (line.split(None, 1) + [""])[:2]  # a tab after the keyword is valid PO
        rest = rest.strip()
        if line.startswith('"'):
            keyword, rest = "", line
        if not _QUOTED.match(rest):
            raise InputError(
                path,
                "PO syntax error: the string is not quoted as PO strings are",
                line=number,
                hint="fix the quoting at that line (Poedit shows it too), then run again",
            )
        piece = _decode_string(path, number, raw, rest, charset)
        if not keyword:
            if target is None:
                raise InputError(
                    path,
                    "PO syntax error: a string outside msgid/msgstr",
                    line=number,
                    hint="fix that line, then run again",
                )
            target.append(piece)
            continue
        index_match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if index_match:
            target = strings.setdefault(int(index_match.group(1)), [])
        elif keyword == "msgstr":
            target = strings.setdefault(0, [])
        elif keyword in _KEYWORDS:
            target = (previous if is_previous else fields).setdefault(keyword, [])
        else:
            raise InputError(
                path,
                f"PO syntax error: unknown keyword {keyword[:20]!r}",
                line=number,
                hint="fix that line, then run again",
            )
        target.append(piece)
    text = "\n".join(lines)
    if "msgid" not in fields:
        if strings:
            raise InputError(
                path, "PO syntax error: msgstr without msgid", line=first_line, hint="fix that entry, then run again"
            )
        return PoEntry(text, first_line, None, obsolete)
    joined = {k: "".join(v) for k, v in fields.items()}
    message_id: str | tuple[str, str] = joined["msgid"]
    string: str | tuple[str, ...] = "".join(strings.get(0, []))
    if "msgid_plural" in joined:
        message_id = (joined["msgid"], joined["msgid_plural"])
        string = tuple("".join(strings[i]) for i in sorted(strings))
    prev = {k: "".join(v) for k, v in previous.items()}
    previous_id = tuple(v for v in (prev.get("msgid"), prev.get("msgid_plural")) if v is not None)
    # A location without a line number has None for its line, as Babel's own PO reader gives it;
    # Babel annotates the line as int, but its reader and writer both handle None.
    message = PoMessage(
        message_id,
        string,
        locations=[(loc, None) for loc in locations],  # type: ignore[misc]  # Babel's hint omits None
        flags=flags,
        auto_comments=auto,
        user_comments=user,
        previous_id=previous_id,
        lineno=first_line,
        context=joined.get("msgctxt"),
    )
    return PoEntry(text, first_line, message, obsolete)


# A backslash escape as GNU gettext's PO reader (po-lex.c, control_sequence) decodes it:
# the C escapes it knows, one to three octal digits, or "\\x" and EVERY hex digit after it
# (msgfmt reads "\\x35b" as one byte, 0x5b "[", not "5b"). Each stands for one byte of the
# file's charset; anything else ("\\q", "\\e", "\\u0041", "\\'") is an invalid control
# sequence to msgfmt, so it is refused here too.
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))', re.S)
_C_ESCAPES = {
    "n": b"\n",
    "t": b"\t",
    "b": b"\b",
    "r": b"\r",
    "f": b"\f",
    "v": b"\v",
    "a": b"\a",
    "\\": b"\\",
    '"': b'"',
}
_KNOWN_ESCAPES = r"\n \t \" \\ \a \b \f \r \v, octal \NNN, hex \xHH"


def decode_po_string(body: str, charset: str = "utf-8") -> str:
    """The text a quoted PO string stands for (``body`` without its quotes), as msgfmt reads it.

    Raises ValueError(column, problem) where gettext refuses the string or where its escapes
    make bytes that are not text in the file's charset. A NUL (``\\0``) is kept as U+0000,
    where msgfmt silently cuts the line's string short: the text differs between tools, and the
    invisible-characters check reports it.
    """
    if "\\" not in body:
        return body
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        out += body[position : match.start()].encode(charset)
        simple, octal, hexadecimal, _unknown = match.groups()
        if simple is not None:
            out += _C_ESCAPES[simple]
        elif octal is not None:
            out.append(int(octal, 8) & 0xFF)  # "\\777" is one byte, as in C
        elif hexadecimal is not None:
            out.append(int(hexadecimal[-2:], 16))  # only the low byte of the value survives
        else:
            raise ValueError(match.start(), f"an escape sequence gettext does not know (it knows {_KNOWN_ESCAPES})")
        position = match.end()
    out += body[position:].encode(charset)
    try:
        text = out.decode(charset)
    except UnicodeDecodeError as exc:
        raise ValueError(
            None, f"its escape sequences make bytes that are not {charset} text (byte {exc.start + 1} of the string)"
        ) from None
    if "\x04" in text:
        # gettext keeps msgctxt and msgid apart with EOT; msgfmt refuses it inside a string.
        raise ValueError(None, "an EOT character (U+0004), which msgfmt refuses inside a string")
    return text


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


def _signature(message: PoMessage, obsolete: bool) -> tuple:
    """What an entry means; two entries with equal signatures may share their text."""
    string = message.string if message.string is not None else ""
    return (
        obsolete,
        message.context,
        message.id,
        string,
        tuple(sorted(message.flags)),
        tuple(message.auto_comments),
        tuple(message.user_comments),
        tuple(message.previous_id or ()),
        tuple(loc for loc, _ in message.locations),
    )


def _catalog_from_entries(path: Path, entries: list[PoEntry], locale: str | None) -> Catalog:
    header = next((e for e in entries if e.is_header), None)
    catalog = Catalog(locale=None, charset="utf-8", fuzzy=False, header_comment=None)
    if header is not None:
        assert header.message is not None
        comment_lines = [
            line.strip() for line in header.text.split("\n") if line.strip().startswith("# ") or line.strip() == "#"
        ]
        catalog.header_comment = "\n".join(comment_lines)
        headers = []
        for line in str(header.message.string).split("\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers.append((name.strip(), value.strip()))
        try:
            catalog.mime_headers = headers
        except (ValueError, TypeError) as exc:
            raise InputError(
                path,
                f"unreadable header: {exc}",
                line=header.line,
                hint="fix the header in Poedit (Catalogue > Properties)",
            ) from None
        catalog.fuzzy = "fuzzy" in header.message.flags
    if locale is not None:
        catalog.locale = locale
    for entry in entries:
        message = entry.message
        if message is None or entry.is_header:
            continue
        if entry.obsolete:
            catalog.obsolete[catalog._key_for(message.id, message.context)] = message  # noqa: SLF001
        else:
            catalog.add(
                message.id,
                message.string,
                message.locations,
                message.flags,
                message.auto_comments,
                message.user_comments,
                message.previous_id,
                message.lineno,
                message.context,
            )
    return catalog


def write_catalog(path: Path, catalog: Catalog, *, expect_sha256: str | None = None) -> bool:
    """Write atomically: a reader never sees half a catalog. Returns False (and writes
    nothing) when the file already holds exactly these bytes.

    expect_sha256: the hash of the file as the caller read it ("" for no file); when the
    file on disk is no longer that, CatalogChanged is raised and nothing is written, so an
    edit made meanwhile in Poedit or by extract is never overwritten unseen.

    When the file exists, every entry whose meaning did not change keeps its exact text
    (wrapping, comment order), the header keeps what the translator's tool wrote, and the
    file keeps its line endings, BOM and declared charset, so a rewrite shows only real
    changes in a diff.
    """
    original: list[PoEntry] = []
    crlf = bom = False
    ending, charset, raw = "\n", "utf-8", None
    if path.exists():
        raw = path.read_bytes()
    if expect_sha256 is not None:
        current = file_sha256(raw)
        if current != expect_sha256:
            raise CatalogChanged(path, current)
    if raw is not None:
        bom = raw.startswith(b"\xef\xbb\xbf")
        crlf = b"\r\n" in raw
        try:
            text, charset = decode_catalog(path, raw)
            original = parse_entries(path, text, charset)
            # Babel ends files with a blank line, gettext without: keep whichever it was.
            ending = text[len(text.rstrip("\n")) :] or "\n"
        except InputError:
            original, charset = [], "utf-8"  # a broken file is replaced whole; its reader reported it
    _refuse_unwritable(path, catalog)
    data = render_catalog(catalog, original, crlf=crlf, bom=bom, ending=ending)
    if charset not in ("utf-8", "utf8"):
        try:
            data = data.decode("utf-8").encode(charset)
        except UnicodeEncodeError:
            raise InputError(
                path,
                f"a new entry cannot be written in the file's charset {charset}",
                hint="convert the file to UTF-8 (msgconv -t UTF-8) and run again",
            ) from None
    if data == raw:
        return False
    write_bytes_atomic(path, data)
    return True


def file_sha256(raw: bytes | None) -> str:
    """What an editor remembers of the catalog it opened: the SHA-256 of its bytes, "" for none."""
    return hashlib.sha256(raw).hexdigest() if raw is not None else ""


def _refuse_unwritable(path: Path, catalog: Catalog) -> None:
    """Text gettext cannot carry (EOT separates msgctxt from msgid in a compiled catalog) is
    refused before writing: a file its own reader would refuse must never be written."""
    for message in catalog:
        strings = [
            message.context or "",
            *(message.id if isinstance(message.id, tuple) else (message.id,)),
            *(message.string if isinstance(message.string, tuple) else (message.string or "",)),
        ]
        if any("\x04" in text for text in strings):
            raise InputError(
                path,
                f"the text of '{message.context or message.id}' holds an EOT character "
                f"(U+0004), which gettext cannot carry",
                hint="take it out of the text",
            )


def render_catalog(
    catalog: Catalog, original: Sequence[PoEntry] = (), *, crlf: bool = False, bom: bool = False, ending: str = "\n"
) -> bytes:
    """The catalog as PO bytes, reusing the text of unchanged entries from ``original``."""
    reusable: dict[tuple, str] = {}
    for entry in original:
        if entry.message is not None and not entry.is_header:
            reusable.setdefault(_signature(entry.message, entry.obsolete), entry.text)
    old_header = next((e for e in original if e.is_header), None)
    chunks = []
    if old_header is not None:
        # The header belongs to the translator's tool (X-Generator, revision date, team):
        # keep it, with any comment blocks Poedit put above it.
        for entry in original:
            if entry.message is not None:
                break
            chunks.append(entry.text)
        chunks.append(old_header.text)
    else:
        chunks.append(_babel_text(catalog).split("\n\n", 1)[0].rstrip("\n"))
    live = [(m, False) for m in catalog if m.id]
    gone = [(m, True) for m in catalog.obsolete.values()]
    for message, obsolete in live + gone:
        text = reusable.get(_signature(message, obsolete))
        chunks.append(text if text is not None else _render_entry(catalog, message, obsolete))
    text = "\n\n".join(chunks) + ending
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def _render_entry(catalog: Catalog, message: PoMessage, obsolete: bool) -> str:
    """One entry in gettext's layout, through Babel's writer (wrapping, escaping)."""
    single = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
    if catalog._num_plurals is not None:  # noqa: SLF001 - plural entries need the language's count
        single._num_plurals = catalog._num_plurals  # noqa: SLF001
    single.add(
        message.id,
        message.string,
        message.locations,
        message.flags,
        message.auto_comments,
        message.user_comments,
        message.previous_id,
        message.lineno,
        message.context,
    )
    buffer = io.BytesIO()
    write_po(buffer, single, width=76, omit_header=True, include_previous=True)
    lines = [line for line in buffer.getvalue().decode("utf-8").split("\n") if line.strip()]
    if not obsolete:
        return "\n".join(lines)
    # Babel drops an obsolete entry's previous source; msgmerge writes it as '#~|'.
    out = []
    for line in lines:
        if line.startswith("#|"):
            out.append("#~|" + line[2:])
        elif line.startswith("#"):
            out.append(line)
        else:
            out.append("#~ " + line)
    return "\n".join(out)


def _babel_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=76, sort_output=False, omit_header=False, ignore_obsolete=False, include_previous=True
    )
    return buffer.getvalue().decode("utf-8")


def entries_by_id(catalog: Catalog) -> dict[str, PoMessage]:
    """Live (non-obsolete) entries keyed by message id (msgctxt)."""
    return {m.context: m for m in catalog if m.id and m.context}


def merge_template(existing: Catalog, template: Catalog) -> Catalog:
    """Bring a language's catalog up to the template.

    Matching is by message id (msgctxt), never by fuzzy text similarity: a changed source
    keeps its translation but turns fuzzy with the old source as ``#| msgid``; a removed
    message is kept as obsolete so the translator's work is not thrown away.
    """
    merged = Catalog(
        header_comment=existing.header_comment,
        locale=existing.locale,
        domain=existing.domain,
        project=template.project,
        version=template.version,
        charset="utf-8",
        fuzzy=False,
    )
    _copy_header(existing, merged)
    old = entries_by_id(existing)
    for entry in template:
        if not entry.id:
            continue
        previous = old.pop(entry.context, None) if entry.context is not None else None
        flags = set(entry.flags)
        string: str = ""
        previous_id: tuple[str, ...] | list[str] = ()
        user_comments: list[str] = []
        if previous is not None:
            string = previous.string if isinstance(previous.string, str) else ""
            user_comments = list(previous.user_comments)
            if "fuzzy" in previous.flags:
                flags.add("fuzzy")
                previous_id = previous.previous_id
            if previous.id != entry.id and string:
                flags.add("fuzzy")
                previous_id = (previous.id,) if isinstance(previous.id, str) else tuple(previous.id)
        merged.add(
            entry.id,
            string=string,
            context=entry.context,
            auto_comments=entry.auto_comments,
            user_comments=user_comments,
            flags=sorted(flags),
            previous_id=previous_id,
        )
    for context, entry in old.items():
        if entry.string:
            merged.obsolete[merged._key_for(entry.id, context)] = entry  # noqa: SLF001 - the key Babel gives it
    for key, entry in existing.obsolete.items():
        merged.obsolete.setdefault(key, entry)
    return merged


def _copy_header(source: Catalog, target: Catalog) -> None:
    """Keep what translators' tools put in the header (team, plural forms, revision date)."""
    target.last_translator = source.last_translator
    target.language_team = source.language_team
    target.revision_date = source.revision_date
    target.creation_date = source.creation_date
    if source._num_plurals is not None or source._plural_expr is not None:  # noqa: SLF001 - Babel keeps them private
        target._num_plurals = source._num_plurals
        target._plural_expr = source._plural_expr


def new_catalog(template: Catalog, language: Language) -> Catalog:
    """A language's first catalog: the template's entries, empty strings."""
    catalog = Catalog(
        locale=language.locale_id,
        header_comment=HEADER_COMMENT,
        project=template.project,
        version=template.version,
        charset="utf-8",
        fuzzy=False,
    )
    for entry in template:
        if entry.id:
            catalog.add(
                entry.id, string="", context=entry.context, auto_comments=entry.auto_comments, flags=entry.flags
            )
    return catalog
