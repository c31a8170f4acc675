"""Tokens read as numbers: runs of number parts close enough to be one mention, each read as
the digits a reader would dial (`mentions`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from campaigngen.checks.number_words import compose, lexicons_for, read_numbers
from campaigngen.checks.numerals.tokens import BARRIER, Token, fold_text, text_between, tokenize
from campaigngen.sources.text_safety import shown

# Characters people write inside one phone number ("+1 (888) 555-0100"): digit groups joined by
# these are one number. Others ("/", "·") still join digits into one run, read digit by digit.
NARROW_SEPARATORS = frozenset(" \u00a0\u202f\u2009\u3000-\u2010\u2011\u2012\u2013\u2014\u2212.()+")
_MAX_GAP = 4  # characters between two parts of one number, runs of spaces counted once
_SPACES = re.compile(r"\s+")


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


def _joinable(gap: str) -> bool:
    return BARRIER not in gap and len(_SPACES.sub(" ", gap)) <= _MAX_GAP


def _runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[Token] = []  # connectors after the last number part
    for token in tokens:
        if token.kind in ("digits", "word", "vanity"):
            previous = (pending or current)[-1] if current else None
            if previous is not None and _joinable(text_between(text, previous, token)):
                current += pending + [token]
            else:
                if current:
                    runs.append(current)
                current = [token]
            pending = []
        elif token.kind == "connector" and current and _joinable(text_between(text, (pending or current)[-1], token)):
            pending.append(token)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return [piece for run in runs for piece in _drop_loose_beside_accents(run) if piece]


def _drop_loose_beside_accents(run: list[Token]) -> list[list[Token]]:
    """A word read without its accents counts only among words typed without accents:
    Vietnamese "sau ba năm" is "after three years" ("sau" is not "sáu", six), while
    "mot tam tam tam" is a number typed on a keyboard without Vietnamese."""
    if not any(t.accented for t in run) or not any(t.loose for t in run):
        return [run]
    pieces: list[list[Token]] = [[]]
    for token in run:
        if token.loose:
            pieces.append([])
        elif token.kind != "connector" or pieces[-1]:
            pieces[-1].append(token)
    return [piece for piece in pieces if any(t.kind != "connector" for t in piece)]


def _numbers(text: str, run: list[Token]) -> tuple[list[tuple[str, int]], int]:
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
                and set(text_between(text, token, run[index + 1])) <= NARROW_SEPARATORS
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


def _read_words(text: str, words: list[Token]) -> list[tuple[str, int]]:
    """The numbers a stretch of number words of one language spells, each with how many
    words spell it. Two readings: ICU's (strict, then lenient; only where it reads every word)
    and the words' values put together as they are spoken (`compose`); the one that reads
    fewer numbers wins, ICU on a tie. ICU knows French "quatre-vingt-huit" (88, where compose
    says 4, 28); compose knows Burmese နှစ်ဆယ့်လေး (24, where lenient ICU says 2, 14)."""
    composed = [(str(number), parts) for number, parts in compose([t.value or 0 for t in words])]
    by_icu = None if _composed_only(words) else _read_by_icu(text, words)
    return by_icu if by_icu is not None and len(by_icu) <= len(composed) else composed


def _composed_only(words: list[Token]) -> bool:
    """Words ICU cannot read for us: no ICU locale, typed without accents, or digits said one
    at a time ("uno ocho ocho ocho", 一八八八三七三), which are exactly that (ICU would read a
    long run of them as a year or worse)."""
    lexicon = words[0].lexicon
    return (
        lexicon is None
        or not lexicon.icu_locale
        or any(t.loose for t in words)
        or all((t.value or 0) < 10 for t in words)
    )


def _read_by_icu(text: str, words: list[Token]) -> list[tuple[str, int]] | None:
    """ICU's reading where it reads every letter of the words (strict first), else None."""
    lexicon = words[0].lexicon
    assert lexicon is not None and lexicon.icu_locale
    letters = sum(t.end - t.start for t in words)
    for stretch, offsets in _stretches(text, words, lexicon.unspaced):
        for lenient in (False, True):
            read = read_numbers(stretch, lexicon.icu_locale, lenient)
            if read and sum(b - a for _, a, b in read) >= letters:
                return [(str(value), max(1, sum(1 for o in offsets if a <= o < b))) for value, a, b in read]
    return None


def _stretches(text: str, words: list[Token], unspaced: bool) -> Iterable[tuple[str, list[int]]]:
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


# Reading a text's numbers is a tokenizer's walk over every word (the studio asks it of every
# line at each keystroke): kept by every input, the text and the very lexicons it is read with.
_MENTIONS: dict[tuple[str, tuple[int, ...]], tuple[NumberMention, ...]] = {}
_MENTIONS_LIMIT = 8192


def mentions(text: str, language: str) -> list[NumberMention]:
    """Every run of `text` (placeholders left out) that reads as a number, in a `language`
    translation (its number words, those of languages sharing its script, English, Chinese)."""
    lexicons = lexicons_for(language)
    # Lexicons are made once per input and kept for the process (number_words._lexicon): their
    # identities name them.
    key = (text, tuple(id(lexicon) for lexicon in lexicons))
    found = _MENTIONS.get(key)
    if found is None:
        if len(_MENTIONS) >= _MENTIONS_LIMIT:
            _MENTIONS.clear()
        found = _MENTIONS[key] = tuple(_read_mentions(text, lexicons))
    return list(found)


def _read_mentions(text: str, lexicons) -> list[NumberMention]:
    folded, origin, nfc = fold_text(text)
    found = []
    for run in _runs(folded, tokenize(folded, lexicons)):
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
