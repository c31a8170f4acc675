"""Radio: the spots booked ([[spots]]), how they are voiced ([radio]) and delivered ([delivery])."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.frozen import EMPTY, FrozenMap
from campaigngen.sources.broadcast import DEFAULT_FILL, MONO, RECORDED
from campaigngen.sources.media import MediaFile, read_media
from campaigngen.sources.messages import MessageRefs
from campaigngen.sources.reading import Reading
from campaigngen.sources.registry import base_of, language_keys

SPOT_LENGTHS = (10, 15, 20, 30, 60)
LIVE_READ_CARDS = ("unvoiced", "all")
SAMPLE_RATES = (44100, 48000)
BIT_DEPTHS = (16, 24)
MP3_BITRATES = (192, 224, 256, 320)  # CBR; stations take 192 kbps and up
MP2_BITRATES = (128, 160, 192, 224, 256, 320, 384)  # MPEG-1 Layer II (mono: up to 192)
MP2_MONO_MAX_KBPS = 192
ID3_VERSIONS = ("2.3", "2.4")
MAX_NUMBER_REPEATS = 3
FULL_SPOT_SECONDS = 20  # shorter is a tag (:10, :15): the number and little else


def default_number_repeats(seconds: int) -> int:
    """How often a spot says the number when the campaign does not say: twice from :20 up
    (said once more at the very end), once in a :10 or :15 tag, which has room for no more."""
    return 2 if seconds >= FULL_SPOT_SECONDS else 1


def says_ask_line(seconds: int) -> bool:
    """Does a spot of this length say contact.ask_language's line? From :20 up; a tag has no
    room for it beside the number (an Arabic :10 "call" tag ran 10.5 s with it)."""
    return seconds >= FULL_SPOT_SECONDS


@dataclass(frozen=True)
class SpotSpec:
    id: str
    seconds: int
    script: tuple[str, ...]


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


def read_spots(
    entries: Sequence[Mapping[str, Any] | None], refs: MessageRefs, reading: Reading
) -> tuple[SpotSpec, ...]:
    """[[spots]]: each booked length with its script; an id of its own or its length ("30s")."""
    spots: list[SpotSpec] = []
    written = reading.data.get("spots")
    for index, entry in enumerate(entries):
        if entry is None:
            continue  # not a table: reported
        where = ("spots", index)
        seconds = entry["seconds"]
        spot_id = entry["id"] or (f"{seconds}s" if seconds else f"spot{index + 1}")
        script = refs.each(entry["script"] or [], (*where, "script"))
        written_entry = written[index] if isinstance(written, list) else {}
        has_script = "script" in written_entry
        if has_script and written_entry["script"] == []:
            reading.problem((*where, "script"), f"spot '{spot_id}' has an empty script")
        elif not has_script:
            reading.problem(where, f"spot '{spot_id}' has no script", hint='add script = ["headline", "call"]')
        if any(s.id == spot_id for s in spots):
            reading.problem((*where, "id"), f"two [[spots]] share the id '{spot_id}'", hint="give each spot its own id")
        if seconds is not None:
            spots.append(SpotSpec(id=spot_id, seconds=seconds, script=script))
    return tuple(spots)


def read_radio(table: Mapping[str, Any], tags: Sequence[str], folder: Path, reading: Reading) -> RadioSpec:
    """[radio]: the loudness preset, engine orders and recordings by language, the music bed."""
    where = ("radio",)
    keys = language_keys(tags)
    for key in reading.raw("radio", "engines"):
        if key != "default" and key not in keys:
            reading.problem(
                (*where, "engines", key),
                f"radio.engines names '{key}', which is not a campaign language",
                hint="use 'default' or one of the campaign's language tags",
            )
    engines = {"default": ("espeak",)}
    engines.update({key: tuple(order) for key, order in table["engines"].items() if key == "default" or key in keys})
    for key in reading.raw("radio", "recordings"):
        if key not in keys:
            reading.problem(
                (*where, "recordings", key), f"radio.recordings names '{key}', which is not a campaign language"
            )
    recordings = {key: read_media(folder / rel, audio=True) for key, rel in table["recordings"].items() if key in keys}
    bed = None
    if table["music_bed"] is not None:
        bed = read_media(folder / table["music_bed"], audio=True)
        if bed.problem:
            reading.problem(
                (*where, "music_bed"),
                f"radio.music_bed '{table['music_bed']}': {bed.problem}",
                hint="fix the path (relative to campaign.toml) or remove music_bed",
            )
    return RadioSpec(
        preset=table["preset"], engines=FrozenMap(engines), recordings=FrozenMap(recordings), music_bed=bed
    )


def read_delivery(
    table: Mapping[str, Any], refs: MessageRefs, tags: Sequence[str], spots: Sequence[SpotSpec], reading: Reading
) -> DeliverySpec:
    """[delivery]: channels, what may fill a booking, live reads and their cards, pronunciation
    notes, how often the number is said, and the files' format."""
    where = ("delivery",)
    keys = language_keys(tags)
    for tag in reading.raw("delivery", "pronunciation"):
        if tag not in keys:
            reading.problem(
                (*where, "pronunciation", tag),
                f"delivery.pronunciation names '{tag}', which is not a campaign language",
            )
    mp2_bitrate = table["mp2_bitrate"]
    if mp2_bitrate is not None and table["channels"] == MONO and mp2_bitrate > MP2_MONO_MAX_KBPS:
        reading.problem(
            (*where, "mp2_bitrate"),
            f"delivery.mp2_bitrate {mp2_bitrate} kbps is more than MPEG-1 Layer II allows in mono",
            hint=f'use {MP2_MONO_MAX_KBPS} or less, or channels = "dual-mono"',
        )
        mp2_bitrate = None
    closing = table["closing"]
    return DeliverySpec(
        channels=table["channels"],
        fill=tuple(table["fill"]),
        closing=refs(closing, (*where, "closing")) if closing is not None else None,
        live_read_cards=table["live_read_cards"],
        pronunciation=FrozenMap({tag: note for tag, note in table["pronunciation"].items() if tag in keys}),
        live_reads=_live_reads(table["live_reads"], tags, spots, reading),
        number_repeats=_number_repeats(table["number_repeats"], reading),
        sample_rate=table["sample_rate"],
        bit_depth=table["bit_depth"],
        mp3_bitrate=table["mp3_bitrate"],
        id3_version=table["id3_version"],
        mp2=table["mp2"],
        mp2_bitrate=mp2_bitrate,
    )


