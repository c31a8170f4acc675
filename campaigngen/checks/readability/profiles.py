"""One readability profile per language: how it is split, what is measured, which limits.

The limits that decide whether a flyer reads plainly are derived from the labelled corpus
(tests/data/readability/, see calibration.py): the longest sentence, the average sentence
and the average word length against the language's own norm, each in the unit the
language is counted in. Published formulas (Flesch and its adaptations, LIX) keep their
published bands but only warn on flyer-length text (formulas.FORMULA_MIN_WORDS), and rare
words are listed for a reviewer. Speech budgets are English radio practice scaled by
``length_ratio``, an estimate of how many units the language uses for one English word.
Every limit carries its source; a campaign tightens or loosens any of them per language in
campaign.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from campaigngen.checks.readability.calibration import Calibration, committed
from campaigngen.checks.readability.formulas import FORMULAS
from campaigngen.checks.readability.limits import Limits, with_values
from campaigngen.sources.registry import LanguageFacts, builtin_registry

WORDS, CHARS, SYLLABLES = "words", "chars", "syllables"

# Speech: English radio practice, scaled per language (estimates: a written corpus cannot
# calibrate a speaking rate).
EN_WORDS_PER_SECOND = 2.5  # 25 words / 10 s, 75 / 30 s, 150 / 60 s
EN_SPOKEN_SENTENCE = 20  # radio copy: one idea a sentence, under ~20 words, heard once
MAX_BODY_LINES = 4  # CDC Simply Put: three or four main points
MAX_ACTION_LINES = 2  # one action, at most two ways to take it (call; text)
RARE_ZIPF = 3.0  # below one use per million words; wordfreq's small lists stop here
MAX_RARE_SHARE = 0.2  # advice only: more than one word in five is uncommon
PSEUDO_EXPANSION = 1.4  # pseudo-locales are ~40% longer than English

_SHARED_SOURCES = {
    "max_body_lines": "CDC Simply Put (2010): limit a piece to three or four main points",
    "max_action_lines": "CMS/AHRQ: one clear action; two lines allowed for one action by phone and text",
    "rare_zipf": "wordfreq Zipf 3 = once per million words (the floor of wordfreq's small lists)",
    "max_rare_share": "advice only (warning): wordfreq rarity misreads imperatives, clitics and names",
}


def sentence_keys(unit: str) -> tuple[str, str]:
    """The corpus-calibrated sentence limits of a unit: longest sentence, average sentence."""
    return f"max_{unit}_per_sentence", f"max_avg_{unit}_per_sentence"


def calibrated_keys(unit: str) -> tuple[str, ...]:
    """Every deciding limit derived from the corpus, for a language counted in ``unit``."""
    return (*sentence_keys(unit), "max_word_length_ratio")


@dataclass(frozen=True)
class ReadabilityProfile:
    tag: str
    name: str
    icu_locale: str
    unit: str  # what printed sentence length is counted in: words, chars or syllables
    speech_unit: str  # what speech budgets count (Korean: syllables, as digits are read one a syllable)
    segmentation: str  # how sentences and words are found, for `campaigngen languages`
    syllable_scheme: str | None  # key into syllables.COUNTERS, None where not counted
    formulas: tuple[str, ...]  # names in formulas.FORMULAS valid for this language
    lix: bool  # LIX is meaningful: alphabetic script, words between spaces
    wordlist: str | None  # wordfreq language code
    limits: Limits
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    length_ratio: float = 1.0
    word_length_norm: float | None = None  # average word length of running text (norms.py)
    word_length_unit: str = "letters"  # what word length counts, for findings
    calibration: Calibration | None = None  # the corpus's verdict on these limits
    agreement_note: str = ""  # why agreement falls short of 95%, where it does
    thai_spaces: bool = False
    hant: bool = False  # Traditional Chinese: look words up after ICU Hant-Hans
    pseudo: bool = False
    note: str = ""

    @property
    def applicable_keys(self) -> frozenset[str]:
        keys = {
            "max_words_per_sentence",
            "max_avg_words_per_sentence",
            "max_chars_per_sentence",
            "max_avg_chars_per_sentence",
            "max_body_lines",
            "max_action_lines",
            "speech_units_per_second",
            "speech_max_units_per_sentence",
        }
        if self.syllable_scheme:
            keys |= {"max_syllables_per_sentence", "max_avg_syllables_per_sentence"}
        if self.word_length_norm:
            keys.add("max_word_length_ratio")
        keys |= {FORMULAS[name].limit_key for name in self.formulas}
        if self.lix:
            keys.add("max_lix")
        if self.wordlist:
            keys |= {"rare_zipf", "max_rare_share"}
        return frozenset(keys)

    @property
    def measures(self) -> tuple[str, ...]:
        names = [f"{self.unit} per sentence"]
        if self.word_length_norm:
            names.append("word length")
        names += [FORMULAS[name].label for name in self.formulas]
        if self.lix:
            names.append("LIX")
        if self.wordlist:
            names.append("rare words")
        return tuple(names)

    @property
    def deciding(self) -> tuple[str, ...]:
        """Limits whose failure blocks a flyer of any length (formulas only from 100 words)."""
        return tuple(key for key in calibrated_keys(self.unit) if getattr(self.limits, key) is not None)


def _speech(speech_ratio: float, basis: str) -> tuple[dict[str, float | int], dict[str, str]]:
    scale = "English" if speech_ratio == 1 else f"English x {speech_ratio} ({basis}; estimate)"
    values = {
        "speech_units_per_second": round(EN_WORDS_PER_SECOND * speech_ratio, 2),
        "speech_max_units_per_sentence": round(EN_SPOKEN_SENTENCE * speech_ratio),
    }
    sources = {
        "speech_units_per_second": f"{scale}; English: 25 words / 10 s, 75 / 30 s, 150 / 60 s (radio practice)",
        "speech_max_units_per_sentence": f"{scale}; English: one idea a sentence, under ~20 words (broadcast writing)",
    }
    return values, sources


def _calibrated(
    tag: str, unit: str, length_unit: str
) -> tuple[dict[str, float | int], dict[str, str], Calibration | None]:
    """Limits from the corpus calibration; none before the first calibration is written."""
    calibration = committed().get(tag)
    if calibration is None:
        return {}, {}, None
    values: dict[str, float | int] = {}
    sources: dict[str, str] = {}
    for key in calibrated_keys(unit):
        if key in calibration.limits:
            values[key] = calibration.limits[key]
            sources[key] = calibration.source(key)
    if "max_word_length_ratio" in sources:
        sources["max_word_length_ratio"] += (
            f"; norm {calibration.word_length_norm:g} {length_unit} per word ({calibration.norm_description})"
        )
    return values, sources, calibration


def _pseudo_lengths() -> tuple[dict[str, float | int], dict[str, str]]:
    """Pseudo-locales carry expanded English: English's corpus limits, stretched."""
    english = committed().get("en")
    if english is None:
        return {}, {}
    values: dict[str, float | int] = {}
    sources: dict[str, str] = {}
    for key, integer in zip(sentence_keys(WORDS), (True, False)):
        if key in english.limits:
            scaled = english.limits[key] * PSEUDO_EXPANSION
            values[key] = round(scaled) if integer else round(scaled, 1)
            sources[key] = f"English corpus limit x {PSEUDO_EXPANSION} (pseudo-locale expansion)"
    return values, sources


