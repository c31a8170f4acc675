"""The script sheet: what an announcer reads live, and what a station logs.

Plain UTF-8 text, one per spot: title, spot code, language, booked length and a read-time
target, the script as spoken, and the number both as written (for the log) and as spoken
(for the announcer). Every instruction on it is checked against this script: "the last words
are the number" is printed only where they are (not in verb-final languages, where "call"
comes after it). Loudness is for the traffic sheet and the files' own metadata, not for a
person reading on air.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import GROUP_BREAK, SpotScript, ends_with_number, spoken_number
from campaigngen.sources.campaign import SpotSpec

READ_MARGIN_S = 1.5  # a live read ends this much before the booked length: lead-in and tail


@dataclass(frozen=True)
class ReadingNotes:
    """What an announcer is told about this script, each line true for it."""

    read_s: int  # a read-time target in whole seconds
    times_said: int  # how often the hotline is said
    ends_with_number: bool
    lines: tuple[str, ...]


def reading_notes(localized: LocalizedCampaign, script: SpotScript, spot: SpotSpec) -> ReadingNotes:
    phone = localized.contact_values["phone"]
    spoken_phone = spoken_number(phone, script.language)
    said = sum(segment.count(spoken_phone) for segment in script.segments)
    last = ends_with_number(script, phone)
    read_s = max(1, int(spot.seconds - READ_MARGIN_S))
    lines = [
        f"Read in about {read_s} s: slowly and plainly, a short pause between sentences.",
        "Say the number digit by digit, with a short pause where the script shows a dash.",
    ]
    times = {1: "once", 2: "twice"}.get(said, f"{said} times")
    if last:
        lines.append(f"The number is said {times}; the last words are the number.")
    else:
        lines.append(f"The number is said {times}; the last sentence gives it (its last words come after the number).")
    return ReadingNotes(read_s, said, last, tuple(lines))


def script_sheet(localized: LocalizedCampaign, script: SpotScript, spot: SpotSpec, *, engine: str, voice: str) -> str:
    campaign = localized.campaign
    lang = localized.language
    values = localized.contact_values
    notes = reading_notes(localized, script, spot)
    lines = [
        f"{campaign.name} - radio spot {script.spot_id}",
        "=" * 60,
        f"Spot code:    {campaign.spot_code(localized.tag, spot)}",
        f"Advertiser:   {campaign.advertiser}",
        f"Language:     {lang.native_name} / {lang.english_name} ({lang.tag}, ISO 639-2 {lang.iso639_2})",
        f"Length:       {script.booked_seconds} s exactly (booked); read in about {notes.read_s} s",
        f"Voice:        {engine} ({voice})",
        f"Words:        {script.word_count} (each digit of the number counts as one)",
    ]
    if localized.draft:
        lines.append("Status:       DRAFT - translation not reviewed; do not air")
    lines += ["", *notes.lines]
    pronunciation = campaign.delivery.pronunciation_for(localized.tag)
    if pronunciation:
        lines += [f"Pronunciation: {pronunciation}"]
    lines += ["", "SCRIPT", "------"]
    lines += [segment for segment in script.segments]
    lines += ["", "NUMBERS", "-------"]
    for key, label in (("phone", "Hotline"), ("text_number", "Text line")):
        if key in values:
            lines.append(f"{label} (written): {values[key]}")
            lines.append(
                f"{label} (spoken):  {spoken_number(values[key], script.language).replace(GROUP_BREAK, ' / ')}"
            )
    lines.append(f"Web (not spoken): {values['url']}")
    return "\n".join(lines) + "\n"
