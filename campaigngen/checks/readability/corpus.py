"""The labelled corpus the reading-level limits are derived from and tested against.

One TOML file per language (``tests/data/readability/<tag>.toml``)::

    language = "ru"

    [[plain]]                        # a text a low-literacy reader grasps in seconds
    topic = "work"                   # work, help, rights, documents, money, health
    source = "written for campaigngen"
    text = "..."

    [[hard]]                         # a text a careful editor would reject for that reader
    ...

Texts are flyer length (10-40 words). Reading the corpus is a development step (deriving
limits, testing agreement): nothing at run time needs it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from campaigngen.exceptions import InputError

PLAIN, HARD = "plain", "hard"
LABELS = (PLAIN, HARD)
TOPICS = ("work", "help", "rights", "documents", "money", "health")
_FIELDS = frozenset({"topic", "source", "text"})


@dataclass(frozen=True)
class CorpusText:
    language: str
    label: str  # PLAIN or HARD
    number: int  # 1-based position among the texts of its label, as findings cite it
    topic: str
    source: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.language} {self.label} {self.number} ({self.topic})"


def corpus_path(folder: Path, tag: str) -> Path:
    return folder / f"{tag}.toml"


def load_corpus(folder: Path, tag: str) -> tuple[CorpusText, ...]:
    """Every text of one language, plain first; a malformed file is an InputError naming it."""
    path = corpus_path(folder, tag)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            path, f"no reading-level corpus for '{tag}'", hint="add plain and hard texts in that file"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML ({exc})") from None
    if data.get("language") != tag:
        raise InputError(path, f"language = {data.get('language')!r}, expected '{tag}'")
    texts: list[CorpusText] = []
    for label in LABELS:
        entries = data.get(label, [])
        if not isinstance(entries, list):
            raise InputError(path, f"'{label}' must be an array of tables ([[{label}]])")
        for number, entry in enumerate(entries, 1):
            texts.append(_text(path, tag, label, number, entry))
    return tuple(texts)


def _text(path: Path, tag: str, label: str, number: int, entry: object) -> CorpusText:
    where = f"[[{label}]] #{number}"
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        raise InputError(path, f"{where} must have exactly: {', '.join(sorted(_FIELDS))}")
    if entry["topic"] not in TOPICS:
        raise InputError(path, f"{where} topic '{entry['topic']}' is not one of {', '.join(TOPICS)}")
    for key in ("source", "text"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise InputError(path, f"{where} '{key}' must be a non-empty string")
    return CorpusText(tag, label, number, entry["topic"], entry["source"].strip(), entry["text"].strip())
