"""Sentences and words, the way each language writes them.

ICU does both: its sentence rules know 。！？ । ۔ ። ፧ ။ ؟ as well as .!? and its word
rules use dictionaries where spaces do not separate words (Chinese, Thai, Burmese). Two
additions: a placeholder such as ``{phone}`` is one word (the reader sees one number), and
Thai, which marks a sentence end with a space rather than a stop, is also split at spaces
between Thai letters.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from campaigngen.sources.placeholders import PLACEHOLDER_PATTERN, find_placeholders

# A placeholder is swapped for one private-use character: ICU never joins it to a
# neighbouring word and never ends a sentence at it.
_SENTINEL_BASE = 0xE000
# Not around the repetition mark ๆ, which the Royal Institute writes with a space on each
# side (ดี ๆ): that space repeats a word, it does not end a sentence.
_THAI_SPACE = re.compile(r"(?<=[\u0e01-\u0e45\u0e47-\u0e5b])\s+(?=[\u0e01-\u0e45\u0e47-\u0e5b])")

# ICU rule statuses: 100-199 numbers, 200-299 letters, 300-399 kana, 400-499 ideographs.
_WORD_STATUS_MIN = 100
_WORD_STATUS_MAX = 500


@dataclass(frozen=True)
class Segmentation:
    language: str
    sentences: tuple[tuple[str, ...], ...]  # words per sentence, placeholders as written
    sentence_texts: tuple[str, ...]  # each sentence as written, for findings

    @property
    def word_count(self) -> int:
        return sum(len(words) for words in self.sentences)


class _Iterators(threading.local):
    """ICU break iterators are costly to build and not thread-safe: one set per thread."""

    def __init__(self) -> None:
        self.words: dict[str, object] = {}
        self.sentences: dict[str, object] = {}


_ITERATORS = _Iterators()


def _word_iterator(locale: str):
    iterator = _ITERATORS.words.get(locale)
    if iterator is None:
        import icu

        iterator = _ITERATORS.words[locale] = icu.BreakIterator.createWordInstance(icu.Locale(locale))
    return iterator


def _sentence_iterator(locale: str):
    iterator = _ITERATORS.sentences.get(locale)
    if iterator is None:
        import icu

        iterator = _ITERATORS.sentences[locale] = icu.BreakIterator.createSentenceInstance(icu.Locale(locale))
    return iterator


def _pieces(iterator, text: str) -> list[tuple[str, int]]:
    iterator.setText(text)
    start = iterator.first()
    out = []
    for end in iterator:
        out.append((text[start:end], iterator.getRuleStatus()))
        start = end
    return out


def _protect(text: str) -> tuple[str, tuple[str, ...]]:
    names = tuple(match.group(0) for match in PLACEHOLDER_PATTERN.finditer(text))
    counter = iter(range(len(names)))
    return PLACEHOLDER_PATTERN.sub(lambda _m: chr(_SENTINEL_BASE + next(counter)), text), names


def _restore(text: str, names: tuple[str, ...]) -> str:
    return "".join(names[ord(ch) - _SENTINEL_BASE] if _is_sentinel(ch, names) else ch for ch in text)


def _is_sentinel(ch: str, names: tuple[str, ...]) -> bool:
    return len(ch) == 1 and 0 <= ord(ch) - _SENTINEL_BASE < len(names)


def split_sentences(text: str, locale: str, thai_spaces: bool = False) -> list[str]:
    """Sentences as written (placeholders must already be protected)."""
    sentences: list[str] = []
    for piece, _status in _pieces(_sentence_iterator(locale), text):
        parts = _THAI_SPACE.split(piece) if thai_spaces else [piece]
        sentences.extend(part.strip() for part in parts if part.strip())
    return sentences


def split_words(sentence: str, locale: str, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    words = []
    for piece, status in _pieces(_word_iterator(locale), sentence):
        if _is_sentinel(piece, names):
            words.append(names[ord(piece) - _SENTINEL_BASE])
        elif _WORD_STATUS_MIN <= status < _WORD_STATUS_MAX:
            words.append(piece)
    return tuple(words)


@lru_cache(maxsize=8192)
def segment_with(text: str, language_tag: str, locale: str, thai_spaces: bool) -> Segmentation:
    protected, names = _protect(text)
    sentences: list[tuple[str, ...]] = []
    texts: list[str] = []
    for sentence in split_sentences(protected, locale, thai_spaces):
        words = split_words(sentence, locale, names)
        if words:  # a stray "!" or emoji is no sentence
            sentences.append(words)
            texts.append(_restore(sentence, names))
    return Segmentation(language=language_tag, sentences=tuple(sentences), sentence_texts=tuple(texts))


def is_placeholder(word: str) -> bool:
    return word.startswith("{") and word.endswith("}") and bool(find_placeholders(word))
