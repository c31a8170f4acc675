"""A music bed under the voice: ducked while someone speaks, the spot still on spec."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile
from radio_kit import localized, meter, write_campaign

from campaigngen.exceptions import InputError
from campaigngen.renderers.radio import render_spot

TONE_HZ = 55.0  # below the voice's pitch: its FFT bin shows the bed, not the speech


def bed_file(path, seconds=4.0, rate=44100):
    t = np.arange(int(seconds * rate)) / rate
    soundfile.write(str(path), (0.5 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32), rate)
    return path


def tone_level(data, rate, start_s, end_s):
    window = data[int(start_s * rate) : int(end_s * rate)]
    spectrum = np.abs(np.fft.rfft(window * np.hanning(len(window))))
    freqs = np.fft.rfftfreq(len(window), 1 / rate)
    band = (freqs > TONE_HZ - 3) & (freqs < TONE_HZ + 3)
    return 20 * np.log10(spectrum[band].max() + 1e-12)


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["ebu-r128", "streaming"])
def test_bed_is_ducked_under_speech_and_spot_stays_on_spec(tmp_path, preset):
    # Only the bed may fill: these four lines cannot fill 30 s alone, so the bed
    # carries the last seconds ("music up and out").
    folder = write_campaign(
        tmp_path / "c",
        languages=("es",),
        radio='music_bed = "bed.wav"',
        seconds=30,
        script=("headline", "free", "call", "again"),
        extra_messages='[delivery]\nfill = ["bed"]\n',
    )
    bed_file(folder / "bed.wav")  # a 4 s loop, repeated under the spot
    loc = localized(folder, "es")
    artifacts = render_spot(loc, loc.campaign.spots[0], tmp_path / "out", preset=preset)
    m = meter(artifacts[0].path)
    rate, data = m["rate"], m["data"]
    target = {"ebu-r128": (-23, 0.5, -1), "streaming": (-16, 1, -1)}[preset]
    assert m["frames"] == 30 * rate
    assert abs(m["lufs"] - target[0]) <= target[1] and m["dbtp"] <= target[2]
    facts = artifacts[0].facts
    assert facts.music_bed == "bed.wav" and facts.filled_with == ("bed",)
    voice_end = facts.voice_end_s
    assert 30 - 1.0 - 4.0 <= voice_end <= 30 - 1.5  # the voice stops early: the bed plays out
    # The bed is up once the voice has stopped, down under it; sound to the end, which is exact silence.
    # (windows of one length: an FFT peak grows with the window). Held down 1.2 s after the
    # voice, faded out over the last second.
    during = tone_level(data, rate, voice_end - 4.0, voice_end - 3.5)
    after = tone_level(data, rate, voice_end + 1.3, voice_end + 1.8)
    assert after - during >= 8.0
    assert facts.air.tail_s <= 0.3 and facts.air.head_s <= 0.5  # the bed fades to silence only in the last moments
    assert data[-1] == 0.0 and np.abs(data[:100]).max() < 1e-3


def test_missing_bed_names_the_file_when_the_campaign_is_loaded(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("es",), radio='music_bed = "nope.wav"')
    with pytest.raises(InputError, match="nope.wav"):
        localized(folder, "es")


def test_a_bed_that_is_not_audio_is_refused_when_the_campaign_is_loaded(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("es",), radio='music_bed = "bed.wav"')
    (folder / "bed.wav").write_bytes(b"RIFF\x00\x00 secret words, not audio")
    with pytest.raises(InputError, match="not a readable") as caught:
        localized(folder, "es")
    assert "secret" not in caught.value.format_message()
