"""Write the template and bring every language's catalog up to date with the sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from campaigngen.catalogs.po import (
    build_template,
    catalog_path,
    merge_template,
    new_catalog,
    read_catalog,
    template_path,
    write_catalog,
)
from campaigngen.sources.campaign import Campaign


@dataclass(frozen=True)
class ExtractResult:
    template: Path
    template_changed: bool
    created: tuple[Path, ...]
    updated: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    newly_fuzzy: tuple[tuple[str, str], ...]  # (language tag, message id) whose source changed


def extract(campaign: Campaign, base: Path | None = None) -> ExtractResult:
    template = build_template(campaign)
    # Read every catalog before writing any, so a broken file leaves all of them untouched.
    existing = {}
    for language in campaign.languages:
        if language.pseudo:
            continue
        path = catalog_path(campaign, language, base)
        existing[language] = (path, read_catalog(path) if path.exists() else None)

    pot = template_path(campaign, base)
    template_changed = write_catalog(pot, template)
    created: list[Path] = []
    updated: list[Path] = []
    unchanged: list[Path] = []
    newly_fuzzy: list[tuple[str, str]] = []
    for language, (path, catalog) in existing.items():
        if catalog is None:
            write_catalog(path, new_catalog(template, language))
            created.append(path)
            continue
        was_fuzzy = {m.context for m in catalog if m.id and "fuzzy" in m.flags}
        merged = merge_template(catalog, template)
        # Every entry merged from the template has a msgctxt: the message id.
        newly_fuzzy += [
            (language.tag, m.context)
            for m in merged
            if m.id and m.context is not None and "fuzzy" in m.flags and m.context not in was_fuzzy
        ]
        (updated if write_catalog(path, merged) else unchanged).append(path)
    return ExtractResult(pot, template_changed, tuple(created), tuple(updated), tuple(unchanged), tuple(newly_fuzzy))
