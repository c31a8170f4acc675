"""The raw numbers: per sentence, then pooled over any set of sentences."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from campaigngen.checks.readability.formulas import FORMULAS, lix
from campaigngen.checks.readability.norms import word_length
from campaigngen.checks.readability.profiles import ReadabilityProfile, sentence_keys
from campaigngen.checks.readability.resolve import profile_for
from campaigngen.checks.readability.segmentation import Segmentation, is_placeholder, segment_with
from campaigngen.checks.readability.syllables import syllables
from campaigngen.checks.readability.wordlists import countable, zipf

LONG_WORD = 6  # LIX counts words of more than six letters


@dataclass(frozen=True)
class SentenceMeasures:
    text: str
    words: tuple[str, ...]
    chars: int  # letters and digits (a placeholder counts as one)
    syllables: int | None  # None where the language has no syllable counter
    long_words: int
    rare_words: tuple[str, ...]  # below the profile's rare_zipf, in order, each once
    word_lengths: tuple[int, ...] = ()  # of each vocabulary word (not numbers or placeholders)

    @property
    def word_count(self) -> int:
        return len(self.words)

    def units(self, unit: str) -> int:
        if unit == "chars":
            return self.chars
        if unit == "syllables":
            return self.syllables or 0
        return self.word_count


@dataclass(frozen=True)
class Measures:
    language: str
    profile: str
    unit: str
    sentences: tuple[SentenceMeasures, ...]
    words: int
    chars: int
    syllables: int | None
    avg_units_per_sentence: float
    longest_sentence_units: int
    scores: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    lix: float | None = None
    rare_words: tuple[str, ...] = ()
    rare_share: float | None = None
    mean_word_length: float | None = None  # in the profile's word_length_unit
    word_length_ratio: float | None = None  # mean_word_length / the language's norm


def segment(text: str, language_tag: str) -> Segmentation:
    profile = profile_for(language_tag)
    return segment_with(text, language_tag, profile.icu_locale, profile.thai_spaces)


def _chars(sentence_words: Iterable[str]) -> int:
    total = 0
    for word in sentence_words:
        if is_placeholder(word):
            total += 1
        else:
            total += sum(1 for ch in word if unicodedata.category(ch)[0] in "LN")
    return total


@lru_cache(maxsize=16384)
def _sentence(text: str, words: tuple[str, ...], tag: str, rare_zipf: float | None) -> SentenceMeasures:
    profile = profile_for(tag)
    scheme = profile.syllable_scheme
    syllable_count = None
    if scheme:
        syllable_count = sum(1 if is_placeholder(w) else syllables(w, scheme) for w in words)
    long_words = sum(1 for w in words if not is_placeholder(w) and sum(ch.isalpha() for ch in w) > LONG_WORD)
    rare: tuple[str, ...] = ()
    if profile.wordlist and rare_zipf is not None:
        seen = dict.fromkeys(w for w in words if countable(w) and zipf(w, profile.wordlist, profile.hant) < rare_zipf)
        rare = tuple(seen)
    lengths = tuple(word_length(w) for w in words if countable(w))
    return SentenceMeasures(
        text=text,
        words=words,
        chars=_chars(words),
        syllables=syllable_count,
        long_words=long_words,
        rare_words=rare,
        word_lengths=lengths,
    )


def sentence_measures(
    text: str, language_tag: str, rare_zipf: float | None = None, *, rare_words: bool = True
) -> tuple[SentenceMeasures, ...]:
    """rare_words=False: rare_words left empty, for callers that count only words, syllables
    and characters (a live read's length): the word-frequency list is then not read at all,
    which in a render worker means not reading it again after every job."""
    profile = profile_for(language_tag)
    if rare_zipf is None:
        rare_zipf = profile.limits.rare_zipf
    if not rare_words:
        rare_zipf = None
    seg = segment(text, language_tag)
    return tuple(_sentence(t, w, profile.tag, rare_zipf) for t, w in zip(seg.sentence_texts, seg.sentences))


def scores_for(profile: ReadabilityProfile, words: int, sentences: int, syllable_count: int | None) -> dict[str, float]:
    if not words or not sentences or syllable_count is None:
        return {}
    asl, asw = words / sentences, syllable_count / words
    return {name: round(FORMULAS[name].compute(asl, asw), 2) for name in profile.formulas}


def mean_word_length(sentences: Iterable[SentenceMeasures]) -> float | None:
    lengths = [length for s in sentences for length in s.word_lengths]
    return round(sum(lengths) / len(lengths), 3) if lengths else None


def word_length_ratio(sentences: Iterable[SentenceMeasures], norm: float | None) -> float | None:
    mean = mean_word_length(sentences)
    return round(mean / norm, 2) if mean is not None and norm else None


def deciding_values(
    profile: ReadabilityProfile, sentences: tuple[SentenceMeasures, ...], norm: float | None = None
) -> dict[str, float]:
    """The numbers the corpus-calibrated limits are compared with, for one flyer or text:
    longest sentence, average sentence (in the language's unit) and word length against
    the language's norm (the profile's, unless ``norm`` is given)."""
    if not sentences:
        return {}
    longest, average = sentence_keys(profile.unit)
    units = [s.units(profile.unit) for s in sentences]
    values: dict[str, float] = {longest: max(units), average: round(sum(units) / len(units), 2)}
    ratio = word_length_ratio(sentences, norm if norm is not None else profile.word_length_norm)
    if ratio is not None:
        values["max_word_length_ratio"] = ratio
    return values


def pool(profile: ReadabilityProfile, sentences: tuple[SentenceMeasures, ...], language_tag: str) -> Measures:
    """Measures over several sentences, as the formulas intend (they are noise on one line)."""
    words = sum(s.word_count for s in sentences)
    chars = sum(s.chars for s in sentences)
    syl = sum(s.syllables or 0 for s in sentences) if profile.syllable_scheme else None
    count = len(sentences)
    units = [s.units(profile.unit) for s in sentences]
    rare = tuple(dict.fromkeys(w for s in sentences for w in s.rare_words))
    return Measures(
        language=language_tag,
        profile=profile.tag,
        unit=profile.unit,
        sentences=sentences,
        words=words,
        chars=chars,
        syllables=syl,
        avg_units_per_sentence=round(sum(units) / count, 2) if count else 0.0,
        longest_sentence_units=max(units, default=0),
        scores=MappingProxyType(scores_for(profile, words, count, syl)),
        lix=round(lix(words, count, sum(s.long_words for s in sentences)), 2) if profile.lix else None,
        rare_words=rare,
        rare_share=_rare_share(sentences, rare) if profile.wordlist else None,
        mean_word_length=mean_word_length(sentences),
        word_length_ratio=word_length_ratio(sentences, profile.word_length_norm),
    )


def _rare_share(sentences: tuple[SentenceMeasures, ...], rare: tuple[str, ...]) -> float | None:
    """The share of the countable words that are rare (None for a text without any)."""
    vocabulary = sum(1 for s in sentences for w in s.words if countable(w))
    if not vocabulary:
        return None
    return round(sum(1 for s in sentences for w in s.words if w in rare and countable(w)) / vocabulary, 3)


def measure(text: str, language_tag: str) -> Measures:
    """Every measure the language's profile has, over one text (placeholders as one word)."""
    profile = profile_for(language_tag)
    return pool(profile, sentence_measures(text, language_tag), language_tag)
