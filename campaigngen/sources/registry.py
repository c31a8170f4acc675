"""The language registry: every fact the stages need about each supported language, in one
place (``languages.toml`` beside this module), read once.

Stages ask ``facts(tag)``: the entry for the tag itself, else for its base language
("es-419" -> es), else, for Chinese, the script its region writes (zh-TW -> zh-Hant).
A language without an entry is not supported end to end; each stage says what it lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaigngen.exceptions import InputError
from campaigngen.frozen import FrozenMap
from campaigngen.sources.reading import Reading, parse_toml
from campaigngen.sources.schema import Boolean, Choice, ListOf, MapOf, Number, Pass, Raw, Schema, Table, Text, Where

REGISTRY_PATH = Path(__file__).with_name("languages.toml")
# The languages being added (issue 25), in the same schema, not yet entries a campaign can use.
DRAFT_PATH = Path(__file__).with_name("languages-new-draft.toml")
LINE_BREAKING = ("uax14", "keep-all", "phrases", "dictionary", "kinsoku")
_HANT_REGIONS = frozenset({"TW", "HK", "MO"})


def _ten_digits(spoken: dict[str, Any], where: Where, run: Pass) -> None:
    if len(spoken["digits"]) != 10:
        run.problem((*where, "digits"), f"'{'.'.join(map(str, where))}.digits' must list ten words, for 0 to 9")


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


VOICE = Table(
    {
        "espeak": Text("the espeak-ng voice name"),
        "usable": Boolean("would a listener understand it", default=False),
        "note": Text("why (not), for `campaigngen languages`", default=""),
        "rate_scale": Number("multiplies the words per minute asked for", default=1.0),
        "gtts": Text("Google's code, for campaigns that ask for the online voice"),
    },
    "The radio voice.",
)
SPOKEN = Table(
    {
        "digits": ListOf(
            Text(blank="problem"), "the words for 0-9 as a phone number is read", required=True, default=[]
        ),
        "separator": Text("what goes between them", default=", "),
    },
    "How a phone number is read aloud.",
    required=True,
    checks=(_ten_digits,),
)
LANGUAGE_ENTRY = Table(
    {
        "name": Text("the language's English name", required=True, default=""),
        "script": Text("ISO 15924", required=True, default="Latn", pattern=r"[A-Z][a-z]{3}"),
        "iso639_2": Text("ISO 639-2 (ID3 TLAN)", required=True, default="und", pattern=r"[a-z]{3}"),
        "argos": Text("the machine-translation model's code", required=True, default=""),
        "line_breaking": Choice(LINE_BREAKING, "how lines break", required=True, default="uax14"),
        "invisibles": ListOf(
            Text(pattern=r"U\+[0-9A-Fa-f]{4,6}", says={"pattern": ("'{path}' lists '{value}'", "write U+200C")}),
            "format characters the spelling needs, as U+XXXX",
            default=[],
        ),
        "full_stop": Text("what ends a sentence the radio script adds", default="."),
        "end_mark_optional": Boolean("sentences may end without a mark", default=False),
        "extra_end_marks": MapOf(
            Text(),
            "more marks that end a question (?) or an exclamation (!)",
            key=Text(pattern=r"[?!]", says={"pattern": ("'{path}' is not ? or !", None)}),
        ),
        "spoken": SPOKEN,
        "voice": VOICE,
        "reading": MapOf(Raw(), "the reading-level profile (checks/readability/profiles.py checks it)"),
    },
    "One language: every fact the stages need.",
)
# The registry is a table of entries by BCP 47 tag; a project's own languages.toml is read with the same schema.
REGISTRY_SCHEMA = Schema(MapOf(LANGUAGE_ENTRY, "The languages, by BCP 47 tag."))


def _facts(tag: str, entry: Mapping[str, Any]) -> LanguageFacts:
    spoken, voice = entry["spoken"], entry["voice"]
    return LanguageFacts(
        tag=tag,
        name=entry["name"],
        script=entry["script"],
        iso639_2=entry["iso639_2"],
        argos=entry["argos"],
        line_breaking=entry["line_breaking"],
        invisibles=frozenset(chr(int(code[2:], 16)) for code in entry["invisibles"]),
        full_stop=entry["full_stop"],
        end_mark_optional=entry["end_mark_optional"],
        extra_end_marks=FrozenMap(entry["extra_end_marks"]),
        digits=tuple(spoken["digits"]),
        digit_separator=spoken["separator"],
        voice=Voice(voice["espeak"], voice["usable"], voice["note"], voice["rate_scale"], voice["gtts"]),
        reading=FrozenMap(entry["reading"]),
    )


def read_registry(path: Path) -> Mapping[str, LanguageFacts]:
    """A languages.toml (the built-in registry, or one in the same schema): tag -> facts, in the
    file's order. Every mistake is reported, each with its line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})", hint="restore the file") from None
    text, data = parse_toml(path, raw)
    entries, run = REGISTRY_SCHEMA.check(data)
    Reading(path, text, run).raise_problems()
    return FrozenMap({tag: _facts(tag, entry) for tag, entry in entries.items()})


@lru_cache(maxsize=1)
def registry() -> Mapping[str, LanguageFacts]:
    """Tag -> facts, in the order of the file (the order of tables and of the sample)."""
    return read_registry(REGISTRY_PATH)


def core_languages() -> tuple[str, ...]:
    return tuple(registry())


def base_of(tag: str) -> str:
    return tag.split("-")[0]


def language_keys(tags: Iterable[str]) -> set[str]:
    """A language's tag or its base ('es' covers 'es-419')."""
    tags = list(tags)
    return set(tags) | {base_of(tag) for tag in tags}


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


@lru_cache(maxsize=1)
def drafted_digits() -> Mapping[str, tuple[str, ...]]:
    """The digit words of the languages still in the draft registry (Tigrinya, Oromo, Mam...):
    a translation can be attacked with a language before the project prints it."""
    if not DRAFT_PATH.exists():
        return FrozenMap({})
    import tomllib

    with DRAFT_PATH.open("rb") as handle:
        draft = tomllib.load(handle)
    return FrozenMap(
        {tag: tuple(entry["spoken"]["digits"]) for tag, entry in draft.items() if "digits" in entry.get("spoken", {})}
    )
