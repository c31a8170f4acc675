"""The language registry: every fact the stages need about each supported language, in one
place (``languages.toml`` beside this module), read once; a project's own ``languages.toml``
(at its root, beside ``fonts/``, in the same schema) is merged over it while that project is
in use (``use_project_languages``, called when a campaign is loaded; a snapshot carries it to
render workers).

A project entry needs only a name and a script: what it leaves out follows from the script
(``script_defaults``: line breaking, full stop, invisibles), its three-letter code from
langcodes, its digit words from ICU's spell-out where ICU has the language. No voice means a
live-read card.

Stages ask ``facts(tag)``: the entry for the tag itself, else for its base language
("es-419" -> es), else, for Chinese, the script its region writes (zh-TW -> zh-Hant).
A language without an entry is not supported end to end; each stage says what it lacks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaigngen.exceptions import InputError
from campaigngen.frozen import FrozenMap
from campaigngen.sources.reading import Reading, parse_toml
from campaigngen.sources.schema import Boolean, Choice, ListOf, MapOf, Number, Pass, Raw, Schema, Table, Text, Where

REGISTRY_PATH = Path(__file__).with_name("languages.toml")
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
    # The voice reads a glottal letter only as the ASCII apostrophe (espeak-ng's K'iche' voice
    # switches to English at U+02BC): the letter is folded to ' before synthesis.
    ascii_apostrophe: bool = False


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
    # What a caller says to an English-speaking hotline to be connected to an interpreter
    # ("Mandarin", "Farsi"): the name interpreting services file the language under.
    interpreter_name: str = ""


VOICE = Table(
    {
        "espeak": Text("the espeak-ng voice name"),
        "usable": Boolean("would a listener understand it", default=False),
        "note": Text("why (not), for `campaigngen languages`", default=""),
        "rate_scale": Number("multiplies the words per minute asked for", default=1.0),
        "gtts": Text("Google's code, for campaigns that ask for the online voice"),
        "ascii_apostrophe": Boolean("the voice reads the glottal letter only as the ASCII apostrophe", default=False),
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
    "How a phone number is read aloud (default: ICU's spell-out where ICU has the language).",
    default={"digits": [], "separator": ", "},
    checks=(_ten_digits,),
)
LANGUAGE_ENTRY = Table(
    {
        "name": Text("the language's English name", required=True, default=""),
        "interpreter_name": Text(
            "the English name a caller says to an interpreting hotline to reach this language "
            "(default: name), e.g. Mandarin for Chinese (Simplified)"
        ),
        "script": Text("ISO 15924", required=True, default="Latn", pattern=r"[A-Z][a-z]{3}"),
        "iso639_2": Text("ISO 639-2 (ID3 TLAN); default: langcodes' code", pattern=r"[a-z]{3}"),
        "argos": Text("the machine-translation model's code (none: no machine drafts)", default=""),
        "line_breaking": Choice(LINE_BREAKING, "how lines break (default: by script)"),
        "invisibles": ListOf(
            Text(pattern=r"U\+[0-9A-Fa-f]{4,6}", says={"pattern": ("'{path}' lists '{value}'", "write U+200C")}),
            "format characters the spelling needs, as U+XXXX (default: by script)",
            default=None,
        ),
        "full_stop": Text("what ends a sentence the radio script adds (default: by script)"),
        "end_mark_optional": Boolean("sentences may end without a mark (default: by script)", default=False),
        "extra_end_marks": MapOf(
            Text(),
            "more marks that end a question (?) or an exclamation (!) (default: by script)",
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


@dataclass(frozen=True)
class ScriptDefaults:
    """What a language written in a script does unless its entry says otherwise (and what a
    language outside the registry gets)."""

    line_breaking: str = "uax14"
    full_stop: str = "."
    invisibles: frozenset[str] = frozenset()  # format characters its spelling needs
    end_mark_optional: bool = False
    extra_end_marks: Mapping[str, str] = field(default_factory=lambda: FrozenMap({}))


_ZWSP, _ZWNJ, _ZWJ, _RLM, _ALM = "\u200b", "\u200c", "\u200d", "\u200f", "\u061c"
_BRAHMIC = frozenset(_ZWNJ + _ZWJ)
_NO_SPACES = frozenset(_ZWSP)
# ZWNJ shapes Persian/Urdu/Pashto words and Indic half-forms; ZWJ forms Indic conjuncts; ZWSP
# marks word breaks in scripts without spaces, which break by dictionary (Thai, Lao) or by
# phrase (Khmer, Myanmar); RLM/ALM place punctuation in right-to-left text. Han and kana
# break by kinsoku, Hangul keeps words whole. Thai and Lao may end a sentence with no mark.
SCRIPT_DEFAULTS: Mapping[str, ScriptDefaults] = FrozenMap(
    {
        "Thai": ScriptDefaults("dictionary", ".", _NO_SPACES, end_mark_optional=True),
        "Laoo": ScriptDefaults("dictionary", ".", _NO_SPACES, end_mark_optional=True),
        "Khmr": ScriptDefaults("phrases", "\u17d4", _NO_SPACES),
        "Mymr": ScriptDefaults("phrases", "\u104b", _NO_SPACES),
        **dict.fromkeys(("Hans", "Hant", "Hani", "Jpan"), ScriptDefaults("kinsoku", "\u3002")),
        **dict.fromkeys(("Kore", "Hang"), ScriptDefaults("keep-all", ".")),
        "Deva": ScriptDefaults("uax14", "\u0964", _BRAHMIC, extra_end_marks=FrozenMap({"!": "\u0964"})),
        **dict.fromkeys(("Beng", "Guru"), ScriptDefaults("uax14", "\u0964", _BRAHMIC)),
        **dict.fromkeys(("Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym"), ScriptDefaults("uax14", ".", _BRAHMIC)),
        "Sinh": ScriptDefaults("uax14", ".", frozenset(_ZWJ)),
        "Ethi": ScriptDefaults("uax14", "\u1362"),
        "Arab": ScriptDefaults("uax14", ".", frozenset(_ZWNJ + _RLM + _ALM)),
        **dict.fromkeys(("Hebr", "Syrc", "Thaa", "Nkoo", "Adlm"), ScriptDefaults("uax14", ".", frozenset(_RLM))),
    }
)


def script_defaults(script: str) -> ScriptDefaults:
    return SCRIPT_DEFAULTS.get(script, ScriptDefaults())


RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})


def direction_of(script: str) -> str:
    return "rtl" if script in RTL_SCRIPTS else "ltr"


def _icu_digits(tag: str) -> list[str]:
    """ICU's spell-out of 0-9 where ICU has the language; [] where it would answer in English."""
    import icu

    base = base_of(tag)
    if not any(name.split("_")[0] == base for name in icu.NumberFormat.getAvailableLocales()):
        return []
    spell = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(tag.replace("-", "_")))
    return [spell.format(digit) for digit in range(10)]


