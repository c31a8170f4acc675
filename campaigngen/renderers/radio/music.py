"""An optional music bed or chime under the voice (campaign radio.music_bed), ducked.

The bed sits well under the voice while someone speaks and comes up a little in the lead-in
and tail; a short gap between sentences does not bring it up (that "pumping" distracts from
the number). It fades in over the lead-in and out to exact silence on the last sample.
"""

from __future__ import annotations

import io

import numpy as np

from campaigngen.loudness import integrated_lufs
from campaigngen.renderers.radio import timeline

GAP_LU = -14.0  # bed loudness against the voice where nobody speaks
DUCKED_LU = -24.0  # and under the voice: it must never mask a digit
HOLD_S = 1.2  # a pause shorter than this keeps the bed down
SMOOTH_S = 0.25  # how fast the bed goes down and up again
FADE_IN_S = timeline.LEAD_IN_S
FADE_OUT_S = 1.0
VOICE_ACTIVE_DB = -40.0  # below the voice's peak: counts as someone speaking


def load_bed(data: bytes, sample_rate: int) -> np.ndarray:
    """Mono at the delivery rate; a short chime or loop is repeated to fill the spot. The
    campaign loader already refused a bed that is unreadable, silent or under 0.4 s."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    return timeline.resample(samples.mean(axis=1), rate, sample_rate)


def _fit_length(bed: np.ndarray, frames: int) -> np.ndarray:
    repeats = -(-frames // len(bed))
    return np.tile(bed, repeats)[:frames]


def duck_gain(voice: np.ndarray, sample_rate: int) -> np.ndarray:
    """Per-sample bed gain (linear): DUCKED where the voice speaks (held over short pauses),
    GAP elsewhere, smoothed so it glides."""
    from scipy.ndimage import maximum_filter1d, uniform_filter1d

    peak = float(np.abs(voice).max()) or 1.0
    envelope = uniform_filter1d(np.abs(voice), size=max(1, int(0.02 * sample_rate)))
    active = envelope > peak * 10.0 ** (VOICE_ACTIVE_DB / 20.0)
    held = maximum_filter1d(active.astype(np.uint8), size=int(HOLD_S * sample_rate), mode="constant") > 0
    level_db = np.where(held, DUCKED_LU, GAP_LU)
    smooth_db = uniform_filter1d(level_db, size=int(SMOOTH_S * sample_rate), mode="nearest")
    return (10.0 ** (smooth_db / 20.0)).astype(np.float32)


def mix_bed(voice: np.ndarray, sample_rate: int, bed_data: bytes) -> np.ndarray:
    """voice: the whole spot (lead-in, speech, tail) at its final length. Returns voice + bed."""
    bed = _fit_length(load_bed(bed_data, sample_rate), len(voice))
    voice_lufs = integrated_lufs(voice, sample_rate)
    bed_lufs = integrated_lufs(bed, sample_rate)
    # Scale the bed so that at GAP_LU it would sit GAP_LU under the voice, then duck.
    unity = 10.0 ** ((voice_lufs - bed_lufs) / 20.0)
    shaped = bed * unity * duck_gain(voice, sample_rate)
    fade_in = min(len(shaped), int(FADE_IN_S * sample_rate))
    fade_out = min(len(shaped), int(FADE_OUT_S * sample_rate))
    shaped[:fade_in] *= np.linspace(0.0, 1.0, fade_in, dtype=np.float32)
    shaped[-fade_out:] *= np.linspace(1.0, 0.0, fade_out, dtype=np.float32)  # ends on exact zero
    return (voice + shaped).astype(np.float32)
