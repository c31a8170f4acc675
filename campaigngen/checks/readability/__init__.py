"""Reading level: is each language's flyer and radio spot easy, short and plain?

One profile per language says how its text splits into sentences and words, which
measures are valid for it and the default limits (with their sources). The limits that
decide at flyer length - longest and average sentence, word length against the language's
norm - are derived from a labelled corpus of plain and hard texts (calibrate.py writes
calibration.toml; docs/reading-level.md). Formulas only advise below 100 words. A language
without a profile is refused (UnsupportedLanguage), never scored with English rules, and
an untranslated line is reported, never scored with the language's rules.

    profile_for(tag)            -> ReadabilityProfile ("es-419" -> es; "en-XA" -> length only)
    segment(text, tag)          -> Segmentation (words per sentence)
    measure(text, tag)          -> Measures (raw numbers)
    print_findings(localized)   -> findings for the flyer ("reading-level")
    assess(profile, limits, located) -> the same verdict on any sentences (corpus texts)
    speech_findings(script)     -> findings for a radio spot ("reading-level-speech")
    support_rows()              -> rows for `campaigngen languages`
"""

from __future__ import annotations

from campaigngen.checks.readability.limits import LIMIT_KEYS, Limits
from campaigngen.checks.readability.measures import Measures, SentenceMeasures, measure, segment
from campaigngen.checks.readability.print_check import CHECK as PRINT_CHECK
from campaigngen.checks.readability.print_check import assess, print_findings
from campaigngen.checks.readability.profiles import PROFILES, PSEUDO_PROFILES, ReadabilityProfile
from campaigngen.checks.readability.resolve import profile_for
from campaigngen.checks.readability.segmentation import Segmentation
from campaigngen.checks.readability.speech_check import CHECK as SPEECH_CHECK
from campaigngen.checks.readability.speech_check import speech_findings
from campaigngen.checks.readability.support import support_rows

__all__ = [
    "LIMIT_KEYS",
    "Limits",
    "Measures",
    "PRINT_CHECK",
    "PROFILES",
    "PSEUDO_PROFILES",
    "ReadabilityProfile",
    "SPEECH_CHECK",
    "Segmentation",
    "SentenceMeasures",
    "assess",
    "measure",
    "print_findings",
    "profile_for",
    "segment",
    "speech_findings",
    "support_rows",
]
