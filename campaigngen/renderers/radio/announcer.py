"""A person reading the script on air: how long it takes, at the language's plain speaking rate.

A live-read card tells the announcer how long to take. That time must be one a person can
keep: not 13 s for 45 words, not 58 s for 24. So a live read is composed like a spot
(compose.py), with an announcer as the "engine": the script is cut into the same phrases
the voices speak (sentences, digit groups, words before the number), each phrase takes its
spoken units at the language's plain rate (the reading-level profile's spoken budget:
English 150 words a minute, radio copywriting practice, 25 words per 10 s; every other
language scaled from it by its measured text length, sources in `campaigngen languages
--json`), digits at the slower rate the voices use for the number (125 against 160 words a
minute: one digit at a time), and the pauses between phrases are the voices' own
(timeline.PAUSES). The composer then paces it within the same natural range (85-115 %),
adds what [delivery] fill allows, or says that no plain reading fits the booking.

The "speech" is silence at a nominal rate: only its lengths are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from campaigngen.catalogs.spoken import count_spoken_words

ANNOUNCER = "announcer"
NOMINAL_RATE = 1000  # samples a second for the silent stand-in speech: lengths only
TEXT_RATE_WPM, NUMBER_RATE_WPM = 160, 125  # as the voices read text and the number (engines.py)
_ENGLISH_WORDS_PER_SECOND = 2.5  # where a language has no reading-level profile


@dataclass(frozen=True)
class PlainRate:
    units_per_second: float
    unit: str  # words, syllables, characters
    source: str

    def __str__(self) -> str:
        return f"{self.units_per_second:g} {self.unit}/s"


@lru_cache(maxsize=256)
def plain_rate(language_tag: str) -> PlainRate:
    """The language's plain spoken rate, from its reading-level profile (never the campaign's
    overrides: loosening a budget does not make anyone read faster)."""
    from campaigngen.checks.readability.resolve import profile_for
    from campaigngen.exceptions import UnsupportedLanguage

    try:
        profile = profile_for(language_tag)
    except UnsupportedLanguage:
        return PlainRate(_ENGLISH_WORDS_PER_SECOND, "words", "English's rate: no profile for this language")
    rate = profile.limits.speech_units_per_second or _ENGLISH_WORDS_PER_SECOND
    unit = "characters" if profile.speech_unit == "chars" else profile.speech_unit
    return PlainRate(float(rate), unit, profile.sources.get("speech_units_per_second", ""))


def phrase_units(text: str, is_number: bool, language_tag: str) -> float:
    """Spoken units of one phrase: a digit group is one unit a digit (the budget's rule)."""
    if is_number:
        return float(count_spoken_words(text, language_tag))
    from campaigngen.checks.readability.measures import sentence_measures
    from campaigngen.checks.readability.resolve import profile_for
    from campaigngen.checks.readability.speech_check import spoken_units
    from campaigngen.exceptions import UnsupportedLanguage

    try:
        profile = profile_for(language_tag)
    except UnsupportedLanguage:
        return float(count_spoken_words(text, language_tag))
    # Spoken units count words, syllables or characters, never rare words: without them the
    # word-frequency list is not read (a render worker dropped it after its last job).
    measured = sentence_measures(text, language_tag, rare_words=False)
    return float(sum(spoken_units(s, profile) for s in measured))


__all__ = ["ANNOUNCER", "NOMINAL_RATE", "PlainRate", "phrase_units", "plain_rate"]
