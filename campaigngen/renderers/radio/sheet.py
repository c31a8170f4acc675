"""The script sheet: what an announcer reads live, and what a station logs.

Plain UTF-8 text, one per spot: title, language, booked length, the script as spoken,
and the number both as written (for the log) and as spoken (for the announcer).
"""

from __future__ import annotations

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import GROUP_BREAK, SpotScript, spoken_number
from campaigngen.checks.audio import LoudnessPreset


def script_sheet(localized: LocalizedCampaign, script: SpotScript, preset: LoudnessPreset, *,
                 engine: str, voice: str) -> str:
    campaign = localized.campaign
    lang = localized.language
    values = localized.contact_values
    lines = [
        f"{campaign.name} - radio spot {script.spot_id}",
        "=" * 60,
        f"Language:     {lang.native_name} / {lang.english_name} ({lang.tag}, ISO 639-2 {lang.iso639_2})",
        f"Length:       {script.booked_seconds} s exactly (booked)",
        f"Loudness:     {preset.target_lufs:g} LUFS, true peak <= {preset.true_peak_max_dbtp:g} dBTP ({preset.standard})",
        f"Voice:        {engine} ({voice})",
        f"Words:        {script.word_count} (each digit of the number counts as one)",
    ]
    if localized.draft:
        lines.append("Status:       DRAFT - translation not reviewed; do not air")
    lines += [
        "",
        "Read slowly and plainly. Say the number digit by digit, with a short pause where the",
        "script shows a dash. The number is said twice; the last words are the number.",
        "",
        "SCRIPT",
        "------",
    ]
    lines += [segment for segment in script.segments]
    lines += ["", "NUMBERS", "-------"]
    for key, label in (("phone", "Hotline"), ("text_number", "Text line")):
        if key in values:
            lines.append(f"{label} (written): {values[key]}")
            lines.append(f"{label} (spoken):  {spoken_number(values[key], script.language).replace(GROUP_BREAK, ' / ')}")
    lines.append(f"Web (not spoken): {values['url']}")
    return "\n".join(lines) + "\n"
