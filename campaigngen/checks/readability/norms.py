"""How long a word is, and how long words usually are in the language.

Word length is counted in written units: letters and digits, not combining marks (an
Arabic vowel sign, a Devanagari matra or a Thai tone mark is part of its letter). That is
letters in alphabets, characters in Chinese, syllable blocks in Korean, fidel (syllables)
in Amharic.

Every language has its own normal word length: Russian words are longer than English
ones because endings carry what English says with separate words. Comparing a text's word
length with the language's own norm removes that, which is what the Flesch family cannot
do at flyer length (Oborneva's Russian Flesch scores a 9-word plain text at 57 because of
the words' natural length). The norm is the average length of running text according to
the language's frequency list: the 20,000 most frequent words of wordfreq's list, each
weighted by how often it is used.
"""

from __future__ import annotations

import unicodedata
from itertools import islice

NORM_VOCABULARY = 20_000  # most frequent words averaged: well over 90% of running text


def word_length(word: str) -> int:
    return sum(1 for ch in word if unicodedata.category(ch)[0] in "LN")


def frequency_norm(code: str) -> float:
    """Average word length of running text, from the wordfreq list of ``code``."""
    from campaigngen.checks.readability.wordlists import table

    weighted = total = 0.0
    for word, frequency in islice(table(code).items(), NORM_VOCABULARY):  # most frequent first
        if any(ch.isalpha() for ch in word):
            weighted += frequency * word_length(word)
            total += frequency
    return round(weighted / total, 3)
