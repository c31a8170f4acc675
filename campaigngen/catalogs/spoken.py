"""The radio script as it is spoken: messages in order, contact numbers spelled digit by digit.

A listener who is being watched hears a spot once. The number must be said slowly, one digit
at a time (a TTS engine reads "1-888" as "one thousand eight hundred..."), in the listener's
language, and (from :20 up) twice, the last time at the very end. This module writes that text; it is pure
text so the readability check and the audio renderer read the same words.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.frozen import FrozenMap
from campaigngen.sources.campaign import SpotSpec
from campaigngen.sources.placeholders import split_placeholders
from campaigngen.sources.punctuation import terminal_class
from campaigngen.sources.registry import base_of, facts, registry
from campaigngen.sources.spots import says_ask_line

# Marks a pause between digit groups (1 / 888 / 373 / 7888). An en dash reads naturally on a
# script sheet in every script, is not a sentence end for any segmenter, and the renderer splits
# on it to put a real pause in the audio instead of trusting each engine's punctuation.
GROUP_BREAK = " – "


# id(registry) -> (that registry, its digit words table): the registry is held, so its id is
# not reused while the entry lives.
_TABLES: dict[int, tuple[Mapping, Mapping[str, tuple[str, ...]]]] = {}


def digit_words_table() -> Mapping[str, tuple[str, ...]]:
    """The ten digit words of every language the registry holds now, built in and the
    project's own (languages.toml, read after the program started), by tag and by base
    language (zh-Hans and zh-Hant share the Chinese ones, filed under "zh" too). Each
    language's own script: the registry says why each reads as it does (Korean's 0 is 공,
    Chinese 一 not 幺, Arabic fully vowelled for espeak-ng)."""
    languages = registry()
    kept = _TABLES.get(id(languages))
    if kept is None or kept[0] is not languages:
        table: dict[str, tuple[str, ...]] = {}
        for tag, entry in languages.items():
            table[tag] = entry.digits
            table.setdefault(base_of(tag), entry.digits)
        kept = _TABLES[id(languages)] = (languages, FrozenMap(table))
    return kept[1]


_WORDLIKE = re.compile(r"\w")
_OPEN, _CLOSE = "\x02", "\x03"  # around a spelled number while a message is filled
_SPELLED = ("phone", "text_number")  # contact details said digit by digit
_PUNCT = r"[.,!?;:。，！？、،؛۔।።፣။၊]"
_SENTENCE_END = re.compile(terminal_class() + r"\s*$")


class UnknownDigitWords(ValueError):
    """No digit words for this language: never fall back to English digits silently."""


@dataclass(frozen=True)
class SpotScript:
    language: str  # BCP 47 tag
    spot_id: str
    booked_seconds: int
    segments: tuple[str, ...]  # sentences to speak, digits spelled as words
    # The message each segment speaks (None: the bare number added at the end), and the
    # messages whose text is the source language's (LocalizedCampaign.stand_in): a check
    # must not measure those with this language's rules.
    message_ids: tuple[str | None, ...] = ()
    stand_ins: tuple[str, ...] = ()
    # Each number spelled in the segments: (as spoken, its digit groups as numerals). A check
    # counts the spoken form as its digits, one word each, whatever a word segmenter makes
    # of the digit words (ICU cuts Japanese はち into は ち).
    numbers: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.segments)

    @property
    def word_count(self) -> int:
        """Words a listener hears; each spelled phone digit is one word (the budget rule)."""
        return sum(_count_words(segment, self.language) for segment in self.segments)


def digit_words(language_tag: str) -> tuple[str, ...]:
    """The ten digit words of a language (zh-Hans and zh-Hant share the Chinese ones)."""
    entry = facts(language_tag)
    if entry is None:
        raise UnknownDigitWords(f"no digit words for '{language_tag}'")
    # A registered language whose entry has no digit words (and ICU none either) keeps the
    # numerals: its script is a live-read card, and the announcer says them in the language.
    return entry.digits or NUMERALS


NUMERALS = tuple("0123456789")


def digit_groups(number: str) -> list[str]:
    """Digit groups as a listener should hear them: the number's own groups
    (1-888-373-7888 -> 1 / 888 / 373 / 7888); an unbroken run longer than four digits is
    cut into threes (a last group of four rather than a lone digit)."""
    groups: list[str] = []
    for run in re.findall(r"\d+", number):
        while len(run) > 4:
            cut = 4 if len(run) == 8 else 3  # 7 -> 3+4, 8 -> 4+4, 10 -> 3+3+4, never a lone digit
            groups.append(run[:cut])
            run = run[cut:]
        groups.append(run)
    return groups


def spell_digits(number: str, language_tag: str) -> list[str]:
    """One word per digit, in order, in the language's own script ("1-888" -> uno ocho ocho ocho)."""
    words = digit_words(language_tag)
    return [words[int(ch)] for group in digit_groups(number) for ch in group]


