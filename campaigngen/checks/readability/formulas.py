"""Published readability formulas, each from average sentence length (ASL, words per
sentence) and average syllables per word (ASW). Written out here rather than taken from
textstat, which silently applies English coefficients to languages it does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Below this many words a formula is advice, not a gate. Flesch (1948) and the adaptations
# built on his method (Kincaid et al., Fernandez Huerta, Szigriszt Pazos, Kandel & Moles,
# Martins et al., Oborneva) were fitted and validated on 100-word samples, and their bands
# describe such samples. On a flyer of 20-40 words one syllable more moves Flesch by
# 84.6/words points (4 points at 20 words, under 1 at 100), and one long word moves LIX by
# 100/words points (5 at 20 words): the score then says more about the language's natural
# word length than about the text (docs/reading-level.md shows it on the corpus).
FORMULA_MIN_WORDS = 100


@dataclass(frozen=True)
class Formula:
    name: str  # measure name in findings and Measures.scores
    label: str  # how people cite it
    limit_key: str  # the Limits field that gates it
    higher_is_easier: bool
    compute: Callable[[float, float], float]  # (ASL, ASW) -> score
    citation: str


FORMULAS: dict[str, Formula] = {
    f.name: f
    for f in (
        Formula(
            "flesch",
            "Flesch reading ease",
            "min_flesch",
            True,
            lambda asl, asw: 206.835 - 1.015 * asl - 84.6 * asw,
            "Flesch (1948)",
        ),
        Formula(
            "fk_grade",
            "Flesch-Kincaid grade",
            "max_grade",
            False,
            lambda asl, asw: 0.39 * asl + 11.8 * asw - 15.59,
            "Kincaid et al. (1975)",
        ),
        # The corrected form (Law 2011): the sentence term is words per sentence; the
        # often-quoted "sentences per 100 words" would reward long sentences.
        Formula(
            "fernandez_huerta",
            "Fernandez-Huerta",
            "min_fernandez_huerta",
            True,
            lambda asl, asw: 206.84 - 60.0 * asw - 1.02 * asl,
            "Fernandez Huerta (1959)",
        ),
        Formula(
            "szigriszt_pazos",
            "Szigriszt-Pazos perspicuity (INFLESZ)",
            "min_szigriszt_pazos",
            True,
            lambda asl, asw: 206.835 - 62.3 * asw - asl,
            "Szigriszt Pazos (1993); INFLESZ scale, Barrio-Cantalejo et al. (2008)",
        ),
        Formula(
            "kandel_moles",
            "Kandel-Moles",
            "min_kandel_moles",
            True,
            lambda asl, asw: 207.0 - 1.015 * asl - 73.6 * asw,
            "Kandel & Moles (1958)",
        ),
        Formula(
            "flesch_pt",
            "Flesch adapted for Portuguese",
            "min_flesch_pt",
            True,
            lambda asl, asw: 248.835 - 1.015 * asl - 84.6 * asw,
            "Martins et al. (1996): Flesch + 42",
        ),
        Formula(
            "oborneva",
            "Flesch adapted for Russian (Oborneva)",
            "min_oborneva",
            True,
            lambda asl, asw: 206.835 - 1.3 * asl - 60.1 * asw,
            "Oborneva (2006)",
        ),
    )
}


def lix(words: int, sentences: int, long_words: int) -> float:
    """Bjornsson's LIX: words per sentence + percentage of words longer than six letters."""
    if not words or not sentences:
        return 0.0
    return words / sentences + 100.0 * long_words / words
