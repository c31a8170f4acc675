"""Number words of a language: "ocho", "восемь", "八", "팔", "แปด", as a reader would spell a number.

A translation can carry a phone number without a single digit ("uno ocho ocho ocho tres
siete tres"), so the integrity check reads number words too. The words come from ICU's
spell-out rules (the CLDR data behind every platform's "spell this number"), harvested by
spelling 0-999 and the powers of ten in each of the language's cardinal rule sets, plus the
digit words the radio script speaks (`catalogs/spoken.py`) and a few everyday forms ICU
lacks (listed below with their reason). ICU also reads a run of words back into numbers
(`read_numbers`), so "ochocientos ochenta y ocho" is 888 and "hai mươi bốn" is 24.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from campaigngen.catalogs.spoken import digit_words_table
from campaigngen.sources.registry import base_of

# Spell-out rules ICU has for a core language under another name, and languages whose ICU
# data falls back to another language's words (ht -> French, so -> English): those use their
# digit words and the forms below only.
_ICU_LOCALE = {"tl": "fil", "zh-Hant": "zh_Hant"}
_NO_ICU_RULES = frozenset({"ht", "so", "ur"})

# Everyday number words ICU's rules do not produce.
_EXTRA_WORDS: Mapping[str, Mapping[str, int]] = {
    # Phone numbers are read in Spanish-derived numbers as often as in Tagalog ones
    # (the sample's own "beinte-kuwatro").
    "tl": {
        "sero": 0,
        "uno": 1,
        "dos": 2,
        "tres": 3,
        "kuwatro": 4,
        "singko": 5,
        "sais": 6,
        "siyete": 7,
        "otso": 8,
        "nuwebe": 9,
        "isa": 1,
        "dalawa": 2,
        "tatlo": 3,
        "apat": 4,
        "lima": 5,
        "anim": 6,
        "pito": 7,
        "walo": 8,
        "siyam": 9,
        "sampu": 10,
    },
    # ICU writes tens as "two ten" (ሁለት አስር); Amharic readers write ሃያ (20) ...
    "am": {
        "ሃያ": 20,
        "ሀያ": 20,
        "ሠላሳ": 30,
        "ሰላሳ": 30,
        "አርባ": 40,
        "ሃምሳ": 50,
        "ሀምሳ": 50,
        "ስልሳ": 60,
        "ስድሳ": 60,
        "ሰባ": 70,
        "ሰማንያ": 80,
        "ዘጠና": 90,
        "ሺህ": 1000,
        "ሦስት": 3,
        "አምስት": 5,
    },
    # ... and Burmese joins tens to units with the creaky-tone ဆယ့် ("နှစ်ဆယ့်လေး", 24).
    "my": {"ဆယ့်": 10, "ရာ": 100, "ရာ့": 100, "ထောင်": 1000, "ထောင့်": 1000, "သောင်း": 10**4, "သိန်း": 10**5, "သန်း": 10**6},
    # Arabic writes hundreds as one word (ثمانمائة); ICU spells "ثمانية مائة".
    "ar": {
        "مئة": 100,
        "مائتان": 200,
        "مئتان": 200,
        "ثلاثمائة": 300,
        "ثلاثمئة": 300,
        "أربعمائة": 400,
        "أربعمئة": 400,
        "خمسمائة": 500,
        "خمسمئة": 500,
        "ستمائة": 600,
        "ستمئة": 600,
        "سبعمائة": 700,
        "سبعمئة": 700,
        "ثمانمائة": 800,
        "ثمانمئة": 800,
        "تسعمائة": 900,
        "تسعمئة": 900,
    },
    # Without ICU rules: tens and hundreds besides the digit words.
    "ht": {
        "zewo": 0,
        "youn": 1,
        "dis": 10,
        "ven": 20,
        "trant": 30,
        "karant": 40,
        "senkant": 50,
        "swasant": 60,
        "swasanndis": 70,
        "katreven": 80,
        "katrevendis": 90,
        "san": 100,
        "mil": 1000,
    },
    "so": {
        "toban": 10,
        "labaatan": 20,
        "soddon": 30,
        "afartan": 40,
        "konton": 50,
        "lixdan": 60,
        "toddobaatan": 70,
        "siddeetan": 80,
        "sagaashan": 90,
        "boqol": 100,
        "kun": 1000,
    },
    "ur": {
        "دس": 10,
        "گیارہ": 11,
        "بارہ": 12,
        "تیرہ": 13,
        "چودہ": 14,
        "پندرہ": 15,
        "سولہ": 16,
        "سترہ": 17,
        "اٹھارہ": 18,
        "انیس": 19,
        "بیس": 20,
        "تیس": 30,
        "چالیس": 40,
        "پچاس": 50,
        "ساٹھ": 60,
        "ستر": 70,
        "اسی": 80,
        "نوے": 90,
        "سو": 100,
        "ہزار": 1000,
        "لاکھ": 100000,
    },
    # Mandarin speakers read 1 as 幺 in phone numbers; the units stand alone in 三千, 五万.
    "zh": {"幺": 1, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8},
}

# Scripts written without spaces between words: number words are found inside words
# (一八八八, 일팔팔팔, หนึ่งแปดแปดแปด), and a run needs three of them (see numerals/policy.py).
UNSPACED_SCRIPTS = ("CJK", "HANGUL", "THAI", "MYANMAR", "LAO", "KHMER")
_SCRIPT_OF_LANGUAGE = {
    "zh": "CJK",
    "ko": "HANGUL",
    "th": "THAI",
    "my": "MYANMAR",
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "hi": "DEVANAGARI",
    "am": "ETHIOPIC",
}

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه"}
)
APOSTROPHES = "'’ʼ"
_SPLIT = re.compile(r"[\s\-\u200b\u00ad‐‑,]+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The form a word is matched in: case, Arabic vowel marks and letter variants, and
    apostrophes do not matter ("пʼять" = "п'ять", "وَاحِد" = "واحد"). Kept: learning a
    language's number words folds the same few words of 67,000 spelled-out numbers."""
    word = unicodedata.normalize("NFC", word).casefold()
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
    for mark in APOSTROPHES[:-1]:
        word = word.replace(mark, "ʼ")
    return word


