"""Laying speech on the clock: trim, pause, resample, and place it in the exact booked length.

Stations cut a spot that is one sample off its slot, so length is counted in samples at the
delivery rate, never in floating-point seconds. And stations want sound from the first half
second to the last second (renderers/radio/compose.py fills the booking): a spot is speech
placed after a short lead-in, with a short tail, never seconds of digital silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

LEAD_IN_S = 0.25  # silence before the first word: the spot must not start mid-breath after the last item
TAIL_TARGET_S = 0.6  # silence after the last word when the speech can be fitted exactly
MIN_TAIL_S = 0.4  # never less: the number must not be clipped by the next item
METER_MARGIN_S = 0.1  # kept from every limit: meters read a soft onset a few ms apart
SILENCE_DBFS = -50.0  # below this a sample is "silence" for trimming (and for silencedetect)

# The pauses between phrases, by kind: (shortest, natural, longest) in seconds. The composer
# moves all of them together between these bounds; the longest stays well under the 1.5 s a
# station's silence detector calls a gap.
SENTENCE, GROUP, NUMBER = "sentence", "group", "number"
PAUSES = {
    SENTENCE: (0.25, 0.4, 1.0),  # between sentences
    GROUP: (0.25, 0.4, 0.7),  # between digit groups: 1 / 888 / 373 / 7888
    NUMBER: (0.1, 0.15, 0.4),  # between the words and the number inside one sentence
}


def trim_silence(samples: np.ndarray, sample_rate: int, keep_s: float = 0.01) -> np.ndarray:
    """Drop leading and trailing silence (engines and recordings both add some), keeping a
    few milliseconds so a soft consonant is not cut."""
    loud = np.flatnonzero(np.abs(samples) > 10.0 ** (SILENCE_DBFS / 20.0))
    if loud.size == 0:
        return samples[:0]
    keep = int(keep_s * sample_rate)
    return samples[max(0, loud[0] - keep) : loud[-1] + 1 + keep]


def silence(seconds: float, sample_rate: int) -> np.ndarray:
    return np.zeros(int(round(seconds * sample_rate)), dtype=np.float32)


def pause_s(kind: str | None, stretch: float) -> float:
    """A pause of this kind at stretch -1 (shortest) .. 0 (natural) .. 1 (longest)."""
    if kind is None:
        return 0.0
    shortest, natural, longest = PAUSES[kind]
    # np.clip of one number, in plain Python: the composer asks this for every pause at
    # every pace it tries (~2 % of a cold check went to numpy's call overhead).
    stretch = -1.0 if stretch < -1.0 else 1.0 if stretch > 1.0 else float(stretch)
    return natural + stretch * ((longest - natural) if stretch >= 0 else (natural - shortest))


def pauses_total_s(pauses: Sequence[str | None], stretch: float) -> float:
    return sum(pause_s(kind, stretch) for kind in pauses)


def stretch_for(pauses: Sequence[str | None], total_s: float) -> float:
    """The stretch at which the pauses add up to total_s (clamped to -1..1): the pause sum is
    linear on each side of natural, so this is exact."""
    natural = pauses_total_s(pauses, 0.0)
    if total_s >= natural:
        room = pauses_total_s(pauses, 1.0) - natural
        return 1.0 if room <= 0 else min(1.0, (total_s - natural) / room)
    room = natural - pauses_total_s(pauses, -1.0)
    return -1.0 if room <= 0 else max(-1.0, (total_s - natural) / room)


def lay(clips: Sequence[np.ndarray], pauses: Sequence[str | None], sample_rate: int, stretch: float) -> np.ndarray:
    """Phrases joined by their pauses at the given stretch."""
    parts: list[np.ndarray] = []
    for clip, kind in zip(clips, pauses):
        if kind is not None:
            parts.append(silence(pause_s(kind, stretch), sample_rate))
        parts.append(np.asarray(clip, np.float32))
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


def clip_spans(
    clips: Sequence[np.ndarray], pauses: Sequence[str | None], sample_rate: int, stretch: float
) -> list[tuple[int, int]]:
    """Where each phrase lands in what lay() makes, as [start, end) samples: the same pauses,
    rounded the same way, so the spans match the laid audio sample for sample."""
    spans: list[tuple[int, int]] = []
    at = 0
    for clip, kind in zip(clips, pauses):
        if kind is not None:
            at += len(silence(pause_s(kind, stretch), sample_rate))
        spans.append((at, at + len(clip)))
        at += len(clip)
    return spans


LINE_GAP_S = 0.15  # a silence at least this long in a one-clip reading may end a line


def share_out(samples: np.ndarray, sample_rate: int, sizes: Sequence[int]) -> list[tuple[int, int]]:
    """[start, end) samples of each line of a reading recorded as one clip (a person, gTTS):
    each line's share of the clip by its length in characters, each cut then moved to the
    nearest pause (a silence of LINE_GAP_S or more) in order, so a line ends where the reader
    breathed; where there are fewer pauses than cuts, the shares as they are."""
    total = len(samples)
    shares = np.cumsum([0, *sizes]) / max(1, sum(sizes)) * total
    quiet = np.abs(np.asarray(samples)) <= 10.0 ** (SILENCE_DBFS / 20.0)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
    gaps = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2]) if b - a >= LINE_GAP_S * sample_rate]
    gaps = [(a, b) for a, b in gaps if 0 < a and b < total]  # pauses inside the reading, not its ends
    chosen: list[tuple[int, int]] = []
    for target in shares[1:-1]:
        later = [g for g in gaps if not chosen or g[0] > chosen[-1][0]]
        left = len(shares) - 2 - len(chosen)  # cuts still to place, this one included
        if len(later) < left:
            chosen = []
            break
        # The nearest pause that leaves enough pauses for the cuts after it.
        usable = later[: len(later) - left + 1]
        chosen.append(min(usable, key=lambda g: abs((g[0] + g[1]) / 2 - target)))
    if chosen or len(sizes) == 1:
        bounds = [0, *[v for a, b in chosen for v in (a, b)], total]
        return [(bounds[2 * i], bounds[2 * i + 1]) for i in range(len(sizes))]
    cuts = np.rint(shares).astype(int)
    return [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:])]


@dataclass(frozen=True)
class SpokenLine:
    """One line of a spot's script and when it is heard, in seconds from the spot's start."""

    text: str
    message_id: str | None  # None: a line the composer added (the bare number)
    start_s: float
    end_s: float


@dataclass(frozen=True)
class SpotTimeline:
    """Each spoken line's place in the final spot (after pacing, pauses, lead-in and
    placement): what captions are timed by."""

    lines: tuple[SpokenLine, ...]
    booked_s: int
    # False: each line's own phrases were placed (a phrase-by-phrase voice); True: one clip
    # for the whole script (a recording, gTTS), so lines were found at its pauses
    # (share_out), or shared out by their length where it has too few.
    estimated: bool = False


def join(pieces: Sequence[np.ndarray | float], sample_rate: int) -> np.ndarray:
    """Concatenate clips and pauses (a float is a pause in seconds)."""
    parts = [silence(p, sample_rate) if isinstance(p, (int, float)) else np.asarray(p, np.float32) for p in pieces]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Polyphase resampling by the exact rational ratio (22050 -> 48000 is 320/147).

    Only the stretches with sound are filtered: a composed spot is a third to a half digital
    silence (its pauses), and a point of the resampled signal whose filter reads only zeros
    is zero. The stretches, each with RESAMPLE_CONTEXT zeros of its own either side and each
    starting on a whole output sample (a multiple of the ratio's denominator), are laid end
    to end and filtered in one call; each stretch's points are the whole signal's, to the bit
    (the same products summed in the same order; tests/test_radio_timeline.py)."""
    if source_rate == target_rate:
        return np.asarray(samples, np.float32)
    from scipy.signal import resample_poly

    ratio = Fraction(target_rate, source_rate)
    up, down = ratio.numerator, ratio.denominator
    data = np.asarray(samples, np.float64)
    spans = _sounding(data, up, down)
    if len(spans) <= 1:
        return resample_poly(data, up, down).astype(np.float32)
    pieces: list[np.ndarray] = []
    for first, last in spans:
        pieces += [data[first:last], np.zeros((first - last) % down)]
    over = resample_poly(np.concatenate(pieces), up, down)
    out = np.zeros(-(-len(data) * up // down), np.float32)
    at = 0  # where the stretch starts in the laid-out input: always a multiple of down
    for first, last in spans:
        begin, end = first * up // down, -(-last * up // down)
        out[begin:end] = over[at * up // down : at * up // down + end - begin]
        at += last - first + (first - last) % down
    return out


def _sounding(data: np.ndarray, up: int, down: int) -> list[tuple[int, int]]:
    """[first, last) of each stretch of data that holds sound, widened by the resampling
    filter's reach in zeros and started on a multiple of down; stretches closer than that
    are one."""
    # resample_poly's filter: 10 * max(up, down) taps either side at the up-sampled rate.
    margin = -(-10 * max(up, down) // up) + -(-down // up) + RESAMPLE_CONTEXT
    sound = np.flatnonzero(data)
    if sound.size == 0:
        return [(0, len(data))]
    breaks = np.flatnonzero(np.diff(sound) > 2 * margin + down)
    starts = np.r_[sound[0], sound[breaks + 1]]
    ends = np.r_[sound[breaks], sound[-1]] + 1
    return [
        (max(0, (int(start) - margin) // down * down), min(len(data), int(end) + margin))
        for start, end in zip(starts, ends)
    ]


RESAMPLE_CONTEXT = 16  # zeros beyond the filter's reach kept either side of a stretch


@dataclass(frozen=True)
class Window:
    """How long the speech of a booked spot may run, first sound to last, in seconds."""

    booked_s: int
    shortest_s: float  # shorter leaves more dead air at the end than stations allow
    longest_s: float  # longer does not fit with its lead-in and minimum tail
    target_s: float  # what a re-paced voice is fitted to exactly
    head_max_s: float  # where the speech may start at the latest

    def fits(self, speech_s: float) -> bool:
        return self.shortest_s <= speech_s <= self.longest_s


def window(booked_seconds: int, *, head_max_s: float, tail_max_s: float, outro_s: float = 0.0) -> Window:
    """outro_s: seconds the music bed may carry alone after the last word."""
    head_max = head_max_s - METER_MARGIN_S
    longest = booked_seconds - LEAD_IN_S - MIN_TAIL_S
    shortest = booked_seconds - head_max - (tail_max_s - METER_MARGIN_S) - outro_s
    target = min(longest, max(shortest, booked_seconds - LEAD_IN_S - TAIL_TARGET_S))
    return Window(booked_seconds, shortest, longest, target, head_max)


def head_for(speech_s: float, frame: Window) -> float:
    """Where the speech starts: after the lead-in, or later (up to the head limit) when a
    fixed-length reading would otherwise leave a long tail."""
    return float(np.clip(frame.booked_s - speech_s - TAIL_TARGET_S, LEAD_IN_S, max(LEAD_IN_S, frame.head_max_s)))


def place(speech: np.ndarray, sample_rate: int, booked_seconds: int, head_s: float) -> np.ndarray:
    """The speech at head_s in exactly booked_seconds * rate samples (the composer made sure
    it fits)."""
    total = booked_seconds * sample_rate
    start = int(round(head_s * sample_rate))
    out = np.zeros(total, dtype=np.float32)
    body = np.asarray(speech, np.float32)[: max(0, total - start)]
    out[start : start + len(body)] = body
    return out
