"""The integrity corpora in tests/data/integrity: hostile edits (attacks.toml) and honest
translations (honest.toml), and catalogs of the sample campaign that carry them.

Shared by tests/test_integrity_corpus.py and benchmarks/integrity_corpus.py (which runs the
same catalogs through translate-toolkit's pofilter).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaign_kit import one_approval, sample_campaign, set_translation

from campaigngen.catalogs.po import decode_po_string

CORPUS = Path(__file__).resolve().parent / "data" / "integrity"


@dataclass(frozen=True)
class Attack:
    kind: str  # the class of trick: "look-alike letters", "number words", ...
    language: str
    message: str
    written: str  # the msgstr as it stands in the PO file
    names: tuple[str, ...]  # what the findings must name
    raw: bool  # written holds PO escapes
    parts: tuple[tuple[str, str], ...] = ()  # (message, text): the same number over the next lines
    round: int = 1  # which campaign of the corpus carries it (one attack per slot in each)
    gap: str = ""  # why the checks do not catch it yet ("" when they do)

    @property
    def text(self) -> str:
        """The translation as gettext reads it."""
        return decode_po_string(self.written) if self.raw else self.written

    @property
    def slot(self) -> tuple[str, str]:
        return self.language, self.message

    @property
    def translations(self) -> dict[str, str]:
        """Every line the attack writes, by message id."""
        return {self.message: self.text, **dict(self.parts)}

    def __str__(self) -> str:
        return f"{self.language}-{self.message}-{self.kind.replace(' ', '-')}"


def attacks(name: str = "attacks.toml") -> list[Attack]:
    """The first corpus (attacks.toml), or the one written from outside the team's lists
    (attacks-outside.toml, issue 22)."""
    data = tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))
    return [
        Attack(
            kind=a["class"],
            language=a["language"],
            message=a["message"],
            written=a.get("po", a.get("text")),
            names=tuple(a["names"]),
            gap=a.get("gap", ""),
            raw="po" in a,
            parts=tuple((m, text) for m, text in a.get("parts", ())),
            round=a.get("round", 1),
        )
        for a in data["attack"]
    ]


def honest() -> dict[str, dict[str, str]]:
    return tomllib.loads((CORPUS / "honest.toml").read_text(encoding="utf-8"))


# The corpus is judged by the text checks alone (placeholders, contact-injection, invisible
# characters, homoglyphs, punctuation: checks/integrity.py reads each line as written): no
# flyer format, share card or spot, whose layout and speech `check` would otherwise try in
# every language for findings no reader of these campaigns looks at.
_TEXT_ONLY: dict[str, Any] = {"formats": (), "spots": (), "share_cards": ()}


def campaign_with_attacks(root: Path, corpus: list[Attack]) -> Path:
    """The sample campaign under root with every attack saved into its language's catalog."""
    languages = sorted({a.language for a in corpus})
    with one_approval(root):
        folder = sample_campaign(root, languages=languages, **_TEXT_ONLY)
        for attack in corpus:
            set_translation(root, attack.language, attack.message, attack.written, raw=attack.raw)
            for message, text in attack.parts:
                set_translation(root, attack.language, message, text)
    return folder


def campaign_with_honest_translations(root: Path) -> Path:
    translations = honest()
    with one_approval(root):
        folder = sample_campaign(root, languages=sorted(translations), **_TEXT_ONLY)
        for language, messages in translations.items():
            for message, text in messages.items():
                set_translation(root, language, message, text)
    return folder