@lru_cache(maxsize=65536)
def loose(word: str) -> str:
    """Latin letters without their accents: "dieciseis" is how many people type "dieciséis".
    Kept, as fold is: the same number words are compared again for every word of every message."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Lexicon:
    """One language's number words, folded, with their values."""

    language: str
    words: Mapping[str, int]
    connectors: frozenset[str]  # "y" in "treinta y uno": only ever between number words
    loose_words: Mapping[str, int]  # Latin words without accents -> value
    icu_locale: str | None  # for reading a run of words back into numbers
    unspaced: bool  # written without spaces: words are found inside words


def _script_name(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def _icu_spellouts(locale: str) -> dict[int, set[str]]:
    import icu  # pyicu: imported here so `campaigngen --help` stays instant

    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(locale))
    # 0-999, the thousands (Ukrainian тисячі, Arabic ألفين are their own words) and the
    # larger powers of ten.
    numbers = list(range(1000)) + [1000 * k for k in range(1, 10)] + [10**k for k in range(4, 10)]
    spelled: dict[int, set[str]] = {n: set() for n in numbers}
    for index in range(formatter.getNumberOfRuleSetNames()):
        rule_set = formatter.getRuleSetName(index)
        # Cardinals and plain numbering; ordinals ("segundo" is also a second of time) and
        # day names ("初二") are not how a number to call is written.
        if "ordinal" in rule_set or "days" in rule_set:
            continue
        formatter.setDefaultRuleSet(rule_set)
        for n in numbers:
            spelled[n].add(formatter.format(n))
    return spelled


