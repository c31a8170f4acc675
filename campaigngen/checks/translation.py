"""Is every message translated, reviewed, and short enough?"""

from __future__ import annotations

from campaigngen import checknames
from campaigngen.catalogs.localized import FUZZY, UNTRANSLATED, LocalizedCampaign
from campaigngen.checks.findings import Finding
from campaigngen.sources.graphemes import grapheme_count
from campaigngen.sources.placeholders import fill


def completeness_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Untranslated and fuzzy entries block publishing: fuzzy is gettext's "not reviewed".
    (A translation whose placeholders are broken is reported by the integrity check.)"""
    findings = []
    for message in localized.applicable:
        state = localized.status[message.id]
        where = localized.where(message.id)
        if state == UNTRANSLATED:
            findings.append(
                Finding(
                    checknames.UNTRANSLATED,
                    localized.tag,
                    message.id,
                    f"not translated yet ({where}) - translate it in Poedit/Weblate",
                    detail=localized.place(message.id),
                    code="translation.untranslated",
                )
            )
        elif state == FUZZY:
            findings.append(
                Finding(
                    checknames.FUZZY,
                    localized.tag,
                    message.id,
                    f"marked fuzzy: needs a person's review ({where}) - check it, then clear the fuzzy flag",
                    detail=localized.place(message.id),
                    code="translation.needs-review",
                )
            )
    return findings


def length_findings(localized: LocalizedCampaign) -> list[Finding]:
    """max_length counts characters as the reader sees them (grapheme clusters: a Burmese or
    Hindi syllable with its marks is one), on the template with placeholders as written, as
    Weblate's max-length flag measures it."""
    findings = []
    for message in localized.applicable:
        if message.max_length is None or not localized.own_text(message.id):
            continue
        length = grapheme_count(localized.text(message.id))
        if length > message.max_length:
            findings.append(
                Finding(
                    checknames.MAX_LENGTH,
                    localized.tag,
                    message.id,
                    f"{length} characters, limit {message.max_length} ({localized.where(message.id)}) - "
                    f"shorten the translation",
                    detail={
                        "value": length,
                        "limit": message.max_length,
                        "text": fill(localized.text(message.id), localized.contact_values),
                        **localized.place(message.id),
                    },
                    code="translation.too-long",
                )
            )
    return findings
