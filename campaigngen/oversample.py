"""Oversampling only where a peak can be: the meter's true peak and the limiter's envelope.

An oversampled point (resample_poly, as the meter's true peak and the limiter make them) is
a weighted sum of the ~20 samples around it, so it is at most gain_bound() times the largest
of them. Cut a spot into CHUNK-sample stretches: a stretch whose bound is under the level
that matters (a peak already found; where the limiter starts to act) cannot reach it, and is
not oversampled. Most of a spot is such: a stretch of speech's loud syllables, pauses and the
lead-in and tail of digital silence. Every point that IS oversampled is the one the whole
signal gives, bit for bit: the stretches are filtered with CONTEXT samples (zeros beyond the
ends, as the whole signal has) either side, and only their own points are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

CHUNK = 256  # samples judged together: a syllable's loud part is a few of them
CONTEXT = 64  # samples of context either side: the filter reaches 10 (more than one CHUNK never)
# Over the float rounding of a ~100-term sum (~1e-14 relative): the bound stays a bound.
_ROUNDING = 1e-9


@lru_cache(maxsize=4)
def gain_bound(factor: int) -> float:
    """How far an oversampled point can exceed the largest |sample| it is made from: of
    resample_poly's own filter (read from its response to one impulse, not re-designed here),
    the largest sum of |weights| over one output phase."""
    from scipy.signal import resample_poly

    impulse = np.zeros(2 * CONTEXT + 1)
    impulse[CONTEXT] = 1.0
    response = np.abs(resample_poly(impulse, factor, 1))
    return float(max(response[phase::factor].sum() for phase in range(factor))) * (1.0 + _ROUNDING)


def chunk_bounds(magnitude: np.ndarray, factor: int) -> np.ndarray:
    """Per CHUNK of samples, the most any of its oversampled points can be (a point is made
    of samples within CONTEXT of it: its chunk's and its neighbours')."""
    chunks = -(-len(magnitude) // CHUNK)
    padded = np.zeros(chunks * CHUNK)
    padded[: len(magnitude)] = magnitude
    own = padded.reshape(chunks, CHUNK).max(axis=1)
    reach = np.maximum(own, np.maximum(np.r_[0.0, own[:-1]], np.r_[own[1:], 0.0]))
    return reach * gain_bound(factor)


def chunk_spans(wanted: np.ndarray, length: int) -> list[tuple[int, int]]:
    """[first, last) samples of each run of wanted chunks."""
    edges = np.flatnonzero(np.diff(np.r_[0, wanted.astype(np.int8), 0]))
    return [(int(a) * CHUNK, min(length, int(b) * CHUNK)) for a, b in zip(edges[::2], edges[1::2])]


def oversampled(data: np.ndarray, factor: int, spans: Sequence[tuple[int, int]]) -> list[np.ndarray]:
    """The factor-times oversampled points of each [first, last) span of data (along axis 0),
    each the one the whole signal gives: the spans, each with CONTEXT samples either side
    (zeros past the ends), are laid end to end and filtered in one call, and each span's own
    points are cut out, far from where two spans meet."""
    from scipy.signal import resample_poly

    if not spans:
        return []
    pieces: list[np.ndarray] = []
    for first, last in spans:
        low, high = max(0, first - CONTEXT), min(len(data), last + CONTEXT)
        before = np.zeros((CONTEXT - (first - low),) + data.shape[1:])
        after = np.zeros((CONTEXT - (high - last),) + data.shape[1:])
        pieces += [before, data[low:high], after]
    over = resample_poly(np.concatenate(pieces), factor, 1, axis=0)
    out, at = [], 0
    for first, last in spans:
        begin = (at + CONTEXT) * factor
        out.append(over[begin : begin + (last - first) * factor])
        at += last - first + 2 * CONTEXT
    return out


def true_peak(samples: np.ndarray, sample_rate: int) -> float:
    """The largest |point| of the signal oversampled 4x (below 48 kHz 8x), channels together:
    the loudest stretch is oversampled first, then only the stretches whose bound reaches the
    peak it holds, at most BLOCK samples at a time (a loud 30 s stereo spot oversampled at once
    took ~250 MB)."""
    data = np.asarray(samples, dtype=np.float64)
    if data.ndim == 1:
        data = data[:, None]
    if one_signal(data):
        data = data[:, :1]  # dual-mono: each channel's points are the first's, bit for bit
    factor = 4 if sample_rate >= 48000 else 8  # the inter-sample overs of 44.1 kHz hide between 4x points
    bound = chunk_bounds(np.abs(data).max(axis=1) if len(data) else np.zeros(0), factor)
    if not bound.size or bound.max() == 0.0:
        return 0.0  # digital silence: no points
    loudest = int(np.argmax(bound))
    first = loudest * CHUNK
    (over,) = oversampled(data, factor, [(first, min(len(data), first + CHUNK))])
    peak = float(np.max(np.abs(over)))
    wanted = bound >= peak
    wanted[loudest] = False
    for group in _blocks(chunk_spans(wanted, len(data))):
        for over in oversampled(data, factor, group):
            peak = max(peak, float(np.max(np.abs(over))))
    return peak


def one_signal(data: np.ndarray) -> bool:
    """Whether every channel (column) of frames x channels holds the first one's samples, as
    a dual-mono spot's do: measured once, each reads the same (resample_poly and sosfilt
    filter each column alone, so one column filtered gives every column's numbers)."""
    return (
        data.ndim == 2
        and data.shape[1] > 1
        and all(np.array_equal(data[:, 0], data[:, c]) for c in range(1, data.shape[1]))
    )


BLOCK = 1 << 16  # input samples oversampled at once (1.4 s at 48 kHz)


def _blocks(spans: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The spans cut to at most BLOCK samples each and grouped, in order, to at most BLOCK
    samples a group."""
    pieces = [(at, min(at + BLOCK, last)) for first, last in spans for at in range(first, last, BLOCK)]
    groups: list[list[tuple[int, int]]] = []
    size = BLOCK
    for first, last in pieces:
        if size + last - first > BLOCK:
            groups.append([])
            size = 0
        groups[-1].append((first, last))
        size += last - first
    return groups


__all__ = [
    "BLOCK",
    "CHUNK",
    "CONTEXT",
    "chunk_bounds",
    "chunk_spans",
    "gain_bound",
    "one_signal",
    "oversampled",
    "true_peak",
]
