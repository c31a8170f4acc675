"""The campaign: one ``campaign.toml``, validated here and nowhere else.

Everything downstream receives a frozen ``Campaign`` and may trust it: tags are valid, every
message id, format, preset, engine and check named exists, contact details are well formed,
and the recordings it points at were read once, with the config. Every mistake in the file
is reported in one run, each on its own line with the line number and what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen import checknames
from campaigngen.exceptions import CampaignNotFound, InputError, InvalidCampaign
from campaigngen.frozen import EMPTY, FrozenMap
from campaigngen.sources.brand import PICTOGRAMS, BrandColours, BrandSpec, logo_from, parse_colour
from campaigngen.sources.broadcast import CHANNEL_LAYOUTS, DEFAULT_FILL, ENGINES, FILLERS, MONO, PRESETS, RECORDED
from campaigngen.sources.contact import Contact, TextLine, canonical_phone, url_problem
from campaigngen.sources.graphemes import grapheme_count
from campaigngen.sources.languages import PSEUDO_LOCALES, Language, parse_language
from campaigngen.sources.paper import FORMATS
from campaigngen.sources.placeholders import PLACEHOLDERS, TEXT_LINE_PLACEHOLDERS, find_placeholders, stray_braces
from campaigngen.sources.registry import base_of
from campaigngen.sources.text_safety import describe, unsafe_characters
from campaigngen.sources.toml_lines import TomlLines

CONFIG_NAME = "campaign.toml"
CONTENT_DIR = "content"
SPOT_LENGTHS = (10, 15, 20, 30, 60)
MESSAGE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
MAX_MESSAGE_CHARS = 500  # a flyer line is read in seconds; anything longer is a mistake
MAX_MEDIA_BYTES = 200 * 1024 * 1024
MULTILINGUAL = "multilingual"  # the format name of a multilingual sheet, for findings and waivers
# Joiners a source language may need (Persian, Indic); never direction controls.
_SOURCE_TEXT_ALLOWED = frozenset("\u200c\u200d")

__all__ = [
    "BrandSpec",
    "Campaign",
    "Contact",
    "DeliverySpec",
    "FlyerSpec",
    "MediaFile",
    "Message",
    "RadioSpec",
    "SpotSpec",
    "TextLine",
    "TrafficSpec",
    "Waiver",
    "audio_problem",
    "campaign_from_bytes",
    "load_campaign",
    "resolve_campaign_dir",
    "sheet_key",
    "CONFIG_NAME",
    "MULTILINGUAL",
]


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
class MediaFile:
    """A file the campaign points at (a recording, a music bed), read once with the config so
    a render uses exactly the bytes that were checked."""

    path: Path
    data: bytes | None  # None when it could not be read; problem says why
    problem: str | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


@dataclass(frozen=True)
class RadioSpec:
    preset: str = "ebu-r128"
    # Engine order per language; "default" applies where a language has no entry.
    engines: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: FrozenMap({"default": ("espeak",)}))
    recordings: Mapping[str, MediaFile] = field(default_factory=lambda: EMPTY)
    music_bed: MediaFile | None = None

    def engines_for(self, language_tag: str) -> tuple[str, ...]:
        """The language's own order; else, where a recording is imported, the recording first
        (a person's voice beats synthesis), then the default order."""
        own = self.engines.get(language_tag) or self.engines.get(base_of(language_tag))
        if own:
            return own
        default = self.engines["default"]
        if self.recording_for(language_tag) is not None and RECORDED not in default:
            return (RECORDED, *default)
        return default

    def recording_for(self, language_tag: str) -> MediaFile | None:
        return self.recordings.get(language_tag) or self.recordings.get(base_of(language_tag))


def sheet_key(tags: Iterable[str]) -> str:
    """How a multilingual sheet is named in findings and waivers: 'en+es+vi'."""
    return "+".join(tags)


@dataclass(frozen=True)
class Waiver:
    check: str
    language: str  # a tag, "*", or a multilingual sheet's 'en+es+vi'
    message: str | None
    by: str
    reason: str
    date: dt.date
    target: str | None = None  # a format ("wallet", "multilingual") or a spot id ("30s")

    def covers(self, check: str, language_tag: str, message_id: str | None, target: str | None = None) -> bool:
        return (
            self.check == check
            and self.language in (language_tag, "*")
            and (self.message is None or self.message == message_id)
            and (self.target is None or self.target == target)
        )


SPOT_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")  # house / ISCI-style: what traffic systems accept


@dataclass(frozen=True)
class TrafficSpec:
    """What a station's traffic department logs a spot by ([traffic] in campaign.toml)."""

    advertiser: str  # the organisation on the program log; default: the campaign's name
    contact: str | None = None  # who answers a station's questions about the spots
    start: dt.date | None = None  # first day the spots may air (a datetime: from that station time)
    kill: dt.date | None = None  # last day: after it, stations take them off (a datetime: until then)
    code_prefix: str = "PSA"
    codes: Mapping[str, str] = field(default_factory=lambda: EMPTY)  # "es/30s" -> "HIH-ES-030"
    # Numeric cut numbers, where a station's automation files spots by number: "es/30s" -> 1001
    cuts: Mapping[str, int] = field(default_factory=lambda: EMPTY)

    def cut_for(self, language_tag: str, spot: SpotSpec, spots: Sequence[SpotSpec]) -> str:
        """The cart chunk's cut ID: the station's cut number where one is given, else the code."""
        number = self.cuts.get(f"{language_tag}/{spot.id}")
        return str(number) if number is not None else self.code_for(language_tag, spot, spots)

    def code_for(self, language_tag: str, spot: SpotSpec, spots: Sequence[SpotSpec]) -> str:
        """The campaign's own code for this spot, else one made from the prefix, the language
        and the length (a letter added where two spots share a length): the same every build."""
        own = self.codes.get(f"{language_tag}/{spot.id}")
        if own:
            return own
        language = re.sub(r"[^A-Z0-9]", "", language_tag.upper())
        same_length = [s.id for s in spots if s.seconds == spot.seconds]
        suffix = chr(ord("A") + same_length.index(spot.id)) if len(same_length) > 1 else ""
        return f"{self.code_prefix}-{language}-{spot.seconds:03d}{suffix}"


LIVE_READ_CARDS = ("unvoiced", "all")
SAMPLE_RATES = (44100, 48000)
BIT_DEPTHS = (16, 24)
MP3_BITRATES = (192, 224, 256, 320)  # CBR; stations take 192 kbps and up
MP2_BITRATES = (128, 160, 192, 224, 256, 320, 384)  # MPEG-1 Layer II (mono: up to 192)
ID3_VERSIONS = ("2.3", "2.4")
MAX_NUMBER_REPEATS = 3


def default_number_repeats(seconds: int) -> int:
    """How often a spot says the number when the campaign does not say: twice from :20 up
    (said once more at the very end), once in a :10 or :15 tag, which has room for no more."""
    return 2 if seconds >= 20 else 1


@dataclass(frozen=True)
class DeliverySpec:
    """How spots reach the air ([delivery] in campaign.toml): channels, what may fill a booking,
    what a live announcer is given, and the files' format."""

    channels: str = MONO  # or "dual-mono"
    fill: tuple[str, ...] = DEFAULT_FILL  # what the composer may add to fill the booking, in order
    closing: str | None = None  # a message id spoken before the last number, when filling
    live_read_cards: str = "unvoiced"  # cards for spots read live, or "all": beside every recording too
    pronunciation: Mapping[str, str] = field(default_factory=lambda: EMPTY)  # tag -> note for announcers
    # Spots the campaign asks stations to read live: "tl" (every spot of a language) or "tl/30s".
    live_reads: tuple[str, ...] = ()
    # How often the number is said, by booked length ("10" -> 1); default_number_repeats elsewhere.
    number_repeats: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    sample_rate: int | None = None  # None: the loudness preset's
    bit_depth: int = 16
    mp3_bitrate: int = 192
    id3_version: str = "2.4"
    mp2: bool = False  # an MPEG-1 Layer II file beside the WAV and the MP3
    mp2_bitrate: int | None = None  # None: 192 kbps mono, 256 kbps dual-mono

    def pronunciation_for(self, language_tag: str) -> str | None:
        return self.pronunciation.get(language_tag) or self.pronunciation.get(base_of(language_tag))

    def repeats_for(self, spot: SpotSpec) -> int:
        return self.number_repeats.get(str(spot.seconds), default_number_repeats(spot.seconds))

    def read_live(self, language_tag: str, spot: SpotSpec) -> bool:
        """Did the campaign ask for this spot to be read live?"""
        return language_tag in self.live_reads or f"{language_tag}/{spot.id}" in self.live_reads


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
    readability: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: EMPTY)
    multilingual_sheets: tuple[tuple[str, ...], ...] = ()
    config_sha256: str = ""  # of the campaign.toml bytes this was read from
    printing: PrintSpec = PrintSpec()
    traffic: TrafficSpec = TrafficSpec(advertiser="")
    delivery: DeliverySpec = DeliverySpec()
    brand: BrandSpec = BrandSpec()

    @property
    def advertiser(self) -> str:
        return self.traffic.advertiser or self.name

    def spot_code(self, language_tag: str, spot: SpotSpec) -> str:
        return self.traffic.code_for(language_tag, spot, self.spots)

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
        if tag in PSEUDO_LOCALES:
            return PSEUDO_LOCALES[tag]
        known = ", ".join(lang.tag for lang in self.all_languages)
        raise InputError(
            self.config_path,
            f"language '{tag}' is not in this campaign ({known})",
            hint="add it to 'languages' or pick one of those",
        )