def _profile(
    tag: str,
    name: str,
    *,
    unit: str = WORDS,
    ratio: float = 1.0,
    ratio_basis: str = "",
    speech_unit: str | None = None,
    speech_ratio: float | None = None,
    speech_basis: str = "",
    segmentation: str = "ICU words (spaces)",
    syllables: str | None = None,
    formulas: Mapping[str, float | None] | None = None,
    formula_sources: Mapping[str, str] | None = None,
    lix: float | None = None,
    lix_source: str = "",
    wordlist: str | None = None,
    icu_locale: str | None = None,
    word_length_unit: str = "letters",
    agreement_note: str = "",
    pseudo: bool = False,
    note: str = "",
) -> ReadabilityProfile:
    formulas = dict(formulas or {})
    speech_unit = speech_unit or unit
    speech_ratio = speech_ratio or ratio
    speech_values, sources = _speech(speech_ratio, speech_basis or ratio_basis)
    values: dict[str, float | None] = dict(speech_values)  # a formula's limit may be None: reported, not gated
    values.update(max_body_lines=MAX_BODY_LINES, max_action_lines=MAX_ACTION_LINES)
    calibration = None
    if pseudo:
        lengths, length_sources = _pseudo_lengths()
    else:
        lengths, length_sources, calibration = _calibrated(tag, unit, word_length_unit)
    values.update(lengths)
    sources.update(length_sources)
    for formula, limit in formulas.items():
        key = FORMULAS[formula].limit_key
        values[key] = limit
        sources[key] = (formula_sources or {}).get(formula, FORMULAS[formula].citation)
    if lix is not None:
        values["max_lix"] = lix
        sources["max_lix"] = lix_source or f"Bjornsson: LIX < 30 very easy, 30-40 easy; {lix:g} for flyer text"
    if wordlist and not pseudo:
        values.update(rare_zipf=RARE_ZIPF, max_rare_share=MAX_RARE_SHARE)
    if not pseudo:
        sources.update({k: v for k, v in _SHARED_SOURCES.items() if k in values})
    return ReadabilityProfile(
        tag=tag,
        name=name,
        icu_locale=icu_locale or tag,
        unit=unit,
        speech_unit=speech_unit,
        segmentation=segmentation,
        syllable_scheme=syllables,
        formulas=tuple(formulas),
        lix=lix is not None,
        wordlist=wordlist,
        limits=with_values(Limits(), values),
        sources=MappingProxyType(sources),
        length_ratio=ratio,
        word_length_norm=calibration.word_length_norm if calibration else None,
        word_length_unit=word_length_unit,
        calibration=calibration,
        agreement_note=agreement_note,
        pseudo=pseudo,
        note=note,
        thai_spaces=tag == "th",
        hant=tag == "zh-Hant",
    )


