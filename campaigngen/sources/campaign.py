"""The campaign: one ``campaign.toml``, validated here and nowhere else.

Everything downstream receives a frozen ``Campaign`` and may trust it: tags are valid, every
message id, format, preset, engine and check named exists, contact details are well formed,
and the recordings it points at were read once, with the config. Every mistake in the file
is reported in one run, each on its own line with the line number and what to do.

The settings are declared once in ``campaign_schema.py``; one schema pass checks each
setting alone, then each concept's reader (``messages.py``, ``spots.py``, ``traffic.py``,
``waivers.py``, ``brand.py``, ``contact.py``) checks what involves several.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from campaigngen.exceptions import InputError, InvalidCampaign, shown_path
from campaigngen.frozen import EMPTY, FrozenMap
from campaigngen.sources import campaign_schema
from campaigngen.sources.brand import BrandSpec, read_brand
from campaigngen.sources.campaign_dir import CONFIG_NAME, CONTENT_DIR, project_root_of, resolve_campaign_dir
from campaigngen.sources.contact import Contact, TextLine, read_contact
from campaigngen.sources.input_files import CONFIG_LIMIT, read_input
from campaigngen.sources.languages import PSEUDO_LOCALES, Language
from campaigngen.sources.media import MAX_MEDIA_BYTES, MediaFile, audio_problem, read_media
from campaigngen.sources.messages import (
    MAX_MESSAGE_CHARS,
    MESSAGE_ID_RE,
    MULTILINGUAL,
    FlyerSpec,
    Message,
    MessageRefs,
    read_ask_language,
    read_flyer,
    read_messages,
    read_sheets,
    sheet_key,
)
from campaigngen.sources.printing import PrintSpec, read_print
from campaigngen.sources.reading import Reading, announce, parse_toml
from campaigngen.sources.registry import LanguageFacts, language_keys, project_languages, use_project_languages
from campaigngen.sources.share_cards import ShareCardSpec, read_share_cards
from campaigngen.sources.spots import (
    LIVE_READ_CARDS,
    SPOT_LENGTHS,
    DeliverySpec,
    RadioSpec,
    SpotSpec,
    read_delivery,
    read_radio,
    read_spots,
)
from campaigngen.sources.text_message import TextMessageSpec, read_text_message
from campaigngen.sources.traffic import SPOT_CODE_RE, TrafficSpec, read_traffic
from campaigngen.sources.waivers import Waivable, Waiver, read_waivers

__all__ = [
    "BrandSpec",
    "Campaign",
    "Contact",
    "DeliverySpec",
    "FlyerSpec",
    "MediaFile",
    "Message",
    "PrintSpec",
    "RadioSpec",
    "SpotSpec",
    "TextLine",
    "TrafficSpec",
    "Waiver",
    "audio_problem",
    "campaign_from_bytes",
    "load_campaign",
    "read_media",
    "resolve_campaign_dir",
    "sheet_key",
    "CONFIG_NAME",
    "CONTENT_DIR",
    "LIVE_READ_CARDS",
    "MAX_MEDIA_BYTES",
    "MAX_MESSAGE_CHARS",
    "MESSAGE_ID_RE",
    "MULTILINGUAL",
    "SPOT_CODE_RE",
    "SPOT_LENGTHS",
]


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
    text_message: TextMessageSpec = TextMessageSpec(messages=(), url=True, discreet=None, segments=0)
    share_cards: ShareCardSpec = ShareCardSpec(shapes=(), qr=True)
    notices: tuple[str, ...] = ()  # renamed or deprecated settings the file still uses, one line each
    reviewers_needed: int = 1  # [review] approvals: different trusted reviewers per line
    # The project's own languages.toml as it was read with this campaign (entries, SHA-256).
    project_languages: Mapping[str, LanguageFacts] = field(default_factory=lambda: EMPTY)
    project_languages_sha256: str | None = None

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


def load_campaign(name_or_path: str | Path, project_root: Path | None = None) -> Campaign:
    root = resolve_campaign_dir(name_or_path, project_root)
    if shown_path(root.resolve()) != str(root.resolve()):
        # Its name travels into the manifest, the bundles and every report, all UTF-8 text.
        raise InputError(
            root,
            "the folder's path is not UTF-8 text",
            hint="rename the folder (letters, digits and '-' are safe), or move the project to such a folder",
        )
    path = root / CONFIG_NAME
    try:
        raw = read_input(path, "campaign.toml", CONFIG_LIMIT)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})", hint="check its permissions") from None
    return campaign_from_bytes(path, raw)


def campaign_from_bytes(path: Path, raw: bytes) -> Campaign:
    """The campaign that ``raw`` would be if it were saved as ``path``: an editor validates a
    change with it before anything is written (recordings resolve beside ``path``)."""
    # The project's own languages are known before any tag in the campaign is judged.
    languages_sha256 = use_project_languages(project_root_of(path.parent))
    text, data = parse_toml(path, raw)
    campaign = _read(path, text, data, hashlib.sha256(raw).hexdigest())
    return replace(campaign, project_languages=project_languages(), project_languages_sha256=languages_sha256)


def _read(path: Path, text: str, data: dict[str, Any], sha256: str) -> Campaign:
    """Parsed TOML -> Campaign: the schema pass, then each concept's reader, every problem kept."""
    settings, run = campaign_schema.CAMPAIGN.check(data)
    reading = Reading(path, text, run)
    campaign_id = settings["id"]
    name = settings["name"] or campaign_id
    source = settings["source_language"]
    targets = _read_languages(settings["languages"], source, reading)
    tags = [lang.tag for lang in (source, *targets) if lang is not None]
    contact = read_contact(settings["contact"], reading)
    messages = read_messages(settings["messages"], contact, reading)
    refs = MessageRefs(messages, reading)
    contact = replace(contact, ask_language=read_ask_language(settings["contact"]["ask_language"], refs))
    flyer = read_flyer(settings["flyer"], refs)
    sheets = read_sheets(settings["flyer"]["multilingual"], tags, reading)
    spots = read_spots(settings["spots"], refs, reading)
    radio = read_radio(settings["radio"], tags, path.parent, reading)
    waivers = read_waivers(settings["waivers"], Waivable.of(tags, flyer, sheets, spots), refs, reading)
    readability = _read_readability(settings["readability"], tags, reading)
    traffic = read_traffic(settings["traffic"], campaign_id, name, tags, spots, reading)
    delivery = read_delivery(settings["delivery"], refs, tags, spots, reading)
    brand = read_brand(settings["brand"], path.parent, reading)
    printing = read_print(settings["print"], path.parent, reading)
    text_message = read_text_message(settings["text_message"], flyer, refs)
    share_cards = read_share_cards(settings["share_cards"])
    announce(reading.notices)
    reading.raise_problems(InvalidCampaign)
    assert source is not None
    return Campaign(
        id=campaign_id,
        name=name,
        root=path.parent,
        source_language=source,
        languages=tuple(targets),
        contact=contact,
        messages=FrozenMap(messages),
        flyer=flyer,
        spots=spots,
        radio=radio,
        waivers=waivers,
        readability=readability,
        multilingual_sheets=sheets,
        config_sha256=sha256,
        printing=printing,
        traffic=traffic,
        delivery=delivery,
        brand=brand,
        text_message=text_message,
        share_cards=share_cards,
        notices=tuple(reading.notices),
        reviewers_needed=settings["review"]["approvals"],
    )


def _read_languages(listed: Sequence[Language], source: Language | None, reading: Reading) -> list[Language]:
    """The target languages: real languages (not pseudo-locales), each once, not the source."""
    targets: list[Language] = []
    for lang in listed:
        if lang.pseudo:
            reading.problem(
                ("languages",),
                f"'{lang.tag}' is a pseudo-locale for layout testing, not a language",
                hint=f"build it with --lang {lang.tag} instead of listing it",
            )
        elif (source is not None and lang.tag == source.tag) or lang in targets:
            reading.problem(
                ("languages",),
                f"'{lang.tag}' is listed twice (or is the source language)",
                hint="list each language once",
            )
        else:
            targets.append(lang)
    return targets


def _read_readability(
    table: Mapping[str, Mapping[str, Any]], tags: Sequence[str], reading: Reading
) -> Mapping[str, Mapping[str, Any]]:
    """[readability.<tag>]: a language's own reading-level limits (numbers, checked by the schema)."""
    keys = language_keys(tags)
    for tag in reading.raw("readability"):
        if tag not in keys:
            reading.problem(("readability", tag), f"readability names '{tag}', which is not a campaign language")
    return FrozenMap({tag: FrozenMap(limits) for tag, limits in table.items() if tag in keys})
