"""What a translation adds: the numbers it has that its source does not (`added_numbers`).

Digits are never ordinary: where the source has none, the translation may add none. Number
words count only where two or more of them spell three digits or more (three in unspaced
scripts), since single number words are ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from campaigngen.checks.numerals.reading import NumberMention, mentions
from campaigngen.checks.numerals.tokens import fold_text
from campaigngen.memo import kept_for_short_texts


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
    return _with_star_codes(added, source, text)


def _with_star_codes(added: list[AddedNumber], source: str, text: str) -> list[AddedNumber]:
    """The star codes the text adds, in place of the bare digits read from them."""
    in_source = {code.value for code in star_codes(source)}
    codes = [code for code in star_codes(text) if code.value not in in_source]
    coded = {re.sub(r"\D", "", code.value) for code in codes}
    return [a for a in added if a.value not in coded] + codes


# A star or hash code (*55, #77, *555#) dials a service, as a number does: any length.
# Letters of scripts without spaces may touch it (拨＊８８): only Latin letters and digits may not.
_STAR_CODE = re.compile(r"(?<![A-Za-z0-9*#])[*#]\s?\d{1,8}#?(?![A-Za-z0-9])")


def star_codes(text: str) -> list[AddedNumber]:
    return list(_star_codes(text))


# Every language's translation of a message is judged against the same source.
@kept_for_short_texts(longest=2000, size=4096)
def _star_codes(text: str) -> tuple[AddedNumber, ...]:
    folded, origin, nfc = fold_text(text)
    found = []
    for match in _STAR_CODE.finditer(folded):
        written = nfc[origin[match.start()] : origin[match.end() - 1] + 1]
        found.append(AddedNumber("star or hash code", match.group(0).replace(" ", ""), written))
    return tuple(found)


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