def _segment(text: str, known: Mapping[str, int], longest: int) -> list[tuple[str, bool]]:
    """Split unspaced text into (piece, is_known) by longest known words; the unknown stretches
    between them are pieces too."""
    pieces: list[tuple[str, bool]] = []
    position, unknown_from = 0, 0
    while position < len(text):
        for size in range(min(longest, len(text) - position), 0, -1):
            end = position + size
            # Never end a word inside a letter: Thai สี (colour) is not สี่ (four) without its
            # tone mark, and a Burmese syllable keeps its marks.
            if text[position:end] in known and not (end < len(text) and _is_mark(text[end])):
                if unknown_from < position:
                    pieces.append((text[unknown_from:position], False))
                pieces.append((text[position : position + size], True))
                position += size
                unknown_from = position
                break
        else:
            position += 1
    if unknown_from < len(text):
        pieces.append((text[unknown_from:], False))
    return pieces


def _is_power_of_ten(n: int) -> bool:
    return n >= 10 and str(n).strip("0") == "1"


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _learn(
    spellouts: Mapping[int, set[str]], unspaced: bool, seed: Mapping[str, int]
) -> tuple[dict[str, int], set[str]]:
    """Words and their values from spelled-out numbers, smallest number first: a word that
    spells a number alone takes its value; a word seen only beside others ("hundred", "mươi",
    "百") becomes a number word valued by the smallest number it helps spell. In spaced
    scripts a word never first or last in any spelling ("y", "et", "و") is a connector; in
    unspaced ones a piece is learned as soon as it is seen, so "百" is known before "一百万"
    is cut into 一 / 百 / 万."""
    words: dict[str, int] = {fold(w): v for w, v in seed.items()}
    if unspaced:
        return _learn_unspaced(spellouts, words), set()
    return _learn_spaced(spellouts, words)


