"""How often a word is used in a language, from wordfreq's lists (offline, in the wheel): what
tells an everyday word ("chez", "de") from a name or an address's part."""

from __future__ import annotations

from functools import lru_cache

from campaigngen.sources.registry import base_of

# wordfreq's names for the registry's tags where they differ.
_WORDFREQ_TAG = {"tl": "fil", "zh-Hans": "zh", "zh-Hant": "zh"}


def zipf(word: str, language: str) -> float | None:
    """The word's frequency in the language on the Zipf scale (3: once in a million words), or
    None where wordfreq has no list for the language or cannot read it without an extra
    segmenter (jieba for Chinese, MeCab for Japanese)."""
    tag = _WORDFREQ_TAG.get(language, base_of(language))
    if tag not in _lists():
        return None
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, tag))
    except ImportError:
        return None


@lru_cache(maxsize=1)
def _lists() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())
