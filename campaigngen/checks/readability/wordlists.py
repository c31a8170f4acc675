"""How common a word is, from wordfreq's lists (bundled data: nothing is downloaded).

wordfreq's own lookup re-tokenises each word (and for Chinese imports jieba, for Korean
MeCab); the words here are already ICU's, so the frequency table is read directly. The
table is loaded once per language (0.02-0.7 s) and then a lookup is a dict access.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

# Short vowels, shadda, sukun, superscript alef and tatweel: wordfreq's Arabic-script keys have none.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


@lru_cache(maxsize=None)
def _table(code: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(code, wordlist="best")


@lru_cache(maxsize=1)
def _hant_to_hans():
    import icu

    return icu.Transliterator.createInstance("Hant-Hans")


@lru_cache(maxsize=65536)
def zipf(word: str, code: str, hant: bool = False) -> float:
    """Zipf frequency (log10 per billion words); 0.0 when the list does not hold the word."""
    key = unicodedata.normalize("NFC", word).casefold().translate(_APOSTROPHES)
    if code in ("ar", "fa", "ur"):
        key = _ARABIC_MARKS.sub("", key)
    if hant:
        key = _hant_to_hans().transliterate(key)
    table = _table(code)
    frequency = table.get(key)
    if frequency is None and "'" in key:
        # wordfreq splits French elision (l'aide -> l', aide): the word is what follows.
        frequency = table.get(key.rsplit("'", 1)[1])
    return round(math.log10(frequency) + 9.0, 2) if frequency else 0.0


def countable(word: str) -> bool:
    """Numbers and placeholders are not vocabulary: they are neither rare nor common."""
    return not word.startswith("{") and any(ch.isalpha() for ch in word)
