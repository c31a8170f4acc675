"""MP3 copy of a spot: CBR 192 kbps (stations' minimum), ID3v2.4 tags a traffic system reads.

Encoded by libsndfile's LAME inside the soundfile wheel (no padding added, no ffmpeg).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BITRATE_KBPS = 192


@dataclass(frozen=True)
class Id3Tags:
    title: str
    campaign: str  # album: groups a campaign's spots in a station's library
    campaign_id: str
    language_iso639_2: str
    length_ms: int
    comment: str


def _compression_level(kbps: int) -> float:
    # libsndfile maps compression level 0..1 linearly onto 320..0 kbps for CBR MPEG (measured:
    # 0 -> 320, 0.2 -> 256, 0.5 -> 160); the written bitrate is checked after encoding.
    return 1.0 - kbps / 320.0


def write_mp3(path: Path, samples: np.ndarray, sample_rate: int, tags: Id3Tags) -> int:
    """Encode, tag, and move into place atomically; returns the bitrate actually written."""
    import soundfile
    from mutagen.id3 import COMM, ID3, TALB, TIT2, TLAN, TLEN, TXXX
    from mutagen.mp3 import MP3

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part.mp3", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        soundfile.write(str(tmp), np.asarray(samples, np.float32), sample_rate, format="MP3",
                        subtype="MPEG_LAYER_III", compression_level=_compression_level(BITRATE_KBPS),
                        bitrate_mode="CONSTANT")
        bitrate = MP3(str(tmp)).info.bitrate // 1000
        if bitrate < BITRATE_KBPS:
            raise RuntimeError(f"MP3 encoder wrote {bitrate} kbps, stations need {BITRATE_KBPS}")
        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags.title))
        id3.add(TALB(encoding=3, text=tags.campaign))
        id3.add(TXXX(encoding=3, desc="campaign", text=tags.campaign_id))
        id3.add(TLAN(encoding=3, text=tags.language_iso639_2))
        id3.add(TLEN(encoding=3, text=str(tags.length_ms)))
        id3.add(COMM(encoding=3, lang=tags.language_iso639_2, desc="", text=tags.comment))
        id3.save(str(tmp), v2_version=4)
        os.replace(tmp, path)
        return bitrate
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
