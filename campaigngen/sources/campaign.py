"""The campaign: one ``campaign.toml``, validated here and nowhere else.

Everything downstream receives a frozen ``Campaign`` and may trust it: tags are valid,
every message id referenced exists, every placeholder is defined.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from campaigngen.exceptions import CampaignNotFound, InputError
from campaigngen.sources.languages import Language, language
from campaigngen.sources.placeholders import TEXT_LINE_PLACEHOLDERS, find_placeholders, unknown_placeholders

CONFIG_NAME = "campaign.toml"
CONTENT_DIR = "content"
SPOT_LENGTHS = (10, 15, 30, 60)
MESSAGE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class TextLine:
    number: str
    keyword: str
    languages: tuple[str, ...]  # the text line answers only in these


@dataclass(frozen=True)
class Contact:
    phone: str
    url: str
    text_line: TextLine | None = None

    def values_for(self, language_tag: str) -> dict[str, str]:
        """Placeholder values usable in this language (text line only where it is served)."""
        values = {"phone": self.phone, "url": self.url}
        if self.text_line and serves(self.text_line.languages, language_tag):
            values["text_number"] = self.text_line.number
            values["text_keyword"] = self.text_line.keyword
        return values


def serves(served_tags: tuple[str, ...], language_tag: str) -> bool:
    """A service in "es" serves "es-419" too; pseudo-locales borrow their base language."""
    base = language_tag.split("-")[0]
    return language_tag in served_tags or base in served_tags


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


@dataclass(frozen=True)
class SpotSpec:
    id: str
    seconds: int
    script: tuple[str, ...]


@dataclass(frozen=True)
class RadioSpec:
    preset: str = "ebu-r128"
    # Engine order per language; "default" applies where a language has no entry.
    engines: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({"default": ("espeak",)})
    )
    recordings: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    music_bed: Path | None = None

    def engines_for(self, language_tag: str) -> tuple[str, ...]:
        return self.engines.get(language_tag) or self.engines.get(language_tag.split("-")[0]) or self.engines["default"]


@dataclass(frozen=True)
class Waiver:
    check: str
    language: str
    message: str | None
    by: str
    reason: str
    date: dt.date

    def covers(self, check: str, language_tag: str, message_id: str | None) -> bool:
        return (
            self.check == check
            and self.language in (language_tag, "*")
            and (self.message is None or self.message == message_id)
        )


# -- [print]: how the PDFs are made for a press (a self-contained section: PrintSpec, read_print)
PRINT_COLOURS = ("rgb", "cmyk")


@dataclass(frozen=True)
class PrintSpec:
    colour: str = "rgb"  # "cmyk": PDFs converted through the press profile, with an OutputIntent


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    root: Path
    source_language: Language
    languages: tuple[Language, ...]  # targets, source language excluded
    contact: Contact
    messages: Mapping[str, Message]
    flyer: FlyerSpec
    spots: tuple[SpotSpec, ...]
    radio: RadioSpec
    waivers: tuple[Waiver, ...] = ()
    # Per-language readability overrides, e.g. {"es": {"max_words_per_sentence": 14}}
    readability: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    multilingual_sheets: tuple[tuple[str, ...], ...] = ()
    printing: PrintSpec = PrintSpec()

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def all_languages(self) -> tuple[Language, ...]:
        """Source language first, then every target."""
        return (self.source_language, *self.languages)

    def language(self, tag: str) -> Language:
        for lang in self.all_languages:
            if lang.tag == tag:
                return lang
        known = ", ".join(lang.tag for lang in self.all_languages)
        raise InputError(self.config_path, f"language '{tag}' is not in this campaign ({known})",
                         hint="add it to 'languages' or pick one of those")

    def waiver_for(self, check: str, language_tag: str, message_id: str | None) -> Waiver | None:
        return next((w for w in self.waivers if w.covers(check, language_tag, message_id)), None)


# --------------------------------------------------------------------------- loading


def resolve_campaign_dir(name_or_path: str | Path, project_root: Path | None = None) -> Path:
    """CAMPAIGN is a folder (``content/<campaign>``) or just the campaign's name."""
    candidate = Path(name_or_path)
    if (candidate / CONFIG_NAME).is_file():
        return candidate
    if candidate.name == CONFIG_NAME and candidate.is_file():
        return candidate.parent
    root = project_root or Path.cwd()
    by_name = root / CONTENT_DIR / str(name_or_path)
    if (by_name / CONFIG_NAME).is_file():
        return by_name
    raise CampaignNotFound(
        candidate, f"no {CONFIG_NAME} here or in {root / CONTENT_DIR / str(name_or_path)}",
        hint="give a campaign folder or a name under content/ (campaigngen new NAME makes one)",
    )