# --------------------------------------------------------------------------- loading


def _moment(value: dt.date, end_of_day: bool) -> dt.datetime:
    """A start or kill as a moment: a date alone is its first second, or (kill) its last."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time())


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
        candidate,
        f"no {CONFIG_NAME} here or in {root / CONTENT_DIR / str(name_or_path)}",
        hint="give a campaign folder or a name under content/ (campaigngen new NAME makes one)",
    )


def load_campaign(name_or_path: str | Path, project_root: Path | None = None) -> Campaign:
    root = resolve_campaign_dir(name_or_path, project_root)
    path = root / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})", hint="check its permissions") from None
    return campaign_from_bytes(path, raw)


def campaign_from_bytes(path: Path, raw: bytes) -> Campaign:
    """The campaign that ``raw`` would be if it were saved as ``path``: an editor validates a
    change with it before anything is written (recordings resolve beside ``path``)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not UTF-8 text (byte {exc.start})",
            line=line,
            hint="save the file as UTF-8 (TOML files are always UTF-8)",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            path,
            f"not valid TOML: {_strip_position(str(exc))}",
            line=_toml_error_line(exc),
            hint="fix the syntax at that line",
        ) from None
    return _CampaignReader(path, text, data, hashlib.sha256(raw).hexdigest()).read()


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text in quotes",
        int: "whole number",
        float: "number",
        bool: "true or false",
        list: "list [...]",
        dict: "table",
        dt.date: "date (YYYY-MM-DD)",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _value_kind(value: Any) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


_TOP_KEYS = (
    "id",
    "name",
    "source_language",
    "languages",
    "contact",
    "messages",
    "flyer",
    "spots",
    "radio",
    "waivers",
    "readability",
    "print",
    "traffic",
    "delivery",
    "brand",
)
_CONTACT_KEYS = ("phone", "url", "region", "text_line")
_TEXT_LINE_KEYS = ("number", "keyword", "languages")
_MESSAGE_KEYS = ("text", "context", "max_length")
_FLYER_KEYS = ("formats", "headline", "body", "action", "qr_caption", "multilingual")
_SPOT_KEYS = ("id", "seconds", "script")
_RADIO_KEYS = ("preset", "engines", "recordings", "music_bed")
_BRAND_KEYS = ("organization", "hotline_name", "logo", "partner_logos", "colours", "pictograms")
_TRAFFIC_KEYS = ("advertiser", "contact", "start", "kill", "code_prefix", "codes", "cuts")
_DELIVERY_KEYS = (
    "channels",
    "fill",
    "closing",
    "live_read_cards",
    "pronunciation",
    "live_reads",
    "number_repeats",
    "sample_rate",
    "bit_depth",
    "mp3_bitrate",
    "id3_version",
    "mp2",
    "mp2_bitrate",
)
_WAIVER_KEYS = ("check", "language", "message", "target", "by", "reason", "date")


