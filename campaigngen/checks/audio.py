"""What a station's ingest checks on a spot: exact booked length, loudness, true peak, format.

Loudness is ITU-R BS.1770 integrated loudness, measured by our own vectorised meter (the
tests hold it to pyloudnorm's and ffmpeg's ebur128 readings). True peak is not the sample
peak: between samples the reconstructed wave can swing higher and clip a station's D/A or
MP3 encoder, so it is measured on a 4x oversampled signal (BS.1770-4 Annex 2). Short-term
and momentary loudness (EBU Tech 3341) and the loudness range (Tech 3342) share the same
K-weighting; EBU R128 s1 limits short-term loudness in short spots.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np

from campaigngen.checks.findings import ERROR, WARNING, Finding
from campaigngen.sources.broadcast import PRESETS, LoudnessPreset

CHECK = "audio"
SILENCE_LUFS = -70.0  # BS.1770 absolute gate: anything quieter is not measured
# What a station's silence detector calls silence: ffmpeg's `silencedetect=noise=-50dB:d=0.3`.
SILENCE_DB = -50.0
SILENCE_MIN_S = 0.3


@dataclass(frozen=True)
class AudioMeasurement:
    duration_s: float
    frames: int
    sample_rate: int
    bit_depth: int | None  # None for compressed formats
    channels: int
    loudness_lufs: float
    true_peak_dbtp: float
    max_short_term_lufs: float
    max_momentary_lufs: float
    loudness_range_lu: float


# ------------------------------------------------------------------------------ meters


def to_db(linear: float) -> float:
    return float(20.0 * np.log10(linear)) if linear > 0 else float("-inf")


def true_peak_dbtp(samples: np.ndarray, sample_rate: int) -> float:
    """Peak of the 4x oversampled signal in dBTP (8x below 48 kHz: the inter-sample overs
    of a 44.1 kHz file hide between 4x points more often)."""
    from scipy.signal import resample_poly

    data = np.asarray(samples, dtype=np.float64)
    if data.ndim == 1:
        data = data[:, None]
    start, end = active_span(np.abs(data).max(axis=1), pad=64)  # silence has no peaks
    factor = 4 if sample_rate >= 48000 else 8
    over = resample_poly(data[start:end], factor, 1, axis=0)
    return to_db(float(np.max(np.abs(over))) if over.size else 0.0)


def integrated_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """BS.1770-4 gated integrated loudness (400 ms blocks, 75 % overlap, -70 LUFS absolute and
    -10 LU relative gates). Our own, vectorised: pyloudnorm's loop took ~350 ms per 30 s spot
    and the normaliser calls this every round. tests check it against pyloudnorm. Channels'
    powers add (left and right weigh 1): dual-mono measures 3 dB above its one channel."""
    power = _weighted_power(samples, sample_rate)
    block, step = int(round(0.4 * sample_rate)), int(round(0.1 * sample_rate))
    if len(power) < block:
        return float("-inf")
    energy = np.concatenate([[0.0], np.cumsum(power)])
    starts = np.arange(0, len(power) - block + 1, step)
    mean_square = (energy[starts + block] - energy[starts]) / block
    with np.errstate(divide="ignore"):
        block_lufs = -0.691 + 10.0 * np.log10(mean_square)
    kept = mean_square[block_lufs > SILENCE_LUFS]
    if kept.size == 0:
        return float("-inf")
    relative_gate = -0.691 + 10.0 * np.log10(kept.mean()) - 10.0
    kept = mean_square[block_lufs > max(SILENCE_LUFS, relative_gate)]
    return float(-0.691 + 10.0 * np.log10(kept.mean()))


def active_span(samples: np.ndarray, pad: int) -> tuple[int, int]:
    """First and last non-zero sample, widened by pad: oversampling the digital silence
    around a spot's speech is wasted work."""
    nonzero = np.flatnonzero(samples)
    if nonzero.size == 0:
        return 0, 0
    return max(0, int(nonzero[0]) - pad), min(len(samples), int(nonzero[-1]) + 1 + pad)


