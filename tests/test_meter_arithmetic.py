"""The meter's arithmetic, rearranged to copy less, gives the numbers it gave before, bit for
bit: loudness (the K-weighted power and its running sum) and air time (the silences a
station's detector finds), on signals drawn at random (mono and stereo, float32, float64 and
int16, with digital silence and quiet runs of any length), against the whole-array formulas
they replaced."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaigngen import loudness
from campaigngen.checks.audio import SILENCE_MIN_S, air_time


def _power_before(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """K-weighted power as it was computed: the guard array added to a float64 copy, each
    channel's square added to zeros."""
    from scipy.signal import sosfilt

    data = np.asarray(samples, dtype=np.float64)
    channels = [data] if data.ndim == 1 else [data[:, c] for c in range(data.shape[1])]
    power = np.zeros(len(data))
    for channel in channels:
        mono = np.asarray(channel, dtype=np.float64)
        guard = np.full(len(mono), 1e-30)
        guard[1::2] = -1e-30
        guard += mono
        weighted = sosfilt(loudness.k_weighting(sample_rate), guard)
        power += weighted * weighted
    return power


def _windows_before(power: np.ndarray, window: int, step: int) -> np.ndarray:
    energy = np.concatenate([[0.0], np.cumsum(power)])
    starts = np.arange(0, len(power) - window + 1, step)
    return (energy[starts + window] - energy[starts]) / window


def _air_before(samples: np.ndarray, sample_rate: int, threshold_db: float) -> tuple[float, ...]:
    """Air time as it was measured: from the index of every loud sample."""
    data = np.abs(np.asarray(samples, dtype=np.float32))
    level = data if data.ndim == 1 else data.max(axis=1)
    loud = np.flatnonzero(level >= 10.0 ** (threshold_db / 20.0))
    duration = len(level) / sample_rate
    if loud.size == 0:
        return (duration, duration, duration, 0.0, 0.0)
    gaps = np.diff(loud) - 1
    longest = float(gaps.max()) / sample_rate if gaps.size else 0.0
    return (
        duration,
        loud[0] / sample_rate,
        (len(level) - 1 - loud[-1]) / sample_rate,
        longest if longest >= SILENCE_MIN_S else 0.0,
        (loud[-1] + 1 - loud[0]) / sample_rate,
    )


@st.composite
def signals(draw) -> tuple[np.ndarray, int]:
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    rate = draw(st.sampled_from([8000, 22050, 44100, 48000]))
    length = draw(st.integers(0, 3 * rate))
    level = 10.0 ** draw(st.floats(-5.0, 0.0))
    samples = rng.standard_normal(length) * level
    samples[rng.random(length) < draw(st.floats(0.0, 0.95))] = 0.0  # scattered zeros
    for _ in range(draw(st.integers(0, 4))):  # runs of digital silence, some longer than 0.3 s
        start = int(rng.integers(0, max(1, length)))
        samples[start : start + int(rng.integers(0, rate))] = 0.0
    layout = draw(st.sampled_from(["mono64", "mono32", "stereo", "dual-mono", "column", "int16"]))
    if layout == "mono32":
        samples = samples.astype(np.float32)
    elif layout == "stereo":
        samples = np.stack([samples, rng.standard_normal(length) * level * 0.3], axis=1)
    elif layout == "dual-mono":  # one channel K-weighted for both
        samples = np.stack([samples, samples], axis=1).astype(np.float32)
    elif layout == "column":
        samples = samples[:, None].astype(np.float32)
    elif layout == "int16":
        samples = np.clip(samples * 32767, -32768, 32767).astype(np.int16)
    return samples, rate


@settings(max_examples=150)
@given(signals())
def test_loudness_is_the_same_numbers_as_the_whole_array_formulas(signal):
    samples, rate = signal
    if len(samples) == 0:  # scipy's filter refuses an empty signal, as it did before
        with pytest.raises(ValueError):
            _power_before(samples, rate)
        with pytest.raises(ValueError):
            loudness.integrated_lufs(samples, rate)
        return
    power = _power_before(samples, rate)
    assert np.array_equal(loudness._weighted_power(samples, rate), power)
    block, step = int(round(0.4 * rate)), int(round(0.1 * rate))
    if len(power) >= block:
        with np.errstate(divide="ignore"):
            expected = -0.691 + 10.0 * np.log10(np.maximum(_windows_before(power, block, step), 1e-20))
        assert np.array_equal(loudness.windowed_loudness(samples, rate, 0.4), expected)
    # One K-weighting read three ways (checks.audio.measure_samples): the three calls' numbers.
    integrated, short_term, momentary = loudness.readings(samples, rate)
    assert np.array_equal(short_term, loudness.windowed_loudness(samples, rate, 3.0))
    assert np.array_equal(momentary, loudness.windowed_loudness(samples, rate, 0.4))
    assert integrated == loudness.integrated_lufs(samples, rate)
    # The gates on top read the same block energies, so the integrated reading is equal too.
    measured = loudness.integrated_lufs(samples, rate)
    if len(power) < block:
        assert measured == float("-inf")
    else:
        mean_square = _windows_before(power, block, step)
        with np.errstate(divide="ignore"):
            block_lufs = -0.691 + 10.0 * np.log10(mean_square)
        kept = mean_square[block_lufs > loudness.SILENCE_LUFS]
        if kept.size == 0:
            assert measured == float("-inf")
        else:
            gate = max(loudness.SILENCE_LUFS, -0.691 + 10.0 * np.log10(kept.mean()) - 10.0)
            assert measured == float(-0.691 + 10.0 * np.log10(mean_square[block_lufs > gate].mean()))


@settings(max_examples=200)
@given(signals(), st.sampled_from([-50.0, -30.0, -90.0]))
def test_air_time_is_the_same_as_from_every_loud_sample(signal, threshold_db):
    samples, rate = signal
    if samples.dtype == np.int16:
        samples = samples / 32768.0
    assert dataclasses.astuple(air_time(samples, rate, threshold_db)) == _air_before(samples, rate, threshold_db)
