"""From a BCP 47 tag to a profile: regional variants share one, anything else is refused."""

from __future__ import annotations

from functools import lru_cache

from campaigngen.checks.readability.profiles import PROFILES, PSEUDO_PROFILES, ReadabilityProfile, from_registry
from campaigngen.exceptions import UnsupportedLanguage
from campaigngen.sources.registry import LanguageFacts, builtin_registry, project_languages

_SCRIPT_ALIASES = {"Hang": "Kore"}
_HANT_REGIONS = frozenset({"TW", "HK", "MO"})
_ALIASES = {"fil": "tl"}


def _parse(tag: str) -> tuple[str, str | None, str | None]:
    parts = tag.replace("_", "-").split("-")
    language = parts[0].lower()
    script = region = None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and script is None:
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = region or part.upper()
    return language, script, region


def profile_for(language_tag: str) -> ReadabilityProfile:
    """``es-419`` -> es, ``zh-TW`` -> zh-Hant, ``en-XA`` -> a length-only pseudo profile; a
    language of the project's own languages.toml -> the profile its entry describes
    (uncalibrated: no corpus judged it, which the print check says).

    A language without a profile raises UnsupportedLanguage: scoring it with English
    coefficients would pass or fail it for reasons that have nothing to do with readers.
    """
    own = project_languages()
    entry = own.get(language_tag) or own.get(_ALIASES.get(_parse(language_tag)[0], _parse(language_tag)[0]))
    if entry is not None:
        return project_profile(entry)
    return _builtin_profile(language_tag)


# id(entry) -> (entry, its profile): the entry is held, so its id is not reused.
_PROJECT_PROFILES: dict[int, tuple[LanguageFacts, ReadabilityProfile]] = {}


def project_profile(entry: LanguageFacts) -> ReadabilityProfile:
    """The profile of a project language's entry, made once per entry."""
    if id(entry) not in _PROJECT_PROFILES:
        _PROJECT_PROFILES[id(entry)] = (entry, from_registry(entry))
    return _PROJECT_PROFILES[id(entry)][1]


@lru_cache(maxsize=256)
def _builtin_profile(language_tag: str) -> ReadabilityProfile:
    if language_tag in PROFILES:
        return PROFILES[language_tag]
    if language_tag in PSEUDO_PROFILES:
        return PSEUDO_PROFILES[language_tag]
    language, script, region = _parse(language_tag)
    language = _ALIASES.get(language, language)
    if language == "zh":
        if script in (None, "Hans", "Hant"):
            hant = script == "Hant" or (script is None and region in _HANT_REGIONS)
            return PROFILES["zh-Hant" if hant else "zh-Hans"]
    # The script a profile was built for (the registry's): "hi-Latn" (romanised Hindi) is not Hindi's.
    elif language in PROFILES and (
        script is None or _SCRIPT_ALIASES.get(script, script) == builtin_registry()[language].script
    ):
        return PROFILES[language]
    known = ", ".join(sorted(PROFILES))
    raise UnsupportedLanguage(
        f"no readability profile for '{language_tag}' (profiled: {known}) - give it an entry in the "
        f"project's languages.toml (a name and a script); it is never scored with another language's rules"
    )
