"""The script sheet: what an announcer reads live, and what a station logs.

Plain UTF-8 text, one per spot: title, spot code, language, booked length and the read time
(live.py: a time a person can keep, never under the voice's), the script as spoken with the
source-language text beside each line (so a station knows what a spot in a language it does
not speak says), and the number both as written (for the log) and as spoken (for the
announcer). Every instruction on it is checked against this script: "the last words are the
number" is printed only where they are (not in verb-final languages, where "call" comes
after it). A spot that could not be made says so, and why, instead of asking for a read.
Loudness is for the traffic sheet and the files' own metadata, not for a person reading on air.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.catalogs.localized import LocalizedCampaign, source_edition
from campaigngen.catalogs.spoken import (
    GROUP_BREAK,
    SpotScript,
    ends_with_number,
    filled_script,
    spoken_number,
    spot_script,
)
from campaigngen.renderers.radio.compose import Fill
from campaigngen.renderers.radio.live import LiveRead
from campaigngen.sources.campaign import SpotSpec
from campaigngen.sources.placeholders import LANGUAGE_EN
from campaigngen.sources.placeholders import fill as fill_in


@dataclass(frozen=True)
class ReadingNotes:
    """What an announcer is told about this script, each line true for it."""

    read_s: int | None  # the read time in whole seconds (None: not to be read, the spot was not made)
    times_said: int  # how often the hotline is said
    ends_with_number: bool
    lines: tuple[str, ...]


def reading_notes(
    localized: LocalizedCampaign, script: SpotScript, spot: SpotSpec, read: LiveRead | None
) -> ReadingNotes:
    phone = localized.contact_values["phone"]
    spoken_phone = spoken_number(phone, script.language)
    said = sum(segment.count(spoken_phone) for segment in script.segments)
    last = ends_with_number(script, phone)
    lines = []
    if read is not None:
        pace = "slowly and plainly, a short pause between sentences"
        if not read.fits:
            pace = f"read live it runs over the :{spot.seconds} booking - air the recording"
        lines.append(f"Read in about {read.read_seconds} s: {pace}.")
    lines.append("Say the number digit by digit, with a short pause where the script shows a dash.")
    ask = localized.campaign.contact.ask_language
    if ask is not None and ask in script.message_ids:
        name = localized.contact_values[LANGUAGE_EN]
        lines.append(f'Say "{name}" in English, as a caller says it to reach an interpreter.')
    times = {1: "once", 2: "twice"}.get(said, f"{said} times")
    if last:
        lines.append(f"The number is said {times}; the last words are the number.")
    else:
        lines.append(f"The number is said {times}; the last sentence gives it (its last words come after the number).")
    return ReadingNotes(read.read_seconds if read else None, said, last, tuple(lines))


def source_lines(
    localized: LocalizedCampaign, script: SpotScript, spot: SpotSpec, fill: Fill | None
) -> tuple[str | None, ...]:
    """The source-language text of each line of the script (None where the line is already in
    the source language): the same messages, numbers and additions, in the campaign's language."""
    campaign = localized.campaign
    if localized.tag == campaign.source_language.tag:
        return (None,) * len(script.segments)
    source = source_edition(campaign)
    original = spot_script(source, spot)
    if fill is not None:
        original = filled_script(
            source, original, number_again=fill.number_again, closing=fill.closing, script_again=fill.script_again
        )
    pool = list(zip(original.message_ids or [None] * len(original.segments), original.segments))
    lines: list[str | None] = []
    ids = script.message_ids or (None,) * len(script.segments)
    for mid in ids:
        match = next((i for i, (source_id, _) in enumerate(pool) if source_id == mid), None)
        if match is None and mid is not None and mid == campaign.contact.ask_language:
            # Not said in the source language (its readers need no interpreter): its source
            # text with this language's name, so the station knows what the line says.
            lines.append(fill_in(campaign.messages[mid].text, localized.contact_values))
            continue
        lines.append(pool.pop(match)[1] if match is not None else None)
    return tuple(lines)


def script_sheet(
    localized: LocalizedCampaign,
    script: SpotScript,
    spot: SpotSpec,
    *,
    engine: str,
    voice: str,
    read: LiveRead | None,
    not_made: str | None = None,
) -> str:
    campaign = localized.campaign
    lang = localized.language
    values = localized.contact_values
    notes = reading_notes(localized, script, spot, read)
    length = f"{script.booked_seconds} s exactly (booked)"
    if notes.read_s is not None:
        length += f"; read in about {notes.read_s} s"
    lines = [
        f"{campaign.name} - radio spot {script.spot_id}",
        "=" * 60,
        f"Spot code:    {campaign.spot_code(localized.tag, spot)}",
        f"Advertiser:   {campaign.advertiser}",
        f"Language:     {lang.native_name} / {lang.english_name} ({lang.tag}, ISO 639-2 {lang.iso639_2})",
        f"Length:       {length}",
        f"Voice:        {engine} ({voice})",
        f"Words:        {script.word_count} (each digit of the number counts as one)",
    ]
    if not_made:
        lines.append(f"NOT MADE:     {not_made}")
    if localized.draft:
        lines.append("Status:       DRAFT - translation not reviewed; do not air")
    lines += ["", *notes.lines]
    pronunciation = campaign.delivery.pronunciation_for(localized.tag)
    if pronunciation:
        lines += [f"Pronunciation: {pronunciation}"]
    source = campaign.source_language
    beside = source_lines(localized, script, spot, read.fill if read else None)
    heading = "SCRIPT" if not any(beside) else f"SCRIPT (each line, then what it says in {source.english_name})"
    lines += ["", heading, "-" * len(heading)]
    for segment, original in zip(script.segments, beside):
        lines.append(segment)
        if original:
            lines.append(f"    [{source.tag}] {original}")
    lines += ["", "NUMBERS", "-------"]
    for key, label in (("phone", "Hotline"), ("text_number", "Text line")):
        if key in values:
            lines.append(f"{label} (written): {values[key]}")
            lines.append(
                f"{label} (spoken):  {spoken_number(values[key], script.language).replace(GROUP_BREAK, ' / ')}"
            )
    lines.append(f"Web (not spoken): {values['url']}")
    return "\n".join(lines) + "\n"