def _spellings(spellouts: Mapping[int, set[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each spelled-out number as its folded parts, smallest number first."""
    for n in sorted(spellouts):
        for spelled in sorted(spellouts[n]):
            yield n, [fold(p) for p in _SPLIT.split(spelled.strip()) if p]


def _learn_unspaced(spellouts: Mapping[int, set[str]], words: dict[str, int]) -> dict[str, int]:
    # Digits, tens and powers of ten as ICU spells them, whole, before anything is
    # segmented: Burmese 7 is ခုနှစ် to ICU and ခုနစ် to the radio script (and ခု alone is
    # "now"); Korean 90 is 아흔, not 아 + 흔.
    for n in [n for n in spellouts if n <= 10 or (n < 100 and n % 10 == 0) or _is_power_of_ten(n)]:
        for spelled in spellouts.get(n, ()):
            if not _SPLIT.search(spelled.strip()):
                words.setdefault(fold(spelled.strip()), n)
    # The longest word known so far, kept as words are added (words are never removed):
    # measuring them all again for each of ~1,000 spellings was most of a Chinese lexicon's time.
    longest = max((len(w) for w in words), default=1)
    for n, spelled_parts in _spellings(spellouts):
        parts = [piece for part in spelled_parts for piece, _ in _segment(part, words, longest)]
        for part in parts:
            if part not in words:
                words[part] = _solve(n, parts, part, words)
                longest = max(longest, len(part))
    return words


def _learn_spaced(spellouts: Mapping[int, set[str]], words: dict[str, int]) -> tuple[dict[str, int], set[str]]:
    spelled_parts = list(_spellings(spellouts))
    positions: dict[str, set[str]] = {}
    for n, parts in spelled_parts:
        if len(parts) == 1:
            words.setdefault(parts[0], n)
        for index, part in enumerate(parts):
            where = "edge" if index in (0, len(parts) - 1) else "inside"
            positions.setdefault(part, set()).add(where)
    connectors = {part for part, where in positions.items() if where == {"inside"} and part not in words}
    for n, parts in spelled_parts:
        parts = [p for p in parts if p not in connectors]
        for part in parts:
            if part not in words:
                words[part] = _solve(n, parts, part, words)
    return words, connectors


def _solve(n: int, parts: list[str], unknown: str, words: Mapping[str, int]) -> int:
    """The value of the one new word in a spelled-out number: the smallest that makes the
    parts add up to n as they are spoken ("hundred" in "one hundred" is 100, "tư" in "hai
    mươi tư" is 4, Thai เอ็ด in สิบเอ็ด is 1); n itself when none does."""
    if any(p not in words and p != unknown for p in parts):
        return n
    candidates = (
        list(range(1, 10)) + [10**k for k in range(1, 10)] + list(range(10, 100, 10)) + list(range(100, 1000, 100))
    )
    for value in candidates:
        if compose([value if p == unknown else words[p] for p in parts]) == [(n, len(parts))]:
            return value
    return n


def _own_digit_words(language: str) -> tuple[str, ...]:
    """The registry's digit words for a language (or its base), as the registry is now: a
    project's languages.toml is read after the program starts."""
    table, base = digit_words_table(), base_of(language)
    key = language if language in table or language in _ICU_LOCALE else base
    return table.get(key) or table.get(base) or ()


def lexicon(language: str) -> Lexicon:
    """The number words of one language (a BCP 47 tag or its base: "zh-Hant", "es")."""
    return _lexicon(language, _own_digit_words(language))


@cache
def _lexicon(language: str, digit_words: tuple[str, ...]) -> Lexicon:
    """Kept by every input that makes it: the tag and the registry's digit words for it (and,
    for a lexicon read from number_words.json, everything in _inputs_key)."""
    shipped = _shipped().get("lexicons", {}).get(language)
    if shipped is not None and tuple(shipped["digit_words"]) == digit_words:
        return Lexicon(
            language=language,
            words=shipped["words"],
            connectors=frozenset(shipped["connectors"]),
            loose_words=shipped["loose_words"],
            icu_locale=shipped["icu_locale"],
            unspaced=shipped["unspaced"],
        )
    return _made_lexicon(language, digit_words)


def _made_lexicon(language: str, digit_words: tuple[str, ...]) -> Lexicon:
    base = base_of(language)
    seed: dict[str, int] = {}
    seed.update({word: value for value, word in enumerate(digit_words)})
    seed.update(_EXTRA_WORDS.get(base, {}))
    script = _SCRIPT_OF_LANGUAGE.get(base)
    if script is None and digit_words:
        script = _script_name(digit_words[1][0])
    unspaced = script in UNSPACED_SCRIPTS
    icu_locale = None
    spellouts: dict[int, set[str]] = {}
    if base not in _NO_ICU_RULES:
        icu_locale = _ICU_LOCALE.get(language) or _ICU_LOCALE.get(base) or language.replace("-", "_")
        spellouts = _icu_spellouts(icu_locale)
    words, connectors = _learn(spellouts, unspaced, seed)
    loose_words: dict[str, int] = {}
    if script in (None, "LATIN"):
        # Smallest value first: Vietnamese "mot" is một (1), not mốt (1 inside 21).
        for word, value in sorted(words.items(), key=lambda item: item[1]):
            if loose(word).isascii():
                loose_words.setdefault(loose(word), value)
    return Lexicon(
        language=language,
        words=words,
        connectors=frozenset(connectors),
        loose_words=loose_words,
        icu_locale=icu_locale,
        unspaced=unspaced,
    )


# Scripts that share letters: a Ukrainian flyer can carry Russian number words, a Persian one
# Arabic ones. Latin-script languages are not mixed this way: Haitian "de" (2) and "en" (1)
# are everyday words in French, Spanish and Portuguese.
_SAME_SCRIPT = {
    "ru": ("uk",),
    "uk": ("ru",),
    "ar": ("fa", "ur"),
    "fa": ("ar", "ur"),
    "ur": ("fa", "ar"),
    "zh": ("zh-Hant",),
}


@dataclass(frozen=True)
class DigitWords:
    """Another language's words for 0-9, as written and romanized: a translation may carry a
    number in a neighbour's words ("uno ocho ocho ocho" in Portuguese, एक आठ आठ आठ in Urdu,
    "ek aath aath aath", pinyin "yi ba ba ba"). Counted only three in a row (number.py)."""

    language: str
    words: Mapping[str, int]  # as written (folded)
    romanized: Mapping[str, int]  # roman_key of the Any-Latin transliteration
    # consonant_key of it, where one digit has it: how people type their own language in Latin
    # letters, far from any standard (Arabizi "thamaniya", Thai "paet" for ICU's "thmanyh", "paed")
    typed: Mapping[str, int] = field(default_factory=dict)


def consonant_key(word: str) -> str:
    """A romanized word by its consonants, as typed by ear: vowels and h dropped (th, kh, sh
    are their stop or hiss), doubled letters once, a final d or b voiceless ("wahid", "wahed"
    and ICU's "wahd" are "wt"; "paet", "pad" and "paed" are "pt")."""
    letters = "".join(ch for ch in loose(word).lower() if "a" <= ch <= "z")
    letters = re.sub(r"[aeiouyh]", "", letters)
    letters = re.sub(r"(.)\1+", r"\1", letters)
    return re.sub(r"d$", "t", re.sub(r"b$", "p", letters))


def roman_key(word: str) -> str:
    """How a romanized number word is compared: ASCII letters only, lower case, doubled letters
    once, a final vowel dropped ("aath" and ICU's "āṭha" are both "ath"; "eka", "ek": "ek")."""
    letters = "".join(ch for ch in loose(word).lower() if "a" <= ch <= "z")
    collapsed = re.sub(r"(.)\1+", r"\1", letters)
    return (
        collapsed[:-1]
        if len(collapsed) > 2 and collapsed[-1] in "aeiou" and collapsed[-2] not in "aeiou"
        else collapsed
    )


@cache
def _transliterator():
    import icu

    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def digit_words(language: str) -> DigitWords:
    """0-9 in a language: its spoken digit words and, where ICU spells the language, its
    cardinal spell-out of 0-9."""
    table, base = digit_words_table(), base_of(language)
    return _digit_words(language, table.get(language) or table.get(base) or ())


@cache
def _digit_words(language: str, own: tuple[str, ...]) -> DigitWords:
    shipped = _shipped().get("digit_words", {}).get(language)
    if shipped is not None and tuple(shipped["own"]) == own:
        return DigitWords(language, shipped["words"], shipped["romanized"], shipped["typed"])
    return _made_digit_words(language, own)


def _made_digit_words(language: str, own: tuple[str, ...]) -> DigitWords:
    base = base_of(language)
    spelled: dict[str, int] = {}
    for value, word in enumerate(own):
        spelled[fold(word)] = value
    if base not in _NO_ICU_RULES:
        for value, forms in _icu_digit_spellouts(_ICU_LOCALE.get(language) or language.replace("-", "_")).items():
            for form in forms:
                if " " not in form and "-" not in form:
                    spelled.setdefault(fold(form), value)
    translit = _transliterator()
    romanized: dict[str, int] = {}
    typed: dict[str, set[int]] = {}
    for word, value in spelled.items():
        latin = str(translit.transliterate(word))
        key = roman_key(latin)
        if len(key) >= 2:
            romanized.setdefault(key, value)
        typed.setdefault(consonant_key(latin), set()).add(value)
    unique = {key: next(iter(values)) for key, values in typed.items() if len(key) >= 2 and len(values) == 1}
    return DigitWords(language, spelled, romanized, unique)


@cache
def _icu_digit_spellouts(locale: str) -> dict[int, set[str]]:
    import icu

    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(locale))
    return {n: {formatter.format(n)} for n in range(10)}


def neighbours(language: str) -> tuple[DigitWords, ...]:
    """The digit words of every language ICU spells out (and of the registry's, a project's
    own languages too), but this one's own: each base language once, its own words only (not
    a fallback to English)."""
    # Asked for every word of every text read: kept beside the very table it was made from
    # (digit_words_table gives the same object while the registry is the same), so the table
    # is not turned into a tuple and hashed again for each word.
    table = digit_words_table()
    kept = _neighbours_kept.get(language)
    if kept is None or kept[0] is not table:
        kept = _neighbours_kept[language] = (table, _neighbours(language, tuple(table.items())))
    return kept[1]


_neighbours_kept: dict[str, tuple[object, tuple[DigitWords, ...]]] = {}


@cache
def _neighbours(language: str, registered: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[DigitWords, ...]:
    own = base_of(language)
    english = digit_words("en").words
    found: dict[str, DigitWords] = {}
    for tag in (*(tag for tag, _words in registered), *_spelled_languages()):
        base = base_of(tag)
        if base == own or base in found:
            continue
        words = digit_words(tag)
        if base != "en" and words.words == english:
            continue  # no words of its own in ICU (it fell back to English)
        found[base] = words
    return tuple(found.values())


def registry_neighbours(language: str) -> tuple[DigitWords, ...]:
    """The neighbours among the registry's languages only (the languages a campaign prints)."""
    table, every = digit_words_table(), neighbours(language)
    kept = _registry_neighbours_kept.get(language)
    if kept is None or kept[0] is not table or kept[1] is not every:
        bases = {base_of(tag) for tag in table}
        found = tuple(words for words in every if base_of(words.language) in bases)
        kept = _registry_neighbours_kept[language] = (table, every, found)
    return kept[2]


# Kept beside the table and the neighbours it was made from (neighbours above).
_registry_neighbours_kept: dict[str, tuple[object, object, tuple[DigitWords, ...]]] = {}


@cache
def _spelled_languages() -> tuple[str, ...]:
    """Every base language ICU has number formats for."""
    import icu

    return tuple(sorted({str(locale.getLanguage()) for locale in icu.NumberFormat.getAvailableLocales().values()}))


def lexicons_for(language: str) -> tuple[Lexicon, ...]:
    """The number words a translation into `language` is read with: its own, those of
    languages sharing its letters, English (the campaign's usual source and the language of
    phone spelling everywhere) and Chinese numerals (never part of another language's words)."""
    base = base_of(language)
    tags = [language] + list(_SAME_SCRIPT.get(base, ())) + ["en", "zh", "zh-Hant"]
    seen: dict[str, Lexicon] = {}
    for tag in tags:
        if tag not in seen:
            seen[tag] = lexicon(tag)
    return tuple(seen.values())


def read_numbers(text: str, icu_locale: str, lenient: bool = False) -> list[tuple[int, int, int]]:
    """(value, start, end) for each number ICU reads in text, left to right; a stretch ICU
    cannot read is skipped one character at a time. Lenient reading accepts spellings ICU
    would not write (Thai without the zero-width spaces ICU puts between its parts)."""
    import icu

    formatter = _parser(icu_locale, lenient)
    found = []
    position = 0
    while position < len(text):
        if not text[position].isalnum():
            position += 1
            continue
        cursor = icu.ParsePosition(position)
        try:
            result = formatter.parse(text, cursor)
        except (icu.ICUError, AttributeError):
            result = None
        if result is None or cursor.getIndex() <= position:
            position += 1
            continue
        value = result.getDouble()
        if value >= 0 and value == int(value):
            found.append((int(value), position, cursor.getIndex()))
        position = cursor.getIndex()
    return found


@cache
def _parser(icu_locale: str, lenient: bool):
    import icu

    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(icu_locale))
    formatter.setLenient(lenient)
    return formatter


def compose(values: list[int]) -> list[tuple[int, int]]:
    """(number, words) from word values put together the way they are spoken, for words ICU
    cannot read: 20, 4 -> 24 (ሃያ አራት); 2, 10, 4 -> 24 (နှစ်ဆယ့်လေး); 800, 80, 8 -> 888;
    2, 1000 -> 2000; 1, 8, 8, 8 stay four numbers (digits said one at a time)."""
    numbers: list[tuple[int, int]] = []
    current, last, words = 0, 0, 0  # last: the part most recently added to current
    for value in values:
        if words and _is_power_of_ten(value) and 0 < last < value:
            current, last = current - last + last * value, last * value
        elif words and 0 < value < 10 ** _trailing_zeros(last):
            current, last = current + value, value
        else:
            if words:
                numbers.append((current, words))
            current, last, words = value, value, 0
        words += 1
    if words:
        numbers.append((current, words))
    return numbers


def _trailing_zeros(n: int) -> int:
    return len(str(n)) - len(str(n).rstrip("0")) if n else 0


# Every lexicon and every language's digit words are derived from ICU's data and the
# registry's digit words alone, yet making them was a second of a cold check's CPU (each of
# two checkers spelling out 0-999 in every rule set of its languages, and 0-9 in ICU's ~240
# locales, loading a transliterator per script to romanize them). number_words.json holds
# them as this module makes them from the built-in registry; an entry is used only when the
# file was made by this very code (the source of this module and of base_of's), with this
# ICU, PyICU and Unicode, and from the same digit words. Otherwise they are made here as
# before. tests/test_number_words_shipped.py fails when the file is not what this code makes
# now; `python -m campaigngen.checks.number_words` writes it again.
_SHIPPED = Path(__file__).with_name("number_words.json")


def _inputs_key() -> str:
    """What makes the tables besides a language's tag and digit words."""
    import hashlib

    import icu

    from campaigngen.sources import registry

    digest = hashlib.sha256()
    for source in (Path(__file__), Path(registry.__file__)):
        digest.update(source.read_bytes())
    digest.update(f"ICU {icu.ICU_VERSION} PyICU {icu.VERSION} Unicode {unicodedata.unidata_version}".encode())
    return digest.hexdigest()


@cache
def _shipped() -> dict[str, Any]:
    import json

    try:
        tables = json.loads(_SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return tables if isinstance(tables, dict) and tables.get("key") == _inputs_key() else {}


def shipped_tables() -> dict[str, Any]:
    """What number_words.json holds: made here, from the built-in registry, not read from it."""
    table = digit_words_table()
    lexicon_tags = dict.fromkeys(
        tag for language in table for tag in (language, *_SAME_SCRIPT.get(base_of(language), ()), "en", "zh", "zh-Hant")
    )
    lexicons = {}
    for tag in lexicon_tags:
        own = _own_digit_words(tag)
        made = _made_lexicon(tag, own)
        lexicons[tag] = {
            "digit_words": list(own),
            "words": made.words,
            "connectors": sorted(made.connectors),
            "loose_words": made.loose_words,
            "icu_locale": made.icu_locale,
            "unspaced": made.unspaced,
        }
    digit_tables = {}
    for tag in dict.fromkeys((*table, *_spelled_languages())):
        own = table.get(tag) or table.get(base_of(tag)) or ()
        words = _made_digit_words(tag, own)
        digit_tables[tag] = {
            "own": list(own),
            "words": words.words,
            "romanized": words.romanized,
            "typed": words.typed,
        }
    return {"key": _inputs_key(), "lexicons": lexicons, "digit_words": digit_tables}


def write_shipped() -> None:
    import json

    from campaigngen.sources.registry import project_languages

    assert not project_languages(), "made from the built-in registry only"
    # Keys sorted: ICU's spellings of a number come as a set, so a lexicon's words are learned
    # in an order that changes from run to run (their values do not).
    text = json.dumps(shipped_tables(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    _SHIPPED.write_text(text + "\n", encoding="utf-8")


__all__ = [
    "APOSTROPHES",
    "Lexicon",
    "UNSPACED_SCRIPTS",
    "compose",
    "fold",
    "lexicon",
    "lexicons_for",
    "loose",
    "read_numbers",
]


if __name__ == "__main__":
    write_shipped()
