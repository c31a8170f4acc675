"""number_words.json: the lexicons and digit words checks/number_words.py makes from ICU and the
built-in registry, shipped so that a check does not make them again in every process. It must
be exactly what the code makes now, and is used only where it was made from the same inputs."""

from __future__ import annotations

import json

import pytest

from campaigngen.checks import number_words
from campaigngen.sources.registry import project_languages

FIX = "run: python -m campaigngen.checks.number_words"


@pytest.fixture(scope="module")
def made():
    assert not project_languages()
    return number_words.shipped_tables()


def test_the_shipped_tables_are_what_the_code_makes_now(made):
    text = json.dumps(made, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    assert number_words._SHIPPED.read_text(encoding="utf-8") == text, f"number_words.json is stale - {FIX}"


def test_every_shipped_lexicon_and_digit_words_read_back_as_made(made):
    """What a check gets from the file (through the cached loaders) equals what the code makes."""
    assert number_words._shipped(), f"number_words.json was not made by this code - {FIX}"
    for tag, entry in made["lexicons"].items():
        own = tuple(entry["digit_words"])
        assert number_words._lexicon.__wrapped__(tag, own) == number_words._made_lexicon(tag, own), tag
    for tag, entry in made["digit_words"].items():
        own = tuple(entry["own"])
        assert number_words._digit_words.__wrapped__(tag, own) == number_words._made_digit_words(tag, own), tag


def test_other_digit_words_are_not_answered_from_the_file():
    """A project's languages.toml may give a language other digit words: its lexicon is made
    from them, not taken from the file."""
    own = ("sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa")
    lexicon = number_words._lexicon.__wrapped__("es", own)
    assert lexicon == number_words._made_lexicon("es", own)
    assert lexicon.words["moja"] == 1
    words = number_words._digit_words.__wrapped__("es", own)
    assert words == number_words._made_digit_words("es", own) and words.words["tisa"] == 9


def test_a_file_made_by_other_code_or_another_icu_is_not_used(monkeypatch):
    number_words._shipped.cache_clear()
    try:
        monkeypatch.setattr(number_words, "_inputs_key", lambda: "another ICU")
        assert number_words._shipped() == {}
        own = number_words._own_digit_words("ru")
        assert number_words._lexicon.__wrapped__("ru", own) == number_words._made_lexicon("ru", own)
    finally:
        number_words._shipped.cache_clear()
