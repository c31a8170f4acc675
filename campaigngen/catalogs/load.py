"""Read a language's catalog into a LocalizedCampaign."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen.catalogs.credits import header_credits
from campaigngen.catalogs.localized import BROKEN, FUZZY, SOURCE, TRANSLATED, UNTRANSLATED, LocalizedCampaign
from campaigngen.catalogs.po import catalog_from_bytes, catalog_path, decode_catalog, entries_by_id
from campaigngen.exceptions import InputError
from campaigngen.frozen import FrozenMap
from campaigngen.memo import kept_for_short_texts
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.input_files import CATALOG_LIMIT, read_input
from campaigngen.sources.languages import Language
from campaigngen.sources.placeholders import placeholders_match

# A flyer line is a few dozen characters in any language; a translation this long is a
# pasted document or an attack on the checks (a 10 MB msgstr kept `check` busy for minutes).
MAX_TRANSLATION_CHARS = 2000


def localize(campaign: Campaign, language: Language | str, base: Path | None = None) -> LocalizedCampaign:
    """The campaign in one language, its catalog read from disk (or none, for the source)."""
    if isinstance(language, str):
        language = campaign.language(language)
    return localize_bytes(campaign, language, *catalog_bytes(campaign, language, base))


def catalog_bytes(campaign: Campaign, language: Language, base: Path | None = None) -> tuple[Path, bytes | None]:
    """A language's catalog path and bytes; None where there is no catalog (yet), and always
    for the source language and pseudo-locales, which have none."""
    path = catalog_path(campaign, language, base)
    if language.tag == campaign.source_language.tag or language.pseudo or not path.exists():
        return path, None
    try:
        return path, read_input(path, "catalog", CATALOG_LIMIT)
    except OSError as exc:
        raise InputError(path, f"cannot read catalog ({exc.strerror})") from None


@dataclass(frozen=True)
class CatalogEntry:
    """What a language's reading takes from one live entry of its catalog."""

    translation: str  # "" for none (or a plural form, which a campaign's messages never are)
    lineno: int | None
    fuzzy: bool
    source: str | tuple[str, ...]  # the msgid it was translated from


# Kept by bytes and path (memo.py; the path only names the file in an error): ~2 ms a parse
# for the sample's 4 KB catalogs, 40 in a snapshot of the whole campaign. With the approvals
# files kept too, the studio's translate index took 190 ms instead of 554, warm.
@kept_for_short_texts(256 * 1024, 128)
def catalog_entries(raw: bytes, path: Path) -> tuple[FrozenMap[str, CatalogEntry], frozenset[str]]:
    """A catalog's live entries by message id, and the names and e-mails in its header."""
    entries = {
        mid: CatalogEntry(
            message.string if isinstance(message.string, str) else "",
            message.lineno,
            "fuzzy" in message.flags,
            message.id if isinstance(message.id, str) else tuple(message.id),
        )
        for mid, message in entries_by_id(catalog_from_bytes(path, raw)).items()
    }
    return FrozenMap(entries), header_credits(decode_catalog(path, raw)[0])


def localize_bytes(campaign: Campaign, language: Language, path: Path, raw: bytes | None) -> LocalizedCampaign:
    """The campaign in one language from a catalog's bytes (None: no catalog yet)."""
    sources = {mid: m.text for mid, m in campaign.messages.items()}
    if language.tag == campaign.source_language.tag:
        return LocalizedCampaign(campaign, language, FrozenMap(sources), FrozenMap({mid: SOURCE for mid in sources}))
    if language.pseudo:
        from campaigngen.catalogs.pseudo import pseudo_translate

        texts = {mid: pseudo_translate(text, language.tag) for mid, text in sources.items()}
        return LocalizedCampaign(campaign, language, FrozenMap(texts), FrozenMap({mid: TRANSLATED for mid in sources}))

    entries, credits = catalog_entries(raw, path) if raw is not None else (FrozenMap(), frozenset())
    texts, status, submitted, lines = {}, {}, {}, {}
    for mid, source_text in sources.items():
        entry = entries.get(mid)
        translation = entry.translation if entry is not None else ""
        if entry is not None:
            lines[mid] = entry.lineno
        if len(translation) > MAX_TRANSLATION_CHARS:
            raise InputError(
                path,
                f"the translation of '{mid}' is {len(translation)} characters long",
                line=entry.lineno if entry else None,
                hint="a flyer line is short: replace it with the translation of the message alone",
            )
        if entry is None or not translation:  # without an entry, translation is "" already
            texts[mid], status[mid] = source_text, UNTRANSLATED
            continue
        submitted[mid] = translation
        # A source edited since the last extract is stale even before extract marks it.
        texts[mid], status[mid] = classify(source_text, translation, entry.fuzzy or entry.source != source_text)
    return LocalizedCampaign(
        campaign,
        language,
        FrozenMap(texts),
        FrozenMap(status),
        catalog_path=path if raw is not None else None,
        submitted=FrozenMap(submitted),
        lines=FrozenMap(lines),
        credits=credits,
    )


def classify(source_text: str, translation: str, needs_review: bool) -> tuple[str, str]:
    """(text in use, status) of one message: the source stands in for a missing or broken
    translation; a translation still to be reviewed is used, as a draft."""
    if not translation:
        return source_text, UNTRANSLATED
    if not placeholders_match(source_text, translation):
        return source_text, BROKEN
    return translation, FUZZY if needs_review else TRANSLATED


def with_translation(
    localized: LocalizedCampaign, message_id: str, translation: str, needs_review: bool
) -> LocalizedCampaign:
    """The language as it would read if one message's translation were saved so (an editor
    checks what a translator is typing before it reaches the catalog)."""
    if len(translation) > MAX_TRANSLATION_CHARS:
        raise InputError(
            localized.catalog_path,
            f"the translation of '{message_id}' is {len(translation)} characters long",
            hint="a flyer line is short: write the translation of the message alone",
        )
    source_text = localized.campaign.messages[message_id].text
    text, status = classify(source_text, translation, needs_review)
    submitted = {k: v for k, v in localized.submitted.items() if k != message_id}
    if translation:
        submitted[message_id] = translation
    return replace(
        localized,
        texts=FrozenMap({**localized.texts, message_id: text}),
        status=FrozenMap({**localized.status, message_id: status}),
        submitted=FrozenMap(submitted),
    )
