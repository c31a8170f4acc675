"""Measure a spot as a station does, with ffmpeg (Debian's package): `ebur128=peak=true` for
integrated loudness and true peak, `silencedetect=noise=-50dB:d=0.3` for dead air. Nothing
here reuses campaigngen's own meters."""

from __future__ import annotations

import collections
import hashlib
import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
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


# Readings by the file's bytes: a spot measured once is not run through ffmpeg again when
# another test (or module: spots are shared by content, tests/warm_audio.py) measures the
# same audio. The command and the ffmpeg binary are this process's, fixed for its life.
_readings: dict[bytes, StationReading] = {}


def measure(path: Path) -> StationReading:
    return measure_all([path])[0]


def measure_all(paths: Sequence[Path]) -> list[StationReading]:
    """Each file's reading, in order: the files not measured yet go through one ffmpeg run,
    each input in its own chain of the same two filters (its own meter, its own detector), so
    a release's spots cost one ffmpeg start instead of one each (~0.1 s CPU apiece, a third
    of a 30 s spot's measuring)."""
    keys = [hashlib.sha256(Path(path).read_bytes()).digest() for path in paths]
    fresh = list({key: Path(path) for key, path in zip(keys, paths) if key not in _readings}.items())
    for start in range(0, len(fresh), _INPUTS_PER_RUN):
        batch = fresh[start : start + _INPUTS_PER_RUN]
        for (key, _), reading in zip(batch, _measure([path for _, path in batch])):
            _readings[key] = reading
    return [_readings[key] for key in keys]


_INPUTS_PER_RUN = 40  # files open at once in one ffmpeg


def _measure(paths: Sequence[Path]) -> list[StationReading]:
    """One ffmpeg, input k through its own `ebur128=peak=true,silencedetect=noise=-50dB:d=0.3`
    (filters number in the graph's order: its meter is "Parsed_ebur128_<3k>" in the log).
    The detector logs without its instance's name, so each chain's silences are also printed
    to a file of its own (ametadata: the same strings the log gives); a silence still running
    at the end is logged only (the detector closes it when it is freed), so those ends are
    taken from the log when they are one value, else those files are measured alone."""
    if len(paths) == 1:
        return [_measure_one(paths[0])]
    ffmpeg = require_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="station-meter-") as scratch:
        args, chains, outputs = [ffmpeg, "-hide_banner", "-nostats"], [], []
        for k, path in enumerate(paths):
            args += ["-i", str(path.resolve())]
            # A file name relative to the scratch folder ffmpeg runs in: a path in the filter
            # graph would need escaping (":", ",", ";", "[" and "'" end an option or a chain).
            printed = f"ametadata=mode=print:file={k}.txt"
            chains.append(f"[{k}:a]ebur128=peak=true,silencedetect=noise=-50dB:d=0.3,{printed}[m{k}]")
            outputs += ["-map", f"[m{k}]", "-f", "null", "-"]
        args += ["-filter_complex", ";".join(chains), *outputs]
        log = subprocess.run(args, capture_output=True, text=True, check=True, cwd=scratch).stderr
        printed_by = [Path(scratch, f"{k}.txt").read_text(encoding="utf-8") for k in range(len(paths))]
    headers = re.split(r"^Input #(\d+), ", log, flags=re.M)
    durations = {int(headers[i]): _duration(headers[i + 1]) for i in range(1, len(headers), 2)}
    detectors = [
        "\n".join(f"silence_{edge}: {value}" for edge, value in re.findall(r"lavfi\.silence_(start|end)=(\S+)", text))
        for text in printed_by
    ]
    running = [k for k, said in enumerate(detectors) if said.count("silence_start") > said.count("silence_end")]
    logged = collections.Counter(re.findall(r"\] silence_end: (\S+)", log))
    logged.subtract(re.findall(r"silence_end: (\S+)", "\n".join(detectors)))
    at_end = sorted(logged.elements())
    readings: dict[int, StationReading] = {}
    if running and len(at_end) == len(running) and len(set(at_end)) == 1:
        for k in running:
            detectors[k] += f"\nsilence_end: {at_end[0]}"
    else:
        readings = {k: _measure_one(paths[k]) for k in running}
    meters = _meters(log)
    return [readings.get(k) or _reading(meters[3 * k], detectors[k], durations[k]) for k in range(len(paths))]


def _meters(log: str) -> dict[int, str]:
    """Each meter's last summary, by its filter's number: the summary is one message of many
    lines, its first prefixed with "[Parsed_ebur128_<n> @ 0x...]"."""
    found = re.split(r"^\[Parsed_ebur128_(\d+) @ 0x[0-9a-f]+\] Summary:", log, flags=re.M)
    return {int(found[i]): "Summary:" + found[i + 1] for i in range(1, len(found), 2)}


def _measure_one(path: Path) -> StationReading:
    args = [require_ffmpeg(), "-hide_banner", "-nostats", "-i", str(path)]
    args += ["-af", "ebur128=peak=true,silencedetect=noise=-50dB:d=0.3", "-f", "null", "-"]
    log = subprocess.run(args, capture_output=True, text=True, check=True).stderr
    return _reading(log, log, _duration(log))


