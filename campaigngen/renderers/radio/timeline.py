"""Laying speech on the clock: trim, pause, resample, and pad to the exact booked length.

Stations cut a spot that is one sample off its slot, so length is counted in samples at the
delivery rate, never in floating-point seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from campaigngen.exceptions import SpotTooLong

LEAD_IN_S = 0.5  # silence before the first word: the spot must not start mid-breath after the last one
MIN_TAIL_S = 0.5  # at least this much silence after the number: it must not be clipped by the next item
SILENCE_DBFS = -50.0  # below this a sample is "silence" for trimming


def trim_silence(samples: np.ndarray, sample_rate: int, keep_s: float = 0.01) -> np.ndarray:
    """Drop leading and trailing silence (engines and recordings both add some), keeping a
    few milliseconds so a soft consonant is not cut."""
    loud = np.flatnonzero(np.abs(samples) > 10.0 ** (SILENCE_DBFS / 20.0))
    if loud.size == 0:
        return samples[:0]
    keep = int(keep_s * sample_rate)
    return samples[max(0, loud[0] - keep): loud[-1] + 1 + keep]


def silence(seconds: float, sample_rate: int) -> np.ndarray:
    return np.zeros(int(round(seconds * sample_rate)), dtype=np.float32)


def join(pieces: Sequence[np.ndarray | float], sample_rate: int) -> np.ndarray:
    """Concatenate clips and pauses (a float is a pause in seconds)."""
    parts = [silence(p, sample_rate) if isinstance(p, (int, float)) else np.asarray(p, np.float32) for p in pieces]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Polyphase resampling by the exact rational ratio (22050 -> 48000 is 320/147)."""
    if source_rate == target_rate:
        return np.asarray(samples, np.float32)
    from scipy.signal import resample_poly

    ratio = Fraction(target_rate, source_rate)
    return resample_poly(np.asarray(samples, np.float64), ratio.numerator, ratio.denominator).astype(np.float32)


def speech_length_s(speech: np.ndarray, sample_rate: int) -> float:
    """What the spot needs: lead-in + speech + minimum tail."""
    return LEAD_IN_S + len(speech) / sample_rate + MIN_TAIL_S


def check_fits(speech: np.ndarray, sample_rate: int, booked_seconds: int, *, spot_id: str, language: str) -> None:
    """SpotTooLong, with the measured length, when lead-in + speech + tail overrun the slot."""
    needed = speech_length_s(speech, sample_rate)
    if needed * sample_rate > booked_seconds * sample_rate:
        raise SpotTooLong(spot_id=spot_id, language=language, measured_s=needed, booked_s=booked_seconds)


def fit_to_booking(speech: np.ndarray, sample_rate: int, booked_seconds: int, *, spot_id: str,
                   language: str) -> np.ndarray:
    """Lead-in, speech, then silence to exactly booked_seconds * rate samples."""
    check_fits(speech, sample_rate, booked_seconds, spot_id=spot_id, language=language)
    total = booked_seconds * sample_rate
    out = np.zeros(total, dtype=np.float32)
    start = int(round(LEAD_IN_S * sample_rate))
    out[start:start + len(speech)] = speech
    return out
