"""Loudness normalisation with a true-peak look-ahead limiter.

Speech normalised to -23 LUFS peaks near -4.6 dBTP, but at -16 LUFS it would clip by ~2 dB,
so where the target needs it a limiter turns down only the peaks, and the gain is
re-measured until loudness and peak both hold (limiting lowers loudness a little).
"""

from __future__ import annotations

import functools

import numpy as np

from campaigngen.loudness import active_span, integrated_lufs
from campaigngen.sources.broadcast import LoudnessPreset

LOOKAHEAD_S = 0.005  # gain starts falling 5 ms before a peak: no audible click
HOLD_S = 0.02  # and stays down a little after, so it does not flutter on voiced pitch periods
MAX_GAIN_DB = 80.0  # no speech needs more; beyond this it is noise being raised
MARGIN_DB = 0.3  # room for 16-bit rounding and MP3 encoding overshoot


def db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def oversampled_envelope(samples: np.ndarray, factor: int = 4) -> np.ndarray:
    """Per original sample, the largest |value| of the reconstructed wave around it."""
    from scipy.signal import resample_poly

    data = np.asarray(samples, np.float64)
    start, end = active_span(data, pad=64)
    span = data[start:end]
    usable = np.zeros(len(data))
    # Oversampled a block at a time: the whole 30 s spot at 4x took ~90 MB at once (the
    # filtered signal and its magnitude). Each block is filtered with ENVELOPE_CONTEXT samples
    # of its neighbours on either side (the filter reaches 10 input samples) and only its own
    # stretch is kept, so every point is the one the whole signal gives, bit for bit.
    for first in range(0, len(span), ENVELOPE_BLOCK):
        last = min(first + ENVELOPE_BLOCK, len(span))
        low, high = max(0, first - ENVELOPE_CONTEXT), min(len(span), last + ENVELOPE_CONTEXT)
        over = np.abs(resample_poly(span[low:high], factor, 1)[(first - low) * factor : (last - low) * factor])
        # The largest of each sample's `factor` points: elementwise over strided views is ~3x
        # faster than numpy's max along a short last axis (the limiter asks for this every round).
        usable[start + first : start + last] = functools.reduce(
            np.maximum, (over[phase::factor] for phase in range(factor))
        )
    # Neighbours too: a peak between sample n-1 and n belongs to both.
    return np.maximum(usable, np.r_[0.0, usable[:-1]])


ENVELOPE_BLOCK = 1 << 16  # input samples oversampled at once (1.4 s at 48 kHz)
ENVELOPE_CONTEXT = 64


class SparseEnvelope:
    """oversampled_envelope's values (4x), made only where the limiter can act on them.

    The limiter reads the envelope only through min(1, ceiling / (envelope * gain)): where
    envelope * gain is under the ceiling that is 1, whatever the envelope. A stretch whose
    bound (oversample.chunk_bounds) times the gain is under the ceiling is left at 0, which
    gives the same 1; everywhere else the envelope is oversampled_envelope's to the bit. So
    limit() makes the same samples, and a spot whose peaks are all under the ceiling is not
    oversampled at all (the normaliser's first gain, for most spots). Stretches made for one
    gain are kept for the next."""

    def __init__(self, samples: np.ndarray, factor: int = 4):
        from campaigngen.oversample import chunk_bounds

        self._data = np.asarray(samples, np.float64)
        self._factor = factor
        self._bound = chunk_bounds(np.abs(self._data), factor)
        self._made = np.zeros(len(self._bound), bool)
        self._values = np.zeros(len(self._data))

    def reaching(self, gain: float, ceiling: float) -> np.ndarray:
        """The envelope wherever envelope * gain may reach ceiling (linear), 0 elsewhere."""
        from campaigngen.oversample import chunk_spans, oversampled

        wanted = (self._bound * gain >= ceiling) & ~self._made
        spans = chunk_spans(wanted, len(self._data))
        # Each sample's envelope is its own points' largest and its left neighbour's: from one before.
        wider = [(max(0, first - 1), last) for first, last in spans]
        factor = self._factor
        for (first, last), (low, _), over in zip(spans, wider, oversampled(self._data, factor, wider)):
            own = functools.reduce(np.maximum, (np.abs(over[phase::factor]) for phase in range(factor)))
            if low == first:  # the first sample: nothing to its left
                own = np.r_[0.0, own]
            self._values[first:last] = np.maximum(own[1:], own[:-1])
        self._made |= wanted
        return self._values


