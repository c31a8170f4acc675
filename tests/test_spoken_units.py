"""How much a listener hears: a phone number said digit by digit is one word a digit (the
budget rule stations use), in every language, whatever a word segmenter makes of the digit
words. ICU's dictionary cut Japanese はち (8) and なな (7) in two, so the sample's Japanese
call line counted 25 words where 11 digits and 6 words are heard. Languages without spaces
(Japanese, Khmer, Lao count words; Chinese characters; Thai, Burmese and S'gaw Karen
syllables) are tested through the gate's own path: the sample's spot script.

A language's unit is what its segmenter really finds: ICU cuts S'gaw Karen (Myanmar script,
Burmese dictionary) into syllables, which were counted as words at English's rate, and the
sample's Karen live read ran 30.54 s for a 30 s booking."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from campaigngen.catalogs.load import localize
from campaigngen.catalogs.spoken import SpotScript, digit_groups, spoken_number, spot_script
from campaigngen.checks.readability import speech_findings
from campaigngen.checks.readability.resolve import profile_for
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.registry import registry

PHONE = "1-888-373-7888"
SAMPLE = Path(__file__).resolve().parents[1] / "content" / "help-is-here"
# Every language whose spoken budget is in words, from the registry; and Chinese (characters),
# Thai and Korean (syllables), whose digit words are one character or syllable each.
WORD_LANGUAGES = tuple(tag for tag in registry() if profile_for(tag).speech_unit == "words")
ONE_UNIT_DIGITS = ("zh-Hans", "zh-Hant", "th", "ko")


def _heard(script, measure: str = "speech_units_per_second") -> int:
    """The units the check counts: its budget finding's value, with the budget at zero."""
    zero = 0 if measure == "speech_max_units_per_sentence" else 0.01
    found = speech_findings(script, {measure: zero}, language_tag=script.language)
    return next(f.detail["value"] for f in found if f.detail["limit_key"] == measure)


def test_the_words_are_every_registered_language_counted_in_words():
    assert {"ja", "km", "lo", "en", "es"} <= set(WORD_LANGUAGES)


@pytest.mark.parametrize("tag", WORD_LANGUAGES + ONE_UNIT_DIGITS)
def test_a_spelled_phone_number_is_one_unit_a_digit(tag):
    spoken = spoken_number(PHONE, tag)
    script = SpotScript(tag, "30s", 30, (spoken,), numbers=((spoken, " ".join(digit_groups(PHONE))),))
    assert _heard(script) == 11, spoken


SAMPLE_CAMPAIGN = load_campaign(SAMPLE)


@pytest.mark.parametrize("tag", ["ja", "zh-Hans", "th", "km", "lo", "ko", "en"])
def test_the_number_adds_its_digits_to_the_text_around_it(tag):
    """The sample's 30 s script as the gate measures it: its total is the text's without the
    number, plus 11 for every time the number is said."""
    script = spot_script(localize(SAMPLE_CAMPAIGN, tag), SAMPLE_CAMPAIGN.spots[0])
    (spoken, _numerals), *_ = script.numbers
    said = sum(segment.count(spoken) for segment in script.segments)
    assert said >= 2
    without = dataclasses.replace(
        script, segments=tuple(segment.replace(spoken, " ") for segment in script.segments), numbers=()
    )
    assert _heard(script) == _heard(without) + 11 * said


def test_the_japanese_call_line_is_a_sentence_a_listener_follows():
    # The script as #25 measured it: the line asking for an interpreter (contact.ask_language)
    # takes the whole 30 s script one word over its budget, which the sample waives for ja.
    campaign = dataclasses.replace(
        SAMPLE_CAMPAIGN, contact=dataclasses.replace(SAMPLE_CAMPAIGN.contact, ask_language=None)
    )
    script = spot_script(localize(campaign, "ja"), campaign.spots[0])
    call = next(segment for segment in script.segments if segment.startswith(spoken_number(PHONE, "ja")))
    one = dataclasses.replace(script, segments=(call,))
    # いち、はち... に 電話 し て くだ さい: 11 digits and ICU's six words, under the limit of 20.
    assert _heard(one, "speech_max_units_per_sentence") == 17
    assert speech_findings(script, language_tag="ja") == []


# ----------------------------------------------------------------- the script's unit


MYANMAR_WITHOUT_TABLE = tuple(tag for tag, entry in registry().items() if entry.script == "Mymr" and not entry.reading)


def test_a_myanmar_script_language_without_its_own_profile_is_counted_in_syllables():
    """ICU's Myanmar dictionary is Burmese's: S'gaw Karen comes back from it cut into
    syllables, so its 'words' were syllables counted at English's words a second."""
    assert "ksw" in MYANMAR_WITHOUT_TABLE
    burmese = profile_for("my")
    for tag in MYANMAR_WITHOUT_TABLE:
        profile = profile_for(tag)
        assert (profile.unit, profile.speech_unit) == ("syllables", "syllables")
        assert profile.limits.speech_units_per_second == burmese.limits.speech_units_per_second
        assert profile.calibration is None  # still uncalibrated: the gate asks for a reader


def test_icu_cuts_karen_into_its_syllables():
    from campaigngen.checks.readability.measures import sentence_measures

    karen = localize(SAMPLE_CAMPAIGN, "ksw")
    for message_id in ("headline", "free", "language", "name"):
        for sentence in sentence_measures(karen.text(message_id), "ksw"):
            assert sentence.word_count == sentence.syllables, sentence.words


def test_the_karen_live_read_fits_its_booking_at_the_scripts_rate():
    from campaigngen.renderers.radio import live_read_findings
    from campaigngen.renderers.radio.announcer import plain_rate

    assert str(plain_rate("ksw")) == str(plain_rate("my")) == "5 syllables/s"
    karen = localize(SAMPLE_CAMPAIGN, "ksw")
    assert live_read_findings(karen, SAMPLE_CAMPAIGN.spots[0]) == []


@pytest.mark.parametrize("tag", ["en", "es", "ar", "fr"])
def test_a_live_reads_phrase_units_are_the_checks_and_need_no_word_frequencies(tag, monkeypatch):
    """The live read (announcer.phrase_units) counts what the check counts, and reads no
    word-frequency list to do it: a render worker dropped its lists after its last job, and
    reading one again for the card's timing cost 0.1-0.3 s a spot."""
    from campaigngen.checks.readability import measures
    from campaigngen.checks.readability.speech_check import spoken_units
    from campaigngen.renderers.radio.announcer import phrase_units

    script = spot_script(localize(load_campaign(SAMPLE), tag), load_campaign(SAMPLE).spots[0])
    profile = profile_for(tag)
    expected = [
        sum(spoken_units(s, profile) for s in measures.sentence_measures(text, tag)) for text in script.segments
    ]

    def no_lookup(*args, **kwargs):
        raise AssertionError("a word-frequency lookup")

    monkeypatch.setattr(measures, "zipf", no_lookup)
    measures._sentence.cache_clear()  # measured afresh, as in a newly forked worker
    assert [phrase_units(text, False, tag) for text in script.segments] == expected
