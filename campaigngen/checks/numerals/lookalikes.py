"""Letters a reader takes for digits, by rule rather than by list.

- A letter prints as a digit when its UTS #39 confusable skeleton (ICU's data, every script)
  is that digit: Latin Ƽ is 5, Ȣ 8, Ʒ 3, Cherokee Ꮾ 6, Cyrillic З 3, б 6. O and l print as
  0 and 1 (their skeletons are letters, their shapes are not).
- A word made only of such letters is a number when it holds a letter the language does not
  write with (its alphabet is CLDR's exemplar set: Ƽ in a Spanish line is there to be read
  as 5), or when words of such letters are chained like a phone number ("ЗОО-ЗОО-ЗО-ЗО",
  Russian letters a Russian reader would still dial as 300-300-30-30).
- Roman numerals of three letters or more (MDCCCLXXXVIII) are numbers too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

# Letters whose skeleton is a letter but whose shape is a digit, wherever they stand among
# digits: Latin, Cyrillic, Greek and Armenian O; l and I.
ROUND_AND_STRAIGHT = {**dict.fromkeys("OoОоΟοՕօ", "0"), **dict.fromkeys("lIіІӀӏıΙι", "1")}
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@cache
def _checker() -> Any:
    import icu  # pyicu: imported here so `campaigngen --help` stays instant

    return icu.SpoofChecker()


@cache
def numeric_value(ch: str) -> float | None:
    """A character's numeric value by ICU's Unicode data where Python's tables do not have the
    character yet (Python 3.11 has Unicode 14: Kawi, Nag Mundari, Garay, Outlined digits and
    others of Unicode 15-16 are unassigned to it, and a number in them would read as nothing)."""
    value = unicodedata.numeric(ch, None)
    if value is not None or unicodedata.category(ch) != "Cn":
        return value
    import icu

    found = icu.Char.getNumericValue(ch)
    return None if found is None else float(found)


@cache
def decimal_digit(ch: str) -> int | None:
    """The digit 0-9 a character is (any script's digits, circled and the like; not a Chinese
    numeral, which is a word), by ICU's data where Python's does not have the character."""
    digit = unicodedata.digit(ch, None)
    if digit is not None or unicodedata.category(ch) != "Cn":
        return digit
    import icu

    found = icu.Char.charDigitValue(ch)
    return found if found >= 0 else None


@cache
def digit_of(ch: str) -> str | None:
    """The ASCII digit a character prints as, or None."""
    if ch in ROUND_AND_STRAIGHT:
        return ROUND_AND_STRAIGHT[ch]
    if "0" <= ch <= "9":
        return ch
    skeleton = str(_checker().getSkeleton(0, ch))
    return skeleton if len(skeleton) == 1 and "0" <= skeleton <= "9" else None


@cache
def _alphabet(language: str) -> Any:
    import icu

    data = icu.LocaleData(language.replace("-", "_"))
    letters = icu.UnicodeSet(data.getExemplarSet(0, icu.ULocaleDataExemplarSetType.ES_STANDARD))
    letters.addAll(data.getExemplarSet(0, icu.ULocaleDataExemplarSetType.ES_AUXILIARY))
    return letters


def foreign(ch: str, language: str) -> bool:
    """Does the language not write with this letter (CLDR's exemplar letters, any case)?"""
    letters = _alphabet(language)
    lower = ch.lower()
    return not (letters.contains(lower) or letters.contains(unicodedata.normalize("NFD", lower)[0]))


def reads_as_digits(word: str) -> str | None:
    """The digits a word of look-alike letters prints as ("ƼƼƼ" -> "555"), or None."""
    digits = [digit_of(ch) for ch in word]
    if any(d is None for d in digits):
        return None
    return "".join(d for d in digits if d is not None)


def stands_out(word: str, language: str) -> bool:
    """A look-alike word with a letter the language does not write with, which is no round or
    straight letter (O, l): put there to be read as a digit."""
    return any(ch not in ROUND_AND_STRAIGHT and not ch.isdigit() and foreign(ch, language) for ch in word)


def shaped_like_digits(word: str) -> bool:
    """A look-alike word with a letter that prints as a digit other than 0 or 1 (З, Ƽ, б):
    a chain of "О" and "l" alone ("о-о-о", an exclamation) is not a number."""
    return any(ch not in ROUND_AND_STRAIGHT and not ch.isdigit() for ch in word)


def roman_value(word: str) -> int | None:
    """MDCCCLXXXVIII -> 1888, for Roman numerals of three letters or more in capitals."""
    if len(word) < 3 or not _ROMAN.match(word) or not word.isupper():
        return None
    total = 0
    for ch, following in zip(word, [*word[1:], ""]):
        value = _ROMAN_VALUES[ch]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total
