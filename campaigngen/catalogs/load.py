"""Read a language's catalog into a LocalizedCampaign."""

from __future__ import annotations

from pathlib import Path

from campaigngen.catalogs.localized import FUZZY, SOURCE, TRANSLATED, UNTRANSLATED, LocalizedCampaign
from campaigngen.catalogs.po import catalog_path, entries_by_id, read_catalog
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language


def localize(campaign: Campaign, language: Language | str, base: Path | None = None) -> LocalizedCampaign:
    if isinstance(language, str):
        language = campaign.language(language)
    sources = {mid: m.text for mid, m in campaign.messages.items()}
    if language.tag == campaign.source_language.tag:
        return LocalizedCampaign(campaign, language, sources, {mid: SOURCE for mid in sources})
    if language.pseudo:
        from campaigngen.catalogs.pseudo import pseudo_translate

        texts = {mid: pseudo_translate(text, language.tag) for mid, text in sources.items()}
        return LocalizedCampaign(campaign, language, texts, {mid: TRANSLATED for mid in sources})

    path = catalog_path(campaign, language, base)
    entries = entries_by_id(read_catalog(path)) if path.exists() else {}
    texts, status = {}, {}
    for mid, source_text in sources.items():
        entry = entries.get(mid)
        translation = entry.string if entry is not None and isinstance(entry.string, str) else ""
        if not translation:
            texts[mid], status[mid] = source_text, UNTRANSLATED
        elif "fuzzy" in entry.flags or entry.id != source_text:
            # A source edited since the last extract is stale even before extract marks it.
            texts[mid], status[mid] = translation, FUZZY
        else:
            texts[mid], status[mid] = translation, TRANSLATED
    return LocalizedCampaign(campaign, language, texts, status, catalog_path=path if path.exists() else None)