def load_campaign(name_or_path: str | Path, project_root: Path | None = None) -> Campaign:
    root = resolve_campaign_dir(name_or_path, project_root)
    path = root / CONFIG_NAME
    raw_text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(exc)
        raise InputError(path, f"not valid TOML: {_strip_position(str(exc))}", line=line,
                         hint="fix the syntax at that line") from None
    return _CampaignReader(path, raw_text, data).read()


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)


class _CampaignReader:
    """Turns parsed TOML into a Campaign, pointing at the offending line when it cannot."""

    def __init__(self, path: Path, raw_text: str, data: dict[str, Any]):
        self.path = path
        self.lines = raw_text.splitlines()
        self.data = data

    # -- error helpers
    def line_of(self, *needles: str) -> int | None:
        """First line holding all needles: good enough to point a person at the right spot."""
        for number, text in enumerate(self.lines, start=1):
            stripped = text.split("#", 1)[0] if not text.lstrip().startswith("#") else ""
            if stripped and all(needle in stripped for needle in needles):
                return number
        return None

    def fail(self, problem: str, *needles: str, hint: str | None = None) -> InputError:
        return InputError(self.path, problem, line=self.line_of(*needles) if needles else None, hint=hint)

    def require(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
        if key not in table:
            return self._missing(key, where)
        value = table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(f"'{where}{key}' must be a {names}, not {type(value).__name__}", key)
        return value

    def _missing(self, key: str, where: str):
        raise self.fail(f"'{where}{key}' is missing", hint=f"add {key} = ... (see content/help-is-here/{CONFIG_NAME})")

    def optional(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str, default=None):
        return self.require(table, key, kind, where) if key in table else default

    def lang(self, tag: Any, key: str) -> Language:
        if not isinstance(tag, str):
            raise self.fail(f"'{key}' must hold language tags as strings", key)
        return language(tag, path=self.path, line=self.line_of(f'"{tag}"') or self.line_of(key))

    def message_ref(self, messages: Mapping[str, Message], message_id: Any, where: str) -> str:
        if not isinstance(message_id, str) or message_id not in messages:
            known = ", ".join(sorted(messages))
            raise self.fail(f"{where} names message '{message_id}', which does not exist (known: {known})",
                            f'"{message_id}"', hint="add it under [messages] or fix the id")
        return message_id

    def known_keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        """A misspelt key would be silently ignored: [[spot]] would mean "no radio spots"."""
        for key in table:
            if key not in allowed:
                raise self.fail(f"unknown setting '{where}{key}'", key,
                                hint=f"expected one of: {', '.join(sorted(allowed))}")

    # -- the reading itself
    def read(self) -> Campaign:
        data = self.data
        self.known_keys(data, {"id", "name", "source_language", "languages", "contact", "messages", "flyer",
                               "spots", "radio", "waivers", "readability", "print"}, "")
        campaign_id = self.require(data, "id", str, "")
        if not MESSAGE_ID_RE.match(campaign_id):
            raise self.fail(f"id '{campaign_id}' may use only lower-case letters, digits, '-', '_', '.'", "id")
        name = self.optional(data, "name", str, "", default=campaign_id)
        source = self.lang(self.require(data, "source_language", str, ""), "source_language")
        targets_raw = self.require(data, "languages", list, "")
        targets: list[Language] = []
        for tag in targets_raw:
            lang = self.lang(tag, "languages")
            if lang.tag == source.tag or lang in targets:
                continue
            targets.append(lang)

        contact = self.read_contact(self.require(data, "contact", dict, ""))
        messages = self.read_messages(self.require(data, "messages", dict, ""))
        flyer = self.read_flyer(self.optional(data, "flyer", dict, "", default={}), messages)
        spots = self.read_spots(self.optional(data, "spots", list, "", default=[]), messages)
        radio = self.read_radio(self.optional(data, "radio", dict, "", default={}), [source, *targets])
        waivers = self.read_waivers(self.optional(data, "waivers", list, "", default=[]))
        readability = self.optional(data, "readability", dict, "", default={})
        sheets = self.read_sheets(flyer_table=self.optional(data, "flyer", dict, "", default={}),
                                  tags={lang.tag for lang in (source, *targets)})
        return Campaign(
            id=campaign_id,
            name=name,
            root=self.path.parent,
            source_language=source,
            languages=tuple(targets),
            contact=contact,
            messages=MappingProxyType(messages),
            flyer=flyer,
            spots=spots,
            radio=radio,
            waivers=waivers,
            readability=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in readability.items()}),
            multilingual_sheets=sheets,
            printing=self.read_print(self.optional(data, "print", dict, "", default={})),
        )

    def read_print(self, table: Mapping[str, Any]) -> PrintSpec:
        """[print] colour = "rgb" (default) or "cmyk"."""
        self.known_keys(table, {"colour"}, "print.")
        colour = self.optional(table, "colour", str, "print.", default="rgb")
        if colour not in PRINT_COLOURS:
            raise self.fail(f"print.colour is '{colour}'", "colour",
                            hint='use "rgb" (screens, office printers) or "cmyk" (a press)')
        return PrintSpec(colour=colour)

    def read_contact(self, table: Mapping[str, Any]) -> Contact:
        phone = self.require(table, "phone", str, "contact.")
        if sum(ch.isdigit() for ch in phone) < 3:
            raise self.fail(f"contact.phone '{phone}' has too few digits", "phone")
        url = self.require(table, "url", str, "contact.")
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            raise self.fail(f"contact.url '{url}' is not an http(s) address", "url",
                            hint="write it in full, e.g. https://example.org")
        text_line = None
        if "text_line" in table:
            tl = self.require(table, "text_line", dict, "contact.")
            served = tuple(self.lang(tag, "languages").tag for tag in self.require(tl, "languages", list, "contact.text_line."))
            text_line = TextLine(
                number=str(self.require(tl, "number", (str, int), "contact.text_line.")),
                keyword=self.require(tl, "keyword", str, "contact.text_line."),
                languages=served,
            )
        return Contact(phone=phone, url=url, text_line=text_line)

    def read_messages(self, table: Mapping[str, Any]) -> dict[str, Message]:
        if not table:
            raise self.fail("[messages] is empty", "messages", hint="add at least a headline")
        messages: dict[str, Message] = {}
        for message_id, entry in table.items():
            where = f"messages.{message_id}."
            if not MESSAGE_ID_RE.match(message_id):
                raise self.fail(f"message id '{message_id}' may use only lower-case letters, digits, '-', '_', '.'",
                                message_id)
            if isinstance(entry, str):
                entry = {"text": entry}
            if not isinstance(entry, dict):
                raise self.fail(f"message '{message_id}' must be a string or a table with text = ...", message_id)
            text = self.require(entry, "text", str, where).strip()
            if not text:
                raise self.fail(f"message '{message_id}' has empty text", message_id)
            unknown = unknown_placeholders(text)
            if unknown:
                raise self.fail(
                    f"message '{message_id}' uses placeholder {{{unknown[0]}}}, which the campaign does not define",
                    "{" + unknown[0] + "}",
                    hint="use {phone}, {url}, {text_number} or {text_keyword}",
                )
            max_length = self.optional(entry, "max_length", int, where)
            if max_length is not None and max_length <= 0:
                raise self.fail(f"message '{message_id}' max_length must be positive", "max_length")
            messages[message_id] = Message(
                id=message_id,
                text=text,
                context=self.optional(entry, "context", str, where),
                max_length=max_length,
            )
        return messages

    def read_flyer(self, table: Mapping[str, Any], messages: Mapping[str, Message]) -> FlyerSpec:
        formats = tuple(self.optional(table, "formats", list, "flyer.", default=["letter", "a4"]))
        for fmt in formats:
            if not isinstance(fmt, str):
                raise self.fail("flyer.formats must be a list of names", "formats")
        first = next(iter(messages))
        headline = self.message_ref(messages, self.optional(table, "headline", str, "flyer.", default=first), "flyer.headline")
        body = tuple(self.message_ref(messages, m, "flyer.body") for m in self.optional(table, "body", list, "flyer.", default=[]))
        action = tuple(self.message_ref(messages, m, "flyer.action") for m in self.optional(table, "action", list, "flyer.", default=[]))
        caption = self.optional(table, "qr_caption", str, "flyer.")
        if caption is not None:
            caption = self.message_ref(messages, caption, "flyer.qr_caption")
        return FlyerSpec(formats=formats, headline=headline, body=body, action=action, qr_caption=caption)

    def read_sheets(self, flyer_table: Mapping[str, Any], tags: set[str]) -> tuple[tuple[str, ...], ...]:
        sheets = []
        for sheet in self.optional(flyer_table, "multilingual", list, "flyer.", default=[]):
            if not isinstance(sheet, list) or not 2 <= len(sheet) <= 4:
                raise self.fail("each flyer.multilingual sheet lists 2 to 4 languages", "multilingual")
            for tag in sheet:
                if tag not in tags:
                    raise self.fail(f"flyer.multilingual names '{tag}', which is not a campaign language", "multilingual")
            sheets.append(tuple(sheet))
        return tuple(sheets)

    def read_spots(self, entries: list[Any], messages: Mapping[str, Message]) -> tuple[SpotSpec, ...]:
        spots = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise self.fail("each [[spots]] entry must be a table", "[[spots]]")
            seconds = self.require(entry, "seconds", int, "spots.")
            if seconds not in SPOT_LENGTHS:
                raise self.fail(f"spot length {seconds} s is not one stations book ({', '.join(map(str, SPOT_LENGTHS))})",
                                "seconds", str(seconds))
            spot_id = str(self.optional(entry, "id", str, "spots.", default=f"{seconds}s"))
            script = tuple(self.message_ref(messages, m, f"spot '{spot_id}' script")
                           for m in self.require(entry, "script", list, "spots."))
            if not script:
                raise self.fail(f"spot '{spot_id}' has an empty script", "script")
            spots.append(SpotSpec(id=spot_id, seconds=seconds, script=script))
        ids = [s.id for s in spots]
        if len(ids) != len(set(ids)):
            raise self.fail("two [[spots]] share an id", "[[spots]]", hint="give each spot its own id")
        return tuple(spots)

    def read_radio(self, table: Mapping[str, Any], langs: list[Language]) -> RadioSpec:
        preset = self.optional(table, "preset", str, "radio.", default="ebu-r128")
        engines_raw = self.optional(table, "engines", dict, "radio.", default={})
        engines: dict[str, tuple[str, ...]] = {"default": ("espeak",)}
        for key, order in engines_raw.items():
            if isinstance(order, str):
                order = [order]
            if not isinstance(order, list) or not all(isinstance(e, str) for e in order):
                raise self.fail(f"radio.engines.{key} must be a list of engine names", key)
            engines[key] = tuple(order)
        recordings_raw = self.optional(table, "recordings", dict, "radio.", default={})
        recordings = {}
        for key, rel in recordings_raw.items():
            if not isinstance(rel, str):
                raise self.fail(f"radio.recordings.{key} must be a file path", key)
            recordings[key] = (self.path.parent / rel)
        bed = self.optional(table, "music_bed", str, "radio.")
        return RadioSpec(
            preset=preset,
            engines=MappingProxyType(engines),
            recordings=MappingProxyType(recordings),
            music_bed=(self.path.parent / bed) if bed else None,
        )

    def read_waivers(self, entries: list[Any]) -> tuple[Waiver, ...]:
        waivers = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise self.fail("each [[waivers]] entry must be a table", "[[waivers]]")
            check = self.require(entry, "check", str, "waivers.")
            reason = str(entry.get("reason", "")).strip()
            by = str(entry.get("by", "")).strip()
            if not reason:
                raise self.fail(f"waiver for check '{check}' has no reason", "[[waivers]]",
                                hint="a person must write why the check may be waived (reason = ...)")
            if not by:
                raise self.fail(f"waiver for check '{check}' does not say who accepted it", "[[waivers]]",
                                hint="add by = \"name or role\"")
            date = entry.get("date")
            if not isinstance(date, dt.date):
                raise self.fail(f"waiver for check '{check}' needs date = YYYY-MM-DD", "[[waivers]]")
            lang_tag = self.require(entry, "language", str, "waivers.")
            if lang_tag != "*":
                self.lang(lang_tag, "language")
            waivers.append(Waiver(check=check, language=lang_tag, message=entry.get("message"),
                                  by=by, reason=reason, date=date))
        return tuple(waivers)


def applicable_messages(campaign: Campaign, language_tag: str) -> list[Message]:
    """Messages that appear in this language's material (text-line lines only where served)."""
    return [m for m in campaign.messages.values() if m.applies_to(campaign.contact, language_tag)]


__all__ = [
    "Campaign", "Contact", "FlyerSpec", "PrintSpec", "Message", "RadioSpec", "SpotSpec", "TextLine", "Waiver",
    "load_campaign", "resolve_campaign_dir", "applicable_messages", "TEXT_LINE_PLACEHOLDERS",
]