# What a language with no [reading] table of its own is counted in, by script, where words
# are not what ICU finds. ICU's Myanmar dictionary is Burmese's: text of another language in
# the script (S'gaw Karen, Shan, Mon) comes back cut into syllables, so "words" there were
# syllables counted at English's 2.5 words a second (the sample's Karen live read: 72
# "words", 30.54 s for 30 s booked). Such a language is counted in syllables by the script's
# own rule (a consonant that no asat kills and no stacker joins starts one), at Burmese's
# estimated rate. Scripts written with spaces between words need nothing here.
SCRIPT_READING: Mapping[str, Mapping[str, object]] = MappingProxyType(
    {
        "Mymr": MappingProxyType(
            {
                "unit": SYLLABLES,
                "ratio": 2.0,
                "ratio_basis": "syllables per English word, Burmese's for the Myanmar script",
                "segmentation": "Myanmar-script syllables (ICU's dictionary is Burmese's)",
                "syllables": "my",
            }
        )
    }
)


def from_registry(entry: LanguageFacts) -> ReadabilityProfile:
    """A language's profile from its registry entry's [reading] table (else its script's
    defaults, SCRIPT_READING). Formulas the entry only reports (no pass mark) are listed in
    reported_formulas."""
    settings = dict(entry.reading or SCRIPT_READING.get(entry.script, {}))
    formulas: dict[str, float | None] = dict(settings.pop("formulas", {}))
    formulas.update(dict.fromkeys(settings.pop("reported_formulas", ())))
    return _profile(entry.tag, entry.name, formulas=formulas, **settings)


_PROFILES = tuple(from_registry(entry) for entry in builtin_registry().values())

# Pseudo-locales carry expanded or mirrored English for layout tests, not for readers:
# only length is measured, with room for the expansion (~40%).
_PSEUDO = (
    _profile(
        "en-XA",
        "Pseudo accented",
        ratio=1.4,
        ratio_basis="pseudo-locale expansion",
        pseudo=True,
        icu_locale="en",
        note="layout test text: length only",
    ),
    _profile(
        "ar-XB",
        "Pseudo mirrored",
        ratio=1.4,
        ratio_basis="pseudo-locale expansion",
        pseudo=True,
        icu_locale="en",
        note="layout test text: length only",
    ),
)

PROFILES: Mapping[str, ReadabilityProfile] = MappingProxyType({p.tag: p for p in _PROFILES})
PSEUDO_PROFILES: Mapping[str, ReadabilityProfile] = MappingProxyType({p.tag: p for p in _PSEUDO})
