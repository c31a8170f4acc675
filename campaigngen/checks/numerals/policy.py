"""What a translation adds: the numbers it has that its source does not (`added_numbers`).

Digits are never ordinary: where the source has none, the translation may add none. Number
words count only where two or more of them spell three digits or more (three in unspaced
scripts), since single number words are ordinary words.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.checks.numerals.foreign import spelled_numbers
from campaigngen.checks.numerals.reading import NumberMention, mentions
from campaigngen.sources.registry import base_of


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
    return added + _added_in_other_words(source, text, language, known, added)


def _added_in_other_words(
    source: str, text: str, language: str, known: set[str], added: list[AddedNumber]
) -> list[AddedNumber]:
    """Digits spelled in another language's words, romanized or glued ("uno ocho ocho ocho"
    in Portuguese, "ek aath aath aath", "unhuithuithuit") that the source does not have. The
    translation's own words were read above, with its accents and grammar."""
    own = base_of(language)
    known = known | {spelled.digits for spelled in spelled_numbers(source)}
    reported = {a.value for a in added}
    found: dict[str, AddedNumber] = {}
    taken: list[tuple[int, int]] = []  # where a longer reading was found: one number, one finding
    for spelled in sorted(spelled_numbers(text), key=lambda s: -len(s.digits)):
        if (spelled.language == own and not spelled.glued) or spelled.digits in known:
            continue
        if any(spelled.start < end and start < spelled.end for start, end in taken):
            continue
        taken.append((spelled.start, spelled.end))
        if spelled.digits not in reported and not any(spelled.digits in value for value in reported):
            found[spelled.digits] = AddedNumber("number in words", spelled.digits, spelled.written)
    return list(found.values())


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