def limit(
    samples: np.ndarray, sample_rate: int, ceiling_dbtp: float, *, envelope: np.ndarray | None = None
) -> np.ndarray:
    """Look-ahead limiter: gain never above what keeps the true peak under the ceiling.

    The needed gain is spread by a minimum filter (look-ahead and hold) and then smoothed by a
    moving average no wider than that spread, so the smoothed gain is still at or below the
    needed gain at every sample: the ceiling holds without a hard clip. `envelope` may be
    passed in (it scales with gain, so the normaliser computes it once).
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = db_to_gain(ceiling_dbtp)
    envelope = SparseEnvelope(samples).reaching(1.0, ceiling) if envelope is None else envelope
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    if needed.min() >= 1.0:
        return np.asarray(samples, np.float32)
    spread = int(max(LOOKAHEAD_S, HOLD_S) * sample_rate)
    smooth = max(1, int(LOOKAHEAD_S * sample_rate))
    gain = minimum_filter1d(needed, size=2 * spread + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=smooth, mode="nearest")
    return (samples * np.minimum(gain, needed)).astype(np.float32)


class LoudnessNotReached(ValueError):
    """The material cannot reach the target under the ceiling (e.g. nearly all peaks)."""


def normalise(samples: np.ndarray, sample_rate: int, preset: LoudnessPreset, *, iterations: int = 12) -> np.ndarray:
    """Gain to the preset's loudness, limiting peaks when needed; returns float32.

    The gain is refined against the ORIGINAL samples each round (limiting an already limited
    signal would compound the hold regions); loudness rises monotonically with gain, so this
    converges in a few rounds for speech.
    """
    ceiling = preset.true_peak_max_dbtp - MARGIN_DB
    source = np.asarray(samples, np.float32)
    start = integrated_lufs(source, sample_rate)
    if not np.isfinite(start):
        raise LoudnessNotReached("no sound to normalise (silence)")
    gain_db = preset.target_lufs - start
    envelope = SparseEnvelope(source)
    limit_at = db_to_gain(ceiling)  # as limit() reads the ceiling
    tried: list[tuple[float, float]] = []  # (gain, loudness reached)
    out, error = source, float("inf")
    for _ in range(iterations):
        gain = db_to_gain(gain_db)
        out = limit(source * gain, sample_rate, ceiling, envelope=envelope.reaching(gain, limit_at) * gain)
        reached = integrated_lufs(out, sample_rate)
        error = preset.target_lufs - reached
        if abs(error) < 0.02:  # well inside every tolerance; a 16-bit file holds it
            return out
        tried.append((gain_db, reached))
        if len(tried) >= 2 and tried[-1][1] != tried[-2][1]:
            # Secant step: under limiting, loudness rises less than 1 dB per dB of gain.
            slope = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
            step = error / max(slope, 0.05)
        else:
            step = error
        # Bounded steps: material that is nearly all peak would otherwise send the gain to
        # infinity before we conclude it cannot be done.
        gain_db = min(gain_db + float(np.clip(step, -12.0, 12.0)), MAX_GAIN_DB)
    if abs(error) > preset.tolerance_lu / 2:
        raise LoudnessNotReached(
            f"reached {preset.target_lufs - error:.1f} LUFS, not {preset.target_lufs:g}, under a "
            f"{preset.true_peak_max_dbtp:g} dBTP ceiling"
        )
    return out


def to_pcm16(samples: np.ndarray, seed: int = 0) -> np.ndarray:
    """Float to 16-bit with TPDF dither on sound (not on digital silence, which stations and
    their silence detectors expect to stay exactly zero). Seeded: same input, same file."""
    return to_pcm(samples, 16, seed)


def to_pcm(samples: np.ndarray, bit_depth: int, seed: int = 0) -> np.ndarray:
    """Float to whole-number samples at 16 bits (int16) or 24 bits (in int32), with TPDF
    dither of one step on sound and none on digital silence."""
    full = 2 ** (bit_depth - 1)
    rng = np.random.default_rng(seed)
    scaled = np.asarray(samples, np.float64) * (full - 1)
    # In place, the same arithmetic: a 30 s spot's float64 copies are 11 MB each, and the
    # expression whole made six of them at once.
    dither = rng.random(len(scaled))
    dither -= rng.random(len(scaled))
    dither *= scaled != 0
    scaled += dither
    del dither
    np.round(scaled, out=scaled)
    np.clip(scaled, -full, full - 1, out=scaled)
    return scaled.astype("<i2" if bit_depth == 16 else "<i4")
