"""The language registry: every fact the stages need about each supported language, in one
place (``languages.toml`` beside this module), read once.

Stages ask ``facts(tag)``: the entry for the tag itself, else for its base language
("es-419" -> es), else, for Chinese, the script its region writes (zh-TW -> zh-Hant).
A language without an entry is not supported end to end; each stage says what it lacks.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaigngen.frozen import FrozenMap

REGISTRY_PATH = Path(__file__).with_name("languages.toml")
LINE_BREAKING = ("uax14", "keep-all", "phrases", "dictionary", "kinsoku")
_HANT_REGIONS = frozenset({"TW", "HK", "MO"})


@dataclass(frozen=True)
class Voice:
    espeak: str | None  # espeak-ng voice name
    usable: bool  # would a listener understand it
    note: str = ""
    rate_scale: float = 1.0  # multiplies the words per minute asked for
    gtts: str | None = None  # Google's code for the online voice


@dataclass(frozen=True)
class LanguageFacts:
    tag: str
    name: str
    script: str  # ISO 15924
    iso639_2: str
    argos: str  # the machine-translation model's language code
    line_breaking: str
    invisibles: frozenset[str]  # format characters the language's spelling needs
    full_stop: str
    end_mark_optional: bool
    extra_end_marks: Mapping[str, str]  # sentence kind ("?", "!") -> more marks that end it
    digits: tuple[str, ...]  # the words for 0-9 as a phone number is read
    digit_separator: str
    voice: Voice
    reading: Mapping[str, Any]  # the reading-level profile's settings


def _entry(tag: str, raw: Mapping[str, Any]) -> LanguageFacts:
    spoken, voice = raw["spoken"], raw.get("voice", {})
    return LanguageFacts(
        tag=tag,
        name=raw["name"],
        script=raw["script"],
        iso639_2=raw["iso639_2"],
        argos=raw["argos"],
        line_breaking=raw["line_breaking"],
        invisibles=frozenset(chr(int(code[2:], 16)) for code in raw.get("invisibles", [])),
        full_stop=raw.get("full_stop", "."),
        end_mark_optional=raw.get("end_mark_optional", False),
        extra_end_marks=FrozenMap(raw.get("extra_end_marks", {})),
        digits=tuple(spoken["digits"]),
        digit_separator=spoken.get("separator", ", "),
        voice=Voice(
            voice.get("espeak"),
            voice.get("usable", False),
            voice.get("note", ""),
            voice.get("rate_scale", 1.0),
            voice.get("gtts"),
        ),
        reading=FrozenMap(raw.get("reading", {})),
    )


@lru_cache(maxsize=1)
def registry() -> Mapping[str, LanguageFacts]:
    """Tag -> facts, in the order of the file (the order of tables and of the sample)."""
    data = tomllib.loads(REGISTRY_PATH.read_text(encoding="utf-8"))
    return FrozenMap({tag: _entry(tag, raw) for tag, raw in data.items()})


def core_languages() -> tuple[str, ...]:
    return tuple(registry())


def base_of(tag: str) -> str:
    return tag.split("-")[0]


def facts(tag: str) -> LanguageFacts | None:
    """The entry for tag, its base language, or (Chinese) the script its region writes."""
    table = registry()
    if tag in table:
        return table[tag]
    parts = tag.split("-")
    base = parts[0]
    if base == "zh":
        script = next((p for p in parts[1:] if len(p) == 4), None)
        region = next((p for p in parts[1:] if len(p) == 2 or (len(p) == 3 and p.isdigit())), None)
        hant = script == "Hant" or (script is None and region in _HANT_REGIONS)
        return table.get("zh-Hant" if hant else "zh-Hans")
    if base == "fil":
        return table.get("tl")
    return table.get(base)
