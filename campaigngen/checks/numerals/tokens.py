"""A text cut into tokens a number could be made of: digits of any script (look-alike letters
read where they stand among digits), number words of the text's languages and their
connectors, the letters of a vanity number, and everything else."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from campaigngen.checks import number_words
from campaigngen.checks.number_words import APOSTROPHES, UNSPACED_SCRIPTS, Lexicon, fold, loose
from campaigngen.checks.numerals.lookalikes import (
    digit_of,
    numeric_value,
    reads_as_digits,
    roman_value,
    shaped_like_digits,
    stands_out,
)
from campaigngen.sources.placeholders import PLACEHOLDER_PATTERN
from campaigngen.sources.text_safety import is_invisible

# Letters that print like digits, read as the digit where they stand among digits
# ("8OO", "3O7"): Latin, Cyrillic, Greek and Armenian O; l and I; and a few more.
LOOKALIKE_DIGITS = {
    **dict.fromkeys("OoОоΟοՕօ", "0"),
    **dict.fromkeys("lIіІӀӏıΙι", "1"),
    "Z": "2",
    "З": "3",
    "S": "5",
    **dict.fromkeys("бb", "6"),
    "B": "8",
    **dict.fromkeys("gq", "9"),
}
# A phone keypad: 1-800-FLOWERS is 1-800-356-9377.
_KEYPAD = {
    letter: str(digit)
    for digit, letters in (
        (2, "ABC"),
        (3, "DEF"),
        (4, "GHI"),
        (5, "JKL"),
        (6, "MNO"),
        (7, "PQRS"),
        (8, "TUV"),
        (9, "WXYZ"),
    )
    for letter in letters
}
BARRIER = "\ufffc"  # where a placeholder stood: a number does not run across it
_CHAINED_BY = frozenset("-.‐‑–—/·")  # how the groups of a phone number are joined


def lookalike_digits(word: str) -> str | None:
    """The digits a word of look-alike letters prints as: the table above, then UTS #39."""
    digits = [LOOKALIKE_DIGITS.get(ch) or digit_of(ch) for ch in word]
    return None if any(d is None for d in digits) else "".join(d for d in digits if d)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    kind: str  # "digits", "word" (a number word), "connector", "other", "vanity"
    digits: str = ""  # "digits": ASCII digits, look-alikes read; "vanity": keypad digits
    value: int | None = None  # "word": its value
    lexicon: Lexicon | None = None
    unspaced: bool = False  # a number word found inside a word of an unspaced script
    loose: bool = False  # matched without its accents
    accented: bool = False  # the word carries accents (so its neighbours were typed with them)
    lookalike_only: bool = False  # "other" made only of look-alike letters ("OO")
    capitals: bool = False  # "other" in Latin capitals (a vanity number's letters)
    # "word" of another language, romanized, or decorated with accents the word does not take
    # ("uno" in Portuguese, "aath", "öcho"): a number only three in a row. Every language the
    # word is a digit word of, with its value there ("jeden" is 1 in Polish, Czech and Slovak).
    foreign: tuple[tuple[str, int], ...] = ()


def fold_text(text: str) -> tuple[str, list[int], str]:
    """(folded, origin, nfc): every character as a reader's phone would take it - numerals of
    any script as ASCII digits (Nd, No, Nl: १, ๑, ①, ⑽, Ⅻ, ፲), compatibility forms folded
    (NFKC: full-width letters and dots), invisible characters dropped so they cannot split a
    number; origin[i] is the index in `nfc` each folded character came from."""
    nfc = unicodedata.normalize("NFC", PLACEHOLDER_PATTERN.sub(BARRIER, text))
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(nfc):
        if ch != "\n" and is_invisible(ch):
            continue
        piece = unicodedata.normalize("NFKC", ch)
        # 〇 is a Chinese numeral read with 一二三 (一〇五), not a digit apart from them.
        if ch != "\u3007" and unicodedata.category(ch)[0] in "NC":
            value = numeric_value(ch)
            if value is not None and value == int(value):
                piece = str(int(value))
        out.append(piece)
        origin.extend([index] * len(piece))
    return "".join(out), origin, nfc


