"""A spot's mastered audio and its encodings, kept by content key.

Mastering (placing, normalising, limiting), measuring (loudness, true peak, air time) and
levelling the MP3 (and MP2) by encoding, decoding and measuring again are most of the cost
of a spot: 2-4 s for a :30, where speaking it takes a tenth of that. What they make depends
only on the speech's samples, where it starts, the booking, the music bed, the delivery
preset, the channels, the bit depth and the encoders' bitrates, and on the code and libraries
that master and encode. Those are the key; the result is kept in the user's cache folder, so
a spot whose speech did not change is not mastered and encoded again: a build after
a change to its spot code, title, traffic dates or live-read card, a build into another
folder, a publish from a fresh checkout of the same campaign. A changed input is a new key,
so nothing kept is ever stale; only what passed every check is kept; a cache that cannot be
read or written is not used. The folder is kept under MAX_BYTES, the least recently used
entries removed first.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from campaigngen import __version__
from campaigngen.atomic import kept_or_made, prune_least_recent, user_cache_dir
from campaigngen.checks.audio import AirTime, AudioMeasurement
from campaigngen.renderers.radio.mp3 import LevelledMp3
from campaigngen.sources.broadcast import LoudnessPreset

MAX_BYTES = 1 << 30  # a 40-language campaign's spots several times over (~3.5 MB a :30)
_FORMAT = 1
# The code that masters, measures and encodes, and the libraries it does so with.
_CODE_FOLDERS = ("renderers/radio",)
_CODE_FILES = ("loudness.py", "oversample.py", "checks/audio.py", "sources/broadcast.py", "atomic.py")
_LIBRARIES = ("numpy", "scipy", "soundfile", "av")


@dataclass(frozen=True)
class Mastered:
    """A spot as it airs: whole-number samples (frames, or frames x channels), what they
    measure, and the lossy copies levelled to decode at the same loudness."""

    pcm: np.ndarray
    measured: AudioMeasurement
    air: AirTime
    mp3: LevelledMp3
    mp2: LevelledMp3 | None


@dataclass(frozen=True)
class MasteringInputs:
    """Everything mastering and encoding a spot's speech depends on, but the code."""

    voice: np.ndarray  # the composed speech at the delivery rate
    head_s: float
    booked_s: int
    music_bed: bytes | None
    preset: LoudnessPreset
    channels: int
    bit_depth: int
    mp3_kbps: int
    mp2_kbps: int | None  # None: no MP2 asked for

    def key(self) -> str:
        voice = np.ascontiguousarray(self.voice)
        parts = {
            "format": _FORMAT,
            "code": code_key(),
            "voice": [hashlib.sha256(voice.tobytes()).hexdigest(), str(voice.dtype), list(voice.shape)],
            "head_s": repr(float(self.head_s)),
            "booked_s": self.booked_s,
            "music_bed": hashlib.sha256(self.music_bed).hexdigest() if self.music_bed is not None else None,
            "preset": asdict(self.preset),
            "channels": self.channels,
            "bit_depth": self.bit_depth,
            "mp3_kbps": self.mp3_kbps,
            "mp2_kbps": self.mp2_kbps,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


@lru_cache(maxsize=1)
def code_key() -> str:
    """campaigngen's mastering and encoding source and the libraries' versions (libsndfile's
    own, too: it is bundled with soundfile but versioned apart)."""
    package = Path(__file__).resolve().parents[2]
    hasher = hashlib.sha256(__version__.encode())
    files = [package / name for name in _CODE_FILES]
    for folder in _CODE_FOLDERS:
        files += (package / folder).glob("*.py")
    for path in sorted(files):
        hasher.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    for name in _LIBRARIES:
        try:
            hasher.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{name}=-".encode())
    import soundfile

    hasher.update(f"libsndfile={soundfile.__libsndfile_version__}".encode())
    return hasher.hexdigest()


def cache_dir() -> Path:
    return user_cache_dir("audio")


def mastered(inputs: MasteringInputs, make: Callable[[], Mastered]) -> Mastered:
    """make()'s result for these inputs: read back when kept, else made and kept. make()
    raises what cannot air (nothing is kept then)."""
    key = inputs.key()
    return kept_or_made(
        cache_dir() / key[:2] / f"{key}.npz",
        _read,
        make,
        _packed,
        lambda: prune_least_recent(cache_dir(), "*/*.npz", MAX_BYTES),
    )


def _lossy(levelled: LevelledMp3 | None) -> dict | None:
    if levelled is None:
        return None
    return {k: v for k, v in asdict(levelled).items() if k != "data"}


def _packed(made: Mastered) -> bytes:
    facts = {
        "measured": asdict(made.measured),
        "air": asdict(made.air),
        "mp3": _lossy(made.mp3),
        "mp2": _lossy(made.mp2),
    }
    buffer = io.BytesIO()
    np.savez(
        buffer,
        pcm=made.pcm,
        mp3=np.frombuffer(made.mp3.data, np.uint8),
        mp2=np.frombuffer(made.mp2.data if made.mp2 is not None else b"", np.uint8),
        facts=np.array(json.dumps(facts)),
    )
    return buffer.getvalue()


def _read(path: Path) -> Mastered | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            facts = json.loads(str(stored["facts"]))
            pcm, mp3, mp2 = stored["pcm"], stored["mp3"].tobytes(), stored["mp2"].tobytes()
        return Mastered(
            pcm,
            AudioMeasurement(**facts["measured"]),
            AirTime(**facts["air"]),
            LevelledMp3(mp3, **facts["mp3"]),
            LevelledMp3(mp2, **facts["mp2"]) if facts["mp2"] is not None else None,
        )
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None  # not there, or not whole: made again
