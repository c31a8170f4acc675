"""Can a radio spot be heard once and understood: a word budget per booked second at a
plain speaking rate, and spoken sentences short enough to follow without rereading.

A segment whose message has no translation is the source language's text: it is reported
as untranslated and left out, never counted with this language's units (English counted
in Chinese "characters" would blow any budget for the wrong reason).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from campaigngen.checks.findings import ERROR, WARNING, Finding
from campaigngen.checks.readability.limits import apply_overrides
from campaigngen.checks.readability.measures import SentenceMeasures, sentence_measures
from campaigngen.checks.readability.profiles import CHARS, SYLLABLES, WORDS, ReadabilityProfile
from campaigngen.checks.readability.resolve import profile_for

CHECK = "reading-level-speech"


class SpokenScript(Protocol):
    """What catalogs/spoken.py's SpotScript offers (duck-typed: checks do not import renderers).
    Read-only members: a frozen script, and whole seconds, qualify."""

    @property
    def segments(self) -> Sequence[str]: ...
    # Optional: the message of each segment, and the messages whose text is the source's.
    # message_ids: Sequence[str | None]; stand_ins: Sequence[str]
    @property
    def text(self) -> str: ...
    @property
    def word_count(self) -> int: ...
    @property
    def booked_seconds(self) -> float: ...


def _identity(script: Any, language_tag: str | None, spot_id: str | None) -> tuple[str, str | None]:
    tag = language_tag
    if tag is None:
        for name in ("language_tag", "tag", "language"):
            value = getattr(script, name, None)
            value = getattr(value, "tag", value)
            if isinstance(value, str):
                tag = value
                break
    if tag is None:
        raise TypeError("speech_findings needs the script's language: pass language_tag=")
    if spot_id is None:
        spot = getattr(script, "spot", None)
        spot_id = getattr(script, "spot_id", None) or getattr(spot, "id", None)
    return tag, spot_id


def _measured_segments(
    script: SpokenScript, profile: ReadabilityProfile, message_ids: Sequence[str | None], stand_ins: Sequence[str]
) -> list[str]:
    """The segments in this language's own text; in languages counted in words, with each
    spelled number written back as numerals (one word a digit)."""
    measured = [segment for segment, mid in zip(script.segments, message_ids) if mid not in stand_ins]
    if profile.speech_unit == WORDS:
        measured = [_numbers_as_numerals(segment, getattr(script, "numbers", ())) for segment in measured]
    return measured


def _numbers_as_numerals(segment: str, numbers: Sequence[tuple[str, str]]) -> str:
    """A spelled number written back as numerals, which spoken_units counts a word a digit:
    the budget's rule (a phone digit is a word). Segmented as text, the digit words of a
    language without spaces are cut as its dictionary likes: ICU reads Japanese はち (8) as
    two words and なな (7) as two, so 1-888-373-7888 counted 19 words where 11 are heard."""
    for spoken, numerals in numbers:
        segment = segment.replace(spoken, f" {numerals} ")
    return segment


def spoken_units(sentence: SentenceMeasures, profile: ReadabilityProfile) -> int:
    """Units a listener hears. A numeral left in the script is read digit by digit: one word
    (or syllable) per digit, the same as the spelled-out digits spoken.py writes."""
    digits = sum(len(w) for w in sentence.words if w.isdigit())
    numerals = sum(1 for w in sentence.words if w.isdigit())
    if profile.speech_unit == CHARS:
        return sentence.chars  # already one per digit, and one per Han numeral
    if profile.speech_unit == SYLLABLES:
        return (sentence.syllables or 0) - numerals + digits
    return sentence.word_count - numerals + digits


def speech_findings(
    script: SpokenScript,
    overrides: Mapping[str, Any] | None = None,
    *,
    language_tag: str | None = None,
    spot_id: str | None = None,
    config_path: Path | str | None = None,
) -> list[Finding]:
    tag, spot_id = _identity(script, language_tag, spot_id)
    profile = profile_for(tag)
    limits = apply_overrides(
        profile.limits, profile.applicable_keys, overrides, language_tag=tag, config_path=config_path
    )
    overridden = frozenset(overrides or ())
    unit = "characters" if profile.speech_unit == CHARS else profile.speech_unit
    spot = f"spot '{spot_id}'" if spot_id else "spot"
    stand_ins = tuple(getattr(script, "stand_ins", ()))
    message_ids = tuple(getattr(script, "message_ids", ())) or (None,) * len(script.segments)
    measured = _measured_segments(script, profile, message_ids, stand_ins)
    sentences = [s for segment in measured for s in sentence_measures(segment, profile.tag)]
    findings: list[Finding] = []
    if stand_ins:
        names = ", ".join(f"'{mid}'" for mid in stand_ins)
        findings.append(
            Finding(
                CHECK,
                tag,
                None,
                f"{profile.name} {spot}: {names} not measured - untranslated, the source text stands in and is not "
                f"counted in {profile.name} {unit}; the rest of the spot is measured",
                severity=WARNING,
                detail={
                    "measure": "untranslated",
                    "value": None,
                    "limit": None,
                    "limit_key": None,
                    "unit": profile.speech_unit,
                    "sentence": None,
                    "spot": spot_id,
                    "booked_seconds": script.booked_seconds,
                    "rare_words": [],
                    "source": "untranslated",
                    "messages": list(stand_ins),
                },
                code="speech.not-measured",
            )
        )

    def add(key: str, measure: str, value: float, limit: float, sentence: str | None, text: str) -> None:
        findings.append(
            Finding(
                CHECK,
                tag,
                None,
                f"{profile.name} {spot}: {text}",
                severity=ERROR,
                detail={
                    "measure": measure,
                    "value": value,
                    "limit": limit,
                    "limit_key": key,
                    "unit": profile.speech_unit,
                    "sentence": sentence,
                    "spot": spot_id,
                    "booked_seconds": script.booked_seconds,
                    "rare_words": [],
                    "source": "campaign.toml override" if key in overridden else profile.sources.get(key, ""),
                },
                code="speech.long-sentence" if key == "speech_max_units_per_sentence" else "speech.too-much-text",
            )
        )

    rate = limits.speech_units_per_second
    if rate is not None and sentences:
        budget = math.floor(rate * script.booked_seconds)
        total = sum(spoken_units(s, profile) for s in sentences)
        if total > budget:
            longest = max(sentences, key=lambda s: spoken_units(s, profile))
            # With lines left out the total is a lower bound: over budget already is over.
            counted = " (untranslated lines not counted)" if stand_ins else ""
            add(
                "speech_units_per_second",
                f"spoken {profile.speech_unit}",
                total,
                budget,
                longest.text,
                f"{total} {unit} spoken{counted}, the budget for {script.booked_seconds:g} s at a plain "
                f'{rate:g} {unit}/s is {budget} - cut text (longest: "{longest.text}")',
            )
    limit = limits.speech_max_units_per_sentence
    if limit is not None:
        for sentence in sentences:
            value = spoken_units(sentence, profile)
            if value > limit:
                add(
                    "speech_max_units_per_sentence",
                    f"spoken {profile.speech_unit} per sentence",
                    value,
                    limit,
                    sentence.text,
                    f"spoken sentence of {value} {unit}, limit {limit} - too long to follow "
                    f'when heard once: "{sentence.text}"',
                )
    return findings