def _char_class(ch: str) -> str:
    if "0" <= ch <= "9":
        return "d"
    if ch == "\u3007":
        return "l"
    category = unicodedata.category(ch)
    if category.startswith(("L", "M")):
        return "l"
    return "s"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "CJK"
    return name.split(" ", 1)[0]


def _alnum_spans(text: str) -> Iterable[tuple[int, int]]:
    """Spans of letters and digits; an apostrophe between letters stays inside (пʼять, п'ять)."""
    start = None
    for index, ch in enumerate(text):
        inside = _char_class(ch) != "s" or (
            ch in APOSTROPHES and start is not None and index + 1 < len(text) and _char_class(text[index + 1]) == "l"
        )
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(text)


def _script_pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """A letter span cut where the script changes ("WhatsApp一八八八"); marks keep their base's."""
    piece_start, current = start, None
    for index in range(start, end):
        ch = text[index]
        if unicodedata.category(ch).startswith("M") or ch in APOSTROPHES:
            continue
        script = _script(ch)
        if current is not None and script != current:
            yield piece_start, index, current
            piece_start = index
        current = script
    yield piece_start, end, current or ""


def _word_tokens(text: str, start: int, end: int, lexicons: Sequence[Lexicon]) -> list[Token]:
    word = text[start:end]
    script = _script(word[0])
    accented = any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word)) and script == "LATIN"
    if script in UNSPACED_SCRIPTS:
        return _segment_unspaced(word, start, lexicons)
    folded = fold(word)
    for lexicon in lexicons:
        if lexicon.unspaced:
            continue
        if folded in lexicon.words:
            return [Token(start, end, "word", value=lexicon.words[folded], lexicon=lexicon, accented=accented)]
        if folded in lexicon.connectors:
            return [Token(start, end, "connector", lexicon=lexicon)]
        # Arabic-script "and" is written on the word: وثمانية is "and eight".
        if folded[:1] == "و" and folded[1:] in lexicon.words:
            return [Token(start, end, "word", value=lexicon.words[folded[1:]], lexicon=lexicon)]
    if not accented and script == "LATIN":
        bare = loose(folded)
        for lexicon in lexicons:
            if bare in lexicon.loose_words:
                return [Token(start, end, "word", value=lexicon.loose_words[bare], lexicon=lexicon, loose=True)]
    language = lexicons[0].language if lexicons else "en"
    readings = _foreign_word(word, folded, script, language)
    if readings:
        return [Token(start, end, "word", value=readings[0][1], foreign=readings)]
    glued = _glued(folded, language)
    if glued is not None:
        return [Token(start, end, "digits", digits=glued)]
    return [_other(word, start, end, accented, language)]


def _foreign_word(word: str, folded: str, script: str, language: str) -> tuple[tuple[str, int], ...]:
    """Every (language, value) the word is a digit word of, among the neighbouring languages,
    as written or romanized, or this language's own digit word with accents it does not take
    ("öcho", "ūno"); the first way of reading it that finds any."""
    neighbours = number_words.neighbours(language)
    own = number_words.digit_words(language)
    if script == "LATIN" and not _latin_language(language):
        # Latin letters in a language written otherwise: its own words romanized first
        # (pinyin "ba" is 8 in Chinese, though Vietnamese "ba" is 3).
        key = number_words.roman_key(word)
        if key in own.romanized:
            return ((own.language, own.romanized[key]),)
    found = tuple((words.language, words.words[folded]) for words in neighbours if folded in words.words)
    if found or script != "LATIN":
        return found
    bare = loose(folded)
    if bare != folded:
        for words in (own, *number_words.registry_neighbours(language)):
            value = _loose_index(words).get(bare)
            if value is not None:
                return ((words.language, value),)
    key = number_words.roman_key(word)
    found = tuple((words.language, words.romanized[key]) for words in neighbours if key in words.romanized)
    if found or _latin_language(language):
        return found
    # Last, the language's own words typed by ear in Latin letters (Arabizi, Thai "paet").
    typed = number_words.consonant_key(word)
    return ((own.language, own.typed[typed]),) if typed in own.typed else ()


