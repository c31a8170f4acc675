"""Messages and where they go on the flyer: [messages], [flyer] and its multilingual sheets.

The schema has checked each setting alone (ids, text, limits); what is read here involves
several: placeholders against the contact details, a message's own max_length, and every
place a message id is named.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from campaigngen.sources.contact import Contact
from campaigngen.sources.graphemes import grapheme_count
from campaigngen.sources.placeholders import (
    LANGUAGE_EN,
    PLACEHOLDERS,
    TEXT_LINE_PLACEHOLDERS,
    find_placeholders,
    stray_braces,
)
from campaigngen.sources.reading import Reading

MESSAGE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
MAX_MESSAGE_CHARS = 500  # a flyer line is read in seconds; anything longer is a mistake
MULTILINGUAL = "multilingual"  # the format name of a multilingual sheet, for findings and waivers
# Joiners a source language may need (Persian, Indic); never direction controls.
SOURCE_TEXT_ALLOWED = frozenset("\u200c\u200d")


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    context: str | None = None  # a note for translators
    max_length: int | None = None

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(find_placeholders(self.text))

    def applies_to(self, contact: Contact, language_tag: str) -> bool:
        """A 'text us' line is left out where the text line does not answer in that language."""
        available = contact.values_for(language_tag)
        return all(name in available for name in self.placeholders)


@dataclass(frozen=True)
class FlyerSpec:
    formats: tuple[str, ...]
    headline: str
    body: tuple[str, ...]
    action: tuple[str, ...]
    qr_caption: str | None

    @property
    def message_ids(self) -> tuple[str, ...]:
        """Printed messages in reading order, each once."""
        ids = [self.headline, *self.body, *self.action, *([self.qr_caption] if self.qr_caption else [])]
        return tuple(dict.fromkeys(ids))


def sheet_key(tags: Iterable[str]) -> str:
    """How a multilingual sheet is named in findings and waivers: 'en+es+vi'."""
    return "+".join(tags)


def read_messages(table: Mapping[str, Mapping[str, Any]], contact: Contact, reading: Reading) -> dict[str, Message]:
    """[messages]: each message whose text passed the schema, checked against the contact details."""
    messages: dict[str, Message] = {}
    for message_id, entry in table.items():
        text = entry["text"]
        where = ("messages", message_id)
        if not text or not _placeholders_ok(message_id, text, contact, (*where, "text"), reading):
            continue  # a missing, empty, unsafe or too long text is reported already
        max_length = entry["max_length"]
        if max_length is not None and grapheme_count(text) > max_length:
            reading.problem(
                (*where, "max_length"),
                f"message '{message_id}' is {grapheme_count(text)} characters, longer than its own "
                f"max_length {max_length}",
                hint="shorten the text or raise max_length",
            )
        messages[message_id] = Message(id=message_id, text=text, context=entry["context"], max_length=max_length)
    return messages


def _placeholders_ok(message_id: str, text: str, contact: Contact, where: Sequence[str], reading: Reading) -> bool:
    names = find_placeholders(text)
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        reading.problem(
            where,
            f"message '{message_id}' uses placeholder {{{unknown[0]}}}, which the campaign does not define",
            hint="use {phone}, {url}, {text_number}, {text_keyword} or {language_en}",
        )
        return False
    if stray_braces(text):
        reading.problem(
            where,
            f"message '{message_id}' has a brace that is not part of a placeholder",
            hint="braces mark {phone}, {url}, {text_number}, {text_keyword} or {language_en} only",
        )
        return False
    if contact.text_line is None and TEXT_LINE_PLACEHOLDERS & set(names):
        reading.problem(
            where,
            f"message '{message_id}' uses the text line, but [contact.text_line] is not set",
            hint="add [contact.text_line] or remove the message",
        )
        return False
    return True


class MessageRefs:
    """Resolves the message ids other settings name; a wrong one is reported where it is named."""

    def __init__(self, messages: Mapping[str, Message], reading: Reading) -> None:
        self.messages = messages
        self.written = reading.raw("messages")  # every id in the file, the broken ones too
        self.reading = reading

    def __call__(self, message_id: Any, where: Sequence[str | int]) -> str | None:
        if isinstance(message_id, str) and message_id in self.messages:
            return message_id
        if isinstance(message_id, str) and message_id in self.written:
            return None  # the message itself is broken and already reported
        close = difflib.get_close_matches(str(message_id), list(self.messages), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "add it under [messages] or fix the id"
        self.reading.problem(
            where, f"'{self.reading.dotted(where)}' names message '{message_id}', which does not exist", hint=hint
        )
        return None

    def each(self, message_ids: Iterable[Any], where: Sequence[str | int]) -> tuple[str, ...]:
        return tuple(m for m in (self(message_id, where) for message_id in message_ids) if m)


def read_flyer(table: Mapping[str, Any], refs: MessageRefs) -> FlyerSpec:
    """[flyer]: formats and which message goes where (the first message is the headline by default)."""
    where = ("flyer",)
    first = next(iter(refs.messages), "")
    headline_id = table["headline"] if table["headline"] is not None else first
    headline = refs(headline_id, (*where, "headline")) if headline_id else ""
    caption = table["qr_caption"]
    return FlyerSpec(
        formats=tuple(table["formats"]),
        headline=headline or first,
        body=refs.each(table["body"], (*where, "body")),
        action=refs.each(table["action"], (*where, "action")),
        qr_caption=refs(caption, (*where, "qr_caption")) if caption is not None else None,
    )


def read_ask_language(message_id: str | None, refs: MessageRefs) -> str | None:
    """contact.ask_language: a message that names the caller's language ({language_en})."""
    if message_id is None:
        return None
    where = ("contact", "ask_language")
    found = refs(message_id, where)
    if found and LANGUAGE_EN not in refs.messages[found].placeholders:
        refs.reading.problem(
            where,
            f"contact.ask_language names message '{found}', which does not say {{{LANGUAGE_EN}}}",
            hint="write {language_en} where the caller's language is named, e.g. 'When we answer, say \"{language_en}\".'",
        )
        return None
    return found


def read_sheets(sheets_written: Sequence[Any], tags: Sequence[str], reading: Reading) -> tuple[tuple[str, ...], ...]:
    """flyer.multilingual: sheets of 2 to 4 campaign languages, each listed once."""
    where = ("flyer", MULTILINGUAL)
    sheets: list[tuple[str, ...]] = []
    for sheet in sheets_written:
        if not isinstance(sheet, list) or not 2 <= len(sheet) <= 4:
            reading.problem(
                where,
                "each flyer.multilingual sheet lists 2 to 4 languages",
                hint='e.g. multilingual = [["en", "es", "vi"]]',
            )
            continue
        unknown = [tag for tag in sheet if tag not in tags]
        if unknown:
            reading.problem(where, f"flyer.multilingual names '{unknown[0]}', which is not a campaign language")
        elif len(set(sheet)) != len(sheet):
            reading.problem(where, f"flyer.multilingual sheet {sheet_key(sheet)} names a language twice")
        elif tuple(sheet) in sheets:
            reading.problem(where, f"flyer.multilingual sheet {sheet_key(sheet)} is listed twice")
        else:
            sheets.append(tuple(sheet))
    return tuple(sheets)
