"""Partner bundles inside a release: ``print/`` for the print shop, ``radio/`` for the traffic desk.

Each bundle is a folder of hard links to the release's own files (no second copy on disk),
a README.txt written for that partner, and one zip of the folder. Zips are deterministic:
sorted names, a fixed timestamp and fixed permissions, so the same release zips to the
same bytes and a partner can compare hashes.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.renderers.artifacts import ArtifactKind
from campaigngen.sources.broadcast import PRESETS

if TYPE_CHECKING:
    from campaigngen.sources.campaign import Campaign

PRINT_DIR = "print"
RADIO_DIR = "radio"
README = "README.txt"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time zip can hold: no build time leaks in
_ALREADY_COMPRESSED = {".mp3", ".png", ".jpg", ".jpeg", ".zip"}


@dataclass(frozen=True)
class Bundle:
    name: str  # "print" or "radio"
    folder: Path
    zip_path: Path
    files: tuple[Path, ...]  # inside folder, README included


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a filesystem without hard links: a copy is as good, only bigger
        shutil.copy2(source, target)


def write_zip(zip_path: Path, folder: Path, files: Iterable[Path]) -> None:
    """Zip files (inside folder) under ``<folder name>/...`` in sorted order with fixed metadata."""
    names = sorted((p.relative_to(folder).as_posix(), p) for p in files)
    with zipfile.ZipFile(zip_path, "w") as archive:
        for rel, path in names:
            info = zipfile.ZipInfo(f"{folder.name}/{rel}", date_time=_ZIP_TIME)
            info.create_system = 3  # unix, whatever machine made it
            info.external_attr = 0o100644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED if path.suffix.lower() in _ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED
            )
            with path.open("rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)


def _suffix(entry: Mapping[str, Any]) -> str:
    return Path(entry["path"]).suffix.lower()


def _languages(entry: Mapping[str, Any]) -> str:
    return str(entry["language"])


def print_entries(artifacts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [a for a in artifacts if _suffix(a) == ".pdf" and ArtifactKind.of(a) is ArtifactKind.FLYER]


def radio_entries(artifacts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [a for a in artifacts if (kind := ArtifactKind.of(a)) is not None and kind.for_radio]


def _print_name(campaign_id: str, entry: Mapping[str, Any]) -> str:
    fmt = entry.get("format") or "flyer"
    return f"{fmt}/{campaign_id}_{fmt}_{_languages(entry)}{_suffix(entry)}"


def _radio_name(campaign_id: str, entry: Mapping[str, Any]) -> str:
    # The renderer names spot files for delivery already (campaign, language, length, spot
    # code: unique across languages), so the traffic desk gets them as they are.
    return f"{_languages(entry)}/{Path(entry['path']).name}"


def _unique(placed: list[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, Mapping[str, Any]]]:
    """Two files that would get one partner name keep their own file name as a suffix."""
    seen: set[str] = set()
    result = []
    for name, entry in placed:
        if name in seen:
            path = Path(name)
            name = path.with_name(f"{path.stem}_{Path(entry['path']).stem}{path.suffix}").as_posix()
        seen.add(name)
        result.append((name, entry))
    return result


def _number(value: Any, unit: str, digits: int = 1) -> str:
    return f"{float(value):.{digits}f} {unit}" if isinstance(value, (int, float)) else "not measured"


def print_readme(
    campaign_name: str,
    version: str,
    placed: Sequence[tuple[str, Mapping[str, Any]]],
    formats: Mapping[str, Mapping[str, Any]],
) -> str:
    lines = [
        f"{campaign_name} - print files, release {version}",
        "",
        "One PDF per format and language: vector text with embedded fonts, TrimBox and BleedBox set.",
        "Print at 100% (no 'fit to page'); colours are "
        + (
            "CMYK for the press profile in each PDF's OutputIntent."
            if any(entry.get("colour") == "cmyk" for _, entry in placed)
            else "sRGB."
        ),
        "Every file lists its SHA-256 in the release's manifest.json.",
        "",
        "Formats",
    ]
    for fmt in sorted({entry.get("format") or "flyer" for _, entry in placed}):
        spec = formats.get(fmt, {})
        lines.append(f"  {fmt:<10} {describe_format(spec)}")
    lines += ["", "Files"]
    for name, entry in placed:
        pages = entry.get("pages")
        extra = f", {pages} page(s)" if isinstance(pages, int) else ""
        lines.append(f"  {name}  ({_languages(entry)}{extra})")
    lines += ["", "Questions about the text: ask the campaign coordinator, not the translators.", ""]
    return "\n".join(lines)


def describe_format(spec: Mapping[str, Any]) -> str:
    """ "8.5 x 11 in (216 x 279 mm) trim, bleed 0.125 in" from whatever the renderer measured."""
    if not spec:
        return "size as in the PDF"
    parts = []
    if spec.get("size"):
        parts.append(f"{spec['size']} trim")
    if spec.get("bleed"):
        parts.append(f"bleed {spec['bleed']} on every side (crop marks in the slug outside the bleed)")
    else:
        parts.append("no bleed: print on the sheet size with a white border")
    if spec.get("note"):
        parts.append(str(spec["note"]))
    return ", ".join(parts)


def radio_readme(
    campaign_name: str,
    version: str,
    preset: str,
    placed: Sequence[tuple[str, Mapping[str, Any]]],
    skipped: Sequence[Mapping[str, Any]] = (),
) -> str:
    lines = [
        f"{campaign_name} - radio spots, release {version}",
        "",
        "One spot per file, at the exact booked length, with sound from the first half second",
        "to the last second (no dead air). WAV is the broadcast master (PCM; the Broadcast WAV",
        "bext chunk carries the spot code, advertiser and loudness, and the AES46 cart chunk the",
        "title, advertiser, cut ID, start and kill dates and timers at the first and last word,",
        "for automation systems); MP3 (and MP2 where asked for) is CBR at the same loudness as",
        "decoded, the MP3 with the advertiser, date and spot code in its ID3 tags.",
        "File names: <campaign>_<language>_<length>_<spot code>. traffic.csv and traffic.pdf list",
        "every spot with its code, dates and files, and say which are read live and which were",
        "not made (and why). The script sheet is the text as spoken with the source language",
        "beside it; a live-read card (PDF) is the page an announcer reads from.",
        f"Loudness preset: {preset} - {PRESETS[preset].promise if preset in PRESETS else 'see the campaign settings'}",
        "",
        f"{'file':<52} {'length':>8} {'loudness':>12} {'true peak':>12} {'head':>6} {'tail':>6}",
    ]
    for name, entry in placed:
        if _suffix(entry) not in (".wav", ".mp3", ".mp2"):
            continue
        length = entry.get("duration_s")
        lines.append(
            f"{name:<52} {_number(length, 's'):>8} {_number(entry.get('loudness_lufs'), 'LUFS'):>12} "
            f"{_number(entry.get('true_peak_dbtp'), 'dBTP'):>12} {_number(entry.get('head_s'), 's'):>6} "
            f"{_number(entry.get('tail_s'), 's'):>6}"
        )
    wav = next((e for _, e in placed if _suffix(e) == ".wav"), {})
    mp3 = next((e for _, e in placed if _suffix(e) == ".mp3"), {})
    if wav.get("sample_rate"):
        lines += [
            "",
            f"WAV: {wav['sample_rate']} Hz, {wav.get('bit_depth', 16)}-bit, {wav.get('channels', 1)} channel(s)"
            + (
                f"; MP3: {mp3['bitrate_kbps']} kbps {mp3.get('bitrate_mode', '')}".rstrip()
                if mp3.get("bitrate_kbps")
                else ""
            ),
        ]
    scripts = [name for name, entry in placed if _suffix(entry) not in (".wav", ".mp3", ".mp2")]
    if scripts:
        lines += ["", "Script sheets"] + [f"  {name}" for name in scripts]
    silent = [s for s in skipped if ArtifactKind.of(s) is ArtifactKind.AUDIO]
    if silent:
        lines += ["", "No audio for these spots (read live where traffic.csv says so; else not made):"]
        lines += [f"  {s['language']:<8} {s['format']:<6} {s['reason']}" for s in silent]
    lines += ["", "Every file lists its SHA-256 in the release's manifest.json.", ""]
    return "\n".join(lines)


def _make_bundle(
    release: Path,
    name: str,
    placed: Sequence[tuple[str, Mapping[str, Any]]],
    readme: str,
    extra: Callable[[Path], list[Path]] | None = None,
) -> Bundle | None:
    if not placed:
        return None
    folder = release / name
    files = []
    for rel, entry in placed:
        target = folder / rel
        _link_or_copy(release / entry["path"], target)
        files.append(target)
    write_bytes_atomic(folder / README, readme.encode("utf-8"))
    files.append(folder / README)
    if extra is not None:
        files += extra(folder)
    zip_path = release / f"{name}.zip"
    write_zip(zip_path, folder, files)
    return Bundle(name, folder, zip_path, tuple(files))


def make_bundles(
    release: Path,
    campaign_id: str,
    campaign_name: str,
    version: str,
    preset: str,
    artifacts: Sequence[Mapping[str, Any]],
    formats: Mapping[str, Mapping[str, Any]] | None = None,
    skipped: Sequence[Mapping[str, Any]] = (),
    campaign: Campaign | None = None,
) -> list[Bundle]:
    """Write print/ and radio/ (and their zips) into the release folder; returns what was made.
    With the campaign, radio/ also gets the traffic sheet (traffic.csv and traffic.pdf)."""
    printed = _unique([(_print_name(campaign_id, e), e) for e in print_entries(artifacts)])
    aired = _unique([(_radio_name(campaign_id, e), e) for e in radio_entries(artifacts)])

    def traffic_sheet(folder: Path) -> list[Path]:
        from campaigngen.release.traffic import CSV_NAME, PDF_NAME, traffic_csv, traffic_rows, write_traffic_pdf

        assert campaign is not None
        rows = traffic_rows(campaign, aired)
        write_bytes_atomic(folder / CSV_NAME, traffic_csv(rows).encode("utf-8"))
        write_traffic_pdf(folder / PDF_NAME, campaign, version, rows, preset)
        return [folder / CSV_NAME, folder / PDF_NAME]

    bundles = [
        _make_bundle(release, PRINT_DIR, printed, print_readme(campaign_name, version, printed, formats or {})),
        _make_bundle(
            release,
            RADIO_DIR,
            aired,
            radio_readme(campaign_name, version, preset, aired, skipped),
            traffic_sheet if campaign is not None else None,
        ),
    ]
    return [b for b in bundles if b is not None]
