"""The word lists read a bucket at a time (checks/readability/wordlists.py) answer as wordfreq's
whole lists do: every word's frequency, and None for a word that is not listed."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from campaigngen.checks.readability import wordlists
from campaigngen.checks.readability.resolve import profile_for
from campaigngen.sources.registry import builtin_registry

# Lists the sample's checks read, large and small, each script the lookups treat differently.
_PROPERTY_CODES = ("es", "ar", "zh", "uk", "fil")


@cache
def _whole(code: str) -> tuple[dict[str, float], tuple[str, ...]]:
    import wordfreq

    frequencies = dict(wordfreq.get_frequency_dict(code))
    return frequencies, tuple(frequencies)


@cache
def _read(code: str) -> wordlists.WordList:
    """Held here: the module keeps three languages, and the examples go back and forth."""
    return wordlists.WordList(code)


def _registry_word_lists() -> list[str]:
    codes = {profile_for(tag).wordlist for tag in builtin_registry()}
    return sorted(code for code in codes if code)


@pytest.mark.parametrize("code", _registry_word_lists())
def test_every_rare_word_is_written_as_a_search_for_it_is(code):
    """A word past the common buckets is found by searching the bytes for msgpack's encoding
    of it: that holds only if the list writes every word in that one encoding. Each later
    bucket is re-encoded and must be the same bytes; and no word is in two buckets, so the
    first bucket a word is found in is the one wordfreq's dict gives it (the later's)."""
    import msgpack

    listed = wordlists.WordList(code)
    starts = listed._later_starts()
    seen = len(listed.common)
    for bucket in range(len(starts) - 1):
        stored = listed._raw[starts[bucket] : starts[bucket + 1]]
        words = msgpack.unpackb(stored, raw=False)
        assert msgpack.packb(words) == stored, (code, bucket)
        seen += len(words)
    assert len(listed.whole()) == seen, code


@settings(max_examples=400)
@given(
    code=st.sampled_from(_PROPERTY_CODES),
    where=st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
    change=st.sampled_from(("as listed", "one letter more", "last letter dropped", "doubled")),
    letter=st.characters(codec="utf-8", categories=("Ll", "Lo")),
)
def test_a_lookup_agrees_with_wordfreqs_whole_dict(code, where, change, letter):
    """Any listed word (most of a list is past the common buckets), and words made from them that
    may or may not be listed: the same frequency or None as wordfreq's get_frequency_dict."""
    frequencies, words = _whole(code)
    word = words[int(where * len(words))]
    word = {
        "as listed": word,
        "one letter more": word + letter,
        "last letter dropped": word[:-1],
        "doubled": word + word,
    }[change]
    assert _read(code).get(word) == frequencies.get(word)


@settings(max_examples=200)
@given(code=st.sampled_from(("es", "uk", "fil")), where=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_zipf_agrees_with_wordfreqs_zipf_frequency(code, where):
    """For a listed word wordfreq's own tokenizer leaves whole (no digits, one token), our
    Zipf value is wordfreq's zipf_frequency."""
    import wordfreq

    _frequencies, words = _whole(code)
    word = words[int(where * len(words))]
    assume(wordfreq.tokenize(word, code) == [word] and not any(ch.isdigit() for ch in word))
    assert wordlists.zipf(word, code) == wordfreq.zipf_frequency(word, code)


def test_the_whole_table_is_wordfreqs_dict_in_its_order():
    import wordfreq

    wordlists.forget_tables()
    whole = wordlists.table("uk")
    assert list(whole.items()) == list(wordfreq.get_frequency_dict("uk").items())
    wordlists.forget_tables()
