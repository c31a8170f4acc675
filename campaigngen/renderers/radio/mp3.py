"""MP3 copy of a spot: CBR at 192 kbps (stations' minimum) or the campaign's bitrate, ID3v2.4
(or v2.3, for older importers) tags a traffic system reads, at the WAV's loudness as decoded.

Encoded by libsndfile's LAME inside the soundfile wheel (no padding added, no ffmpeg). The
encoder changes the level: a -23.0 LUFS WAV decoded at -23.3 (measured with ffmpeg's
ebur128), and its peaks can overshoot. So the MP3 is measured after encoding, decoded as a
station's player decodes it, and encoded again with the gain (and limiter ceiling) corrected
until it reads the preset's target within MATCH_LU and stays under its true-peak ceiling.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from campaigngen.atomic import write_bytes_atomic

BITRATE_KBPS = 192
MATCH_LU = 0.03  # the decoded MP3's loudness against the target (ffmpeg reads within 0.04 LU of ours)
PEAK_MARGIN_DB = 0.1  # kept under the ceiling on the decoded MP3
_ROUNDS = 5
# The decoded MP3 reads this much quieter than what was encoded, for every spot measured (16
# sample spots: -0.265 LU each, LAME 192 kbps CBR through libsndfile): starting the gain
# there, the first encoding lands within MATCH_LU and the second is the exception.
ENCODER_LOSS_DB = 0.265
# The loss is LAME's own: for CBR it scales its input by a factor that depends on the bitrate
# alone (measured on the decoded samples against the encoded ones: a pure gain of 0.970 at
# 192 kbps, 0.980 at 224, 1.000 at 256 and 320; the same at 44.1 and 48 kHz, mono and
# dual-mono). Measured as the decoded file's loudness on 8 sample spots: 0.2647-0.2648 LU at
# 192, 0.1757-0.1758 at 224, 0.0002-0.0003 at 256 and 320. Starting each bitrate from its own
# loss, its first encoding lands within MATCH_LU (test_mp3_levelling).
_LOSS_DB_AT_KBPS = {192: ENCODER_LOSS_DB, 224: 0.176, 256: 0.0, 320: 0.0}


@dataclass(frozen=True)
class Id3Tags:
    title: str
    campaign: str  # album: groups a campaign's spots in a station's library
    campaign_id: str
    language_iso639_2: str
    length_ms: int
    comment: str
    advertiser: str = ""  # TPE1: the name a traffic system files the spot under
    date: str = ""  # TDRC: when the spot was made, YYYY-MM-DD
    spot_code: str = ""  # TXXX "spot code" (and the start of the title): the code the log carries


@dataclass(frozen=True)
class LevelledMp3:
    data: bytes
    loudness_lufs: float  # of the decoded MP3
    true_peak_dbtp: float
    frames: int
    rounds: int


Encoder = Callable[[np.ndarray, int], bytes]  # float samples, rate -> an encoded file's bytes


def encode(samples: np.ndarray, sample_rate: int, kbps: int = BITRATE_KBPS) -> bytes:
    import soundfile

    buffer = io.BytesIO()
    soundfile.write(
        buffer,
        np.asarray(samples, np.float32),
        sample_rate,
        format="MP3",
        subtype="MPEG_LAYER_III",
        compression_level=_compression_level(kbps),
        bitrate_mode="CONSTANT",
    )
    return buffer.getvalue()


def mp3_encoder(kbps: int = BITRATE_KBPS) -> Encoder:
    return partial(encode, kbps=kbps)


def mp3_loss_db(kbps: int = BITRATE_KBPS) -> float:
    """How much quieter an MP3 at kbps decodes than the samples encoded: levelled()'s first
    gain (ENCODER_LOSS_DB for a bitrate not measured; the loop corrects any guess)."""
    return _LOSS_DB_AT_KBPS.get(kbps, ENCODER_LOSS_DB)


def decode(data: bytes) -> tuple[np.ndarray, int]:
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    return (samples[:, 0] if samples.shape[1] == 1 else samples), rate


def levelled(
    samples: np.ndarray,
    sample_rate: int,
    target_lufs: float,
    ceiling_dbtp: float,
    encoder: Encoder = encode,
    *,
    peak_dbtp: float | None = None,
    loss_db: float = ENCODER_LOSS_DB,
) -> LevelledMp3:
    """Encode so that the DECODED file measures target_lufs (within MATCH_LU) with its true
    peak under ceiling_dbtp: measure, correct the gain and the limiter's ceiling, encode again.
    Any lossy encoder (MP3, MP2) that libsndfile can decode back.

    loss_db: how much quieter the encoder's file decodes (mp3_loss_db, mp2.MP2_LOSS_DB): the
    first gain, so that the first encoding is the one kept wherever the loss is the encoder's.

    peak_dbtp: the samples' true peak as loudness.true_peak_dbtp measured it, if known.
    At 48 kHz and above that is the peak of the same 4x oversampling the limiter reads, so a
    gain that keeps it clearly under the limiter's ceiling leaves the limiter nothing to do
    (it would return the samples as they are), and it is not run: the same bytes, without
    oversampling the spot once more (a tenth of mastering a spot)."""
    from campaigngen.loudness import integrated_lufs, true_peak_dbtp
    from campaigngen.renderers.radio.dynamics import db_to_gain, limit

    source = np.asarray(samples, np.float32)
    gain_db, limit_at = loss_db, ceiling_dbtp - PEAK_MARGIN_DB
    best: LevelledMp3 | None = None
    for round_number in range(1, _ROUNDS + 1):
        shaped = source * db_to_gain(gain_db)
        limiting = gain_db > 0 or limit_at < ceiling_dbtp - PEAK_MARGIN_DB
        if limiting and not _under(peak_dbtp, sample_rate, gain_db, limit_at):
            shaped = _limit_channels(shaped, sample_rate, limit_at, limit)
        data = encoder(shaped, sample_rate)
        decoded, _ = decode(data)
        loudness, peak = integrated_lufs(decoded, sample_rate), true_peak_dbtp(decoded, sample_rate)
        result = LevelledMp3(data, loudness, peak, len(decoded), round_number)
        if best is None or _miss(result, target_lufs, ceiling_dbtp) < _miss(best, target_lufs, ceiling_dbtp):
            best = result
        if abs(loudness - target_lufs) <= MATCH_LU and peak <= ceiling_dbtp - PEAK_MARGIN_DB / 2:
            return result
        gain_db += target_lufs - loudness
        if peak > ceiling_dbtp - PEAK_MARGIN_DB / 2:
            limit_at -= peak - (ceiling_dbtp - PEAK_MARGIN_DB)  # the encoder's overshoot, taken off
    assert best is not None
    return best


# Far more than the rounding between the meter's blockwise oversampling and the limiter's
# whole-signal one (the same filter, the same points), far less than any spot's headroom.
_UNDER_MARGIN_DB = 0.01


def _under(peak_dbtp: float | None, sample_rate: int, gain_db: float, limit_at: float) -> bool:
    """Is the limiter sure to leave these samples, raised by gain_db, as they are? Only where
    the meter oversampled 4x as the limiter does (loudness.true_peak_dbtp: 4x from 48 kHz,
    8x below, a different filter whose points the limiter does not read)."""
    return peak_dbtp is not None and sample_rate >= 48000 and peak_dbtp + gain_db < limit_at - _UNDER_MARGIN_DB


def _miss(result: LevelledMp3, target_lufs: float, ceiling_dbtp: float) -> float:
    return abs(result.loudness_lufs - target_lufs) + 10 * max(0.0, result.true_peak_dbtp - ceiling_dbtp)


def _limit_channels(samples: np.ndarray, sample_rate: int, ceiling_dbtp: float, limit) -> np.ndarray:
    if samples.ndim == 1:
        return limit(samples, sample_rate, ceiling_dbtp)
    # Dual-mono: both channels are the same, so one limited channel serves both.
    one = limit(samples[:, 0], sample_rate, ceiling_dbtp)
    return np.stack([one] * samples.shape[1], axis=1)


def _compression_level(kbps: int) -> float:
    # libsndfile maps compression level 0..1 linearly onto 320..0 kbps for CBR MPEG (measured:
    # 0 -> 320, 0.2 -> 256, 0.5 -> 160); the written bitrate is checked after encoding.
    return 1.0 - kbps / 320.0


def write_mp3(path: Path, data: bytes, tags: Id3Tags, *, kbps: int = BITRATE_KBPS, id3_version: str = "2.4") -> int:
    """Tag encoded MPEG audio (Layer III, or Layer II) in memory and write it atomically;
    returns the bitrate written. ID3v2.3 for importers that read no v2.4: mutagen writes its
    frames (TYER for TDRC) and UTF-16 text as v2.3 has them."""
    from mutagen.id3 import COMM, ID3, TALB, TDRC, TIT2, TLAN, TLEN, TPE1, TXXX
    from mutagen.mp3 import MPEGInfo

    buffer = io.BytesIO(data)
    # The stream header as MP3(...).info reads it (ID3 skipped); mutagen types FileType.info as None.
    bitrate = MPEGInfo(buffer).bitrate // 1000
    if bitrate < kbps:
        raise RuntimeError(f"the encoder wrote {bitrate} kbps, the campaign asks for {kbps}")
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TALB(encoding=3, text=tags.campaign))
    id3.add(TXXX(encoding=3, desc="campaign", text=tags.campaign_id))
    id3.add(TLAN(encoding=3, text=tags.language_iso639_2))
    id3.add(TLEN(encoding=3, text=str(tags.length_ms)))
    id3.add(COMM(encoding=3, lang=tags.language_iso639_2, desc="", text=tags.comment))
    if tags.advertiser:
        id3.add(TPE1(encoding=3, text=tags.advertiser))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date))
    if tags.spot_code:
        id3.add(TXXX(encoding=3, desc="spot code", text=tags.spot_code))
    buffer.seek(0)
    if id3_version == "2.3":
        id3.update_to_v23()
        id3.save(buffer, v2_version=3)
    else:
        id3.save(buffer, v2_version=4)
    write_bytes_atomic(path, buffer.getvalue())
    return bitrate
