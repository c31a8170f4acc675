"""The numbers a text must meet, and how campaign config may change them.

A limit of ``None`` means "measured and reported, not gated". Every key here is a key a
campaign may write under ``[readability.<tag>]`` in campaign.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from campaigngen.exceptions import InputError


@dataclass(frozen=True)
class Limits:
    # Sentence length, in the unit the language is counted in (see ReadabilityProfile.unit).
    max_words_per_sentence: int | None = None
    max_avg_words_per_sentence: float | None = None
    max_chars_per_sentence: int | None = None
    max_avg_chars_per_sentence: float | None = None
    max_syllables_per_sentence: int | None = None
    max_avg_syllables_per_sentence: float | None = None
    # Average word length of the flyer divided by the language's norm (norms.py).
    max_word_length_ratio: float | None = None
    # Published formulas (each only where it was built for the language); advisory on texts
    # shorter than the samples they were validated on (formulas.FORMULA_MIN_WORDS).
    max_grade: float | None = None  # Flesch-Kincaid grade (en)
    min_flesch: float | None = None  # Flesch reading ease (en)
    min_fernandez_huerta: float | None = None  # es
    min_szigriszt_pazos: float | None = None  # es (INFLESZ scale)
    min_kandel_moles: float | None = None  # fr
    min_flesch_pt: float | None = None  # pt, Martins et al. adaptation (Flesch + 42)
    min_oborneva: float | None = None  # ru
    max_lix: float | None = None  # Bjornsson LIX, space-delimited alphabetic scripts
    # Word list advice: words below rare_zipf are listed; a share above the limit warns.
    rare_zipf: float | None = None
    max_rare_share: float | None = None
    # Flyer shape: a few key points, one clear action.
    max_body_lines: int | None = None
    max_action_lines: int | None = None
    # Speech, in the language's speech unit (words, or syllables where words mislead).
    speech_units_per_second: float | None = None
    speech_max_units_per_sentence: int | None = None


LIMIT_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Limits))
_INTEGER_KEYS = frozenset(
    {
        "max_words_per_sentence",
        "max_chars_per_sentence",
        "max_syllables_per_sentence",
        "max_body_lines",
        "max_action_lines",
        "speech_max_units_per_sentence",
    }
)


def apply_overrides(
    limits: Limits,
    applicable: frozenset[str],
    overrides: Mapping[str, Any] | None,
    *,
    language_tag: str,
    config_path: Path | str | None,
) -> Limits:
    """Return limits with campaign overrides applied; a key or value that cannot be used is an InputError.

    Only keys the language actually measures are accepted: ``min_kandel_moles`` for English
    would silently do nothing, which is worse than an error.
    """
    if not overrides:
        return limits
    where = f"[readability.{language_tag}]"
    path = config_path if config_path is not None else "campaign.toml"
    changes: dict[str, float] = {}
    for key, value in overrides.items():
        if key not in LIMIT_KEYS:
            raise InputError(
                path,
                f"{where} has unknown key '{key}'",
                hint=f"use one of: {', '.join(sorted(applicable))}",
                code="config.unknown-key",
            )
        if key not in applicable:
            raise InputError(
                path,
                f"{where} sets '{key}', which is not measured for {language_tag}",
                hint=f"use one of: {', '.join(sorted(applicable))}",
                code="config.unknown-key",
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(
                path, f"{where} '{key}' must be a number, not {type(value).__name__}", code="config.invalid"
            )
        if key in _INTEGER_KEYS and not float(value).is_integer():
            raise InputError(path, f"{where} '{key}' must be a whole number, not {value}", code="config.invalid")
        # Formula minimums may be negative (Flesch scores are); counts and rates may not.
        if (value < 0 and not key.startswith("min_")) or (key == "max_rare_share" and value > 1):
            raise InputError(path, f"{where} '{key}' = {value} is out of range", code="config.invalid")
        changes[key] = int(value) if key in _INTEGER_KEYS else float(value)
    return with_values(limits, changes)


def with_values(limits: Limits, values: Mapping[str, float | None]) -> Limits:
    """``limits`` with the fields ``values`` names (keys are Limits field names).

    Callers pick the keys at run time (a language's unit, its formulas, campaign config), so
    no static type can pair each key with its own field's type: a count is an int because
    its builder makes it one (whole-number checks, math.floor, TOML integers). The fields'
    annotations stay the contract; the mapping is passed on as Any for that reason alone.
    """
    fields_by_name: dict[str, Any] = dict(values)
    return replace(limits, **fields_by_name)
