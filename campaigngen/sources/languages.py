"""Language tags: BCP 47 in, validated against the language registry and Babel, with the facts
renderers need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from campaigngen.exceptions import UnknownLanguage
from campaigngen.sources.registry import PROJECT_LANGUAGES, base_of, core_languages, direction_of, facts
from campaigngen.sources.schema import Pass, Text, Where


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47 as written in config, e.g. "zh-Hant"
    locale_id: str  # Babel / gettext form, e.g. "zh_Hant"
    script: str  # ISO 15924, e.g. "Latn", "Arab", "Hans"
    direction: str  # "ltr" or "rtl"
    native_name: str  # the language's own name, so a reader finds it at a glance
    english_name: str
    pseudo: bool = False  # layout-testing pseudo-locale, never published

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def base(self) -> str:
        """The language subtag alone: "es-419" -> "es"."""
        return base_of(self.tag)

    @property
    def iso639_2(self) -> str:
        """Three-letter code (ID3 TLAN wants ISO 639-2/B): the registry's for the languages we
        ship, langcodes' for the rest, "und" (undetermined) when neither knows it."""
        entry = facts(self.tag)
        if entry is not None and base_of(entry.tag) == self.base:  # not Filipino as Tagalog
            return entry.iso639_2
        return _alpha3(self.base)

    @property
    def interpreter_name(self) -> str:
        """The English name a caller says to an interpreting hotline ("Spanish", "Mandarin"):
        the registry's for the languages it has, the English name otherwise."""
        entry = facts(self.tag)
        if entry is not None and base_of(entry.tag) == self.base:
            return entry.interpreter_name
        return self.english_name


@cache
def _alpha3(base: str) -> str:
    import langcodes

    try:
        return langcodes.Language.get(base).to_alpha3(variant="B")
    except (LookupError, ValueError):
        return "und"


# The languages the project supports end to end: one entry each in the language registry
# (sources/languages.toml), in the order of tables and of the sample campaign.
CORE_LANGUAGES: tuple[str, ...] = core_languages()

# Pseudo-locales (the Android/Chromium convention): en-XA is accented and expanded Latin,
# ar-XB is mirrored right-to-left. They exist so layout bugs show before translators' text does.
PSEUDO_LOCALES: dict[str, Language] = {
    "en-XA": Language("en-XA", "en_XA", "Latn", "ltr", "[Ëñĝļîšĥ]", "Pseudo accented"),
    "ar-XB": Language("ar-XB", "ar_XB", "Latn", "rtl", "[ǝɹoɯ]", "Pseudo mirrored"),
}
PSEUDO_LOCALES = {tag: Language(**{**lang.__dict__, "pseudo": True}) for tag, lang in PSEUDO_LOCALES.items()}


def parse_language(tag: str) -> Language:
    """Validate a BCP 47 tag; raise ValueError with a reason when it is not one, or when
    neither the language registry (built in, or the project's languages.toml) nor Babel knows
    the language. A registered language takes its name and script from its entry."""
    if tag in PSEUDO_LOCALES:
        return PSEUDO_LOCALES[tag]
    if not tag or "_" in tag or tag.strip() != tag:
        raise ValueError(f"'{tag}' is not a BCP 47 language tag (use hyphens, e.g. 'zh-Hant')")
    if tag.split("-")[0].lower() in ("und", "mul", "zxx", "mis"):
        raise ValueError(f"'{tag}' names no language (undetermined, multiple or none)")
    if canonical_case(tag) != tag:
        # Tags name folders (locales/zh_Hant) and match waivers: one spelling per language.
        raise ValueError(f"'{tag}' is written '{canonical_case(tag)}' in BCP 47")
    entry = facts(tag)
    if entry is not None and base_of(entry.tag) == base_of(tag):  # not Filipino named as Tagalog
        return _parse(tag, entry.name, entry.script)
    return _parse(tag, None, None)


@cache
def _parse(tag: str, name: str | None, script: str | None) -> Language:
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        if name is None or script is None:
            raise ValueError(
                f"'{tag}' is not a language campaigngen knows ({exc}): give it an entry with a name and a "
                f"script in the project's {PROJECT_LANGUAGES}"
            ) from None
        # A registered language Babel has no data for (Chuukese, Mam): the entry is the truth.
        return Language(tag, tag.replace("-", "_"), script, direction_of(script), name, name)
    if script is None:
        script = locale.script
    if not script:
        likely = get_global("likely_subtags")
        expanded = likely.get(str(locale)) or likely.get(locale.language) or ""
        parts = expanded.split("_")
        script = parts[1] if len(parts) > 1 else "Latn"
    # Name the language, not a country: "Filipino", not "Filipino (Pilipinas)".
    named = Locale(locale.language, script=locale.script) if locale.territory else locale
    english = Locale("en")
    return Language(
        tag=tag,
        locale_id=tag.replace("-", "_"),
        script=script,
        direction=direction_of(script) if name is not None else locale.text_direction,
        native_name=named.get_display_name(named) or name or tag,
        english_name=name or named.get_display_name(english) or tag,
    )


def canonical_case(tag: str) -> str:
    """BCP 47's conventional casing: language lower, Script title, REGION upper."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def language(tag: str, *, path: Path | None = None, line: int | None = None) -> Language:
    """parse_language for user input: an unknown tag is a one-line InputError."""
    try:
        return parse_language(tag)
    except ValueError as exc:
        raise UnknownLanguage(path, str(exc), line=line, hint="use a BCP 47 tag such as es, vi, zh-Hans") from None


class Tag(Text):
    """A setting that names a language: a BCP 47 tag Babel knows, read as a ``Language``."""

    failures = {**Text.failures, "tag": ("{reason}", "use a BCP 47 tag such as es, vi, zh-Hans")}
    refines_blank = True

    def refine(self, text: str, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        try:
            return parse_language(text)
        except ValueError as exc:
            return self.fail(run, "tag", where, entry, reason=str(exc))

    def fallback(self) -> Any:
        return parse_language(self.default) if isinstance(self.default, str) else self.default