def _live_reads(
    wanted: Sequence[str], tags: Sequence[str], spots: Sequence[SpotSpec], reading: Reading
) -> tuple[str, ...]:
    """live_reads = ["tl", "so/30s"]: languages, or one spot of a language, read live on air."""
    spot_ids = {spot.id for spot in spots}
    kept: list[str] = []
    for item in wanted:
        tag, _, spot_id = item.partition("/")
        if tag not in tags or (spot_id and spot_id not in spot_ids):
            reading.problem(
                ("delivery", "live_reads"),
                f"delivery.live_reads names '{item}', which is not a language or language/spot of this campaign",
                hint=f'use "<language>" or "<language>/<spot id>", e.g. "{tags[-1] if tags else "tl"}"',
            )
        else:
            kept.append(item)
    return tuple(kept)


def _number_repeats(raw: Any, reading: Reading) -> Mapping[str, int]:
    """number_repeats = 2 (every length) or a table by booked length: { 10 = 1, 30 = 2 }."""
    if raw is None:
        return EMPTY
    path = ("delivery", "number_repeats")
    pairs = raw if isinstance(raw, dict) else {str(seconds): raw for seconds in SPOT_LENGTHS}
    repeats: dict[str, int] = {}
    for length, times in pairs.items():
        if not str(length).isdigit() or int(length) not in SPOT_LENGTHS:
            reading.problem(
                (*path, length),
                f"delivery.number_repeats names length '{length}'",
                hint=f"use a booked length: {', '.join(map(str, SPOT_LENGTHS))}",
            )
        elif isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= MAX_NUMBER_REPEATS:
            reading.problem(
                (*path, length) if isinstance(raw, dict) else path,
                f"delivery.number_repeats must be 1 to {MAX_NUMBER_REPEATS} (how often the number is said)",
                hint="1 for a :10 or :15 tag, 2 from :20 up",
            )
            break
        else:
            repeats[str(int(length))] = times
    return FrozenMap(repeats)
