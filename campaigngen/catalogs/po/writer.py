"""Writing a catalog: atomically, refusing what gettext cannot carry, and reusing the exact
text of every entry that did not change, so a rewrite shows only real changes in a diff."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import write_po

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.po.decoding import decode_catalog
from campaigngen.catalogs.po.entries import PoEntry, parse_entries
from campaigngen.catalogs.po.reader import add_message
from campaigngen.exceptions import CatalogChanged, InputError


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
    add_message(single, message)
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