def _latin_language(language: str) -> bool:
    words = number_words.digit_words(language).words
    return any(w.isascii() for w in words)


def _glued(folded: str, language: str) -> str | None:
    """Digit words glued into one word ("unhuithuithuit", یک‌هشت‌هشت with its joiners gone):
    three or more of one language's, covering the whole word."""
    if len(folded) < 6:
        return None
    for pieces, longest, ends in _glue_tables(language):
        if (folded[0], folded[-1]) not in ends:
            continue  # no piece starts the word or none ends it: it cannot be split into them
        digits = _split_into(folded, pieces, longest)
        if digits is not None and len(digits) >= 3:
            return digits
    return None


# Tables derived from a language's digit words, which every word of every text is looked up
# in: built once per table of words, not once per word. Each is kept beside the exact objects
# it was made from (number_words caches those by every input that makes them: the tag and
# the registry's words), and is made again when they are not the same objects.
_GlueTable = tuple[dict[str, int], int, frozenset[tuple[str, str]]]
_glue_memo: dict[str, tuple[object, object, list[_GlueTable]]] = {}
_glue_table_memo: dict[tuple[int, int], tuple[object, _GlueTable]] = {}
_loose_memo: dict[int, tuple[object, dict[str, int]]] = {}


def _glue_tables(language: str) -> list[_GlueTable]:
    """(pieces, longest piece, every (first letter of a piece, last letter of a piece)) of the
    language's own digit words and each neighbour's, in order: a word glued from pieces starts
    as one does and ends as one does."""
    own, neighbours = number_words.digit_words(language), number_words.neighbours(language)
    kept = _glue_memo.get(language)
    if kept is not None and kept[0] is own and kept[1] is neighbours:
        return kept[2]
    # A neighbour's two-letter words glue into everyday words (Tagalog "bababa").
    tables = [_glue_table(own, 2), *(_glue_table(words, 3) for words in neighbours)]
    _glue_memo[language] = (own, neighbours, tables)
    return tables


def _glue_table(words: number_words.DigitWords, shortest: int) -> _GlueTable:
    """One table of words, made once per process whichever language it is a neighbour of:
    every language's list holds the same ~90 neighbours, and their tables were most of the
    work of a language's first glued-word look-up. Kept beside the exact object it was made
    from and the shortest piece it takes (its only inputs)."""
    kept = _glue_table_memo.get((id(words), shortest))
    if kept is not None and kept[0] is words:
        return kept[1]
    pieces = {w: v for w, v in words.words.items() if len(w) >= shortest and v < 10}
    ends = frozenset((first[0], last[-1]) for first in pieces for last in pieces)
    table = (pieces, min(12, max(map(len, pieces), default=0)), ends)
    _glue_table_memo[(id(words), shortest)] = (words, table)
    return table


def _loose_index(words: number_words.DigitWords) -> dict[str, int]:
    """The digit words without their accents -> value, the first word of each in table order."""
    kept = _loose_memo.get(id(words))
    if kept is not None and kept[0] is words:
        return kept[1]
    index: dict[str, int] = {}
    for known, value in words.words.items():
        index.setdefault(loose(known), value)
    _loose_memo[id(words)] = (words, index)
    return index


def _split_into(word: str, pieces: dict[str, int], longest: int = 12) -> str | None:
    """The digits of word read as a run of pieces (the longest piece first at each step), or None.
    longest: no piece is longer, so no longer stretch is looked up and a word with a gap that
    long cannot be covered."""
    if longest <= 0:
        return None
    best: list[str | None] = [None] * (len(word) + 1)
    best[0] = ""
    reached = 0  # the last position a run of pieces reaches
    for end in range(1, len(word) + 1):
        if end - reached > longest:
            return None
        for start in range(max(0, end - longest), end):
            if best[start] is not None and word[start:end] in pieces:
                best[end] = f"{best[start]}{pieces[word[start:end]]}"
                reached = end
                break
    return best[len(word)]


