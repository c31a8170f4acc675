"""Partner bundles inside a release: ``print/`` for the print shop, ``radio/`` for the traffic desk.

Each bundle is a folder of hard links to the release's own files (inside the release: no
second copy on disk), a README.txt written for that partner, ``SHA256SUMS`` (every file's
SHA-256, as ``sha256sum -c`` reads it) and, when the release is signed, ``SHA256SUMS.sig``
(an SSHSIG in the ``campaigngen-bundle`` namespace), and one zip of the folder. A partner
checks a bundle with stock tools, no campaigngen needed; the README gives the one command.
Zips are deterministic: sorted names, a fixed timestamp and fixed permissions, so the same
release zips to the same bytes and a partner can compare hashes.
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
from campaigngen.release.entries import ManifestEntry, Placed, measured
from campaigngen.release.manifest import FileDigests
from campaigngen.release.signing import BUNDLE_NAMESPACE, Signer
from campaigngen.renderers.artifacts import ArtifactKind
from campaigngen.renderers.facts import Mp3Facts, PrintedFacts, SheetFacts, SpotFacts, TextMessageFacts
from campaigngen.sources.broadcast import PRESETS

if TYPE_CHECKING:
    from campaigngen.sources.campaign import Campaign

PRINT_DIR = "print"
RADIO_DIR = "radio"
DIGITAL_DIR = "digital"
README = "README.txt"
PREFLIGHT = "PREFLIGHT.txt"
SUMS = "SHA256SUMS"
SUMS_SIGNATURE = "SHA256SUMS.sig"
ALLOWED_SIGNERS = "allowed_signers"  # what the partner calls the keys file the campaign sent them
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time zip can hold: no build time leaks in
_DEFLATE_LEVEL = 1
_ALREADY_COMPRESSED = {".mp3", ".png", ".jpg", ".jpeg", ".zip", ".mp4"}


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
            # Deflate's fastest level: the bulk deflated is PCM audio, which no level shrinks
            # much (the sample's Spanish spot: to 52.36 % of its size at level 6, 52.46 % at 1,
            # in 0.054 s against 0.039 s CPU); the texts and PDFs beside it are a few kB either
            # way. (One file in memory at a time: ZipFile.open takes no level.)
            archive.writestr(info, path.read_bytes(), compresslevel=_DEFLATE_LEVEL)


def print_entries(entries: Sequence[ManifestEntry]) -> list[ManifestEntry]:
    return [e for e in entries if e.suffix == ".pdf" and e.kind is ArtifactKind.FLYER]


def radio_entries(entries: Sequence[ManifestEntry]) -> list[ManifestEntry]:
    return [e for e in entries if e.kind.for_radio]


def digital_entries(entries: Sequence[ManifestEntry]) -> list[ManifestEntry]:
    return [e for e in entries if e.kind.digital]


def _digital_name(entry: ManifestEntry) -> str:
    stem = Path(entry.path)
    if entry.kind in (ArtifactKind.SHARE_CARD, ArtifactKind.SHARE_CARD_ALT):
        # card-square.png -> cards/es-square.png, its alt text cards/es-square.txt
        return f"cards/{entry.language}-{stem.stem.removeprefix('card-')}{stem.suffix}"
    if entry.kind in (ArtifactKind.VIDEO, ArtifactKind.VIDEO_CAPTIONS):
        # video-square-30s.mp4 -> videos/es-square-30s.mp4, its captions videos/es-square-30s.vtt
        return f"videos/{entry.language}-{stem.stem.removeprefix('video-')}{stem.suffix}"
    return f"texts/{stem.stem.replace('text-message', entry.language)}.txt"


def digital_readme(campaign_name: str, version: str, placed: Placed) -> str:
    """What staff post and send, and how to send it safely."""
    lines = [
        f"{campaign_name} - {version} - for phones and chats",
        "",
        "texts/<language>.txt: the one-message text for SMS and WhatsApp. Copy it whole and paste",
        "it: the number and the address in it were checked against the campaign's own; retyped,",
        "a digit can change.",
        "texts/<language>-discreet.txt: the same help, opening with an ordinary line. A phone's lock",
        "screen shows the first line of a message to whoever holds it: send this one to a phone",
        "someone else may see.",
        "cards/<language>-square.png (1080 x 1080, feeds and chats) and <language>-story.png (1080 x",
        "1920, stories: the top 250 and bottom 340 px carry no text, the app draws there), each with",
        "its alt text beside it (.txt): paste that where the app asks for a description, so a screen",
        "reader says the number too.",
        "videos/<language>-<shape>-<spot>.mp4: the radio spot over the card, each line of it shown as",
        "it is spoken (H.264 and AAC, at most 60 s, -14 LUFS as streaming platforms play it). Upload",
        "the .vtt beside it as its captions where the platform asks: the same lines at the same times.",
        "",
        "Safety: the address is the hotline's own, with no tracking added; do not shorten it with a",
        "link service (those record who opens it). A message stays on the phone it was sent to:",
        "where the person may be watched, ask before sending, and send the discreet copy.",
        "",
        "Counted as carriers count (GSM: 160 characters in one SMS, 153 per part of a longer one;",
        "UCS-2, for any other letters: 70, 67 per part):",
        "",
        f"{'file':<32} {'letters':>8} {'characters':>11} {'SMS':>4}",
    ]
    for name, entry in placed:
        facts = entry.facts
        if isinstance(facts, TextMessageFacts):
            lines.append(f"{name:<32} {facts.encoding:>8} {facts.units:>11} {facts.segments:>4}")
    return "\n".join(lines) + "\n"


def _print_name(campaign_id: str, entry: ManifestEntry) -> str:
    fmt = entry.format or "flyer"
    return f"{fmt}/{campaign_id}_{fmt}_{entry.language}{entry.suffix}"


def _radio_name(campaign_id: str, entry: ManifestEntry) -> str:
    # The renderer names spot files for delivery already (campaign, language, length, spot
    # code: unique across languages), so the traffic desk gets them as they are.
    return f"{entry.language}/{Path(entry.path).name}"


def _unique(placed: Placed) -> list[tuple[str, ManifestEntry]]:
    """Two files that would get one partner name keep their own file name as a suffix."""
    seen: set[str] = set()
    result = []
    for name, entry in placed:
        if name in seen:
            path = Path(name)
            name = path.with_name(f"{path.stem}_{Path(entry.path).stem}{path.suffix}").as_posix()
        seen.add(name)
        result.append((name, entry))
    return result


def _in_cmyk(entry: ManifestEntry) -> bool:
    facts = entry.facts
    return isinstance(facts, PrintedFacts) and facts.pdf is not None and facts.pdf.colour == "cmyk"


def _number(value: float, unit: str, digits: int = 1) -> str:
    return f"{float(value):.{digits}f} {unit}"


def print_readme(
    campaign_name: str,
    version: str,
    placed: Placed,
    formats: Mapping[str, Mapping[str, Any]],
) -> str:
    lines = [
        f"{campaign_name} - print files, release {version}",
        "",
        "One PDF per format and language: vector text with embedded fonts, TrimBox and BleedBox set.",
        "Print at 100% (no 'fit to page'); colours are "
        + (
            "CMYK for the press profile in each PDF's OutputIntent."
            if any(_in_cmyk(entry) for _, entry in placed)
            else "sRGB."
        ),
        "Every file lists its SHA-256 in the release's manifest.json.",
        f"{PREFLIGHT}: each PDF's boxes, colour, most ink on one spot, fonts and type sizes.",
        *(
            ["wallet/imposed/: each wallet card n-up on Letter and A4 with crop marks, placed from the card's PDF."]
            if any(entry.format == "wallet" for _, entry in placed)
            else []
        ),
        "",
        "Formats",
    ]
    for fmt in sorted({entry.format or "flyer" for _, entry in placed}):
        spec = formats.get(fmt, {})
        lines.append(f"  {fmt:<10} {describe_format(spec)}")
    lines += ["", "Files"]
    for name, entry in placed:
        extra = f", {entry.facts.pages} page(s)" if isinstance(entry.facts, SheetFacts) else ""
        lines.append(f"  {name}  ({entry.language}{extra})")
    lines += ["", "Questions about the text: ask the campaign coordinator, not the translators.", ""]
    return "\n".join(lines)


def preflight_report(campaign_name: str, version: str, placed: Placed, ink_limit: int | None) -> str:
    """One page for the shop: what each PDF is, as the build read it back (boxes, colour, the
    most ink on one spot, fonts, the number's size and the smallest type). A structural
    report from the files' own facts, not a certified preflight."""
    pdfs = [
        (name, entry.facts)
        for name, entry in placed
        if isinstance(entry.facts, PrintedFacts) and entry.facts.pdf is not None
    ]
    most = [
        sum(shift.cmyk_percent)
        for _, facts in pdfs
        if facts.pdf is not None
        for shift in (facts.pdf.colour_shifts or {}).values()
    ]
    limit = (
        f"Ink limit asked: {ink_limit} %; the most any colour takes: {max(most):.0f} %."
        if ink_limit and most
        else "Colours are sRGB: the press profile's limits apply when the shop converts them."
    )
    return "\n".join(
        [
            f"{campaign_name} - preflight report, release {version}",
            "",
            "From the files' own facts as the build read them back (structural; not a certified preflight).",
            "Boxes: TrimBox is the finished piece, BleedBox what prints beyond it. Fonts are subsets, embedded.",
            limit,
            "",
            *(_preflight_row(name, facts) for name, facts in pdfs),
            "",
        ]
    )


def _preflight_row(name: str, facts: PrintedFacts) -> str:
    pdf = facts.pdf
    assert pdf is not None
    trim = pdf.boxes_pt.get("trim") or pdf.boxes_pt.get("media")
    bleed = pdf.boxes_pt.get("bleed") or trim
    size = f"{(trim[2] - trim[0]) / 72:.2f} x {(trim[3] - trim[1]) / 72:.2f} in" if trim else "?"
    margin = f"{(trim[0] - bleed[0]) / 72:.3f} in" if trim and bleed else "?"
    inks = [sum(shift.cmyk_percent) for shift in (pdf.colour_shifts or {}).values()]
    inks += list((pdf.image_ink_percent or {}).values())
    ink = f"{max(inks):.0f} %" if inks else "-"
    colour = "CMYK, PDF/X-4" if pdf.colour == "cmyk" else "sRGB"
    read = pdf.read_back
    checked = "read back" if read and read.text_extractable and read.fonts_all_embedded else "NOT read back"
    number = f"{facts.number_pt:.0f} pt" if facts.number_pt else "-"
    return (
        f"  {name}\n    trim {size}, bleed {margin}; {colour}; most ink {ink}; "
        f"{len(pdf.fonts_embedded)} fonts embedded; number {number}, smallest type {facts.min_type_pt:.1f} pt; "
        f"{checked}"
    )


def imposed_wallet_cards(release: Path, folder: Path, placed: Placed) -> list[Path]:
    """Each wallet card n-up on Letter and A4 press sheets with crop marks, beside the card:
    wallet/imposed/<card>_<n>up-<paper>.pdf."""
    from campaigngen.release.imposition import PAPERS_PT, impose

    written = []
    for name, entry in placed:
        if entry.format != "wallet" or not name.endswith(".pdf"):
            continue
        card = Path(name)
        for paper in PAPERS_PT:
            scratch = folder / card.parent / "imposed" / f"{card.stem}_{paper}.pdf"
            sheet = impose(release / entry.path, scratch, paper)
            final = scratch.with_name(f"{card.stem}_{sheet.copies}up-{paper}.pdf")
            scratch.replace(final)
            written.append(final)
    return written


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


def _audio_row(name: str, spot: SpotFacts | None) -> str:
    if spot is None:
        return f"{name:<52} {'not measured':>8}"
    return (
        f"{name:<52} {_number(spot.duration_s, 's'):>8} {_number(spot.loudness_lufs, 'LUFS'):>12} "
        f"{_number(spot.true_peak_dbtp, 'dBTP'):>12} {_number(spot.air.head_s, 's'):>6} "
        f"{_number(spot.air.tail_s, 's'):>6}"
    )


def radio_readme(
    campaign_name: str,
    version: str,
    preset: str,
    placed: Placed,
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
    audio_suffixes = (".wav", ".mp3", ".mp2")
    lines += [_audio_row(name, measured(entry)) for name, entry in placed if entry.suffix in audio_suffixes]
    wav = measured(next((e for _, e in placed if e.suffix == ".wav"), None))
    mp3 = measured(next((e for _, e in placed if e.suffix == ".mp3"), None))
    if wav is not None:
        lines += [
            "",
            f"WAV: {wav.sample_rate} Hz, {wav.bit_depth}-bit, {wav.channels} channel(s)"
            + (f"; MP3: {mp3.bitrate_kbps} kbps {mp3.bitrate_mode}".rstrip() if isinstance(mp3, Mp3Facts) else ""),
        ]
    scripts = [name for name, entry in placed if entry.suffix not in audio_suffixes]
    if scripts:
        lines += ["", "Script sheets"] + [f"  {name}" for name in scripts]
    silent = [s for s in skipped if ArtifactKind.of(s) is ArtifactKind.AUDIO]
    if silent:
        lines += ["", "No audio for these spots (read live where traffic.csv says so; else not made):"]
        lines += [f"  {s['language']:<8} {s['format']:<6} {s['reason']}" for s in silent]
    lines += ["", "Every file lists its SHA-256 in the release's manifest.json.", ""]
    return "\n".join(lines)


def check_command(signer: Signer | None) -> str:
    """The one command that checks a bundle with stock tools, run in the bundle's folder."""
    if signer is None:
        return f"sha256sum -c {SUMS}"
    return (
        f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {signer.name} -n {BUNDLE_NAMESPACE} -s {SUMS_SIGNATURE} "
        f"< {SUMS} && sha256sum -c {SUMS}"
    )


def checking_section(signer: Signer | None) -> list[str]:
    """How the partner checks the files they received, without campaigngen."""
    lines = ["", "Checking these files", f"  {SUMS} lists every file of this folder with its SHA-256."]
    if signer is None:
        lines += [
            "  This release is not signed, so nothing shows it comes from the campaign. In this folder:",
            "",
            f"    {check_command(None)}",
            "",
            "  Every file OK: the files are those listed, unchanged.",
        ]
    else:
        lines += [
            f"  It is signed ({SUMS_SIGNATURE}) by {signer.name}, key {signer.public.fingerprint}.",
            "  Save the keys file the campaign gave you (one line, made by 'campaigngen keys export') as",
            f"  {ALLOWED_SIGNERS} here, then, in this folder (OpenSSH 8.1 or later and coreutils):",
            "",
            f"    {check_command(signer)}",
            "",
            f'  "Good ... signature for {signer.name} with ED25519 key {signer.public.fingerprint}" and every',
            "  file OK: these are the files the campaign published, unchanged. Anything else: do not print",
            "  or air them; ask the campaign (and compare that fingerprint with the one they give you).",
        ]
    return [*lines, ""]


def write_sums(
    folder: Path, files: Sequence[Path], signer: Signer | None, digests: FileDigests | None = None
) -> list[Path]:
    """SHA256SUMS for files (relative to folder, sorted) and its signature; returns what was written.
    digests: the release's, so a file is hashed once for its SUMS line and its manifest entry."""
    digests = digests if digests is not None else FileDigests()
    lines = [f"{digests.of(p)}  {p.relative_to(folder).as_posix()}\n" for p in sorted(files)]
    write_bytes_atomic(folder / SUMS, "".join(lines).encode("utf-8"))
    written = [folder / SUMS]
    if signer is not None:
        write_bytes_atomic(folder / SUMS_SIGNATURE, signer.sign((folder / SUMS).read_bytes(), BUNDLE_NAMESPACE))
        written.append(folder / SUMS_SIGNATURE)
    return written


def _make_bundle(
    release: Path,
    name: str,
    placed: Placed,
    readme: str,
    extra: Callable[[Path], list[Path]] | None = None,
    signer: Signer | None = None,
    digests: FileDigests | None = None,
) -> Bundle | None:
    if not placed:
        return None
    folder = release / name
    files = []
    for rel, entry in placed:
        target = folder / rel
        _link_or_copy(release / entry.path, target)
        files.append(target)
    readme = readme.rstrip("\n") + "\n" + "\n".join(checking_section(signer))
    write_bytes_atomic(folder / README, readme.encode("utf-8"))
    files.append(folder / README)
    if extra is not None:
        files += extra(folder)
    files += write_sums(folder, files, signer, digests)
    zip_path = release / f"{name}.zip"
    write_zip(zip_path, folder, files)
    return Bundle(name, folder, zip_path, tuple(files))


def make_bundles(
    release: Path,
    campaign_id: str,
    campaign_name: str,
    version: str,
    preset: str,
    entries: Sequence[ManifestEntry],
    formats: Mapping[str, Mapping[str, Any]] | None = None,
    skipped: Sequence[Mapping[str, Any]] = (),
    campaign: Campaign | None = None,
    signer: Signer | None = None,
    digests: FileDigests | None = None,
) -> list[Bundle]:
    """Write print/, radio/ and digital/ (and their zips) into the release folder; returns what was made.
    With the campaign, radio/ also gets the traffic sheet (traffic.csv and traffic.pdf); with
    a signer, each bundle's SHA256SUMS is signed."""
    printed = _unique([(_print_name(campaign_id, e), e) for e in print_entries(entries)])
    aired = _unique([(_radio_name(campaign_id, e), e) for e in radio_entries(entries)])
    sent = _unique([(_digital_name(e), e) for e in digital_entries(entries)])

    def traffic_sheet(folder: Path) -> list[Path]:
        from campaigngen.release.traffic import CSV_NAME, PDF_NAME, traffic_csv, traffic_rows, write_traffic_pdf

        assert campaign is not None
        rows = traffic_rows(campaign, aired)
        write_bytes_atomic(folder / CSV_NAME, traffic_csv(rows).encode("utf-8"))
        write_traffic_pdf(folder / PDF_NAME, campaign, version, rows, preset)
        return [folder / CSV_NAME, folder / PDF_NAME]

    def for_the_shop(folder: Path) -> list[Path]:
        ink_limit = campaign.printing.ink_limit if campaign is not None and campaign.printing.colour == "cmyk" else None
        report = preflight_report(campaign_name, version, printed, ink_limit)
        write_bytes_atomic(folder / PREFLIGHT, report.encode("utf-8"))
        return [folder / PREFLIGHT, *imposed_wallet_cards(release, folder, printed)]

    bundles = [
        _make_bundle(
            release,
            PRINT_DIR,
            printed,
            print_readme(campaign_name, version, printed, formats or {}),
            for_the_shop,
            signer=signer,
            digests=digests,
        ),
        _make_bundle(
            release,
            RADIO_DIR,
            aired,
            radio_readme(campaign_name, version, preset, aired, skipped),
            traffic_sheet if campaign is not None else None,
            signer=signer,
            digests=digests,
        ),
        _make_bundle(
            release, DIGITAL_DIR, sent, digital_readme(campaign_name, version, sent), signer=signer, digests=digests
        ),
    ]
    return [b for b in bundles if b is not None]
