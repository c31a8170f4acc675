"""Gettext catalogs on disk: where they live, how they are read, checked and written.

Translators edit these files in Poedit or Weblate, so the format conventions are theirs:
msgctxt carries our message id, ``#.`` comments carry context and limits, and flags use
Weblate's spelling (``max-length:N``, ``python-brace-format``).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message as PoMessage
from babel.messages.pofile import PoFileError, read_po, write_po

from campaigngen import __version__
from campaigngen.exceptions import InputError
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
            comments.append("Keep " + ", ".join("{" + p + "}" for p in dict.fromkeys(message.placeholders))
                            + " exactly as written: they become the contact details.")
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
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _KEYWORD_LINE.match(stripped) or _CONTINUATION_LINE.match(stripped):
            continue
        raise InputError(path, f"PO syntax error: {stripped[:60]!r}", line=number,
                         hint="fix the quoting at that line (Poedit shows it too), then run again")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read catalog ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte {exc.start})", hint="save the file as UTF-8") from None
    check_syntax(path, text)
    try:
        return read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise InputError(path, f"PO syntax error: {exc}", line=getattr(exc, "lineno", None),
                         hint="fix the file, then run again") from None
    except ValueError as exc:
        raise InputError(path, f"unreadable catalog: {exc}") from None


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write atomically: a reader never sees half a catalog."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, sort_output=False, omit_header=False, ignore_obsolete=False,
             include_previous=True)
    write_bytes_atomic(path, buffer.getvalue())


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


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
        previous = old.pop(entry.context, None)
        flags = set(entry.flags)
        string: str = ""
        previous_id: Iterable[str] = ()
        user_comments: list[str] = []
        if previous is not None:
            string = previous.string if isinstance(previous.string, str) else ""
            user_comments = list(previous.user_comments)
            if "fuzzy" in previous.flags:
                flags.add("fuzzy")
                previous_id = previous.previous_id
            if previous.id != entry.id and string:
                flags.add("fuzzy")
                previous_id = (previous.id,)
        merged.add(entry.id, string=string, context=entry.context, auto_comments=entry.auto_comments,
                   user_comments=user_comments, flags=sorted(flags), previous_id=previous_id)
    for context, entry in old.items():
        if entry.string:
            merged.obsolete[(entry.id, context)] = entry
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
    catalog = Catalog(locale=language.locale_id, header_comment=HEADER_COMMENT, project=template.project,
                      version=template.version, charset="utf-8", fuzzy=False)
    for entry in template:
        if entry.id:
            catalog.add(entry.id, string="", context=entry.context, auto_comments=entry.auto_comments,
                        flags=entry.flags)
    return catalog