def _other(word: str, start: int, end: int, accented: bool, language: str) -> Token:
    """A word that is no number word: still a number when it is a Roman numeral of three
    letters or more, or look-alike letters the language does not write with ("ƼƼƼ")."""
    roman = roman_value(word)
    if roman is not None:
        return Token(start, end, "digits", digits=str(roman))
    printed = reads_as_digits(word)
    if printed is not None and stands_out(word, language):
        return Token(start, end, "digits", digits=printed)
    return Token(
        start,
        end,
        "other",
        accented=accented,
        lookalike_only=lookalike_digits(word) is not None,
        capitals=word.isascii() and word.isupper() and word.isalpha(),
    )


def _segment_unspaced(word: str, offset: int, lexicons: Sequence[Lexicon]) -> list[Token]:
    known = {w: lexicon for lexicon in lexicons if lexicon.unspaced for w in lexicon.words}
    longest = max((len(w) for w in known), default=1)
    tokens: list[Token] = []
    position = unknown_from = 0
    while position < len(word):
        for size in range(min(longest, len(word) - position), 0, -1):
            end = position + size
            piece = word[position:end]
            if piece in known and not (end < len(word) and unicodedata.category(word[end]).startswith("M")):
                if unknown_from < position:
                    tokens.append(Token(offset + unknown_from, offset + position, "other"))
                lexicon = known[piece]
                tokens.append(
                    Token(
                        offset + position,
                        offset + end,
                        "word",
                        value=lexicon.words[piece],
                        lexicon=lexicon,
                        unspaced=True,
                    )
                )
                position = unknown_from = end
                break
        else:
            position += 1
    if unknown_from < len(word):
        tokens.append(Token(offset + unknown_from, offset + len(word), "other"))
    if _script(word[0]) == "HANGUL":
        # Korean puts spaces between words: a number is a word's start (일팔팔팔로, 스물네),
        # not a syllable inside another word (매일 "every day", 하세요).
        first_other = next((i for i, t in enumerate(tokens) if t.kind == "other"), len(tokens))
        tokens = tokens[:first_other] + [replace(t, kind="other") for t in tokens[first_other:]]
    return tokens


def tokenize(text: str, lexicons: Sequence[Lexicon]) -> list[Token]:
    tokens: list[Token] = []
    for start, end in _alnum_spans(text):
        span = text[start:end]
        if any(_char_class(ch) == "d" for ch in span):
            letters = [ch for ch in span if _char_class(ch) != "d"]
            if all(ch in LOOKALIKE_DIGITS for ch in letters):
                tokens.append(Token(start, end, "digits", digits="".join(LOOKALIKE_DIGITS.get(ch, ch) for ch in span)))
                continue
        # Digits and words inside one span ("24h", "WhatsApp一八八八") are read apart.
        index = start
        while index < end:
            if _char_class(text[index]) == "d":
                stop = index
                while stop < end and _char_class(text[stop]) == "d":
                    stop += 1
                tokens.append(Token(index, stop, "digits", digits=text[index:stop]))
                index = stop
                continue
            stop = index
            while stop < end and _char_class(text[stop]) != "d":
                stop += 1
            for piece_start, piece_end, _ in _script_pieces(text, index, stop):
                tokens += _word_tokens(text, piece_start, piece_end, lexicons)
            index = stop
    return _read_lookalikes_and_vanity(text, _three_foreign_in_a_row(text, tokens))


def _three_foreign_in_a_row(text: str, tokens: list[Token]) -> list[Token]:
    """A neighbour's digit word alone is an ordinary word ("dos", "do", "sat"): it counts as a
    number word only among three or more in a row of one language, read in that language
    ("jeden osiem osiem osiem": Polish, though "jeden" is Czech too)."""
    result = list(tokens)
    index = 0
    while index < len(result):
        if not result[index].foreign:
            index += 1
            continue
        shared = _languages(result[index])
        stop = index
        while stop + 1 < len(result) and _joined(text, result[stop], result[stop + 1]):
            common = shared & _languages(result[stop + 1])
            if not common:
                break
            shared, stop = common, stop + 1
        if stop - index + 1 < 3:
            for position in range(index, stop + 1):
                token = result[position]
                result[position] = Token(token.start, token.end, "other")
        else:
            language = min(shared)
            for position in range(index, stop + 1):
                token = result[position]
                result[position] = replace(token, value=dict(token.foreign)[language])
        index = stop + 1
    return result


