"""Numbers in a text, however they are written: what a reader could dial.

A number to call can be written in digits of any script (१८८८, ๑๘๘๘, ①⑧⑧⑧), with letters
standing in for digits (1-8OO-3O7-O1O9), split by any separator (555/01/00, 5·5·5), in
words (uno ocho ocho ocho, ochocientos ochenta y ocho, 一八八八, หนึ่งแปดแปดแปด) or as a
vanity number (1-800-FLOWERS). `mentions()` reads every such run of a text into a
`NumberMention`; `added_numbers()` says which of them a translation adds to its source.

Single number words are ordinary words ("uno" is "someone", 一 is "a", 일 is "work"), so a
run of words counts as a number only when it spells three digits or more with two words or
more (three in scripts written without spaces, where number syllables sit inside everyday
words: 천천히 "slowly", 万一 "in case"). Digits are never ordinary: where the source has none,
the translation may add none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from campaigngen.checks.number_words import (
    APOSTROPHES,
    UNSPACED_SCRIPTS,
    Lexicon,
    compose,
    fold,
    lexicons_for,
    loose,
    read_numbers,
)
from campaigngen.sources.placeholders import PLACEHOLDER_PATTERN
from campaigngen.sources.text_safety import is_invisible, shown

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
# Characters people write inside one phone number ("+1 (888) 555-0100"): digit groups joined by
# these are one number. Others ("/", "·") still join digits into one run, read digit by digit.
NARROW_SEPARATORS = frozenset(" \u00a0\u202f\u2009\u3000-\u2010\u2011\u2012\u2013\u2014\u2212.()+")
_BARRIER = "\ufffc"  # where a placeholder stood: a number does not run across it
_MAX_GAP = 4  # characters between two parts of one number, runs of spaces counted once
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Token:
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


@dataclass(frozen=True)
class NumberMention:
    """One run of a text that reads as a number (or several, one after another)."""

    written: str  # as it stands in the text, invisible characters shown as <U+XXXX>
    numbers: tuple[str, ...]  # the numbers it reads as, in digits: ("1", "888") for "uno ochocientos..."
    digit_characters: int  # digits written as digits, in any script, look-alikes included
    number_words: int
    unspaced_only: bool  # every number word sits inside an unspaced word (一八八八)
    vanity: bool  # letters read on a keypad (1-800-FLOWERS)

    @property
    def digits(self) -> str:
        return "".join(self.numbers)

    @property
    def parts(self) -> int:
        """Number words, and the digits as one more part ("uno 8 ocho" has three)."""
        return self.number_words + (1 if self.digit_characters else 0)


# --------------------------------------------------------------------------- reading a text


def _fold_text(text: str) -> tuple[str, list[int], str]:
    """(folded, origin, nfc): every character as a reader's phone would take it - numerals of
    any script as ASCII digits (Nd, No, Nl: १, ๑, ①, ⑽, Ⅻ, ፲), compatibility forms folded
    (NFKC: full-width letters and dots), invisible characters dropped so they cannot split a
    number; origin[i] is the index in `nfc` each folded character came from."""
    nfc = unicodedata.normalize("NFC", PLACEHOLDER_PATTERN.sub(_BARRIER, text))
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(nfc):
        if ch != "\n" and is_invisible(ch):
            continue
        piece = unicodedata.normalize("NFKC", ch)
        # 〇 is a Chinese numeral read with 一二三 (一〇五), not a digit apart from them.
        if unicodedata.category(ch).startswith("N") and ch != "\u3007":
            value = unicodedata.numeric(ch, None)
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


def _word_tokens(text: str, start: int, end: int, lexicons: Sequence[Lexicon]) -> list[_Token]:
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
            return [_Token(start, end, "word", value=lexicon.words[folded], lexicon=lexicon, accented=accented)]
        if folded in lexicon.connectors:
            return [_Token(start, end, "connector", lexicon=lexicon)]
        # Arabic-script "and" is written on the word: وثمانية is "and eight".
        if folded[:1] == "و" and folded[1:] in lexicon.words:
            return [_Token(start, end, "word", value=lexicon.words[folded[1:]], lexicon=lexicon)]
    if not accented and script == "LATIN":
        bare = loose(folded)
        for lexicon in lexicons:
            if bare in lexicon.loose_words:
                return [_Token(start, end, "word", value=lexicon.loose_words[bare], lexicon=lexicon, loose=True)]
    return [
        _Token(
            start,
            end,
            "other",
            accented=accented,
            lookalike_only=all(ch in LOOKALIKE_DIGITS for ch in word),
            capitals=word.isascii() and word.isupper() and word.isalpha(),
        )
    ]


def _segment_unspaced(word: str, offset: int, lexicons: Sequence[Lexicon]) -> list[_Token]:
    known = {w: lexicon for lexicon in lexicons if lexicon.unspaced for w in lexicon.words}
    longest = max((len(w) for w in known), default=1)
    tokens: list[_Token] = []
    position = unknown_from = 0
    while position < len(word):
        for size in range(min(longest, len(word) - position), 0, -1):
            end = position + size
            piece = word[position:end]
            if piece in known and not (end < len(word) and unicodedata.category(word[end]).startswith("M")):
                if unknown_from < position:
                    tokens.append(_Token(offset + unknown_from, offset + position, "other"))
                lexicon = known[piece]
                tokens.append(
                    _Token(
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
        tokens.append(_Token(offset + unknown_from, offset + len(word), "other"))
    if _script(word[0]) == "HANGUL":
        # Korean puts spaces between words: a number is a word's start (일팔팔팔로, 스물네),
        # not a syllable inside another word (매일 "every day", 하세요).
        first_other = next((i for i, t in enumerate(tokens) if t.kind == "other"), len(tokens))
        tokens = tokens[:first_other] + [replace(t, kind="other") for t in tokens[first_other:]]
    return tokens


def _tokens(text: str, lexicons: Sequence[Lexicon]) -> list[_Token]:
    tokens: list[_Token] = []
    for start, end in _alnum_spans(text):
        span = text[start:end]
        if any(_char_class(ch) == "d" for ch in span):
            letters = [ch for ch in span if _char_class(ch) != "d"]
            if all(ch in LOOKALIKE_DIGITS for ch in letters):
                tokens.append(_Token(start, end, "digits", digits="".join(LOOKALIKE_DIGITS.get(ch, ch) for ch in span)))
                continue
        # Digits and words inside one span ("24h", "WhatsApp一八八八") are read apart.
        index = start
        while index < end:
            if _char_class(text[index]) == "d":
                stop = index
                while stop < end and _char_class(text[stop]) == "d":
                    stop += 1
                tokens.append(_Token(index, stop, "digits", digits=text[index:stop]))
                index = stop
                continue
            stop = index
            while stop < end and _char_class(text[stop]) != "d":
                stop += 1
            for piece_start, piece_end, _ in _script_pieces(text, index, stop):
                tokens += _word_tokens(text, piece_start, piece_end, lexicons)
            index = stop
    return _read_lookalikes_and_vanity(text, tokens)


def _gap(text: str, left: _Token, right: _Token) -> str:
    return text[left.end : right.start]


def _tight(gap: str) -> bool:
    """Joined without spaces by at most two marks: "5ОО-ОО", "(8ОО)"."""
    return len(gap) <= 2 and not any(ch.isspace() for ch in gap)


def _joinable(gap: str) -> bool:
    return _BARRIER not in gap and len(_SPACES.sub(" ", gap)) <= _MAX_GAP


def _read_lookalikes_and_vanity(text: str, tokens: list[_Token]) -> list[_Token]:
    result = list(tokens)
    for index, token in enumerate(result):
        if token.kind != "other" or index == 0:
            continue
        after = result[index + 1] if index + 1 < len(result) else token
        before = result[index - 1]
        tight_before = _tight(_gap(text, before, token))
        # "1-OO-5", "5ОО-ОО-ОО": look-alikes joined to digits, not "1 o 2" (Spanish "or").
        if (
            token.lookalike_only
            and before.kind == "digits"
            and tight_before
            and (token.end - token.start >= 2 or (after.kind == "digits" and _tight(_gap(text, token, after))))
        ):
            word = text[token.start : token.end]
            result[index] = _Token(
                token.start, token.end, "digits", digits="".join(LOOKALIKE_DIGITS[ch] for ch in word)
            )
    for index, token in enumerate(result):
        if token.kind != "other" or not token.capitals or index == 0:
            continue
        before = result[index - 1]
        gap = _gap(text, before, token)
        earlier_digits = sum(len(t.digits) for t in result[max(0, index - 3) : index] if t.kind in ("digits", "vanity"))
        long_enough = len(text[token.start : token.end]) >= (2 if before.kind == "vanity" else 3)
        if before.kind in ("digits", "vanity") and gap in ("-", " ", ".", "‑") and earlier_digits >= 3 and long_enough:
            word = text[token.start : token.end]
            result[index] = _Token(token.start, token.end, "vanity", digits="".join(_KEYPAD[ch] for ch in word))
    return result


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []  # connectors after the last number part
    for token in tokens:
        if token.kind in ("digits", "word", "vanity"):
            previous = (pending or current)[-1] if current else None
            if previous is not None and _joinable(_gap(text, previous, token)):
                current += pending + [token]
            else:
                if current:
                    runs.append(current)
                current = [token]
            pending = []
        elif token.kind == "connector" and current and _joinable(_gap(text, (pending or current)[-1], token)):
            pending.append(token)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return [piece for run in runs for piece in _drop_loose_beside_accents(run) if piece]


def _drop_loose_beside_accents(run: list[_Token]) -> list[list[_Token]]:
    """A word read without its accents counts only among words typed without accents:
    Vietnamese "sau ba năm" is "after three years" ("sau" is not "sáu", six), while
    "mot tam tam tam" is a number typed on a keyboard without Vietnamese."""
    if not any(t.accented for t in run) or not any(t.loose for t in run):
        return [run]
    pieces: list[list[_Token]] = [[]]
    for token in run:
        if token.loose:
            pieces.append([])
        elif token.kind != "connector" or pieces[-1]:
            pieces[-1].append(token)
    return [piece for piece in pieces if any(t.kind != "connector" for t in piece)]


def _numbers(text: str, run: list[_Token]) -> tuple[list[tuple[str, int]], int]:
    """(digits, parts) for each number the run reads as, and how many digits were written as
    digits."""
    numbers: list[tuple[str, int]] = []
    digit_characters = 0
    index = 0
    while index < len(run):
        token = run[index]
        if token.kind in ("digits", "vanity"):
            digits, parts = token.digits, 1
            digit_characters += len(token.digits) if token.kind == "digits" else 0
            while (
                index + 1 < len(run)
                and run[index + 1].kind in ("digits", "vanity")
                and set(_gap(text, token, run[index + 1])) <= NARROW_SEPARATORS
            ):
                index += 1
                token = run[index]
                digits += token.digits
                parts += 1
                digit_characters += len(token.digits) if token.kind == "digits" else 0
            numbers.append((digits, parts))
            index += 1
            continue
        if token.kind == "connector":
            index += 1
            continue
        # A stretch of number words: ICU reads it in the words' language where it can.
        stop = index
        while stop < len(run) and run[stop].kind in ("word", "connector") and run[stop].lexicon is token.lexicon:
            stop += 1
        words = [t for t in run[index:stop] if t.kind == "word"]
        numbers += _read_words(text, words)
        index = stop
    return _merge_single_digits(numbers), digit_characters


def _read_words(text: str, words: list[_Token]) -> list[tuple[str, int]]:
    """The numbers a stretch of number words of one language spells, each with how many
    words spell it. Two readings: ICU's (strict, then lenient; only where it reads every word)
    and the words' values put together as they are spoken (`compose`); the one that reads
    fewer numbers wins, ICU on a tie. ICU knows French "quatre-vingt-huit" (88, where compose
    says 4, 28); compose knows Burmese နှစ်ဆယ့်လေး (24, where lenient ICU says 2, 14)."""
    composed = [(str(number), parts) for number, parts in compose([t.value or 0 for t in words])]
    lexicon = words[0].lexicon
    # Digits said one at a time ("uno ocho ocho ocho", 一八八八三七三) are exactly that: ICU would
    # read a long run of them as a year or worse.
    if (
        lexicon is None
        or not lexicon.icu_locale
        or any(t.loose for t in words)
        or all((t.value or 0) < 10 for t in words)
    ):
        return composed
    letters = sum(t.end - t.start for t in words)
    for stretch, offsets in _stretches(text, words, lexicon.unspaced):
        for lenient in (False, True):
            read = read_numbers(stretch, lexicon.icu_locale, lenient)
            if read and sum(b - a for _, a, b in read) >= letters:
                by_icu = [(str(value), max(1, sum(1 for o in offsets if a <= o < b))) for value, a, b in read]
                return by_icu if len(by_icu) <= len(composed) else composed
    return composed


def _stretches(text: str, words: list[_Token], unspaced: bool) -> Iterable[tuple[str, list[int]]]:
    """The words as ICU may read them, with where each word starts: as written, and for
    unspaced scripts also with the zero-width spaces ICU puts between the parts of a Thai
    number (ยี่\u200bสิบ\u200bเอ็ด)."""
    start = words[0].start
    yield text[start : words[-1].end].lower(), [t.start - start for t in words]
    if unspaced:
        offsets, position = [], 0
        for token in words:
            offsets.append(position)
            position += token.end - token.start + 1
        yield "\u200b".join(text[t.start : t.end] for t in words), offsets


def _merge_single_digits(numbers: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Digits said or written one at a time ("uno ocho ocho ocho", "5/5/5") are one number."""
    merged: list[tuple[str, int]] = []
    for digits, parts in numbers:
        # The previous number is itself digits one at a time (as many parts as digits).
        if merged and len(digits) == 1 and parts == 1 and merged[-1][1] == len(merged[-1][0]):
            merged[-1] = (merged[-1][0] + digits, merged[-1][1] + 1)
        else:
            merged.append((digits, parts))
    return merged


