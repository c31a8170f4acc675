"""Digits spelled in any language's words, as a reader of any script would say them aloud:
"uno ocho ocho ocho" in a Portuguese line, "ek aath aath aath" in romanized Hindi, "yi ba ba ba"
in pinyin, "unhuithuithuit" glued together.

Every language ICU can spell out gives its words for 0-9 (RuleBasedNumberFormat). Words and
text are compared in one loose Latin form: Any-Latin transliteration, accents folded, joiners
and marks dropped, doubled letters single, an Indic final schwa dropped ("eka" and "ek",
"atha" and "aath" meet). A number is three or more digit words of one language in a row, or
glued into one word; one or two such words are everyday words somewhere ("o", "sa", "do")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from campaigngen.checks.numerals.tokens import fold_text

MIN_DIGIT_WORDS = 3
_MIN_WORD_LETTERS = 2  # Korean "i", "o" are articles and vowels everywhere else
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_GAP = re.compile(r"[\s,\-‐‑–—.·/]*")


@dataclass(frozen=True)
class SpelledNumber:
    digits: str
    written: str
    language: str  # whose words spell it
    start: int  # where it is written (in the folded text)
    end: int
    glued: bool  # some of its words are glued into one ("unhuithuithuit")


@cache
def _transliterator() -> Any:
    import icu

    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")


def loose_latin(word: str) -> str:
    """One comparable form of a word in any script (see the module's note)."""
    latin = re.sub(r"[^a-z]", "", _transliterator().transliterate(word))
    return re.sub(r"(.)\1+", r"\1", latin)


@cache
def digit_words() -> dict[str, dict[str, int]]:
    """language -> {loose word: digit} for every language ICU spells out."""
    import icu

    languages = sorted({locale.split("_")[0] for locale in icu.Locale.getAvailableLocales()})

    def spelled(language: str) -> list[str]:
        spell = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(language))
        return [loose_latin(spell.format(digit)) for digit in range(10)]

    english = spelled("en")
    table: dict[str, dict[str, int]] = {}
    for language in languages:
        words = spelled(language)
        if language != "en" and words == english:
            continue  # no rules of its own: ICU fell back to English
        # Indic words are said without their final schwa: "eka" is "ek", "atha" is "aath".
        said = [(word[:-1] if len(word) > 3 and word.endswith("a") else word) for word in words]
        table[language] = {
            form: digit
            for digit, forms in enumerate(zip(words, said, strict=True))
            for form in forms
            if len(form) >= _MIN_WORD_LETTERS
        }
    return table


def _glued(word: str, words: dict[str, int]) -> list[int] | None:
    """The digits a word is glued from ("unhuithuithuit"), or None."""
    best: list[tuple[list[int], int] | None] = [None] * (len(word) + 1)  # digits, longest piece
    best[0] = ([], 0)
    for end in range(1, len(word) + 1):
        for start in range(end):
            head = best[start]
            if head is not None and word[start:end] in words:
                best[end] = ([*head[0], words[word[start:end]]], max(head[1], end - start))
                break
    found = best[-1]
    # One short syllable said again and again is a word in many languages (Tagalog "bababa",
    # "lalala"), not digits: a glued number has a word of three letters or more in it.
    return found[0] if found is not None and found[1] >= 3 else None


def spelled_numbers(text: str) -> Iterator[SpelledNumber]:
    """Every run of digit words of one language in text (three or more, spaced or glued)."""
    folded, _, _ = fold_text(text)
    tokens = [(m.start(), m.end(), loose_latin(m.group(0))) for m in _WORD.finditer(folded)]
    for language, words in digit_words().items():
        run: list[int] = []
        run_start = run_end = 0
        glued = False
        for index, (start, end, word) in enumerate(tokens):
            joined = index > 0 and run and _GAP.fullmatch(folded[tokens[index - 1][1] : start]) is not None
            digits = [words[word]] if word in words else _glued(word, words) if len(word) >= 6 else None
            if digits and (joined or not run):
                glued = (glued if run else False) or len(digits) > 1
                run_start = start if not run else run_start
                run += digits
                run_end = end
                continue
            if len(run) >= MIN_DIGIT_WORDS:
                number = "".join(map(str, run))
                yield SpelledNumber(number, folded[run_start:run_end], language, run_start, run_end, glued)
            run, run_start, run_end, glued = list(digits or []), start, end, bool(digits and len(digits) > 1)
        if len(run) >= MIN_DIGIT_WORDS:
            number = "".join(map(str, run))
            yield SpelledNumber(number, folded[run_start:run_end], language, run_start, run_end, glued)
