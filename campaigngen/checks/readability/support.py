"""What `campaigngen languages` shows about reading level, one row per profile."""

from __future__ import annotations

from dataclasses import asdict

from campaigngen.checks.readability.profiles import PROFILES, PSEUDO_PROFILES


def support_rows() -> list[dict]:
    rows = []
    for profile in (*PROFILES.values(), *PSEUDO_PROFILES.values()):
        limits = {key: value for key, value in asdict(profile.limits).items() if value is not None}
        rows.append({
            "tag": profile.tag,
            "name": profile.name,
            "segmentation": profile.segmentation,
            "unit": profile.unit,
            "measures": list(profile.measures),
            "limits": limits,
            "sources": dict(profile.sources),
            "word_list": "yes" if profile.wordlist else "no",
            "pseudo": profile.pseudo,
            "note": profile.note,
        })
    return rows
