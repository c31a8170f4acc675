"""The audio check (what a station's ingest rejects) and the meters behind it."""

from __future__ import annotations

import getpass
import os
import socket

import numpy as np
import pytest
import soundfile
from radio_kit import localized, true_peak_dbtp, write_campaign
from reference_meter import integrated_loudness

from campaigngen.checks.audio import PRESETS, audio_findings, measure_wav
from campaigngen.loudness import windowed_loudness
from campaigngen.renderers.radio import dynamics, render_spot

RATE = 48000


def sine(seconds: float, amplitude: float, freq: float = 997.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


@pytest.fixture(scope="module")
def spot(tmp_path_factory):
    folder = write_campaign(tmp_path_factory.mktemp("c"), languages=("es",))
    loc = localized(folder, "es")
    out = tmp_path_factory.mktemp("out")
    return render_spot(loc, loc.campaign.spots[0], out, preset="ebu-r128")


@pytest.mark.slow
def test_a_rendered_spot_passes_the_station_check(spot):
    m = measure_wav(spot[0].path)
    assert (m.sample_rate, m.bit_depth, m.channels, m.frames) == (48000, 16, 1, 30 * 48000)
    assert audio_findings(m, 30, "ebu-r128", language="es", spot_id="30s") == []


@pytest.mark.slow
def test_one_sample_short_is_rejected(tmp_path, spot):
    data, rate = soundfile.read(str(spot[0].path), dtype="int16")
    soundfile.write(str(tmp_path / "short.wav"), data[:-1], rate, subtype="PCM_16")
    found = audio_findings(measure_wav(tmp_path / "short.wav"), 30, PRESETS["ebu-r128"])
    assert [f.detail["measure"] for f in found] == ["frames"]
    assert found[0].check == "audio" and found[0].blocking


def test_too_loud_and_over_the_peak_ceiling_are_rejected(tmp_path):
    soundfile.write(str(tmp_path / "hot.wav"), sine(30, 0.99), RATE, subtype="PCM_16")
    found = audio_findings(measure_wav(tmp_path / "hot.wav"), 30, "ebu-r128")
    assert {f.detail["measure"] for f in found} >= {"loudness_lufs", "true_peak_dbtp"}


def test_atsc_tolerance_is_two_lu(tmp_path):
    # -3.01 dB: a full-scale 997 Hz sine reads -3.01 LUFS (BS.1770's calibration).
    soundfile.write(str(tmp_path / "a.wav"), sine(30, 10 ** ((-25.5 + 3.01) / 20)), RATE, subtype="PCM_16")
    m = measure_wav(tmp_path / "a.wav")
    assert abs(m.loudness_lufs + 25.5) < 0.1
    assert audio_findings(m, 30, "atsc-a85") == []
    assert [f.detail["measure"] for f in audio_findings(m, 30, "ebu-r128")] == ["loudness_lufs"]


def test_short_term_and_momentary_meters_match_bs1770_on_a_steady_tone():
    tone = sine(10, 0.1)
    expected = integrated_loudness(tone, RATE)
    assert abs(expected - (-23.01)) < 0.01
    assert abs(windowed_loudness(tone, RATE, 3.0)[5:].max() - expected) < 0.01
    assert abs(windowed_loudness(tone, RATE, 0.4)[5:].max() - expected) < 0.01
    # 44.1 kHz: the filter is designed for the rate, not hard-coded for 48 kHz.
    tone44 = sine(10, 0.1, rate=44100)
    assert abs(windowed_loudness(tone44, 44100, 3.0)[5:].max() - expected) < 0.01


def test_limiter_holds_the_true_peak_where_gain_alone_would_clip():
    from scipy.signal import resample_poly

    from campaigngen.renderers.radio import espeak

    clip = espeak.speak("Is someone forcing you to work? Call one eight eight eight.", "en-us", 150)
    speech = resample_poly(clip.samples, 320, 147).astype(np.float32)
    gain_only = speech * dynamics.db_to_gain(-16 - integrated_loudness(speech, RATE))
    assert true_peak_dbtp(gain_only) > -1.0  # would break the ceiling (measured here: about +2.4 dBTP)
    limited = dynamics.normalise(speech, RATE, PRESETS["streaming"])
    assert true_peak_dbtp(limited) <= -1.0
    assert abs(integrated_loudness(limited, RATE) + 16) <= 0.1
    # It limits, it does not squash: the waveform's crest factor stays that of speech.
    crest = 20 * np.log10(np.abs(limited).max() / np.sqrt(np.mean(limited[np.abs(limited) > 1e-4] ** 2)))
    assert crest > 9


def test_material_that_cannot_reach_the_target_is_refused():
    rng = np.random.default_rng(1)
    clicks = np.zeros(RATE * 5, np.float32)
    clicks[rng.integers(0, len(clicks), 40)] = 1.0  # all peak, no body
    with pytest.raises(dynamics.LoudnessNotReached):
        dynamics.normalise(clicks * 0.01, RATE, PRESETS["streaming"])


def test_pcm16_keeps_digital_silence_exact():
    pcm = dynamics.to_pcm16(np.r_[np.zeros(100, np.float32), sine(0.1, 0.5)])
    assert pcm.dtype == np.dtype("<i2") and np.all(pcm[:100] == 0)


@pytest.mark.slow
def test_files_carry_no_personal_data(spot):
    private = {getpass.getuser(), socket.gethostname(), os.path.expanduser("~"), str(spot[0].path.parent)}
    private = {p for p in private if p and len(p) >= 3}
    for artifact in spot:
        blob = artifact.path.read_bytes()
        for secret in private:
            assert secret.encode() not in blob, (artifact.path.name, secret)


@pytest.mark.slow
def test_our_integrated_meter_agrees_with_the_reference_meter(spot):
    from campaigngen.loudness import integrated_lufs

    data, rate = soundfile.read(str(spot[0].path), dtype="float64")
    for scale in (1.0, 0.1, 2.0):
        ours = integrated_lufs(data * scale, rate)
        theirs = integrated_loudness(data * scale, rate)
        assert abs(ours - theirs) < 0.01
    assert integrated_lufs(np.zeros(RATE * 2), RATE) == float("-inf")
