"""The sample campaign's radio release as a station receives it: every spot measured with
ffmpeg (loudness, true peak, dead air) in WAV and MP3, the traffic sheet listing every spot,
file names unique across languages, and a live-read card per spot that says only what is
true of its script."""

from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path

import pytest
from campaign_kit import sample_campaign, sample_config
from cli_kit import cli_runner
from pypdf import PdfReader
from station_meter import measure_all, require_ffmpeg

from campaigngen.checks.audio import PRESETS
from campaigngen.cli import main

LANGUAGES = (
    "es",
    "zh-Hans",
    "zh-Hant",
    "vi",
    "ko",
    "tl",
    "th",
    "ru",
    "uk",
    "ar",
    "fa",
    "hi",
    "ur",
    "pt",
    "fr",
    "ht",
    "so",
    "am",
    "my",
)
NO_VOICE = {"tl", "th", "so", "my"}


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    require_ffmpeg()
    root = tmp_path_factory.mktemp("sample")
    # A station receives the radio folder: no flyer format (20 wallet flyers, drawn, written
    # as PDF, read back and checked: ~10 % of the module's CPU; the flyer modules test them,
    # releases included) and none of the 40 share cards the sample also draws (a quarter of
    # the publish's CPU; tests/test_share_cards.py). Neither changes the radio folder: its
    # spots, MP3s, cards and sheets came out the same bytes with and without the flyers (the
    # WAVs' bext origination time aside).
    sample_campaign(root, languages=LANGUAGES, formats=())
    with sample_config(root) as config:
        config["share_cards"]["shapes"] = []
    import os

    here = os.getcwd()
    os.chdir(root)
    try:
        result = cli_runner().invoke(main, ["publish", "help-is-here", "--version", "air"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stdout + result.stderr
    return root / "releases" / "help-is-here" / "air"


@functools.cache
def _card(path: Path) -> tuple[int, str]:
    """A live-read card's page count and its first page's text, as pypdf extracts them: read
    once for the module's tests (each card was parsed three times)."""
    reader = PdfReader(str(path))
    return len(reader.pages), reader.pages[0].extract_text()


def _manifest(release: Path) -> dict:
    return json.loads((release / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_spot_measures_on_air_by_ffmpeg_in_wav_and_mp3(release):
    preset = PRESETS["ebu-r128"]
    audio = [a for a in _manifest(release)["artifacts"] if a["kind"] in ("audio", "audio-mp3")]
    spoken = {a["language"] for a in audio}
    assert spoken == (set(LANGUAGES) | {"en"}) - NO_VOICE
    for artifact, reading in zip(audio, measure_all([release / a["path"] for a in audio])):
        where = artifact["path"]
        assert abs(reading.duration_s - 30.0) < 0.06, where
        assert reading.head_s <= preset.head_max_s, (where, reading)
        assert reading.tail_s <= preset.tail_max_s, (where, reading)
        assert reading.longest_gap_s <= preset.gap_max_s, (where, reading)
        assert reading.true_peak_dbtp <= preset.true_peak_max_dbtp, (where, reading)
        if artifact["kind"] == "audio":
            assert abs(reading.lufs - preset.target_lufs) <= preset.tolerance_lu, (where, reading)
        else:  # the decoded MP3 at the WAV's level, not 0.3 LU under it
            assert abs(reading.lufs - preset.target_lufs) <= 0.1, (where, reading)


@pytest.mark.slow
def test_the_traffic_sheet_lists_every_spot_with_unique_file_names(release):
    radio = release / "radio"
    rows = list(csv.DictReader((radio / "traffic.csv").open(encoding="utf-8", newline="")))
    assert sorted(r["language"] for r in rows) == sorted((*LANGUAGES, "en"))
    assert len({r["spot_code"] for r in rows}) == len(rows)
    for row in rows:
        assert row["advertiser"] == "Help is here (sample campaign)" and "+1 555 0100" in row["contact"]
        assert row["start"] == "2026-12-01" and row["kill"] == "2027-05-31" and row["length_s"] == "30"
        if row["language"] in NO_VOICE:
            assert row["delivery"] == "live read" and not row["wav_file"] and row["card_file"]
            continue
        assert row["delivery"] == "audio"
        assert row["wav_file"] == f"help-is-here_{row['language']}_30s_{row['spot_code']}.wav"
        assert (radio / row["language"] / row["wav_file"]).is_file()
        assert (radio / row["language"] / row["mp3_file"]).is_file()
        assert abs(float(row["loudness_mp3_lufs"]) + 23.0) <= 0.1
    names = [p.name for p in radio.rglob("*") if p.is_file()]
    assert len(names) == len(set(names)), "file names must be unique across languages"
    sheet = PdfReader(str(radio / "traffic.pdf"))
    assert len(sheet.pages) == 1
    text = sheet.pages[0].extract_text()
    for row in rows:
        assert row["spot_code"] in text
    assert "traffic.csv" in (radio / "README.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_live_read_cards_say_only_what_is_true_of_their_script(release):
    cards = {
        a["language"]: release / a["path"] for a in _manifest(release)["artifacts"] if a["kind"] == "live-read-card"
    }
    assert set(cards) == set(LANGUAGES) | {"en"}
    for tag, path in cards.items():
        pages, text = _card(path)
        assert pages == 1, tag
        text = "".join(text.split())
        assert "1-888-373-7888" in text and "Readinabout" in text, tag
    # Verb-final languages put "call" after the number: the card must not claim otherwise.
    for tag in ("ko", "hi", "ur", "am", "fa", "my"):
        text = " ".join(_card(cards[tag])[1].split())
        assert "the last words are the number" not in text and "the last sentence gives it" in text, tag
    for tag in ("en", "es", "fr"):
        text = " ".join(_card(cards[tag])[1].split())
        assert "the last words are the number" in text, tag
    korean = " ".join(_card(cards["ko"])[1].split())
    assert "Sino-Korean" in korean  # the campaign's pronunciation note
    spanish = "".join(_card(cards["es"])[1].split())
    assert "uno/ocho,ocho,ocho/tres,siete,tres/siete,ocho,ocho,ocho" in spanish  # the digits in words


def _read_seconds(card: Path) -> int:
    text = " ".join(_card(card)[1].split())
    return int(re.search(r"Read in about (\d+) seconds", text).group(1))


@pytest.mark.slow
def test_no_card_asks_for_less_time_than_its_voice_takes(release):
    """Every card's read time against the speech of its script in that language's voice, as
    ffmpeg measures the spot: from the start (silencedetect misses the 0.25 s lead-in, so the
    speech is taken to start at 0: stricter) to the start of the tail silence. Where no voice
    speaks the language, the read time must still fit the booking."""
    artifacts = _manifest(release)["artifacts"]
    cards = {a["language"]: release / a["path"] for a in artifacts if a["kind"] == "live-read-card"}
    wavs = {a["language"]: release / a["path"] for a in artifacts if a["kind"] == "audio"}
    readings = dict(zip(wavs, measure_all(list(wavs.values()))))
    for tag, card in cards.items():
        read = _read_seconds(card)
        assert read <= 30, (tag, read)
        if tag in wavs:
            reading = readings[tag]
            speech = reading.duration_s - reading.tail_s - reading.head_s
            assert read >= speech, (tag, read, speech)
        else:
            assert tag in NO_VOICE and read >= 20, (tag, read)  # 35-45 spoken words and digits: not 13 s


@pytest.mark.slow
def test_sheets_and_cards_carry_the_english_beside_the_translation(release):
    artifacts = _manifest(release)["artifacts"]
    for artifact in artifacts:
        if artifact["kind"] == "script-sheet" and artifact["language"] != "en":
            sheet = (release / artifact["path"]).read_text(encoding="utf-8")
            assert "[en] Is someone forcing you to work?" in sheet, artifact["path"]
            assert "[en] The call is free and private." in sheet, artifact["path"]
    card = next(release / a["path"] for a in artifacts if a["kind"] == "live-read-card" and a["language"] == "th")
    text = " ".join(_card(card)[1].split())
    assert "Is someone forcing you to work?" in text and "We speak your language." in text