def _languages(token: Token) -> frozenset[str]:
    return frozenset(language for language, _ in token.foreign)


def _joined(text: str, left: Token, right: Token) -> bool:
    gap = text_between(text, left, right)
    return bool(right.foreign) and len(gap) <= 3 and len(gap.strip(" ,.-‐‑–—·/\u200b")) == 0


def text_between(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def _tight(gap: str) -> bool:
    """Joined without spaces by at most two marks: "5ОО-ОО", "(8ОО)"."""
    return len(gap) <= 2 and not any(ch.isspace() for ch in gap)


def _read_lookalikes_and_vanity(text: str, tokens: list[Token]) -> list[Token]:
    """Letters read as digits where they stand among digits: look-alikes ("8OO") as the
    digits they print like, a vanity number's capitals (1-800-FLOWERS) on a keypad. Left to
    right, so a vanity word can follow another ("1-800-GET-HELP")."""
    result = _read_chains(text, list(tokens))
    for index in range(1, len(result)):
        if _lookalike_digits(text, result, index):
            token = result[index]
            word = text[token.start : token.end]
            result[index] = Token(token.start, token.end, "digits", digits=lookalike_digits(word) or "")
    for index in range(1, len(result)):
        if _vanity_letters(text, result, index):
            token = result[index]
            word = text[token.start : token.end]
            result[index] = Token(token.start, token.end, "vanity", digits="".join(_KEYPAD[ch] for ch in word))
    return result


def _read_chains(text: str, tokens: list[Token]) -> list[Token]:
    """Three look-alike words or more chained like a phone number's groups ("ЗОО-ЗОО-ЗО-ЗО"),
    one of them shaped like a digit other than 0 and 1: read as the digits they print as."""
    result = list(tokens)
    index = 0
    while index < len(result):
        stop = index
        while (
            stop + 1 < len(result)
            and result[stop].kind == "other"
            and result[stop].lookalike_only
            and result[stop + 1].kind == "other"
            and result[stop + 1].lookalike_only
            and _chained(text_between(text, result[stop], result[stop + 1]))
        ):
            stop += 1
        chain = result[index : stop + 1]
        words = [text[t.start : t.end] for t in chain]
        if len(chain) >= 3 and any(shaped_like_digits(w) for w in words):
            for offset, (token, word) in enumerate(zip(chain, words)):
                result[index + offset] = Token(token.start, token.end, "digits", digits=lookalike_digits(word) or "")
        index = stop + 1
    return result


def _chained(gap: str) -> bool:
    return len(gap) == 1 and gap in _CHAINED_BY


def _lookalike_digits(text: str, tokens: list[Token], index: int) -> bool:
    """ "1-OO-5", "5ОО-ОО-ОО": look-alikes joined to digits, not "1 o 2" (Spanish "or")."""
    token, before = tokens[index], tokens[index - 1]
    if token.kind != "other" or not token.lookalike_only or before.kind != "digits":
        return False
    if not _tight(text_between(text, before, token)):
        return False
    after = tokens[index + 1] if index + 1 < len(tokens) else token
    return token.end - token.start >= 2 or (after.kind == "digits" and _tight(text_between(text, token, after)))


def _vanity_letters(text: str, tokens: list[Token], index: int) -> bool:
    """Latin capitals joined by one mark to a number of three digits or more: "1-800-FLOWERS"."""
    token, before = tokens[index], tokens[index - 1]
    if token.kind != "other" or not token.capitals or before.kind not in ("digits", "vanity"):
        return False
    earlier_digits = sum(len(t.digits) for t in tokens[max(0, index - 3) : index] if t.kind in ("digits", "vanity"))
    long_enough = token.end - token.start >= (2 if before.kind == "vanity" else 3)
    return text_between(text, before, token) in ("-", " ", ".", "‑") and earlier_digits >= 3 and long_enough
