"""Every honest text the project has, for measuring the integrity rules' false alarms: the
reading-level corpora (tests/data/readability, 750 texts in 20 languages, no source: those
with digits of their own are left out), every committed catalog (each msgstr against its
msgid), the drafted messages of locales/new-messages-draft.toml in forty languages, and the
honest translations of tests/data/integrity/honest.toml. A rule that reads a
number or an address where these have none is too broad (issue 22)."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class HonestText:
    origin: str  # where it comes from, for the failure message
    language: str
    source: str  # the English it translates ("" for a corpus text written in the language)
    text: str


def _has_digits(text: str) -> bool:
    return any(unicodedata.digit(ch, None) is not None for ch in unicodedata.normalize("NFKC", text))


def honest_texts() -> Iterator[HonestText]:
    from campaigngen.catalogs.po import read_catalog

    english = tomllib.loads((DATA / "readability" / "en.toml").read_text(encoding="utf-8"))
    for path in sorted((DATA / "readability").glob("*.toml")):
        corpus = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("plain", "hard"):
            for number, entry in enumerate(corpus.get(kind, []), start=1):
                # The first fifteen of each kind say what the English ones say ("two hundred
                # languages"): that is their source. Later ones were written in the language.
                parallel = english[kind][number - 1]["text"] if number <= len(english[kind]) else ""
                if not _has_digits(entry["text"]):
                    yield HonestText(f"{path.name} {kind} {number}", corpus["language"], parallel, entry["text"])
    for path in sorted(PROJECT.glob("locales/*/LC_MESSAGES/*.po")):
        language = path.parts[-3].replace("_", "-")
        for message in read_catalog(path):
            if message.id and isinstance(message.string, str) and message.string:
                yield HonestText(f"{path.relative_to(PROJECT)} {message.context}", language, message.id, message.string)
    drafts = tomllib.loads((PROJECT / "locales" / "new-messages-draft.toml").read_text(encoding="utf-8"))
    for message_id, table in drafts.items():
        for language, text in table.items():
            if language != "en":
                yield HonestText(f"new-messages-draft.toml {message_id}", language, table["en"], text)
    honest = tomllib.loads((DATA / "integrity" / "honest.toml").read_text(encoding="utf-8"))
    sources = tomllib.loads((PROJECT / "content" / "help-is-here" / "campaign.toml").read_text(encoding="utf-8"))
    for language, messages in honest.items():
        for message_id, text in messages.items():
            source = sources["messages"][message_id]["text"]
            yield HonestText(f"honest.toml {language} {message_id}", language, source, text)
