"""Is every message translated, reviewed, and short enough?"""

from __future__ import annotations

from campaigngen.catalogs.localized import FUZZY, UNTRANSLATED, LocalizedCampaign
from campaigngen.checks.findings import Finding
from campaigngen.sources.placeholders import fill


def completeness_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Untranslated and fuzzy entries block publishing: fuzzy is gettext's "not reviewed"."""
    where = _shown_path(localized)
    findings = []
    for message in localized.applicable:
        state = localized.status[message.id]
        if state == UNTRANSLATED:
            findings.append(Finding(
                "untranslated", localized.tag, message.id,
                f"not translated yet ({where}) - translate it in Poedit/Weblate",
            ))
        elif state == FUZZY:
            findings.append(Finding(
                "fuzzy", localized.tag, message.id,
                f"marked fuzzy: needs a person's review ({where}) - check it, then clear the fuzzy flag",
            ))
    return findings


def _shown_path(localized: LocalizedCampaign) -> str:
    """The catalog as a translator finds it in the project (never an absolute local path)."""
    if localized.catalog_path is None:
        return "no catalog yet: run campaigngen extract"
    path = localized.catalog_path
    for root in (localized.campaign.root.parent.parent, localized.campaign.root):
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.name


def length_findings(localized: LocalizedCampaign) -> list[Finding]:
    """max_length counts characters as the reader sees them, contact details put in."""
    findings = []
    for message in localized.applicable:
        if message.max_length is None or localized.status[message.id] == UNTRANSLATED:
            continue
        # Measure the template with placeholders as written, as Weblate's max-length flag does.
        length = len(localized.text(message.id))
        if length > message.max_length:
            findings.append(Finding(
                "max-length", localized.tag, message.id,
                f"{length} characters, limit {message.max_length} - shorten the translation",
                detail={"value": length, "limit": message.max_length,
                        "text": fill(localized.text(message.id), localized.contact_values)},
            ))
    return findings
