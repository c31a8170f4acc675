"""A spot as a station's ingest sees it: exact length, loudness, true peak, format, labels."""

from __future__ import annotations

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from radio_kit import localized, meter, write_campaign
from station_meter import read_bext

from campaigngen.checks.audio import PRESETS
from campaigngen.renderers.radio import render_spot

# Renders real flyers, spots or releases: the full suite (make test), not the edit loop.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def campaign_dir(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("campaign"))


@pytest.mark.parametrize("tag", ["en", "es", "vi"])
def test_foundation_spot_meets_ebu_r128(campaign_dir, tmp_path, tag):
    loc = localized(campaign_dir, tag)
    spot = loc.campaign.spots[0]
    artifacts = render_spot(loc, spot, tmp_path, preset="ebu-r128")
    by_kind = {a.kind: a for a in artifacts}
    assert set(by_kind) == {"audio", "audio-mp3", "script-sheet"}
    wav = by_kind["audio"].path
    assert wav.name == f"radio-test_{tag}_30s_RT-{tag.upper()}-030.wav"  # campaign, language, length, code
    m = meter(wav)
    assert m["frames"] == 30 * 48000  # exactly the booked length, to the sample
    assert m["rate"] == 48000 and m["subtype"] == "PCM_16" and m["channels"] == 1
    assert abs(m["lufs"] - (-23.0)) <= 0.5
    assert m["dbtp"] <= -1.0
    # A short lead-in of silence, then speech to within a second of the end: no dead air.
    loud = np.flatnonzero(np.abs(m["data"]) >= 10 ** (-50 / 20))
    assert np.all(m["data"][: int(0.2 * 48000)] == 0)
    assert 0.2 <= loud[0] / 48000 <= 0.5
    assert 0.4 <= (len(m["data"]) - loud[-1]) / 48000 <= 1.0
    facts = by_kind["audio"].facts
    assert facts.engine == "espeak" and facts.sample_rate == 48000 and facts.bit_depth == 16
    assert abs(facts.loudness_lufs - m["lufs"]) < 0.01  # the renderer's meter, rounded to 0.01
    assert abs(facts.true_peak_dbtp - m["dbtp"]) < 0.2
    assert facts.duration_s == 30.0


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_on_one_spot(campaign_dir, tmp_path, name):
    preset = PRESETS[name]
    loc = localized(campaign_dir, "es")
    artifacts = render_spot(loc, loc.campaign.spots[0], tmp_path, preset=name)
    wav, mp3 = artifacts[0].path, artifacts[1].path
    m = meter(wav)
    assert m["rate"] == preset.sample_rate
    assert m["frames"] == 30 * preset.sample_rate
    assert m["subtype"] == "PCM_16"
    assert abs(m["lufs"] - preset.target_lufs) <= preset.tolerance_lu
    assert m["dbtp"] <= preset.true_peak_max_dbtp

    bext = read_bext(wav)
    assert bext["originator"] == "campaigngen" and bext["version"] == 2
    assert "radio-test" in bext["description"] and "30s" in bext["description"]
    assert abs(bext["loudness_value"] / 100 - m["lufs"]) < 0.01  # stored in 1/100 LU
    assert bext["max_true_peak_level"] / 100 <= preset.true_peak_max_dbtp
    assert len(bext["origination_date"]) == 10 and len(bext["origination_time"]) == 8
    assert 0 < bext["loudness_range"] / 100 < 20  # speech: a few LU, measured (not 0x7FFF)
    assert bext["coding_history"].startswith("A=PCM,F=")

    audio = MP3(str(mp3))
    assert audio.info.bitrate >= 192000 and audio.info.sample_rate == preset.sample_rate
    assert str(audio.info.bitrate_mode).endswith("CBR")
    tags = ID3(str(mp3))
    assert tags["TLAN"].text == ["spa"]
    assert tags["TLEN"].text == ["30000"]
    assert "Radio test" in str(tags["TIT2"]) and str(tags["TALB"]) == "Radio test"
    assert tags.getall("COMM") and tags.getall("TXXX:campaign")[0].text == ["radio-test"]
    assert str(tags["TPE1"]) == "Radio test" and str(tags["TDRC"]) == bext["origination_date"]
    assert tags.getall("TXXX:spot code")[0].text == ["RT-ES-030"] and "RT-ES-030" in bext["description"]
    # The MP3 is the same spot: same length within the encoder's frame, and the loudness of
    # the decoded MP3 is the target (measured after encoding, not assumed).
    decoded = meter(mp3)
    assert abs(decoded["frames"] / preset.sample_rate - 30.0) < 0.06
    assert abs(decoded["lufs"] - preset.target_lufs) <= 0.1
    assert decoded["dbtp"] <= preset.true_peak_max_dbtp


def test_draft_translation_is_labelled_not_for_air(campaign_dir, tmp_path):
    loc = localized(campaign_dir, "es")
    loc = type(loc)(
        campaign=loc.campaign, language=loc.language, texts=loc.texts, status={**loc.status, "help": "fuzzy"}
    )
    wav, mp3, sheet = render_spot(loc, loc.campaign.spots[0], tmp_path)
    assert "DRAFT" in read_bext(wav.path)["description"]
    assert str(ID3(str(mp3.path))["TIT2"]).startswith("DRAFT")
    assert "DRAFT" in sheet.path.read_text(encoding="utf-8") and wav.facts.draft is True