def spoken_number(number: str, language_tag: str) -> str:
    """The number as it is written in the spoken script: digits separated by the language's
    list comma, groups by GROUP_BREAK (a pause in the audio)."""
    words = digit_words(language_tag)
    entry = facts(language_tag)
    sep = entry.digit_separator if entry else ", "
    return GROUP_BREAK.join(sep.join(words[int(ch)] for ch in group) for group in digit_groups(number))


def _count_words(segment: str, language_tag: str) -> int:
    """Whitespace words, where a list comma also separates (Chinese 一、八、八、八 is four
    words: the number is spaced off from the text around it, see _speak_message)."""
    pieces = re.split(r"[\s、,،፣၊]+", segment)
    return sum(1 for piece in pieces if _WORDLIKE.search(piece))


def count_spoken_words(text: str, language_tag: str) -> int:
    """Words a listener hears in a piece of the script (a spelled digit is one)."""
    return _count_words(text, language_tag)


def _speak_message(template: str, values: Mapping[str, str], language_tag: str) -> str | None:
    """Fill one message for the ear. Numbers are spelled; a URL cannot be heard once and
    remembered, so a message carrying one is left out of the spot (the flyer and the sheet
    carry the address)."""
    parts = []
    for piece, is_name in split_placeholders(template):
        if not is_name:
            parts.append(piece)
        elif piece in _SPELLED:
            # Marked so it can be spaced off: the digits are words of their own even in
            # scripts without spaces (Chinese, Thai).
            parts.append(f"{_OPEN}{spoken_number(values[piece], language_tag)}{_CLOSE}")
        elif piece == "url":
            return None
        else:
            parts.append(values[piece])
    text = "".join(parts)
    text = re.sub(rf"\s*{_OPEN}\s*", " ", text)
    text = re.sub(rf"\s*{_CLOSE}(?={_PUNCT})", "", text)  # "... ocho." not "... ocho ."
    text = re.sub(rf"\s*{_CLOSE}\s*", " ", text).strip()
    return text or None


def spot_script(localized: LocalizedCampaign, spot: SpotSpec) -> SpotScript:
    """The spot's messages in the target language, numbers spelled, the phone number said last
    and as often as the campaign asks for this length."""
    tag = localized.tag
    values = localized.contact_values
    phone_spoken = spoken_number(values["phone"], tag)
    segments: list[str] = []
    spoken_ids: list[str | None] = []
    for message_id in spot.script:
        if not localized.applies(message_id):
            continue  # a text-line message where the text line does not answer
        spoken = _speak_message(localized.text(message_id), values, tag)
        if spoken:
            segments.append(spoken)
            spoken_ids.append(message_id)

    # The number must come last, and as often as the booking says ([delivery] number_repeats:
    # twice from :20 up, once in a :10 or :15 tag). Repeat the script's own phone sentence
    # (the translator's wording) when there is one; else the bare spelled number.
    with_phone = [(s, mid) for s, mid in zip(segments, spoken_ids) if phone_spoken in s]
    closing, closing_id = with_phone[-1] if with_phone else (_with_full_stop(phone_spoken, tag), None)
    if not segments or phone_spoken not in segments[-1]:
        segments.append(closing)
        spoken_ids.append(closing_id)
    while sum(s.count(phone_spoken) for s in segments) < localized.campaign.delivery.repeats_for(spot):
        segments.insert(len(segments) - 1, closing)
        spoken_ids.insert(len(spoken_ids) - 1, closing_id)
    ask = _ask_line(localized) if says_ask_line(spot.seconds) else None
    if ask is not None and ask not in segments:
        # What to say when the hotline answers, right after the number is first said; where
        # that is the last thing heard (a :10 tag), just before it: the number stays last.
        first = next(i for i, segment in enumerate(segments) if phone_spoken in segment)
        at = first + 1 if first + 1 < len(segments) else first
        segments.insert(at, ask)
        spoken_ids.insert(at, localized.campaign.contact.ask_language)
    stand_ins = tuple(dict.fromkeys(mid for mid in spoken_ids if mid and localized.stand_in(mid)))
    return SpotScript(
        language=tag,
        spot_id=spot.id,
        booked_seconds=spot.seconds,
        segments=tuple(segments),
        message_ids=tuple(spoken_ids),
        stand_ins=stand_ins,
        numbers=_spelled_numbers(values, tag),
    )