def mentions(text: str, language: str) -> list[NumberMention]:
    """Every run of `text` (placeholders left out) that reads as a number, in a `language`
    translation (its number words, those of languages sharing its script, English, Chinese)."""
    folded, origin, nfc = _fold_text(text)
    lexicons = lexicons_for(language)
    found = []
    for run in _runs(folded, _tokens(folded, lexicons)):
        numbers, digit_characters = _numbers(folded, run)
        if not numbers:
            continue
        words = [t for t in run if t.kind == "word"]
        written = nfc[origin[run[0].start] : origin[run[-1].end - 1] + 1]
        found.append(
            NumberMention(
                written=shown(written),
                numbers=tuple(d for d, _ in numbers),
                digit_characters=digit_characters,
                number_words=len(words),
                unspaced_only=bool(words) and all(t.unspaced for t in words) and not digit_characters,
                vanity=any(t.kind == "vanity" for t in run),
            )
        )
    return found


# --------------------------------------------------------------------------- what a translation adds


@dataclass(frozen=True)
class AddedNumber:
    kind: str  # "phone-like number", "number", "number written in words", "vanity number", "digits"
    value: str  # the digits it reads as
    written: str


# Two digits cannot make a number to call (the shortest, emergency codes, have three): a
# translation of "Open 24 hours" may write "24/7".
_SPARE_DIGITS = 2


