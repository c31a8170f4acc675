"""The cart chunk (AES46-2002) as a station's automation reads it, and the WAV still read by the
tools stations use (ffprobe, mediainfo, libsndfile).

The cart fields are read back by `station_meter.read_cart`, written from the standard's field
table (its own offsets, nothing shared with the writer), and cross-checked with libsndfile's
own cart reader (SFC_GET_CART_INFO)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import numpy as np
import pytest
import soundfile
from radio_kit import localized, meter, write_campaign
from station_meter import read_bext, read_cart, require_ffmpeg, riff_chunks

from campaigngen.renderers.radio import render_spot

pytestmark = pytest.mark.slow  # each test speaks and masters a real spot

TRAFFIC = """
[traffic]
advertiser = "Ayuda está aquí"
start = 2026-12-01T06:00:00
kill = 2027-05-31
code_prefix = "HIH"
"""


@pytest.fixture(scope="module")
def spot(tmp_path_factory):
    folder = write_campaign(tmp_path_factory.mktemp("campaign"), languages=("es",), extra=TRAFFIC)
    loc = localized(folder, "es")
    out = tmp_path_factory.mktemp("out")
    made = {a.kind: a for a in render_spot(loc, loc.campaign.spots[0], out)}
    return made["audio"]


def test_the_cart_chunk_carries_what_automation_schedules_by(spot):
    cart = read_cart(spot.path)
    assert cart["version"] == "0101"
    assert cart["cut_id"] == "HIH-ES-030" == spot.facts.spot_code
    assert cart["title"].startswith("HIH-ES-030 Radio test") and "Spanish" in cart["title"]
    # Non-ASCII is romanised for the ASCII fields, never question marks.
    assert cart["artist"] == cart["client_id"] == "Ayuda esta aqui"
    assert cart["category"] == "PSA" and cart["classification"].startswith("es Spanish")
    assert (cart["start_date"], cart["start_time"]) == ("2026-12-01", "06:00:00")
    assert (cart["end_date"], cart["end_time"]) == ("2027-05-31", "23:59:59")  # the kill date is the last day
    assert cart["producer_app_id"] == "campaigngen" and cart["producer_app_version"]
    assert cart["level_reference"] == 32768  # 0 dBFS at 16 bits
    assert cart["url"] == "https://example.org"
    # The out cue is the last words heard: the number, in Spanish.
    assert cart["out_cue"].endswith("siete, ocho, ocho, ocho")


def test_post_timers_mark_the_first_and_the_last_word_as_a_meter_finds_them(spot):
    timers = read_cart(spot.path)["post_timers"]
    m = meter(spot.path)
    rate, data = m["rate"], m["data"]
    loud = np.flatnonzero(np.abs(data) >= 10 ** (-50 / 20))
    assert timers["AUDs"] == 0 and timers["AUDe"] == m["frames"]  # play it whole: never trimmed
    assert timers["INTs"] == 0
    assert abs(timers["INTe"] - loud[0]) <= 0.03 * rate  # the voice starts here
    assert abs(timers["SEGs"] - loud[-1]) <= 0.03 * rate  # and ends here: the segue point
    assert timers["INTe"] < timers["SEGs"] < timers["AUDe"]


def test_libsndfile_reads_the_same_cart(spot):
    """libsndfile (inside the soundfile wheel, and in many playout and editing tools) parses
    the cart chunk itself: SFC_GET_CART_INFO fills its SF_CART_INFO with our fields."""
    sf_get_cart_info = 0x1401
    with soundfile.SoundFile(str(spot.path)) as handle:
        buffer = soundfile._ffi.new("char[]", 2048 + 4 + 256)
        assert soundfile._snd.sf_command(handle._file, sf_get_cart_info, buffer, len(buffer)) == 1
        raw = bytes(soundfile._ffi.buffer(buffer))
    ours = read_cart(spot.path)
    assert raw[:4] == b"0101"
    assert raw[132:196].rstrip(b"\0").decode() == ours["cut_id"]  # CutID
    assert raw[452:488].decode() == "2026-12-0106:00:002027-05-3123:59:59"  # start and end
    assert int.from_bytes(raw[680:684], "little") == 32768
    assert raw[1024:2048].rstrip(b"\0").decode() == "https://example.org"


def test_the_file_is_still_a_broadcast_wav_stations_tools_read(spot):
    chunks = [chunk_id for chunk_id, _, _ in riff_chunks(spot.path)]  # well-formed: sizes add up
    assert chunks == [b"fmt ", b"bext", b"cart", b"data"]
    bext = read_bext(spot.path)
    assert bext["description"].startswith("HIH-ES-030 | Ayuda esta aqui |")  # the advertiser, in bext too

    ffprobe = shutil.which("ffprobe") or require_ffmpeg().replace("ffmpeg", "ffprobe")
    probed = json.loads(
        subprocess.run(
            [ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(spot.path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    stream, fmt = probed["streams"][0], probed["format"]
    assert fmt["format_name"] == "wav" and stream["codec_name"] == "pcm_s16le"
    assert float(fmt["duration"]) == 30.0 and stream["sample_rate"] == "48000"
    assert "Ayuda esta aqui" in fmt["tags"]["comment"] and fmt["tags"]["encoded_by"] == "campaigngen"

    mediainfo = shutil.which("mediainfo")
    if mediainfo is None:
        if os.environ.get("CI"):
            pytest.fail("mediainfo is missing in CI: the Makefile's SYSTEM_PACKAGES installs it")
        pytest.skip("mediainfo not installed (apt-get install mediainfo; `make setup` installs it)")
    info = json.loads(
        subprocess.run([mediainfo, "--Output=JSON", str(spot.path)], capture_output=True, text=True, check=True).stdout
    )
    general, audio = info["media"]["track"][0], info["media"]["track"][1]
    assert general["Format"] == "Wave" and "HIH-ES-030" in general["Description"]
    assert abs(float(audio["extra"]["LoudnessValue"]) - spot.facts.loudness_lufs) < 0.01
