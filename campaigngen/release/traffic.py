"""The traffic sheet: every spot of a release on one list a station's traffic desk can log.

Two forms of the same rows: `traffic.csv` (for a traffic system's import) and `traffic.pdf`
(one page to print or read), typeset and written with the flyers' typesetting and PDF
writer. A row per spot and language: code, title, advertiser, language, length, start and
kill dates, measured loudness of the WAV and of the decoded MP3, the file names, and who
to ask. A spot without audio is listed too: as a live read where the campaign asked for one
(with its card), else as not made, with the reason, so nothing is missing from the log and
nothing is passed off as something a station can air.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen.release.entries import ManifestEntry, Placed, measured
from campaigngen.renderers.artifacts import ArtifactKind
from campaigngen.renderers.facts import ScriptSheetFacts, SpotFacts
from campaigngen.sources.campaign import Campaign

CSV_NAME = "traffic.csv"
PDF_NAME = "traffic.pdf"
COLUMNS = (
    "spot_code",
    "title",
    "advertiser",
    "language",
    "language_name",
    "length_s",
    "start",
    "kill",
    "delivery",
    "loudness_wav_lufs",
    "true_peak_wav_dbtp",
    "loudness_mp3_lufs",
    "wav_file",
    "mp3_file",
    "script_file",
    "card_file",
    "contact",
    "cut_id",
    "mp2_file",
    "not_made_reason",
)


@dataclass(frozen=True)
class TrafficRow:
    spot_code: str
    title: str
    advertiser: str
    language: str
    language_name: str
    length_s: int
    start: str
    kill: str
    delivery: str  # "audio", "live read" or "not made"
    loudness_wav_lufs: str
    true_peak_wav_dbtp: str
    loudness_mp3_lufs: str
    wav_file: str
    mp3_file: str
    script_file: str
    card_file: str
    contact: str
    cut_id: str  # the cart chunk's cut ID: the station's cut number, else the spot code
    mp2_file: str
    not_made_reason: str

    def values(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, name)) for name in COLUMNS)


def _levels(wav: SpotFacts | None, mp3: SpotFacts | None) -> tuple[str, str, str]:
    """The WAV's loudness and true peak and the decoded MP3's loudness, as the sheet prints them."""
    return (
        f"{wav.loudness_lufs:.1f}" if wav else "",
        f"{wav.true_peak_dbtp:.1f}" if wav else "",
        f"{mp3.loudness_lufs:.1f}" if mp3 else "",
    )


def _delivery(wav: ManifestEntry | None, sheet_entry: ManifestEntry | None) -> tuple[str, str]:
    """How the spot reaches the air ("audio", "live read" or "not made") and, if not made, why."""
    sheet = sheet_entry.facts if sheet_entry is not None else None
    if wav is not None:
        return "audio", ""
    if isinstance(sheet, ScriptSheetFacts) and sheet.live_read:
        return "live read", ""
    reason = (sheet.not_made or sheet.no_audio_reason or "") if isinstance(sheet, ScriptSheetFacts) else ""
    return "not made", reason


def traffic_rows(campaign: Campaign, placed: Placed) -> list[TrafficRow]:
    """placed: (name in the radio bundle, manifest entry) for every radio file."""
    by_spot: dict[tuple[str, str], dict[ArtifactKind, tuple[str, ManifestEntry | None]]] = {}
    for name, entry in placed:
        key = (entry.language, str(entry.format))
        by_spot.setdefault(key, {})[entry.kind] = (name, entry)
    spots = {spot.id: spot for spot in campaign.spots}
    order = {lang.tag: i for i, lang in enumerate(campaign.all_languages)}
    rows = []
    for (tag, spot_id), files in sorted(by_spot.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1])):
        spot = spots.get(spot_id)
        if spot is None:
            continue
        wav = files.get(ArtifactKind.AUDIO, ("", None))
        mp3 = files.get(ArtifactKind.AUDIO_MP3, ("", None))
        mp2 = files.get(ArtifactKind.AUDIO_MP2, ("", None))
        delivery, reason = _delivery(wav[1], files.get(ArtifactKind.SCRIPT_SHEET, ("", None))[1])
        wav_lufs, wav_dbtp, mp3_lufs = _levels(measured(wav[1]), measured(mp3[1]))
        try:
            language_name = campaign.language(tag).english_name
        except Exception:  # a pseudo-locale or a tag outside the campaign: the tag says enough
            language_name = tag
        rows.append(
            TrafficRow(
                spot_code=campaign.spot_code(tag, spot),
                title=f"{campaign.name} ({spot.seconds} s)",
                advertiser=campaign.advertiser,
                language=tag,
                language_name=language_name,
                length_s=spot.seconds,
                start=campaign.traffic.start.isoformat() if campaign.traffic.start else "",
                kill=campaign.traffic.kill.isoformat() if campaign.traffic.kill else "",
                delivery=delivery,
                loudness_wav_lufs=wav_lufs,
                true_peak_wav_dbtp=wav_dbtp,
                loudness_mp3_lufs=mp3_lufs,
                wav_file=Path(wav[0]).name if wav[0] else "",
                mp3_file=Path(mp3[0]).name if mp3[0] else "",
                script_file=Path(files[ArtifactKind.SCRIPT_SHEET][0]).name
                if ArtifactKind.SCRIPT_SHEET in files
                else "",
                card_file=Path(files[ArtifactKind.LIVE_READ_CARD][0]).name
                if ArtifactKind.LIVE_READ_CARD in files
                else "",
                contact=campaign.traffic.contact or "",
                cut_id=campaign.traffic.cut_for(tag, spot, campaign.spots),
                mp2_file=Path(mp2[0]).name if mp2[0] else "",
                not_made_reason=reason,
            )
        )
    return rows


def traffic_csv(rows: Sequence[TrafficRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as spreadsheets and traffic systems read it
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.values())
    return buffer.getvalue()


# ------------------------------------------------------------------------------ the page

_PAGE_PX = (3300, 2550)  # US Letter landscape at 300 dpi
_PAGE_PT = (792.0, 612.0)
_MARGIN = 150
_PDF_COLUMNS = (
    ("Code", "spot_code"),
    ("Language", "language_name"),
    ("Tag", "language"),
    ("Length", "length_s"),
    ("Start", "start"),
    ("Kill", "kill"),
    ("WAV LUFS", "loudness_wav_lufs"),
    ("MP3 LUFS", "loudness_mp3_lufs"),
    ("File (WAV / MP3; script and card beside it)", "wav_file"),
)


def _cell(row: TrafficRow, key: str) -> str:
    value = str(getattr(row, key))
    if key == "length_s":
        return f":{value}"
    if key == "wav_file" and not value:
        if row.delivery == "live read":
            return f"live read: {row.card_file or row.script_file}"
        return f"NOT MADE ({_short(row.not_made_reason)}): {row.script_file}"
    return value


def _short(reason: str, limit: int = 60) -> str:
    return reason if len(reason) <= limit else reason[: limit - 3].rstrip() + "..."


def write_traffic_pdf(path: Path, campaign: Campaign, version: str, rows: Sequence[TrafficRow], preset: str) -> int:
    """One landscape page; the type gets smaller for a long list (down to 5 pt). Returns the
    type size used, in pixels at 300 dpi."""
    from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec, write_pdf
    from campaigngen.renderers.flyer.plan import RectItem, TextItem
    from campaigngen.renderers.typesetting import Style, set_paragraph
    from campaigngen.sources.languages import parse_language

    english = parse_language("en")
    wide = _PAGE_PX[0] - 2 * _MARGIN

    def set_(text: str, size: int, bold: bool = False, width: float = wide):
        return set_paragraph(text, english, Style(size, bold), width)

    items: list = []
    y = float(_MARGIN)
    head = [
        (set_(f"Traffic sheet - {campaign.name} - release {version}", 70, True), (0, 84, 147)),
        (
            set_(
                f"Advertiser: {campaign.advertiser}.  Start: {campaign.traffic.start or 'on receipt'}.  "
                f"Kill: {campaign.traffic.kill or 'until further notice'}.  Loudness preset: {preset}.",
                42,
            ),
            (20, 20, 20),
        ),
        (
            set_(
                "Questions about these spots: "
                + (campaign.traffic.contact or "the campaign coordinator named in the release")
                + ".",
                42,
            ),
            (20, 20, 20),
        ),
    ]
    for paragraph, fill in head:
        items.append(TextItem("traffic", paragraph, _MARGIN, y, wide, fill))
        y += paragraph.height + 18
    y += 20
    room = _PAGE_PX[1] - _MARGIN - y
    size = 42
    while True:
        cells = [[set_(title, size, True, 10_000) for title, _ in _PDF_COLUMNS]]
        cells += [[set_(_cell(row, key) or "-", size, False, 10_000) for _, key in _PDF_COLUMNS] for row in rows]
        widths = [max(c[i].width for c in cells) + size for i in range(len(_PDF_COLUMNS))]
        line = size * 1.5
        if (sum(widths) <= wide and line * len(cells) <= room) or size <= 21:
            break
        size -= 1
    for index, row_cells in enumerate(cells):
        if index % 2 == 1:
            items.append(RectItem(_MARGIN, y - size * 0.2, wide, line, (236, 241, 246)))
        x = float(_MARGIN)
        for width, paragraph in zip(widths, row_cells):
            items.append(TextItem("traffic", paragraph, x, y, width, (20, 20, 20)))
            x += width
        y += line
    write_pdf(path, tuple(items), PdfPageSpec(_PAGE_PX, _PAGE_PT, 0.0, "en", f"{campaign.name} - traffic sheet"))
    return size


__all__ = ["COLUMNS", "CSV_NAME", "PDF_NAME", "TrafficRow", "traffic_csv", "traffic_rows", "write_traffic_pdf"]
