"""Files a campaign points at (recordings, a music bed, logos), read once with the config so
a render uses exactly the bytes that were checked."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from campaigngen.exceptions import InputError
from campaigngen.sources.input_files import read_input

MAX_MEDIA_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class MediaFile:
    """A file the campaign points at, read whole; problem says why it could not be used."""

    path: Path
    data: bytes | None  # None when it could not be read; problem says why
    problem: str | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def read_media(path: Path, *, audio: bool = False) -> MediaFile:
    """A recording or music bed, read whole; a missing or unreadable file is noted, not raised.
    With audio=True the bytes must also decode to at least 0.4 s of sound."""
    try:
        data = read_input(path, "recording or music bed", MAX_MEDIA_BYTES)
    except InputError as exc:
        return MediaFile(path, None, exc.problem)
    except FileNotFoundError:
        return MediaFile(path, None, "file not found")
    except OSError as exc:
        return MediaFile(path, None, f"cannot be read ({exc.strerror})")
    problem = audio_problem(data) if audio else None
    return MediaFile(path, None if problem else data, problem)


def audio_problem(data: bytes) -> str | None:
    """Why these bytes cannot be a recording or music bed, or None."""
    import io

    import numpy as np
    import soundfile

    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        return "not a readable WAV, FLAC or MP3 file"
    # BS.1770 cannot measure under 0.4 s, and silence cannot be brought to any loudness.
    if len(samples) < 0.4 * rate or float(np.abs(samples).max(initial=0.0)) < 1e-4:
        return "silent or shorter than 0.4 s"
    return None
