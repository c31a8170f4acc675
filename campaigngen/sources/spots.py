"""Radio: the spots booked ([[spots]]), how they are voiced ([radio]) and delivered ([delivery])."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.frozen import EMPTY, FrozenMap
from campaigngen.sources.broadcast import FILLERS, MONO, RECORDED
from campaigngen.sources.media import MediaFile, read_media
from campaigngen.sources.messages import MessageRefs
from campaigngen.sources.reading import Reading
from campaigngen.sources.registry import base_of, language_keys

SPOT_LENGTHS = (10, 15, 20, 30, 60)
LIVE_READ_CARDS = ("unvoiced", "all")


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
    and what a live announcer is given."""

    channels: str = MONO  # or "dual-mono"
    fill: tuple[str, ...] = FILLERS  # what the composer may add to fill the booking, in order
    closing: str | None = None  # a message id spoken before the last number, when filling
    live_read_cards: str = "unvoiced"  # a card for languages without audio, or "all"
    pronunciation: Mapping[str, str] = field(default_factory=lambda: EMPTY)  # tag -> note for announcers

    def pronunciation_for(self, language_tag: str) -> str | None:
        return self.pronunciation.get(language_tag) or self.pronunciation.get(base_of(language_tag))


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


def read_delivery(table: Mapping[str, Any], refs: MessageRefs, tags: Sequence[str], reading: Reading) -> DeliverySpec:
    """[delivery]: channels, what may fill a booking, live-read cards, pronunciation notes."""
    where = ("delivery",)
    keys = language_keys(tags)
    for tag in reading.raw("delivery", "pronunciation"):
        if tag not in keys:
            reading.problem(
                (*where, "pronunciation", tag),
                f"delivery.pronunciation names '{tag}', which is not a campaign language",
            )
    closing = table["closing"]
    return DeliverySpec(
        channels=table["channels"],
        fill=tuple(table["fill"]),
        closing=refs(closing, (*where, "closing")) if closing is not None else None,
        live_read_cards=table["live_read_cards"],
        pronunciation=FrozenMap({tag: note for tag, note in table["pronunciation"].items() if tag in keys}),
    )