def _weighted_power(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """K-weighted power per sample, channels summed (BS.1770: left and right weigh 1)."""
    data = np.asarray(samples, dtype=np.float64)
    channels = [data] if data.ndim == 1 else [data[:, c] for c in range(data.shape[1])]
    power = np.zeros(len(data))
    for channel in channels:
        weighted = _k_weighted_mono(channel, sample_rate)
        power += weighted * weighted
    return power


def _k_weighted_mono(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    from scipy.signal import sosfilt

    data = np.asarray(samples, dtype=np.float64)
    if data.ndim == 2:
        # BS.1770 sums channel powers; spots are mono, and a stereo file is measured as
        # its channel average here only for the short-term/momentary maxima.
        data = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1)
    # A -600 dB signal at the Nyquist rate keeps the filter state out of denormal numbers in
    # digital silence (measured: 570 ms -> 14 ms for a 30 s spot); its energy is nil.
    guard = np.where(np.arange(len(data)) % 2, -1e-30, 1e-30)
    return sosfilt(k_weighting(sample_rate), data + guard)


def k_weighting(sample_rate: int) -> np.ndarray:
    """BS.1770 K-weighting (high shelf + RLB high-pass) as one second-order-sections filter,
    designed for any rate from the analog prototype by the bilinear transform."""
    # Stage 1: high shelf, +4 dB above ~1.7 kHz (the head's acoustic effect).
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = np.tan(np.pi * f0 / sample_rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh**0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf_b = np.array([vh + vb * k / q + k * k, 2.0 * (k * k - vh), vh - vb * k / q + k * k]) / a0
    shelf_a = np.array([1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0])
    # Stage 2: high-pass at ~38 Hz (RLB): low rumble does not sound loud.
    f0, q = 38.13547087602444, 0.5003270373238773
    k = np.tan(np.pi * f0 / sample_rate)
    a0 = 1.0 + k / q + k * k
    hp_b = np.array([1.0, -2.0, 1.0])
    hp_a = np.array([1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0])
    return np.vstack([np.r_[shelf_b, shelf_a], np.r_[hp_b, hp_a]])


def windowed_loudness(samples: np.ndarray, sample_rate: int, window_s: float, step_s: float = 0.1) -> np.ndarray:
    """Ungated loudness of sliding windows (0.4 s = momentary, 3 s = short-term), in LUFS."""
    power = _weighted_power(samples, sample_rate)
    window, step = int(round(window_s * sample_rate)), int(round(step_s * sample_rate))
    if len(power) < window:
        return np.array([])
    energy = np.concatenate([[0.0], np.cumsum(power)])
    starts = np.arange(0, len(power) - window + 1, step)
    mean_square = (energy[starts + window] - energy[starts]) / window
    with np.errstate(divide="ignore"):
        return -0.691 + 10.0 * np.log10(np.maximum(mean_square, 1e-20))


def loudness_range(short_term: np.ndarray) -> float:
    """EBU Tech 3342 LRA: spread (10th to 95th percentile) of the short-term loudness,
    gated at -70 LUFS absolute and 20 LU under the gated mean."""
    kept = short_term[short_term > SILENCE_LUFS]
    if kept.size == 0:
        return 0.0
    relative = 10.0 * np.log10(np.mean(10.0 ** (kept / 10.0))) - 20.0
    kept = kept[kept > relative]
    return float(np.percentile(kept, 95) - np.percentile(kept, 10))


def _max_or_silence(values: np.ndarray) -> float:
    return float(values.max()) if values.size else float("-inf")


def measure_samples(samples: np.ndarray, sample_rate: int, *, bit_depth: int | None = None) -> AudioMeasurement:
    data = np.asarray(samples, dtype=np.float64)
    channels = 1 if data.ndim == 1 else data.shape[1]
    short_term = windowed_loudness(data, sample_rate, 3.0)
    return AudioMeasurement(
        duration_s=len(data) / sample_rate,
        frames=len(data),
        sample_rate=sample_rate,
        bit_depth=bit_depth,
        channels=channels,
        loudness_lufs=integrated_lufs(data, sample_rate),
        true_peak_dbtp=true_peak_dbtp(data, sample_rate),
        max_short_term_lufs=_max_or_silence(short_term),
        max_momentary_lufs=_max_or_silence(windowed_loudness(data, sample_rate, 0.4)),
        loudness_range_lu=loudness_range(short_term),
    )


_BIT_DEPTHS = {"PCM_16": 16, "PCM_24": 24, "PCM_32": 32, "PCM_U8": 8, "FLOAT": 32, "DOUBLE": 64}


def measure_wav(path: Path) -> AudioMeasurement:
    """Measure a written file the way a station's ingest does: from the file, not from memory."""
    import soundfile

    info = soundfile.info(str(path))
    samples, rate = soundfile.read(str(path), dtype="float64", always_2d=True)
    return measure_samples(samples, rate, bit_depth=_BIT_DEPTHS.get(info.subtype))


@dataclass(frozen=True)
class AirTime:
    """Where a spot has sound, as a silence detector sees it (any channel above -50 dBFS)."""

    duration_s: float
    head_s: float  # silence before the first sound
    tail_s: float  # silence after the last sound
    longest_gap_s: float  # the longest silence between sounds (0 when none lasts SILENCE_MIN_S)
    sound_s: float  # first sound to last sound

    def as_facts(self) -> dict[str, float]:
        return {
            "head_s": round(float(self.head_s), 3),
            "tail_s": round(float(self.tail_s), 3),
            "longest_gap_s": round(float(self.longest_gap_s), 3),
            "sound_s": round(float(self.sound_s), 3),
        }


def air_time(samples: np.ndarray, sample_rate: int, threshold_db: float = SILENCE_DB) -> AirTime:
    data = np.abs(np.asarray(samples, dtype=np.float32))
    level = data if data.ndim == 1 else data.max(axis=1)
    loud = np.flatnonzero(level >= 10.0 ** (threshold_db / 20.0))
    duration = len(level) / sample_rate
    if loud.size == 0:
        return AirTime(duration, duration, duration, 0.0, 0.0)
    gaps = np.diff(loud) - 1
    longest = float(gaps.max()) / sample_rate if gaps.size else 0.0
    return AirTime(
        duration,
        loud[0] / sample_rate,
        (len(level) - 1 - loud[-1]) / sample_rate,
        longest if longest >= SILENCE_MIN_S else 0.0,
        (loud[-1] + 1 - loud[0]) / sample_rate,
    )


def dead_air_findings(
    air: AirTime, preset: LoudnessPreset, *, language: str = "", spot_id: str | None = None, source: str = ""
) -> list[Finding]:
    """Silence a station's detector (or its automation trimming silence) would act on."""
    from campaigngen import checknames

    where = f" ({source})" if source else ""
    findings: list[Finding] = []

    def add(text: str, measure: str, value: float, limit: float) -> None:
        findings.append(
            Finding(
                checknames.DEAD_AIR,
                language,
                None,
                text + where,
                ERROR,
                MappingProxyType({"measure": measure, "value": round(value, 3), "limit": limit}),
                target=spot_id,
                code=_DEAD_AIR_CODES[measure],
            )
        )

    if air.sound_s == 0.0:
        add("the spot is silent", "sound_s", 0.0, preset.tail_max_s)
        return findings
    if air.head_s > preset.head_max_s:
        add(
            f"{air.head_s:.2f} s of silence before the first word; stations allow {preset.head_max_s:g} s",
            "head_s",
            air.head_s,
            preset.head_max_s,
        )
    if air.tail_s > preset.tail_max_s:
        add(
            f"{air.tail_s:.2f} s of silence after the last word; stations allow {preset.tail_max_s:g} s "
            f"(automation trims it and the spot comes up short)",
            "tail_s",
            air.tail_s,
            preset.tail_max_s,
        )
    if air.longest_gap_s > preset.gap_max_s:
        add(
            f"a {air.longest_gap_s:.2f} s silence inside the spot; stations' silence detectors allow "
            f"{preset.gap_max_s:g} s",
            "longest_gap_s",
            air.longest_gap_s,
            preset.gap_max_s,
        )
    return findings


# ----------------------------------------------------------------------------- findings

# A finding's code by what was measured.
_DEAD_AIR_CODES = {
    "sound_s": "spot.silent",
    "head_s": "spot.silence-at-start",
    "tail_s": "spot.silence-at-end",
    "longest_gap_s": "spot.silence-inside",
}
_AUDIO_CODES = {
    "frames": "audio.wrong-length",
    "sample_rate": "audio.sample-rate",
    "bit_depth": "audio.bit-depth",
    "channels": "audio.channels",
    "loudness_lufs": "audio.loudness",
    "true_peak_dbtp": "audio.true-peak",
    "max_short_term_lufs": "audio.short-term-loudness",
}


def audio_findings(
    measurement: AudioMeasurement,
    booked_seconds: float,
    preset: LoudnessPreset | str,
    *,
    language: str = "",
    spot_id: str | None = None,
) -> list[Finding]:
    """Everything a station would reject the file for, one finding each."""
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    m = measurement
    findings: list[Finding] = []

    def add(text: str, severity: str = ERROR, **detail) -> None:
        code = _AUDIO_CODES[detail["measure"]]
        findings.append(Finding(CHECK, language, spot_id, text, severity, MappingProxyType(detail), code=code))

    booked_frames = int(round(booked_seconds * m.sample_rate))
    if m.frames != booked_frames:
        add(
            f"spot is {m.frames} samples ({m.duration_s:.3f} s), booked {booked_seconds:g} s is "
            f"{booked_frames} samples - stations reject a spot that is not exactly the booked length",
            measure="frames",
            value=m.frames,
            limit=booked_frames,
        )
    if m.sample_rate not in (preset.sample_rate, 48000):
        add(
            f"sample rate {m.sample_rate} Hz, {preset.standard} delivery expects {preset.sample_rate} Hz",
            measure="sample_rate",
            value=m.sample_rate,
            limit=preset.sample_rate,
        )
    if m.bit_depth is not None and m.bit_depth < 16:
        add(
            f"{m.bit_depth}-bit audio, stations expect at least 16-bit",
            measure="bit_depth",
            value=m.bit_depth,
            limit=16,
        )
    if m.channels not in (1, 2):
        add(
            f"{m.channels} channels, spots are delivered mono or dual-mono stereo",
            WARNING,
            measure="channels",
            value=m.channels,
            limit=2,
        )
    off = m.loudness_lufs - preset.target_lufs
    if not np.isfinite(m.loudness_lufs) or abs(off) > preset.tolerance_lu:
        add(
            f"integrated loudness {m.loudness_lufs:.1f} LUFS, {preset.standard} wants "
            f"{preset.target_lufs:g} +-{preset.tolerance_lu:g} LU",
            measure="loudness_lufs",
            value=round(m.loudness_lufs, 2),
            limit=preset.target_lufs,
        )
    if m.true_peak_dbtp > preset.true_peak_max_dbtp:
        add(
            f"true peak {m.true_peak_dbtp:.2f} dBTP is above the {preset.true_peak_max_dbtp:g} dBTP ceiling "
            f"of {preset.standard}",
            measure="true_peak_dbtp",
            value=round(m.true_peak_dbtp, 2),
            limit=preset.true_peak_max_dbtp,
        )
    if preset.max_short_term_lufs is not None and m.max_short_term_lufs > preset.max_short_term_lufs:
        add(
            f"short-term loudness reaches {m.max_short_term_lufs:.1f} LUFS, R128 s1 allows "
            f"{preset.max_short_term_lufs:g} LUFS in short-form content",
            WARNING,
            measure="max_short_term_lufs",
            value=round(m.max_short_term_lufs, 2),
            limit=preset.max_short_term_lufs,
        )
    return findings


__all__ = [
    "AirTime",
    "AudioMeasurement",
    "LoudnessPreset",
    "PRESETS",
    "air_time",
    "audio_findings",
    "dead_air_findings",
    "integrated_lufs",
    "measure_samples",
    "measure_wav",
    "true_peak_dbtp",
    "windowed_loudness",
]
