"""Reading a catalog as Poedit, Weblate or msgmerge wrote it, into Babel's Catalog."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from campaigngen.catalogs.po.decoding import decode_catalog
from campaigngen.catalogs.po.entries import PoEntry, check_syntax, parse_entries
from campaigngen.catalogs.po.plurals import plural_forms_problem
from campaigngen.exceptions import InputError
from campaigngen.sources.input_files import CATALOG_LIMIT, read_input


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a PO file as Poedit, Weblate or msgmerge wrote it.

    Our own reader, not Babel's: Babel misreads ``#| msgid`` (previous source) as a
    translator comment and rejects ``#~|`` in obsolete entries, both of which Poedit and
    msgmerge write. CRLF line endings and a UTF-8 BOM are accepted.
    """
    try:
        raw = read_input(path, "catalog", CATALOG_LIMIT)
    except OSError as exc:
        raise InputError(path, f"cannot read catalog ({exc.strerror})") from None
    return catalog_from_bytes(path, raw, locale)


def catalog_from_bytes(path: Path, raw: bytes, locale: str | None = None) -> Catalog:
    """A catalog from bytes already read (path only names it in errors)."""
    text, charset = decode_catalog(path, raw)
    check_syntax(path, text)
    return _catalog_from_entries(path, parse_entries(path, text, charset), locale)


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
        plural_forms = dict(headers).get("Plural-Forms")
        problem = plural_forms_problem(plural_forms) if plural_forms is not None else None
        if problem:
            raise InputError(
                path,
                f"Plural-Forms header: {problem}",
                line=header.line,
                hint="set the plural forms in Poedit (Catalogue > Properties), or copy them from another catalog",
            )
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
            add_message(catalog, message)
    return catalog


def add_message(catalog: Catalog, message: PoMessage) -> None:
    """A live entry added to catalog with every field it has."""
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