def _reading(meter: str, detector: str, duration: float) -> StationReading:
    summary = meter[meter.rindex("Summary:") :]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    starts = [float(v) for v in re.findall(r"silence_start: (-?[\d.e+-]+)", detector)]
    ends = [float(v) for v in re.findall(r"silence_end: ([\d.e+-]+)", detector)]
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


# EBU Tech 3285 v2: the bext chunk's fixed part, 602 bytes before CodingHistory, read as a
# station's ingest reads it (independently of the writer in renderers/radio/bwf.py).
_BEXT_FIELDS = (
    "description",
    "originator",
    "originator_reference",
    "origination_date",
    "origination_time",
    "time_reference_low",
    "time_reference_high",
    "version",
    "umid",
    "loudness_value",
    "loudness_range",
    "max_true_peak_level",
    "max_momentary_loudness",
    "max_short_term_loudness",
    "reserved",
)
_BEXT_LAYOUT = "<256s32s32s10s8sIIH64shhhhh180s"


def read_bext(path: Path) -> dict[str, object]:
    """The bext fields of a broadcast WAV; text fields decoded, loudness in 1/100 units as stored."""
    data = Path(path).read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{Path(path).name} is not a RIFF WAVE file")
    pos = 12
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        body = data[pos + 8 : pos + 8 + size]
        if chunk_id == b"bext":
            fields: dict[str, object] = dict(zip(_BEXT_FIELDS, struct.unpack(_BEXT_LAYOUT, body[:602])))
            for key, value in list(fields.items()):
                if isinstance(value, bytes) and key not in ("umid", "reserved"):
                    fields[key] = value.rstrip(b"\0").decode("ascii")
            fields["coding_history"] = body[602:].rstrip(b"\0").decode("ascii")
            return fields
        pos += 8 + size + (size & 1)
    raise ValueError(f"{Path(path).name} has no bext chunk")


# AES46-2002 (cartchunk.org version 1.01): the cart chunk's fields in order, with their sizes
# in bytes, as the standard's table gives them (read independently of the writer in
# renderers/radio/cart.py: offsets are summed from this table, nothing is shared).
_CART_TABLE = (
    ("version", 4, "text"),
    ("title", 64, "text"),
    ("artist", 64, "text"),
    ("cut_id", 64, "text"),
    ("client_id", 64, "text"),
    ("category", 64, "text"),
    ("classification", 64, "text"),
    ("out_cue", 64, "text"),
    ("start_date", 10, "text"),
    ("start_time", 8, "text"),
    ("end_date", 10, "text"),
    ("end_time", 8, "text"),
    ("producer_app_id", 64, "text"),
    ("producer_app_version", 64, "text"),
    ("user_def", 64, "text"),
    ("level_reference", 4, "int32"),
    ("post_timers", 64, "timers"),  # 8 x (FOURCC usage, uint32 sample offset)
    ("reserved", 276, "bytes"),
    ("url", 1024, "text"),
)


def riff_chunks(path: Path) -> list[tuple[bytes, int, bytes]]:
    """(chunk id, declared size, body) of every top-level chunk of a RIFF WAVE file, in order."""
    data = Path(path).read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{Path(path).name} is not a RIFF WAVE file")
    if struct.unpack("<I", data[4:8])[0] != len(data) - 8:
        raise ValueError(f"{Path(path).name}: the RIFF size is not the file's")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if pos + 8 + size > len(data):
            raise ValueError(f"{Path(path).name}: chunk {chunk_id!r} runs past the end")
        chunks.append((chunk_id, size, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    if pos != len(data):
        raise ValueError(f"{Path(path).name}: {len(data) - pos} stray bytes after the last chunk")
    return chunks


def read_cart(path: Path) -> dict[str, object]:
    """The cart chunk's fields: text without its NUL padding, the level reference as an int,
    post timers as {usage: sample}, and the tag text after the fixed part."""
    body = next((b for chunk_id, _, b in riff_chunks(path) if chunk_id == b"cart"), None)
    if body is None:
        raise ValueError(f"{Path(path).name} has no cart chunk")
    fields: dict[str, object] = {}
    at = 0
    for name, size, kind in _CART_TABLE:
        raw = body[at : at + size]
        at += size
        if kind == "text":
            fields[name] = raw.split(b"\0", 1)[0].decode("ascii")
        elif kind == "int32":
            fields[name] = int.from_bytes(raw, "little", signed=True)
        elif kind == "timers":
            timers = {}
            for i in range(0, size, 8):
                usage, sample = raw[i : i + 4], int.from_bytes(raw[i + 4 : i + 8], "little")
                if usage.strip(b"\0"):
                    timers[usage.decode("ascii")] = sample
            fields[name] = timers
        else:
            fields[name] = raw
    if at != 2048:
        raise AssertionError(f"the AES46 table sums to {at} bytes, not 2048")
    fields["tag_text"] = body[at:].split(b"\0", 1)[0].decode("ascii")
    return fields
