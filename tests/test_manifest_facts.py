"""Typed facts: what a renderer measured travels as frozen dataclasses, becomes manifest keys
only when the manifest is written, and is read back into the same classes.

The manifest's form is the one partners and scripts already read (flat keys per file, as the
README shows); a manifest from another version or edited by hand never breaks a reader.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from publish_helpers import fake_facts

from campaigngen.release.entries import ManifestEntry, facts_from_json, facts_json, read_entries
from campaigngen.release.reuse import Reuse
from campaigngen.renderers.artifacts import ArtifactKind
from campaigngen.renderers.facts import (
    AirFacts,
    CardFacts,
    ColourShift,
    Dropped,
    ExpectedText,
    FlyerFacts,
    Mp3Facts,
    PrintFile,
    ReadBack,
    ScriptSheetFacts,
    SheetFacts,
)

PDF = PrintFile(
    vector=True,
    fonts_embedded=("/F1:NotoSans-Bold.ttf#0", "/F2:NotoSans-Regular.ttf#0"),
    boxes_pt={"media": (0, 0, 595.2756, 841.8898), "bleed": (0.0, 0.0, 595.2756, 841.8898)},
    colour="cmyk",
    page_images=("flyer-a4.png",),
    colour_shifts={"#12345b": ColourShift((100.0, 74.9, 0.0, 51.8), 6.41)},
    read_back=ReadBack(text_extractable=True, fonts_all_embedded=True, raster_mismatch=0.0),
)
POSTER = FlyerFacts(
    qr="https://humantraffickinghotline.org",
    draft=False,
    page_size_pt=(595.276, 841.89),
    pixels=(2480, 3508),
    dpi=300,
    min_type_pt=16.0,
    number_pt=59.5,
    qr_box=(115, 2780, 520, 3185),
    bleed_in=0.0,
    direction="rtl",
    qr_px=405,
    qr_decoded=True,
)
SHEET = SheetFacts(
    qr="https://humantraffickinghotline.org",
    draft=True,
    page_size_pt=(612.0, 792.0),
    pixels=(2550, 3300),
    dpi=300,
    min_type_pt=16.61,
    number_pt=30.0,
    qr_box=None,
    languages=("en", "es", "vi"),
    pages=2,
    columns=(2, 1),
    dropped=(Dropped("vi", "hours"),),
    page=2,
)
# A stand-in spot's facts, with a real spot's silences and filler.
WAV = replace(fake_facts("audio"), air=AirFacts(0.25, 0.61, 0.689, 29.14), filled_with=("number",))
MP3 = Mp3Facts.of(WAV, loudness_lufs=-23.01, true_peak_dbtp=-4.4, bitrate_kbps=192, bitrate_mode="CBR", level_rounds=1)
LIVE_READ = ScriptSheetFacts(
    words=48, booked_s=30, spot_code="HIH-TL-030", draft=False, audio=False, no_audio_reason="no offline voice"
)
CARD = CardFacts(
    pages=1, spot_code="HIH-TL-030", read_s=28, script_size_pt=27.8, fits_one_page=True, fonts=("/F1:x#0",), draft=False
)
EVERY_KIND = [
    POSTER,
    replace(POSTER, pdf=PDF, qr_decoded=True),
    SHEET,
    replace(SHEET, page=None, pdf=replace(PDF, colour="rgb", colour_shifts=None)),
    WAV,
    MP3,
    LIVE_READ,
    ScriptSheetFacts(words=53, booked_s=30, spot_code="HIH-ES-030", draft=False),
    CARD,
]


def _through_json(facts):
    return facts_from_json(type(facts), json.loads(json.dumps(facts_json(facts))))


@pytest.mark.parametrize("facts", EVERY_KIND, ids=lambda f: type(f).__name__)
def test_facts_read_back_from_the_manifest_are_the_facts_written(facts):
    assert _through_json(facts) == facts


def test_the_manifest_keeps_its_flat_keys():
    """The keys the README shows, flat on each entry, as partners' scripts read them."""
    wav = facts_json(WAV)
    assert {"duration_s", "loudness_lufs", "head_s", "tail_s", "spot_code", "draft"} <= wav.keys()
    assert "air" not in wav and wav["filled_with"] == ["number"] and wav["music_bed"] is None
    pdf = facts_json(replace(POSTER, pdf=PDF))
    assert pdf["qr"] == "https://humantraffickinghotline.org" and pdf["vector"] is True
    assert pdf["text_extractable"] is True and pdf["raster_mismatch"] == 0.0 and pdf["qr_decoded"] is True
    assert pdf["colour_shifts"] == {"#12345b": {"cmyk_percent": [100.0, 74.9, 0.0, 51.8], "delta_e_2000": 6.41}}
    assert pdf["boxes_pt"]["media"] == [0, 0, 595.2756, 841.8898]  # a page box as measured, not rounded
    png = facts_json(POSTER)
    assert "page" not in png and "vector" not in png and png["qr_box"] == [115, 2780, 520, 3185]
    assert facts_json(SHEET)["dropped"] == [{"language": "vi", "message": "hours"}]
    assert "audio" not in facts_json(EVERY_KIND[-2]) and facts_json(LIVE_READ)["audio"] is False


def test_what_a_check_consumes_is_never_written():
    checked = replace(POSTER, pdf=replace(PDF, expected=ExpectedText("1-888-373-7888", "Is someone forcing you?")))
    written = json.dumps(facts_json(checked))
    assert "1-888-373-7888" not in written and "forcing" not in written


def _entry(**facts) -> dict:
    return {
        "path": "es/x.wav",
        "kind": "audio",
        "language": "es",
        "format": "30s",
        "sha256": "0" * 64,
        "bytes": 9,
        **facts,
    }


def test_an_entry_from_another_version_or_edited_by_hand_is_listed_without_facts():
    good = _entry(**facts_json(WAV), loudness_range_lu_v2=1.0)  # a newer version's extra key is ignored
    missing = _entry(**{k: v for k, v in facts_json(WAV).items() if k != "head_s"})
    wrong_type = _entry(**{**facts_json(WAV), "duration_s": "30 s"})
    unknown_kind = {**_entry(), "kind": "hologram"}
    entries = read_entries({"artifacts": [good, missing, wrong_type, unknown_kind, "not an entry"]})
    assert [e.facts for e in entries] == [WAV, None, None]
    assert all(e.kind is ArtifactKind.AUDIO and e.path == "es/x.wav" for e in entries)
    assert ManifestEntry.from_json(good).to_json() == {k: v for k, v in good.items() if k != "loudness_range_lu_v2"}


def test_a_file_whose_facts_cannot_be_read_is_made_again(tmp_path: Path):
    (tmp_path / "es").mkdir()
    wav = tmp_path / "es" / "x.wav"
    wav.write_bytes(b"RIFF....")
    stat = os.stat(wav)
    record = {"path": "es/x.wav", "bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns}

    class Job:
        key = "k1"

    def reuse(entry: dict) -> Reuse | None:
        manifest = {"campaign": "c", "artifacts": [entry], "jobs": {"k1": {"ok": True, "files": [record]}}}
        (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        return Reuse.of(tmp_path)

    kept = reuse(_entry(**facts_json(WAV)))
    assert kept is not None and kept.covers([Job()])
    [made] = kept.take(Job(), tmp_path / "next")
    assert made.facts == WAV and made.kind is ArtifactKind.AUDIO
    broken = reuse(_entry(**{**facts_json(WAV), "frames": None}))
    assert broken is not None and not broken.covers([Job()])
