"""What a station's ingest checks on a spot: exact booked length, loudness, true peak, format,
and the silences its detector acts on.

Every level is read by the project's one meter (`campaigngen/loudness.py`: BS.1770 loudness,
true peak, short-term and momentary loudness, loudness range), the same one mastering levels
the spot with; EBU R128 s1 limits short-term loudness in short spots.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np

from campaigngen.checks.findings import ERROR, WARNING, Finding
from campaigngen.loudness import loudness_range, readings, true_peak_dbtp
from campaigngen.sources.broadcast import PRESETS, LoudnessPreset

CHECK = "audio"
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


# ------------------------------------------------------------------------------ measuring


def _max_or_silence(values: np.ndarray) -> float:
    return float(values.max()) if values.size else float("-inf")


def measure_samples(samples: np.ndarray, sample_rate: int, *, bit_depth: int | None = None) -> AudioMeasurement:
    data = np.asarray(samples, dtype=np.float64)
    channels = 1 if data.ndim == 1 else data.shape[1]
    integrated, short_term, momentary = readings(data, sample_rate)
    return AudioMeasurement(
        duration_s=len(data) / sample_rate,
        frames=len(data),
        sample_rate=sample_rate,
        bit_depth=bit_depth,
        channels=channels,
        loudness_lufs=integrated,
        true_peak_dbtp=true_peak_dbtp(data, sample_rate),
        max_short_term_lufs=_max_or_silence(short_term),
        max_momentary_lufs=_max_or_silence(momentary),
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
    loud = level >= 10.0 ** (threshold_db / 20.0)
    duration = len(level) / sample_rate
    first = int(np.argmax(loud)) if len(loud) else 0
    if len(loud) == 0 or not loud[first]:
        return AirTime(duration, duration, duration, 0.0, 0.0)
    last = len(loud) - 1 - int(np.argmax(loud[::-1]))
    # The longest run of quiet samples between the first and the last loud one, from where
    # loudness changes (a few thousand places in a spot) rather than from the index of every
    # loud sample (over a million): the same count of samples.
    changes = np.flatnonzero(np.diff(loud[first : last + 1].view(np.int8)))
    quiet_runs = changes[1::2] - changes[0::2]  # each quiet run: from a fall to the next rise
    longest = float(quiet_runs.max()) / sample_rate if quiet_runs.size else 0.0
    return AirTime(
        duration,
        first / sample_rate,
        (len(level) - 1 - last) / sample_rate,
        longest if longest >= SILENCE_MIN_S else 0.0,
        (last + 1 - first) / sample_rate,
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
    "measure_samples",
    "measure_wav",
]