def _spelled_numbers(values: Mapping[str, str], language_tag: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (spoken_number(values[name], language_tag), " ".join(digit_groups(values[name])))
        for name in _SPELLED
        if values.get(name)
    )


def _ask_line(localized: LocalizedCampaign) -> str | None:
    """contact.ask_language for the ear (the language's English name to say), or None: not
    turned on, or the hotline's own language."""
    ask_id = localized.campaign.contact.ask_language
    if ask_id is None or not localized.applies(ask_id):
        return None
    return _speak_message(localized.text(ask_id), localized.contact_values, localized.tag)


def filled_script(
    localized: LocalizedCampaign,
    script: SpotScript,
    *,
    number_again: bool = False,
    closing: str | None = None,
    script_again: bool = False,
) -> SpotScript:
    """The script with what a campaign lets the composer add to fill a booking: the whole
    script said again (script_again), then, before the final number so the number stays last,
    a closing line (a message id) and the phone sentence said once more (the first one in the
    script: the translator's own "Call ...")."""
    segments = list(script.segments)
    ids = list(script.message_ids) or [None] * len(segments)
    if script_again:
        segments, ids = segments * 2, ids * 2
    added: list[tuple[str, str | None]] = []
    if closing is not None and localized.applies(closing):
        spoken = _speak_message(localized.text(closing), localized.contact_values, script.language)
        if spoken and spoken not in segments:
            added.append((spoken, closing))
    if number_again:
        phone = spoken_number(localized.contact_values["phone"], script.language)
        first = next(i for i, segment in enumerate(segments) if phone in segment)
        added.append((segments[first], ids[first]))
    if not added and not script_again:
        return script
    at = len(segments) - 1
    segments[at:at] = [text for text, _ in added]
    ids[at:at] = [mid for _, mid in added]
    stand_ins = tuple(dict.fromkeys(mid for mid in ids if mid and localized.stand_in(mid)))
    return dataclasses.replace(script, segments=tuple(segments), message_ids=tuple(ids), stand_ins=stand_ins)


def ends_with_number(script: SpotScript, number: str) -> bool:
    """Are the last words heard the number itself? Not in verb-final languages (Burmese,
    Korean, Hindi, Urdu, Amharic, Persian put "call" after it), nor when a closing message
    carries more than the number."""
    if not script.segments:
        return False
    last = re.sub(rf"(\s|{_PUNCT})+$", "", script.segments[-1])
    return last.endswith(spoken_number(number, script.language))


def _with_full_stop(text: str, language_tag: str) -> str:
    if _SENTENCE_END.search(text):
        return text
    entry = facts(language_tag)
    return text + (entry.full_stop if entry else ".")


__all__ = [
    "GROUP_BREAK",
    "SpotScript",
    "UnknownDigitWords",
    "count_spoken_words",
    "digit_groups",
    "digit_words",
    "digit_words_table",
    "ends_with_number",
    "filled_script",
    "spell_digits",
    "spoken_number",
    "spot_script",
]
