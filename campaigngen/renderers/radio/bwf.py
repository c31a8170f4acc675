"""Broadcast WAV: 16- or 24-bit PCM RIFF with a `bext` chunk (EBU Tech 3285 version 2) and a
`cart` chunk (AES46-2002, cart.py).

Written by hand (it is four chunks) because soundfile cannot write bext loudness fields or
cart at all, and stations' ingest reads them: description, originator, date and time,
loudness (bext); title, advertiser, cut ID, start and kill, timers (cart).
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from campaigngen.atomic import write_bytes_atomic
from campaigngen.renderers.radio.cart import Cart, ascii_text

BEXT_VERSION = 2
_BEXT_FIXED = "<256s32s32s10s8sIIH64shhhhh180s"  # EBU Tech 3285 v2, 602 bytes before CodingHistory
_UNKNOWN = 0x7FFF  # Tech 3285 v2: a loudness field that was not measured


@dataclass(frozen=True)
class Bext:
    description: str  # <= 256 ASCII characters
    originator: str  # <= 32
    originator_reference: str  # <= 32, unique per file
    origination: dt.datetime
    loudness_lufs: float | None = None
    loudness_range_lu: float | None = None
    max_true_peak_dbtp: float | None = None
    max_momentary_lufs: float | None = None
    max_short_term_lufs: float | None = None
    coding_history: str = ""

    def pack(self) -> bytes:
        def text(value: str, size: int) -> bytes:
            # ASCII only: a non-ASCII name is romanised, never a malformed chunk.
            return ascii_text(value).encode("ascii")[:size]

        def centi(value: float | None) -> int:
            return _UNKNOWN if value is None or not np.isfinite(value) else int(round(value * 100))

        fixed = struct.pack(
            _BEXT_FIXED,
            text(self.description, 256),
            text(self.originator, 32),
            text(self.originator_reference, 32),
            self.origination.strftime("%Y-%m-%d").encode(),
            self.origination.strftime("%H:%M:%S").encode(),
            0,
            0,
            BEXT_VERSION,
            b"",
            centi(self.loudness_lufs),
            centi(self.loudness_range_lu),
            centi(self.max_true_peak_dbtp),
            centi(self.max_momentary_lufs),
            centi(self.max_short_term_lufs),
            b"",
        )
        history = ascii_text(self.coding_history).encode("ascii")
        if history and not history.endswith(b"\r\n"):
            history += b"\r\n"
        return fixed + history


def _chunk(chunk_id: bytes, body: bytes) -> bytes:
    return chunk_id + struct.pack("<I", len(body)) + body + (b"\0" if len(body) & 1 else b"")


def _samples(pcm: np.ndarray, bit_depth: int) -> bytes:
    if bit_depth == 16:
        return pcm.astype("<i2").tobytes()
    if bit_depth == 24:
        # Little-endian 32-bit words with their top byte dropped: three bytes a sample.
        return pcm.astype("<i4").reshape(-1, 1).view(np.uint8)[:, :3].tobytes()
    raise ValueError(f"no {bit_depth}-bit PCM")


def wav_bytes(pcm: np.ndarray, sample_rate: int, bext: Bext, cart: Cart | None = None, bit_depth: int = 16) -> bytes:
    """pcm: whole-number samples at bit_depth, (frames,) mono or (frames, channels),
    interleaved as RIFF stores it."""
    channels, width = (1 if pcm.ndim == 1 else pcm.shape[1]), bit_depth // 8
    fmt = struct.pack("<HHIIHH", 1, channels, sample_rate, sample_rate * channels * width, channels * width, bit_depth)
    chunks = _chunk(b"fmt ", fmt) + _chunk(b"bext", bext.pack())
    if cart is not None:
        chunks += _chunk(b"cart", cart.pack())
    body = b"WAVE" + chunks + _chunk(b"data", _samples(pcm, bit_depth))
    return b"RIFF" + struct.pack("<I", len(body)) + body


def write_bwf(
    path: Path, pcm: np.ndarray, sample_rate: int, bext: Bext, cart: Cart | None = None, bit_depth: int = 16
) -> None:
    write_bytes_atomic(path, wav_bytes(pcm, sample_rate, bext, cart, bit_depth))