def _alpha3(tag: str) -> str:
    import langcodes

    try:
        return str(langcodes.Language.get(base_of(tag)).to_alpha3(variant="B"))
    except (LookupError, ValueError):
        return "und"


def _facts(tag: str, entry: Mapping[str, Any], written: Mapping[str, Any]) -> LanguageFacts:
    """entry: the checked settings, defaults filled in; written: what the file says (what it
    leaves out follows from the script)."""
    spoken = entry["spoken"]
    voice = entry["voice"] or {"espeak": None, "usable": False}  # no voice: a live-read card
    by_script = script_defaults(entry["script"])
    invisibles = (
        by_script.invisibles
        if entry["invisibles"] is None
        else frozenset(chr(int(code[2:], 16)) for code in entry["invisibles"])
    )
    return LanguageFacts(
        tag=tag,
        name=entry["name"],
        script=entry["script"],
        iso639_2=entry["iso639_2"] or _alpha3(tag),
        argos=entry["argos"],
        line_breaking=entry["line_breaking"] or by_script.line_breaking,
        invisibles=invisibles,
        full_stop=entry["full_stop"] or by_script.full_stop,
        end_mark_optional=(
            by_script.end_mark_optional if entry["end_mark_optional"] is None else entry["end_mark_optional"]
        ),
        extra_end_marks=by_script.extra_end_marks
        if entry["extra_end_marks"] is None
        else FrozenMap(entry["extra_end_marks"]),
        digits=tuple(spoken["digits"] or _icu_digits(tag)),
        digit_separator=spoken["separator"],
        voice=Voice(**voice),
        reading=FrozenMap(entry["reading"]),
        interpreter_name=entry["interpreter_name"] or entry["name"],
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
    for tag in entries:
        if not _valid_tag(tag):
            run.problem((tag,), f"'{tag}' is not a valid BCP 47 language tag", "use a tag such as chk, mam, es-419")
    Reading(path, text, run).raise_problems()
    return FrozenMap({tag: _facts(tag, entry, data[tag]) for tag, entry in entries.items()})


def _valid_tag(tag: str) -> bool:
    import langcodes

    return bool(langcodes.tag_is_valid(tag))


@lru_cache(maxsize=1)
def builtin_registry() -> Mapping[str, LanguageFacts]:
    """The languages campaigngen ships: tag -> facts, in the order of the file."""
    return read_registry(REGISTRY_PATH)


PROJECT_LANGUAGES = "languages.toml"
_project: Mapping[str, LanguageFacts] = FrozenMap({})


def read_project_languages(project_root: Path) -> tuple[Mapping[str, LanguageFacts], str | None]:
    """A project's own languages.toml (its entries, and the SHA-256 of its bytes); none: ({}, None)."""
    path = project_root / PROJECT_LANGUAGES
    if not path.is_file():
        return FrozenMap({}), None
    return read_registry(path), hashlib.sha256(path.read_bytes()).hexdigest()


def use_languages(entries: Mapping[str, LanguageFacts]) -> None:
    """Make entries the project languages every stage of this process sees (a snapshot's)."""
    global _project, _merged
    if entries != _project:
        _project, _merged = entries, None


def use_project_languages(project_root: Path) -> str | None:
    """Read and use a project's languages.toml; the SHA-256 of its bytes (None: it has none)."""
    entries, sha256 = read_project_languages(project_root)
    use_languages(entries)
    return sha256


def project_languages() -> Mapping[str, LanguageFacts]:
    return _project


_merged: Mapping[str, LanguageFacts] | None = None


def registry() -> Mapping[str, LanguageFacts]:
    """Tag -> facts: the built-in registry in its order, then the project's own languages (an
    entry for a built-in tag replaces it in place)."""
    global _merged
    if _merged is None:
        _merged = FrozenMap({**builtin_registry(), **_project}) if _project else builtin_registry()
    return _merged


def core_languages() -> tuple[str, ...]:
    """The built-in languages, in the order of the file."""
    return tuple(builtin_registry())


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
