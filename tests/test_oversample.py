"""Oversampling only where a peak can be (campaigngen/oversample.py): the meter's true peak is
the whole oversampled signal's to the bit, and the limiter, given an envelope made only where
it can act, makes the same samples as with the whole envelope."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import resample_poly

from campaigngen import oversample
from campaigngen.loudness import to_db, true_peak_dbtp
from campaigngen.renderers.radio import dynamics


def _every_point_dbtp(samples: np.ndarray, rate: int) -> float:
    """True peak by its definition: the whole signal oversampled at once, every point looked at."""
    data = np.asarray(samples, dtype=np.float64)
    if not len(data):
        return to_db(0.0)
    over = resample_poly(data, 4 if rate >= 48000 else 8, 1, axis=0)
    return to_db(float(np.max(np.abs(over))))


def _signals(rate: int) -> list[np.ndarray]:
    """Speech-like bursts with silence, a tone whose peaks fall between samples, stereo,
    dual-mono, a lone click at either end, shorter than a chunk, and digital silence."""
    rng = np.random.default_rng(7)
    n = rate * 3
    t = np.arange(n) / rate
    bursts = rng.standard_normal(n) * (np.sin(2 * np.pi * 2.1 * t) > 0.3) * 0.2
    bursts[: rate // 4] = 0.0  # a lead-in of digital silence
    between = 0.5 * np.sin(np.arange(n) * np.pi / 2 + np.pi / 4)  # every peak between two samples
    between *= np.abs(np.sin(2 * np.pi * 0.7 * t))  # louder and quieter stretches
    alternating = np.where(np.arange(n) % 2 == 0, 0.4, -0.4) * (rng.random(n) < 0.02)  # the filter's worst case
    edge = np.zeros(n)
    edge[0], edge[-1], edge[oversample.CHUNK - 1], edge[oversample.CHUNK] = 0.9, -0.8, 0.3, -0.3
    return [
        bursts,
        between,
        alternating,
        edge,
        np.stack([bursts, between * 0.7], axis=1),
        np.stack([between, between], axis=1),  # dual-mono: one channel oversampled for both
        rng.standard_normal(oversample.CHUNK // 3) * 0.3,
        np.zeros(n),
    ]


@pytest.mark.parametrize("rate", [48000, 44100])  # 4x, and below 48 kHz 8x
def test_the_meters_true_peak_is_every_points_to_the_bit(rate):
    for index, signal in enumerate(_signals(rate)):
        for dtype in (np.float32, np.float64):
            samples = signal.astype(dtype)
            assert true_peak_dbtp(samples, rate) == _every_point_dbtp(samples, rate), (index, dtype)


def test_a_long_loud_signal_is_oversampled_a_block_at_a_time_with_the_same_peak(monkeypatch):
    """A loud 4 s signal (every stretch could hold the peak) is never oversampled at once: each
    call gets at most BLOCK samples, and the peak is still every point's."""
    rate = 48000
    rng = np.random.default_rng(11)
    loud = np.clip(rng.standard_normal((rate * 4, 2)) * 0.5, -1.0, 1.0)
    sizes: list[int] = []
    real = oversample.oversampled

    def counted(data, factor, spans):
        sizes.append(sum(last - first for first, last in spans))
        return real(data, factor, spans)

    monkeypatch.setattr(oversample, "oversampled", counted)
    assert true_peak_dbtp(loud, rate) == _every_point_dbtp(loud, rate)
    assert len(sizes) > 2 and max(sizes) <= oversample.BLOCK


def test_the_bound_holds_for_every_oversampled_point():
    """No oversampled point is above its chunk's bound: the skipped stretches could not hold
    the peak."""
    for factor, rate in ((4, 48000), (8, 44100)):
        for signal in _signals(rate)[:4]:
            (over,) = oversample.oversampled(signal, factor, [(0, len(signal))])
            size = oversample.CHUNK * factor
            padded = np.zeros(-(-len(over) // size) * size)
            padded[: len(over)] = np.abs(over)
            per_chunk = padded.reshape(-1, size).max(axis=1)
            assert np.all(per_chunk <= oversample.chunk_bounds(np.abs(signal), factor))
    # The worst case, each sample the sign of the weight it meets, reaches the bound: it is
    # the filter's own, no looser.
    context = oversample.CONTEXT
    impulse = np.zeros(2 * context + 1)
    impulse[context] = 1.0
    (response,) = oversample.oversampled(impulse, 4, [(0, len(impulse))])
    reached = []
    for phase in range(4):
        worst = np.sign(response[[4 * (2 * context - i) + phase for i in range(2 * context + 1)]])
        (over,) = oversample.oversampled(worst, 4, [(0, len(worst))])
        reached.append(abs(over[4 * context + phase]))
    assert max(reached) == pytest.approx(oversample.gain_bound(4), rel=1e-6)


@pytest.mark.parametrize("level", [0.05, 0.6, 0.95, 3.0])  # never limited .. mostly limited
def test_the_limiter_makes_the_same_samples_from_the_envelope_where_it_can_act(level):
    rate = 48000
    samples = (_signals(rate)[0] * level).astype(np.float32)
    whole = dynamics.oversampled_envelope(samples)
    sparse = dynamics.SparseEnvelope(samples)
    for ceiling_dbtp in (-1.3, -2.3):
        ceiling = dynamics.db_to_gain(ceiling_dbtp)
        for gain in (0.5, 1.0, 1.7, 4.0):
            made = sparse.reaching(gain, ceiling)
            exact = made != 0.0
            assert np.array_equal(made[exact], whole[exact])  # where made, the whole envelope's values
            assert np.all(whole[~exact] * gain < ceiling)  # where not, the limiter had nothing to do
            expected = dynamics.limit(samples * gain, rate, ceiling_dbtp, envelope=whole * gain)
            got = dynamics.limit(samples * gain, rate, ceiling_dbtp, envelope=made * gain)
            assert np.array_equal(got, expected)
        # Without an envelope the limiter makes its own, only where it can act: the same samples.
        plain = dynamics.limit(samples, rate, ceiling_dbtp)
        assert np.array_equal(plain, dynamics.limit(samples, rate, ceiling_dbtp, envelope=whole))


def test_a_spot_under_the_ceiling_is_not_oversampled(monkeypatch):
    """The point of it: the normaliser's envelope costs nothing where no peak comes near."""
    calls: list[int] = []
    real = oversample.oversampled

    def counted(data, factor, spans):
        calls.append(len(spans))
        return real(data, factor, spans)

    monkeypatch.setattr(oversample, "oversampled", counted)
    samples = (_signals(48000)[0] * 0.05).astype(np.float32)
    sparse = dynamics.SparseEnvelope(samples)
    assert not sparse.reaching(1.0, dynamics.db_to_gain(-1.3)).any()
    assert sum(calls) == 0
    sparse.reaching(20.0, dynamics.db_to_gain(-1.3))
    assert sum(calls) > 0
