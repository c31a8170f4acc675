"""The language registry: every entry carries every fact each stage needs, and the stages read
it. Adding a language is one entry in campaigngen/sources/languages.toml; this file is what
tells the person adding it what the entry still lacks."""

from __future__ import annotations

import tomllib
import unicodedata

import langcodes
import pytest
from babel.core import get_global
from babel.localedata import locale_identifiers

from campaigngen.catalogs.spoken import digit_words, spoken_number
from campaigngen.checks.integrity import allowed_invisibles, punctuation_findings
from campaigngen.checks.readability import profile_for
from campaigngen.mt.models import argos_code
from campaigngen.renderers.radio.voices import espeak_voice, voice_support
from campaigngen.renderers.typesetting.breaking import policy_for
from campaigngen.sources.fonts import manifest
from campaigngen.sources.languages import CORE_LANGUAGES, parse_language
from campaigngen.sources.registry import LINE_BREAKING, REGISTRY_PATH, core_languages, facts, registry

ENTRIES = list(registry().values())
# Where the registry writes a language in another script than CLDR's likely one, and why.
CHOSEN_VARIETIES = {"mww": "Hmong Daw in RPA Latin, as US Hmong communities write it (CLDR: Nyiakeng Puachue)"}


def test_the_core_languages_are_the_registry_in_its_order():
    assert CORE_LANGUAGES == core_languages() == tuple(registry())
    with REGISTRY_PATH.open("rb") as handle:
        written = list(tomllib.load(handle))  # every table of the file, in its order
    assert CORE_LANGUAGES[0] == "en" and list(CORE_LANGUAGES) == written


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.tag)
def test_entry_is_complete(entry):
    assert langcodes.tag_is_valid(entry.tag)
    likely = get_global("likely_subtags").get(entry.tag.replace("-", "_"), "").split("_")
    if len(likely) > 1 and len(likely[1]) == 4 and entry.tag not in CHOSEN_VARIETIES:  # where CLDR knows it
        assert entry.script == likely[1], "the registry's script is the one CLDR expects"
    assert parse_language(entry.tag).english_name == entry.name, "the registry names the language"
    assert entry.name and len(entry.iso639_2) == 3 and entry.iso639_2.islower()
    assert not entry.argos or (entry.argos.isalpha() and entry.argos.islower())  # "": no machine drafts
    assert entry.line_breaking in LINE_BREAKING
    assert all(unicodedata.category(ch) == "Cf" for ch in entry.invisibles)
    assert set(entry.extra_end_marks) <= {"?", "!"}
    assert len(entry.digits) == 10 and len(set(entry.digits)) == 10 and all(w.strip() for w in entry.digits)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.tag)
def test_every_stage_reads_the_entry(entry):
    tag = entry.tag
    assert profile_for(tag).tag == tag and profile_for(tag).name == entry.name
    assert digit_words(tag) == entry.digits
    assert spoken_number("12", tag) == entry.digit_separator.join(entry.digits[1:3])
    assert policy_for(tag, entry.script).name == entry.line_breaking
    assert argos_code(tag) == entry.argos
    assert allowed_invisibles(tag) == entry.invisibles
    assert parse_language(tag).iso639_2 == entry.iso639_2
    # The full stop the radio script adds is one the punctuation check accepts as a full stop.
    assert punctuation_findings(tag, "m", "Call.", "x" + entry.full_stop) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.tag)
def test_entry_has_fonts_for_its_digit_words_and_name(entry):
    language = parse_language(entry.tag)
    chain = manifest().chain(language)
    text = "".join(entry.digits) + language.native_name + entry.full_stop
    missing = {c for c in text if not c.isspace() and not manifest().covering_family(c, chain)}
    assert not missing, f"no font in {chain} draws {sorted(missing)}: add one to fonts/fonts.toml"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.tag)
def test_a_usable_voice_is_one_espeak_ng_has(entry):
    support = voice_support(entry.tag)
    if entry.voice.usable:
        assert support.usable and support.voice == entry.voice.espeak, support.note
    else:
        assert not support.usable
    found = espeak_voice(entry.tag)
    assert (found is None) == (entry.voice.espeak is None)


def test_regional_tags_find_their_language():
    assert facts("es-419").tag == "es"
    assert facts("zh-TW").tag == "zh-Hant" and facts("zh-CN").tag == "zh-Hans"
    assert facts("zh-Hant-HK").tag == "zh-Hant" and facts("zh").tag == "zh-Hans"
    assert facts("fil").tag == "tl"
    assert facts(UNREGISTERED) is None


def _unregistered(script: str) -> str:
    """A language CLDR knows, written in script, that the registry has no entry for."""
    likely = get_global("likely_subtags")
    return next(
        tag
        for tag in sorted(locale_identifiers())
        if "_" not in tag and facts(tag) is None and likely.get(tag, "").split("_")[1:2] == [script]
    )


UNREGISTERED = _unregistered("Mymr")  # Shan, while the registry has no entry for it


def test_languages_outside_the_registry_take_their_scripts_rules():
    # No entry, so its script's: ZWSP allowed, lines broken by phrases.
    assert allowed_invisibles(UNREGISTERED) == frozenset("\u200b")
    assert policy_for(UNREGISTERED, "Mymr").name == "phrases"
    assert argos_code("de-AT") == "de"
    alpha3 = langcodes.Language.get(UNREGISTERED).to_alpha3(variant="B")
    assert parse_language(UNREGISTERED).iso639_2 == alpha3 and parse_language("fil").iso639_2 == "fil"
