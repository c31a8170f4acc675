"""Measure a spot as a station does, with ffmpeg (Debian's package): `ebur128=peak=true` for
integrated loudness and true peak, `silencedetect=noise=-50dB:d=0.3` for dead air. Nothing
here reuses campaigngen's own meters."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

COMMAND = "ffmpeg -hide_banner -nostats -i FILE -af ebur128=peak=true,silencedetect=noise=-50dB:d=0.3 -f null -"


def require_ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("ffmpeg is missing in CI: the Makefile's SYSTEM_PACKAGES installs it")
    pytest.skip("ffmpeg not installed (apt-get install ffmpeg; `make setup` installs it)")


@dataclass(frozen=True)
class StationReading:
    duration_s: float
    lufs: float
    true_peak_dbtp: float
    head_s: float  # silence from 0 (0 when silencedetect finds none there)
    tail_s: float  # silence running to the end
    longest_gap_s: float  # any other silence
    silences: tuple[tuple[float, float], ...]


def measure(path: Path) -> StationReading:
    ffmpeg = require_ffmpeg()
    args = [ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af",
            "ebur128=peak=true,silencedetect=noise=-50dB:d=0.3", "-f", "null", "-"]
    log = subprocess.run(args, capture_output=True, text=True, check=True).stderr
    summary = log[log.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    duration = _duration(log)
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.e+-]+)", log)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.e+-]+)", log)]
    if len(ends) < len(starts):  # silence running to the end of the file
        ends.append(duration)
    silences = tuple(zip(starts, ends))
    head = next((end - start for start, end in silences if start <= 0.001), 0.0)
    tail = next((end - start for start, end in silences if end >= duration - 0.001), 0.0)
    inner = [end - start for start, end in silences if start > 0.001 and end < duration - 0.001]
    return StationReading(duration, lufs, peak, head, tail, max(inner, default=0.0), silences)


def _duration(log: str) -> float:
    match = re.search(r"Duration: (\d+):(\d+):([\d.]+)", log)
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), float(match.group(3))
    return hours * 3600 + minutes * 60 + seconds