class _CampaignReader:
    """Turns parsed TOML into a Campaign, collecting every problem with the line it is on."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], sha256: str):
        self.path = path
        self.lines = TomlLines(text)
        self.data = data
        self.sha256 = sha256
        self.problems: list[InputError] = []

    # -- reporting
    def problem(self, where: Sequence[str | int], text: str, hint: str | None = None) -> None:
        self.problems.append(InputError(self.path, text, line=self.lines.line(where), hint=hint))

    @staticmethod
    def dotted(where: Sequence[str | int]) -> str:
        return ".".join(str(p) for p in where)

    # -- typed access
    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        where: Sequence[str | int],
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        path = (*where, key)
        if key not in table:
            if required:
                self.problem(
                    where,
                    f"'{self.dotted(path)}' is missing",
                    hint=f"add {key} = ... (see content/help-is-here/{CONFIG_NAME})",
                )
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            self.problem(path, f"'{self.dotted(path)}' must be {_kind_name(kind)}, not {_value_kind(value)}")
            return default
        return value

    def known_keys(self, table: Mapping[str, Any], allowed: Sequence[str], where: Sequence[str | int]) -> None:
        """A misspelt key would be silently ignored ([[spot]] would mean "no radio spots")."""
        for key in table:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
            self.problem((*where, key), f"unknown setting '{self.dotted((*where, key))}'", hint=hint)

    def text(
        self, value: str, where: Sequence[str | int], *, allowed: frozenset[str] = frozenset(), limit: int | None = None
    ) -> str | None:
        """Text that reaches a page, a spot or a file: no hidden or direction characters."""
        bad = unsafe_characters(value, allowed)
        if bad:
            self.problem(
                where,
                f"'{self.dotted(where)}' contains invisible, control or direction characters "
                f"({', '.join(describe(c) for c in bad)})",
                hint="retype the value: such characters can reorder or hide what is printed",
            )
            return None
        if limit is not None and len(value) > limit:
            self.problem(
                where, f"'{self.dotted(where)}' is {len(value)} characters, more than {limit}", hint="shorten it"
            )
            return None
        return value

    def lang(self, tag: Any, where: Sequence[str | int]) -> Language | None:
        if not isinstance(tag, str):
            self.problem(where, f"'{self.dotted(where)}' must hold language tags in quotes, not {_value_kind(tag)}")
            return None
        try:
            return parse_language(tag)
        except ValueError as exc:
            self.problem(where, str(exc), hint="use a BCP 47 tag such as es, vi, zh-Hans")
            return None

    def message_ref(self, messages: Mapping[str, Message], message_id: Any, where: Sequence[str | int]) -> str | None:
        if isinstance(message_id, str) and message_id in messages:
            return message_id
        if isinstance(message_id, str) and message_id in self.data.get("messages", {}):
            return None  # the message itself is broken and already reported
        close = difflib.get_close_matches(str(message_id), list(messages), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "add it under [messages] or fix the id"
        self.problem(where, f"'{self.dotted(where)}' names message '{message_id}', which does not exist", hint=hint)
        return None

    def id_list(self, value: Any, where: Sequence[str | int]) -> list[Any]:
        if not isinstance(value, list):
            self.problem(where, f"'{self.dotted(where)}' must be a list [...], not {_value_kind(value)}")
            return []
        return value

    # -- the reading itself
    def read(self) -> Campaign:
        data = self.data
        self.known_keys(data, _TOP_KEYS, ())
        campaign_id = self.get(data, "id", str, (), required=True, default="")
        if campaign_id and not MESSAGE_ID_RE.match(campaign_id):
            self.problem(("id",), f"id '{campaign_id}' may use only lower-case letters, digits, '-', '_', '.'")
        name = self.get(data, "name", str, (), default=campaign_id)
        name = self.text(name, ("name",), limit=120) or campaign_id
        source = self.lang(
            self.get(data, "source_language", str, (), required=True, default="en"), ("source_language",)
        )
        targets = self.read_languages(self.get(data, "languages", list, (), required=True, default=[]), source)
        tags = [lang.tag for lang in (source, *targets) if lang is not None]
        contact = self.read_contact(self.get(data, "contact", dict, (), required=True, default={}))
        messages = self.read_messages(self.get(data, "messages", dict, (), required=True, default={}), contact)
        flyer_table = self.get(data, "flyer", dict, (), default={})
        flyer = self.read_flyer(flyer_table, messages)
        sheets = self.read_sheets(flyer_table, tags)
        spots = self.read_spots(self.get(data, "spots", list, (), default=[]), messages)
        radio = self.read_radio(self.get(data, "radio", dict, (), default={}), tags)
        waivers = self.read_waivers(
            self.get(data, "waivers", list, (), default=[]), tags, messages, flyer, sheets, spots
        )
        readability = self.read_readability(self.get(data, "readability", dict, (), default={}), tags)
        printing = self.read_print(self.get(data, "print", dict, (), default={}))
        traffic = self.read_traffic(self.get(data, "traffic", dict, (), default={}), campaign_id, name, tags, spots)
        delivery = self.read_delivery(self.get(data, "delivery", dict, (), default={}), messages, tags, spots)
        brand = self.read_brand(self.get(data, "brand", dict, (), default={}))
        if self.problems:
            raise self.problems[0] if len(self.problems) == 1 else InvalidCampaign(self.problems)
        assert source is not None
        return Campaign(
            id=campaign_id,
            name=name,
            root=self.path.parent,
            source_language=source,
            languages=tuple(lang for lang in targets if lang is not None),
            contact=contact,
            messages=FrozenMap(messages),
            flyer=flyer,
            spots=spots,
            radio=radio,
            waivers=waivers,
            readability=readability,
            multilingual_sheets=sheets,
            config_sha256=self.sha256,
            printing=printing,
            traffic=traffic,
            delivery=delivery,
            brand=brand,
        )

    def read_traffic(
        self, table: Mapping[str, Any], campaign_id: str, name: str, tags: Sequence[str], spots: Sequence[SpotSpec]
    ) -> TrafficSpec:
        """[traffic]: advertiser, contact, start and kill dates, spot codes (ISCI / house style)."""
        where = ("traffic",)
        self.known_keys(table, _TRAFFIC_KEYS, where)
        advertiser = self.get(table, "advertiser", str, where, default=name).strip() or name
        advertiser = self.text(advertiser, (*where, "advertiser"), limit=120) or name
        contact = self.get(table, "contact", str, where)
        if contact is not None:
            contact = self.text(contact.strip(), (*where, "contact"), limit=200) or None
        dates: dict[str, dt.date | None] = {}
        for key in ("start", "kill"):
            value = table.get(key)
            if value is not None and (
                not isinstance(value, dt.date) or (isinstance(value, dt.datetime) and value.tzinfo is not None)
            ):
                self.problem(
                    (*where, key),
                    f"traffic.{key} must be a date like 2026-12-01 or a station time like 2026-12-01T06:00:00 "
                    f"(no quotes, no offset)",
                )
                value = None
            dates[key] = value
        if dates["start"] and dates["kill"] and _moment(dates["kill"], True) < _moment(dates["start"], False):
            self.problem(
                (*where, "kill"),
                f"traffic.kill {dates['kill']} is before traffic.start {dates['start']}",
                hint="the kill date is the last day the spots may air",
            )
        initials = "".join(part[0] for part in re.split(r"[-_.]", campaign_id) if part).upper()[:8]
        if len(initials) < 2:  # a one-word id: its first letters ("demo" -> DEM)
            initials = re.sub(r"[^A-Z0-9]", "", campaign_id.upper())[:3]
        initials = initials if len(initials) >= 2 else "PSA"
        prefix = self.get(table, "code_prefix", str, where, default=initials)
        if not re.fullmatch(r"[A-Z0-9]{2,8}", prefix):
            self.problem(
                (*where, "code_prefix"),
                f"traffic.code_prefix '{prefix}' must be 2 to 8 capital letters or digits",
                hint='e.g. code_prefix = "HIH"',
            )
            prefix = initials
        codes: dict[str, str] = {}
        spot_ids = {spot.id for spot in spots}
        for key, code in self.get(table, "codes", dict, where, default={}).items():
            path = (*where, "codes", key)
            tag, _, spot_id = str(key).partition("/")
            if tag not in tags or spot_id not in spot_ids:
                self.problem(
                    path,
                    f"traffic.codes names '{key}', which is not a language/spot of this campaign",
                    hint=f'use "<language>/<spot id>", e.g. "{tags[-1] if tags else "es"}/'
                    f'{spots[0].id if spots else "30s"}"',
                )
            elif not isinstance(code, str) or not SPOT_CODE_RE.match(code):
                self.problem(
                    path,
                    f"traffic.codes.\"{key}\" must be 3 to 20 capital letters, digits or '-'",
                    hint='e.g. "HIH-ES-030"',
                )
            else:
                codes[key] = code
        cuts: dict[str, int] = {}
        for key, number in self.get(table, "cuts", dict, where, default={}).items():
            path = (*where, "cuts", key)
            tag, _, spot_id = str(key).partition("/")
            if tag not in tags or spot_id not in spot_ids:
                self.problem(
                    path,
                    f"traffic.cuts names '{key}', which is not a language/spot of this campaign",
                    hint=f'use "<language>/<spot id>", e.g. "{tags[-1] if tags else "es"}/'
                    f'{spots[0].id if spots else "30s"}"',
                )
            elif isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 99_999_999:
                self.problem(
                    path,
                    f'traffic.cuts."{key}" must be a cut number from 1 to 99999999 (no quotes)',
                    hint="the number the station's automation files the spot under",
                )
            elif number in cuts.values():
                self.problem(path, f"cut number {number} is given to two spots", hint="give every spot its own number")
            else:
                cuts[key] = number
        spec = TrafficSpec(
            advertiser=advertiser,
            contact=contact,
            start=dates["start"],
            kill=dates["kill"],
            code_prefix=prefix,
            codes=FrozenMap(codes),
            cuts=FrozenMap(cuts),
        )
        seen: dict[str, str] = {}
        for tag in tags:
            for spot in spots:
                code = spec.code_for(tag, spot, spots)
                if code in seen:
                    self.problem(
                        (*where, "codes"),
                        f"spot code {code} is used by {seen[code]} and {tag}/{spot.id}",
                        hint="give every spot its own code: traffic systems log spots by code",
                    )
                seen[code] = f"{tag}/{spot.id}"
        return spec

    def read_delivery(
        self, table: Mapping[str, Any], messages: Mapping[str, Message], tags: Sequence[str], spots: Sequence[SpotSpec]
    ) -> DeliverySpec:
        """[delivery]: channels, what may fill a booking, live reads and their cards, pronunciation
        notes, how often the number is said, and the files' format."""
        where = ("delivery",)
        self.known_keys(table, _DELIVERY_KEYS, where)
        channels = self.get(table, "channels", str, where, default=MONO)
        if channels not in CHANNEL_LAYOUTS:
            self.problem(
                (*where, "channels"),
                f"delivery.channels is '{channels}'",
                hint=f"use {' or '.join(repr(c) for c in CHANNEL_LAYOUTS)}",
            )
            channels = MONO
        fill = []
        for item in self.id_list(table.get("fill", list(DEFAULT_FILL)), (*where, "fill")):
            if item not in FILLERS:
                close = difflib.get_close_matches(str(item), FILLERS, n=1)
                self.problem(
                    (*where, "fill"),
                    f"delivery.fill names '{item}', which the composer cannot add",
                    hint=f"did you mean '{close[0]}'?" if close else f"use {', '.join(FILLERS)}",
                )
            elif item not in fill:
                fill.append(item)
        closing = self.get(table, "closing", str, where)
        if closing is not None:
            closing = self.message_ref(messages, closing, (*where, "closing"))
        cards = self.get(table, "live_read_cards", str, where, default="unvoiced")
        if cards not in LIVE_READ_CARDS:
            self.problem(
                (*where, "live_read_cards"),
                f"delivery.live_read_cards is '{cards}'",
                hint='use "unvoiced" (languages without audio) or "all"',
            )
            cards = "unvoiced"
        notes: dict[str, str] = {}
        keys = self._language_keys(tags)
        for tag, note in self.get(table, "pronunciation", dict, where, default={}).items():
            path = (*where, "pronunciation", tag)
            if tag not in keys:
                self.problem(path, f"delivery.pronunciation names '{tag}', which is not a campaign language")
            elif not isinstance(note, str) or not note.strip():
                self.problem(path, f"delivery.pronunciation.{tag} must be text in quotes")
            else:
                checked = self.text(note.strip(), path, allowed=_SOURCE_TEXT_ALLOWED, limit=400)
                if checked:
                    notes[tag] = checked
        choices = self._delivery_files(table, where, channels)
        return DeliverySpec(
            channels=channels,
            fill=tuple(fill),
            closing=closing,
            live_read_cards=cards,
            pronunciation=FrozenMap(notes),
            live_reads=self._live_reads(table, where, tags, spots),
            number_repeats=self._number_repeats(table, where, spots),
            **choices,
        )

    def _live_reads(
        self, table: Mapping[str, Any], where: Sequence[str | int], tags: Sequence[str], spots: Sequence[SpotSpec]
    ) -> tuple[str, ...]:
        path = (*where, "live_reads")
        wanted: list[str] = []
        spot_ids = {spot.id for spot in spots}
        for item in self.id_list(table.get("live_reads", []), path):
            tag, _, spot_id = str(item).partition("/")
            if not isinstance(item, str) or tag not in tags or (spot_id and spot_id not in spot_ids):
                self.problem(
                    path,
                    f"delivery.live_reads names '{item}', which is not a language or language/spot of this campaign",
                    hint=f'use "<language>" or "<language>/<spot id>", e.g. "{tags[-1] if tags else "tl"}"',
                )
            elif item not in wanted:
                wanted.append(item)
        return tuple(wanted)

    def _number_repeats(
        self, table: Mapping[str, Any], where: Sequence[str | int], spots: Sequence[SpotSpec]
    ) -> Mapping[str, int]:
        """number_repeats = 2 (every length) or a table by booked length: { 10 = 1, 30 = 2 }."""
        if "number_repeats" not in table:
            return EMPTY
        path = (*where, "number_repeats")
        raw = table["number_repeats"]
        pairs = {str(seconds): raw for seconds in SPOT_LENGTHS} if not isinstance(raw, dict) else raw
        repeats: dict[str, int] = {}
        for length, times in pairs.items():
            if not str(length).isdigit() or int(length) not in SPOT_LENGTHS:
                self.problem(
                    (*path, length),
                    f"delivery.number_repeats names length '{length}'",
                    hint=f"use a booked length: {', '.join(map(str, SPOT_LENGTHS))}",
                )
            elif isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= MAX_NUMBER_REPEATS:
                self.problem(
                    path if not isinstance(raw, dict) else (*path, length),
                    f"delivery.number_repeats must be 1 to {MAX_NUMBER_REPEATS} (how often the number is said)",
                    hint="1 for a :10 or :15 tag, 2 from :20 up",
                )
                break
            else:
                repeats[str(int(length))] = times
        return FrozenMap(repeats)

    def _delivery_files(self, table: Mapping[str, Any], where: Sequence[str | int], channels: str) -> dict[str, Any]:
        """The files' format: sample rate, bit depth, MP3 bitrate and ID3 version, MP2."""
        chosen: dict[str, Any] = {}
        for key, allowed, default in (
            ("sample_rate", SAMPLE_RATES, None),
            ("bit_depth", BIT_DEPTHS, 16),
            ("mp3_bitrate", MP3_BITRATES, 192),
            ("id3_version", ID3_VERSIONS, "2.4"),
            ("mp2_bitrate", MP2_BITRATES, None),
        ):
            value = table.get(key, default)
            if value is not None and (isinstance(value, bool) or value not in allowed):
                shown = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in allowed)
                self.problem((*where, key), f"delivery.{key} is {value!r}", hint=f"use {shown}")
                value = default
            chosen[key] = value
        chosen["mp2"] = bool(self.get(table, "mp2", bool, where, default=False))
        if chosen["mp2_bitrate"] is not None and channels == MONO and chosen["mp2_bitrate"] > 192:
            self.problem(
                (*where, "mp2_bitrate"),
                f"delivery.mp2_bitrate {chosen['mp2_bitrate']} kbps is more than MPEG-1 Layer II allows in mono",
                hint='use 192 or less, or channels = "dual-mono"',
            )
            chosen["mp2_bitrate"] = None
        return chosen

    def read_print(self, table: Mapping[str, Any]) -> PrintSpec:
        """[print] colour = "rgb" (default) or "cmyk": how the PDFs are made for a press."""
        self.known_keys(table, ("colour",), ("print",))
        colour = self.get(table, "colour", str, ("print",), default="rgb")
        if colour not in PRINT_COLOURS:
            self.problem(
                ("print", "colour"),
                f"print.colour is '{colour}'",
                hint='use "rgb" (screens, office printers) or "cmyk" (a press)',
            )
            colour = "rgb"
        return PrintSpec(colour=colour)

    def read_brand(self, table: Mapping[str, Any]) -> BrandSpec:
        """[brand]: the organization and hotline names shown, logos (PNG or SVG, read once and
        checked by content), colours, and the pictograms the hotline's service earns."""
        where = ("brand",)
        self.known_keys(table, _BRAND_KEYS, where)
        names = {}
        for key in ("organization", "hotline_name"):
            value = self.get(table, key, str, where)
            names[key] = self.text(value.strip(), (*where, key), limit=80) if value and value.strip() else None
        logo = None
        rel = self.get(table, "logo", str, where)
        if rel is not None:
            logo = self._logo(rel, (*where, "logo"))
        partners = []
        for rel in self.id_list(table.get("partner_logos", []), (*where, "partner_logos")):
            if not isinstance(rel, str):
                self.problem((*where, "partner_logos"), "brand.partner_logos must list file paths in quotes")
                continue
            partner = self._logo(rel, (*where, "partner_logos"))
            if partner is not None:
                partners.append(partner)
        colours = {}
        colour_table = self.get(table, "colours", dict, where, default={})
        self.known_keys(colour_table, ("band", "panel", "accent"), (*where, "colours"))
        for key, value in colour_table.items():
            if key not in ("band", "panel", "accent"):
                continue
            colour = parse_colour(value) if isinstance(value, str) else None
            if colour is None:
                self.problem(
                    (*where, "colours", key),
                    f'brand.colours.{key} must be a colour like "#12345b"',
                    hint="write it as # and six hexadecimal digits",
                )
            else:
                colours[key] = colour
        pictograms = []
        for name in self.id_list(table.get("pictograms", []), (*where, "pictograms")):
            if name not in PICTOGRAMS:
                close = difflib.get_close_matches(str(name), PICTOGRAMS, n=1)
                self.problem(
                    (*where, "pictograms"),
                    f"unknown pictogram '{name}'",
                    hint=f"did you mean '{close[0]}'?" if close else f"use {', '.join(PICTOGRAMS)}",
                )
            elif name in pictograms:
                self.problem((*where, "pictograms"), f"pictogram '{name}' is listed twice")
            else:
                pictograms.append(name)
        return BrandSpec(
            organization=names["organization"],
            hotline_name=names["hotline_name"],
            logo=logo,
            partner_logos=tuple(partners),
            colours=BrandColours(**colours),
            pictograms=tuple(pictograms),
        )

    def _logo(self, rel: str, where: Sequence[str | int]):
        if not rel.strip():
            self.problem(where, f"'{self.dotted(where)}' is empty", hint="give a PNG or SVG file's path")
            return None
        logo, problem = logo_from(read_media(self.path.parent / rel))
        if problem:
            self.problem(
                where,
                f"{self.dotted(where)} '{rel}': {problem}",
                hint="give a PNG or SVG file, relative to campaign.toml",
            )
        return logo

    def read_languages(self, raw: list[Any], source: Language | None) -> list[Language]:
        targets: list[Language] = []
        for tag in raw:
            lang = self.lang(tag, ("languages",))
            if lang is None:
                continue
            if lang.pseudo:
                self.problem(
                    ("languages",),
                    f"'{tag}' is a pseudo-locale for layout testing, not a language",
                    hint=f"build it with --lang {tag} instead of listing it",
                )
            elif (source is not None and lang.tag == source.tag) or lang in targets:
                self.problem(
                    ("languages",),
                    f"'{tag}' is listed twice (or is the source language)",
                    hint="list each language once",
                )
            else:
                targets.append(lang)
        return targets

    def read_contact(self, table: Mapping[str, Any]) -> Contact:
        where = ("contact",)
        self.known_keys(table, _CONTACT_KEYS, where)
        region = self.get(table, "region", str, where, default="US")
        phone_raw = self.get(table, "phone", str, where, required=True, default="")
        phone = ""
        if phone_raw.strip() and self.text(phone_raw, (*where, "phone")) is not None:
            phone, problem = canonical_phone(phone_raw, region)
            if problem:
                self.problem(
                    (*where, "phone"),
                    f"contact.phone '{phone_raw}': {problem}",
                    hint="write the hotline's number as it is dialled, e.g. 1-888-373-7888, "
                    "and set contact.region if it is not a US number",
                )
        url = self.get(table, "url", str, where, required=True, default="").strip()
        if url and self.text(url, (*where, "url")) is not None:
            problem = url_problem(url)
            if problem:
                self.problem(
                    (*where, "url"),
                    f"contact.url '{url}': {problem}",
                    hint="write it in full, e.g. https://example.org/help",
                )
                url = ""
        text_line = None
        tl = self.get(table, "text_line", dict, where)
        if tl is not None:
            tl_where = (*where, "text_line")
            self.known_keys(tl, _TEXT_LINE_KEYS, tl_where)
            number = str(self.get(tl, "number", (str, int), tl_where, required=True, default=""))
            if not re.fullmatch(r"[0-9]{3,8}", number):
                self.problem(
                    (*tl_where, "number"),
                    f"contact.text_line.number '{number}' must be 3 to 8 digits",
                    hint="a text line is a short code like 233733",
                )
            keyword = self.get(tl, "keyword", str, tl_where, required=True, default="")
            if keyword and not re.fullmatch(r"[0-9A-Za-z]{1,20}", keyword):
                self.problem(
                    (*tl_where, "keyword"),
                    f"contact.text_line.keyword '{keyword}' must be one word of Latin letters or digits",
                    hint="e.g. BeFree",
                )
            served = []
            for tag in self.id_list(tl.get("languages", []), (*tl_where, "languages")):
                lang = self.lang(tag, (*tl_where, "languages"))
                if lang is not None:
                    served.append(lang.tag)
            text_line = TextLine(number=number, keyword=keyword, languages=tuple(served))
        return Contact(phone=phone, url=url, region=region, text_line=text_line)

    def read_messages(self, table: Mapping[str, Any], contact: Contact) -> dict[str, Message]:
        if not table:
            self.problem(("messages",), "[messages] is empty", hint="add at least a headline")
        messages: dict[str, Message] = {}
        for message_id, entry in table.items():
            where = ("messages", message_id)
            if not MESSAGE_ID_RE.match(message_id):
                self.problem(where, f"message id '{message_id}' may use only lower-case letters, digits, '-', '_', '.'")
                continue
            if isinstance(entry, str):
                entry = {"text": entry}
            if not isinstance(entry, dict):
                self.problem(where, f"message '{message_id}' must be text or a table with text = ...")
                continue
            self.known_keys(entry, _MESSAGE_KEYS, where)
            raw = self.get(entry, "text", str, where, required=True, default="")
            text = raw.strip()
            if not text:
                if "text" in entry:
                    self.problem(where, f"message '{message_id}' has empty text")
                continue
            if self.text(text, (*where, "text"), allowed=_SOURCE_TEXT_ALLOWED, limit=MAX_MESSAGE_CHARS) is None:
                continue
            if not self.placeholders_ok(message_id, text, contact, (*where, "text")):
                continue
            max_length = self.get(entry, "max_length", int, where)
            if max_length is not None and max_length <= 0:
                self.problem((*where, "max_length"), f"message '{message_id}' max_length must be positive")
                max_length = None
            if max_length is not None and grapheme_count(text) > max_length:
                self.problem(
                    (*where, "max_length"),
                    f"message '{message_id}' is {grapheme_count(text)} characters, longer than its own "
                    f"max_length {max_length}",
                    hint="shorten the text or raise max_length",
                )
            context = self.get(entry, "context", str, where)
            if context is not None:
                context = self.text(context, (*where, "context"), allowed=_SOURCE_TEXT_ALLOWED, limit=1000)
            messages[message_id] = Message(id=message_id, text=text, context=context, max_length=max_length)
        return messages

    def placeholders_ok(self, message_id: str, text: str, contact: Contact, where: Sequence[str | int]) -> bool:
        names = find_placeholders(text)
        unknown = [n for n in names if n not in PLACEHOLDERS]
        if unknown:
            self.problem(
                where,
                f"message '{message_id}' uses placeholder {{{unknown[0]}}}, which the campaign does not define",
                hint="use {phone}, {url}, {text_number} or {text_keyword}",
            )
            return False
        if stray_braces(text):
            self.problem(
                where,
                f"message '{message_id}' has a brace that is not part of a placeholder",
                hint="braces mark {phone}, {url}, {text_number} or {text_keyword} only",
            )
            return False
        if contact.text_line is None and TEXT_LINE_PLACEHOLDERS & set(names):
            self.problem(
                where,
                f"message '{message_id}' uses the text line, but [contact.text_line] is not set",
                hint="add [contact.text_line] or remove the message",
            )
            return False
        return True

    def read_flyer(self, table: Mapping[str, Any], messages: Mapping[str, Message]) -> FlyerSpec:
        where = ("flyer",)
        self.known_keys(table, _FLYER_KEYS, where)
        formats: list[str] = []
        for fmt in self.id_list(table.get("formats", ["letter", "a4"]), (*where, "formats")):
            if not isinstance(fmt, str) or fmt not in FORMATS:
                close = difflib.get_close_matches(str(fmt), list(FORMATS), n=1)
                self.problem(
                    (*where, "formats"),
                    f"flyer format '{fmt}' is unknown",
                    hint=f"did you mean '{close[0]}'?" if close else f"use {', '.join(FORMATS)}",
                )
            elif fmt in formats:
                self.problem((*where, "formats"), f"flyer format '{fmt}' is listed twice")
            else:
                formats.append(fmt)
        first = next(iter(messages), "")
        headline_id = self.get(table, "headline", str, where, default=first)
        headline = self.message_ref(messages, headline_id, (*where, "headline")) if headline_id else ""
        body = [
            self.message_ref(messages, m, (*where, "body"))
            for m in self.id_list(table.get("body", []), (*where, "body"))
        ]
        action = [
            self.message_ref(messages, m, (*where, "action"))
            for m in self.id_list(table.get("action", []), (*where, "action"))
        ]
        caption = self.get(table, "qr_caption", str, where)
        if caption is not None:
            caption = self.message_ref(messages, caption, (*where, "qr_caption"))
        return FlyerSpec(
            formats=tuple(formats),
            headline=headline or first,
            body=tuple(m for m in body if m),
            action=tuple(m for m in action if m),
            qr_caption=caption,
        )

    def read_sheets(self, table: Mapping[str, Any], tags: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        where = ("flyer", MULTILINGUAL)
        sheets: list[tuple[str, ...]] = []
        for sheet in self.id_list(table.get(MULTILINGUAL, []), where):
            if not isinstance(sheet, list) or not 2 <= len(sheet) <= 4:
                self.problem(
                    where,
                    "each flyer.multilingual sheet lists 2 to 4 languages",
                    hint='e.g. multilingual = [["en", "es", "vi"]]',
                )
                continue
            unknown = [tag for tag in sheet if tag not in tags]
            if unknown:
                self.problem(where, f"flyer.multilingual names '{unknown[0]}', which is not a campaign language")
            elif len(set(sheet)) != len(sheet):
                self.problem(where, f"flyer.multilingual sheet {sheet_key(sheet)} names a language twice")
            elif tuple(sheet) in sheets:
                self.problem(where, f"flyer.multilingual sheet {sheet_key(sheet)} is listed twice")
            else:
                sheets.append(tuple(sheet))
        return tuple(sheets)

    def read_spots(self, entries: list[Any], messages: Mapping[str, Message]) -> tuple[SpotSpec, ...]:
        spots: list[SpotSpec] = []
        for index, entry in enumerate(entries):
            where = ("spots", index)
            if not isinstance(entry, dict):
                self.problem(("spots",), "each [[spots]] entry must be a table")
                continue
            self.known_keys(entry, _SPOT_KEYS, where)
            seconds = self.get(entry, "seconds", int, where, required=True)
            if seconds is not None and seconds not in SPOT_LENGTHS:
                self.problem(
                    (*where, "seconds"),
                    f"spot length {seconds} s is not one stations book",
                    hint=f"use {', '.join(map(str, SPOT_LENGTHS))}",
                )
                seconds = None
            spot_id = self.get(entry, "id", str, where, default=f"{seconds}s" if seconds else f"spot{index + 1}")
            if not MESSAGE_ID_RE.match(spot_id):
                self.problem(
                    (*where, "id"), f"spot id '{spot_id}' may use only lower-case letters, digits, '-', '_', '.'"
                )
            script = [
                self.message_ref(messages, m, (*where, "script"))
                for m in self.id_list(entry.get("script", []), (*where, "script"))
            ]
            if "script" in entry and not entry["script"]:
                self.problem((*where, "script"), f"spot '{spot_id}' has an empty script")
            elif "script" not in entry:
                self.problem(where, f"spot '{spot_id}' has no script", hint='add script = ["headline", "call"]')
            if any(s.id == spot_id for s in spots):
                self.problem(
                    (*where, "id"), f"two [[spots]] share the id '{spot_id}'", hint="give each spot its own id"
                )
            if seconds is not None:
                spots.append(SpotSpec(id=spot_id, seconds=seconds, script=tuple(m for m in script if m)))
        return tuple(spots)

    def read_radio(self, table: Mapping[str, Any], tags: Sequence[str]) -> RadioSpec:
        where = ("radio",)
        self.known_keys(table, _RADIO_KEYS, where)
        preset = self.get(table, "preset", str, where, default="ebu-r128")
        if preset not in PRESETS:
            close = difflib.get_close_matches(preset, list(PRESETS), n=1)
            self.problem(
                (*where, "preset"),
                f"unknown radio preset '{preset}'",
                hint=f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(PRESETS)}",
            )
        engines: dict[str, tuple[str, ...]] = {"default": ("espeak",)}
        keys = self._language_keys(tags)
        for key, order in self.get(table, "engines", dict, where, default={}).items():
            path = (*where, "engines", key)
            if key != "default" and key not in keys:
                self.problem(
                    path,
                    f"radio.engines names '{key}', which is not a campaign language",
                    hint="use 'default' or one of the campaign's language tags",
                )
                continue
            order = [order] if isinstance(order, str) else order
            if not isinstance(order, list) or not order:
                self.problem(
                    path, f"radio.engines.{key} must be a list of engine names", hint=f"use {', '.join(ENGINES)}"
                )
                continue
            unknown = [e for e in order if e not in ENGINES]
            if unknown:
                close = difflib.get_close_matches(str(unknown[0]), ENGINES, n=1)
                self.problem(
                    path,
                    f"unknown radio engine '{unknown[0]}'",
                    hint=f"did you mean '{close[0]}'?" if close else f"use {', '.join(ENGINES)}",
                )
                continue
            engines[key] = tuple(order)
        recordings: dict[str, MediaFile] = {}
        for key, rel in self.get(table, "recordings", dict, where, default={}).items():
            path = (*where, "recordings", key)
            if key not in keys:
                self.problem(path, f"radio.recordings names '{key}', which is not a campaign language")
            elif not isinstance(rel, str) or not rel.strip():
                self.problem(path, f"radio.recordings.{key} must be a file path in quotes")
            else:
                recordings[key] = read_media(self.path.parent / rel, audio=True)
        bed_rel = self.get(table, "music_bed", str, where)
        bed = None
        if bed_rel is not None:
            bed = read_media(self.path.parent / bed_rel, audio=True)
            if bed.problem:
                self.problem(
                    (*where, "music_bed"),
                    f"radio.music_bed '{bed_rel}': {bed.problem}",
                    hint="fix the path (relative to campaign.toml) or remove music_bed",
                )
        return RadioSpec(preset=preset, engines=FrozenMap(engines), recordings=FrozenMap(recordings), music_bed=bed)

    @staticmethod
    def _language_keys(tags: Sequence[str]) -> set[str]:
        """A language's tag or its base ('es' covers 'es-419')."""
        return set(tags) | {base_of(tag) for tag in tags}

    def read_waivers(
        self,
        entries: list[Any],
        tags: Sequence[str],
        messages: Mapping[str, Message],
        flyer: FlyerSpec,
        sheets: Sequence[tuple[str, ...]],
        spots: Sequence[SpotSpec],
    ) -> tuple[Waiver, ...]:
        waivers = []
        targets = {*flyer.formats, *([MULTILINGUAL] if sheets else []), *(s.id for s in spots)}
        languages = {"*", *tags, *(sheet_key(s) for s in sheets)}
        for index, entry in enumerate(entries):
            where = ("waivers", index)
            if not isinstance(entry, dict):
                self.problem(("waivers",), "each [[waivers]] entry must be a table")
                continue
            self.known_keys(entry, _WAIVER_KEYS, where)
            check = self.get(entry, "check", str, where, required=True, default="")
            if check in checknames.NOT_WAIVABLE:
                self.problem(
                    (*where, "check"),
                    f"the '{check}' check cannot be waived",
                    hint="fix the cause: unreviewed text, a missing hotline or personal data is never published",
                )
            elif check and check not in checknames.ALL:
                close = difflib.get_close_matches(check, checknames.WAIVABLE, n=1)
                self.problem(
                    (*where, "check"),
                    f"waiver names check '{check}', which does not exist",
                    hint=f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(checknames.WAIVABLE)}",
                )
            reason = str(self.get(entry, "reason", str, where, default="")).strip()
            by = str(self.get(entry, "by", str, where, default="")).strip()
            if not reason:
                self.problem(
                    where,
                    f"waiver for check '{check}' has no reason",
                    hint="a person must write why the check may be waived (reason = ...)",
                )
            if not by:
                self.problem(
                    where, f"waiver for check '{check}' does not say who accepted it", hint='add by = "name or role"'
                )
            date = entry.get("date")
            if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
                self.problem(
                    (*where, "date") if "date" in entry else where,
                    f"waiver for check '{check}' needs date = YYYY-MM-DD (no quotes)",
                )
            lang_tag = self.get(entry, "language", str, where, required=True, default="*")
            if lang_tag not in languages:
                self.problem(
                    (*where, "language"),
                    f"waiver language '{lang_tag}' is not a campaign language",
                    hint="use a language tag of the campaign, '*' for all, or a multilingual sheet like 'en+es+vi'",
                )
            message = self.get(entry, "message", str, where)
            if message is not None and message not in messages:
                self.message_ref(messages, message, (*where, "message"))
            target = self.get(entry, "target", str, where)
            if target is not None and target not in targets:
                self.problem(
                    (*where, "target"),
                    f"waiver target '{target}' is not a format or spot of this campaign",
                    hint=f"use one of {', '.join(sorted(targets))}",
                )
            waivers.append(
                Waiver(
                    check=check,
                    language=lang_tag,
                    message=message,
                    by=by,
                    reason=reason,
                    date=date if isinstance(date, dt.date) else dt.date.min,
                    target=target,
                )
            )
        return tuple(waivers)

    def read_readability(self, table: Mapping[str, Any], tags: Sequence[str]) -> Mapping[str, Mapping[str, Any]]:
        keys = self._language_keys(tags)
        result: dict[str, FrozenMap[str, Any]] = {}
        for tag, overrides in table.items():
            where = ("readability", tag)
            if tag not in keys:
                self.problem(where, f"readability names '{tag}', which is not a campaign language")
            elif not isinstance(overrides, dict):
                self.problem(
                    where,
                    f"readability.{tag} must be a table of limits, not {_value_kind(overrides)}",
                    hint=f"e.g. [readability.{tag}] max_words_per_sentence = 14",
                )
            else:
                bad = [k for k, v in overrides.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
                if bad:
                    self.problem((*where, bad[0]), f"readability.{tag}.{bad[0]} must be a number")
                else:
                    result[tag] = FrozenMap(overrides)
        return FrozenMap(result)


def read_media(path: Path, *, audio: bool = False) -> MediaFile:
    """A recording or music bed, read whole; a missing or unreadable file is noted, not raised.
    With audio=True the bytes must also decode to at least 0.4 s of sound."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return MediaFile(path, None, "not a file")
        if size > MAX_MEDIA_BYTES:
            return MediaFile(path, None, f"{size // (1024 * 1024)} MB, more than {MAX_MEDIA_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        return MediaFile(path, None, "file not found")
    except OSError as exc:
        return MediaFile(path, None, f"cannot be read ({exc.strerror})")
    problem = audio_problem(data) if audio else None
    return MediaFile(path, None if problem else data, problem)


def audio_problem(data: bytes) -> str | None:
    """Why these bytes cannot be a recording or music bed, or None."""
    import io

    import numpy as np
    import soundfile

    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        return "not a readable WAV, FLAC or MP3 file"
    # BS.1770 cannot measure under 0.4 s, and silence cannot be brought to any loudness.
    if len(samples) < 0.4 * rate or float(np.abs(samples).max(initial=0.0)) < 1e-4:
        return "silent or shorter than 0.4 s"
    return None