def added_numbers(source: str, source_language: str, text: str, language: str) -> list[AddedNumber]:
    """Numbers `text` (a translation) has that `source` does not.

    Where the source has no digits outside its placeholders, any digit is added. Elsewhere
    a number of three digits or more the source does not have is added, and so are short
    numbers the source does not have when together they hold more than two digits ("24/7" for
    "24 hours" adds one digit; "24 h, 5 - 5 - 0" adds three). Number words count where two or
    more of them spell three digits or more (three words in unspaced scripts) that the source
    does not have.
    """
    source_mentions = mentions(source, source_language)
    known = {number for m in source_mentions for number in m.numbers} | {m.digits for m in source_mentions}
    strict = not any(m.digit_characters for m in source_mentions)
    added: list[AddedNumber] = []
    spare: list[NumberMention] = []  # digits that are not the source's numbers, each too short alone
    for mention in mentions(text, language):
        if _is_added(mention, known, strict):
            added.append(AddedNumber(_kind(mention), _added_digits(mention, known), mention.written))
        elif mention.digit_characters and any(n not in known for n in mention.numbers):
            spare.append(mention)
    extra = "".join(n for m in spare for n in m.numbers if n not in known)
    if len(extra) > _SPARE_DIGITS:
        added.append(AddedNumber("digits", extra, " ".join(m.written for m in spare)))
    return added


def _is_added(mention: NumberMention, known: set[str], strict: bool) -> bool:
    if mention.digit_characters and strict:
        return True
    unknown = [number for number in mention.numbers if number not in known]
    if not mention.number_words:
        return any(len(number) >= 3 for number in unknown)
    # Words: the numbers the source does not have, together ("zéro six, douze, trente-quatre"
    # is 061234 read in pairs; "24/7, bảy ngày" adds only 7 and 7 to the source's 24).
    enough_parts = mention.parts >= (3 if mention.unspaced_only else 2)
    return enough_parts and len("".join(unknown)) >= 3 and mention.digits not in known


def _added_digits(mention: NumberMention, known: set[str]) -> str:
    return "".join(number for number in mention.numbers if number not in known) or mention.digits


def _kind(mention: NumberMention) -> str:
    if mention.vanity:
        return "vanity number"
    if not mention.digit_characters:
        return "number written in words"
    return "phone-like number" if len(mention.digits) >= 3 else "number"


__all__ = ["AddedNumber", "LOOKALIKE_DIGITS", "NARROW_SEPARATORS", "NumberMention", "added_numbers", "mentions"]
