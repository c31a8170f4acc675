"""Delivery options ([delivery] sample_rate, bit_depth, mp3_bitrate, id3_version, mp2), each
file measured as a station measures it: ffprobe for the format, ffmpeg's ebur128 and
silencedetect on the decoded file for loudness, true peak and dead air."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from mutagen.id3 import ID3
from radio_kit import localized, write_campaign
from station_meter import measure_all, read_bext, read_cart, require_ffmpeg

from campaigngen.checks.audio import PRESETS
from campaigngen.renderers.radio import render_spot

pytestmark = pytest.mark.slow  # real spots, encoded and measured

CHOICES = {
    "44k-24bit-320-id3v23-mono": (
        'sample_rate = 44100\nbit_depth = 24\nmp3_bitrate = 320\nid3_version = "2.3"\nmp2 = true\n',
        dict(rate=44100, bits=24, mp3=320, id3=3, mp2=192, channels=1),
    ),
    "48k-16bit-256-id3v24-dual-mono": (
        'channels = "dual-mono"\nmp3_bitrate = 256\nmp2 = true\nmp2_bitrate = 256\n',
        dict(rate=48000, bits=16, mp3=256, id3=4, mp2=256, channels=2),
    ),
}


def _probe(path) -> dict:
    ffprobe = shutil.which("ffprobe") or require_ffmpeg().replace("ffmpeg", "ffprobe")
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


@pytest.mark.parametrize("name", list(CHOICES))
def test_every_delivered_file_is_in_the_format_asked_and_measures_on_target(tmp_path, name):
    pytest.importorskip("av", reason="the mp2 extra (PyAV) is not installed")
    settings, want = CHOICES[name]
    folder = write_campaign(tmp_path / "c", languages=("es",), extra=f"[delivery]\n{settings}")
    loc = localized(folder, "es")
    made = {a.kind: a for a in render_spot(loc, loc.campaign.spots[0], tmp_path / "out")}
    assert {"audio", "audio-mp3", "audio-mp2", "script-sheet"} <= set(made)
    preset = PRESETS["ebu-r128"]

    wav, mp3, mp2 = made["audio"].path, made["audio-mp3"].path, made["audio-mp2"].path
    stream = _probe(wav)["streams"][0]
    assert stream["codec_name"] == f"pcm_s{want['bits']}le" and int(stream["sample_rate"]) == want["rate"]
    assert int(stream["channels"]) == want["channels"]
    assert read_cart(wav)["level_reference"] == 2 ** (want["bits"] - 1)
    assert f"W={want['bits']}" in read_bext(wav)["coding_history"]

    for path, codec, kbps in ((mp3, "mp3", want["mp3"]), (mp2, "mp2", want["mp2"])):
        probed = _probe(path)["streams"][0]
        assert probed["codec_name"] == codec and int(probed["sample_rate"]) == want["rate"], path.name
        assert int(probed["bit_rate"]) == kbps * 1000 and int(probed["channels"]) == want["channels"], path.name

    # ID3 as asked: the tag header's major version, and v2.3's own date frame.
    raw = mp3.read_bytes()
    assert raw[:3] == b"ID3" and raw[3] == want["id3"]
    assert (b"TYER" in raw[:4096]) == (want["id3"] == 3) and (b"TDRC" in raw[:4096]) == (want["id3"] == 4)
    assert str(ID3(str(mp3))["TPE1"]) == "Radio test"

    for path, reading in zip((wav, mp3, mp2), measure_all((wav, mp3, mp2))):
        limit = preset.tolerance_lu if path is wav else 0.1  # a lossy copy at the WAV's level as decoded
        assert abs(reading.lufs - preset.target_lufs) <= limit, (path.name, reading)
        assert reading.true_peak_dbtp <= preset.true_peak_max_dbtp, (path.name, reading)
        assert abs(reading.duration_s - 30.0) < 0.06, (path.name, reading)
        assert reading.head_s <= preset.head_max_s and reading.tail_s <= preset.tail_max_s, (path.name, reading)
