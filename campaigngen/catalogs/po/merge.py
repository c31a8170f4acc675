"""A language's catalog from the template: its first one, or the one it has brought up to
date (matched by message id, never by fuzzy text similarity)."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage

from campaigngen.catalogs.po.template import HEADER_COMMENT
from campaigngen.sources.languages import Language


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
