"""MPEG-1 Layer II copy of a spot, for stations whose playout takes MP2 (many broadcast
automation systems store and play Layer II at 48 kHz).

libsndfile reads Layer II but does not write it (libsndfile 1.2.2 in the soundfile wheel
refuses MPEG_LAYER_II: "unimplemented format"), so FFmpeg's own Layer II encoder does it,
through PyAV's wheel (the optional `mp2` extra; nothing is downloaded at run time). The file
is levelled like the MP3 (mp3.levelled): decoded, measured and encoded again until it reads
the target under the true-peak ceiling.
"""

from __future__ import annotations

import io
from functools import partial

import numpy as np

from campaigngen.exceptions import MissingDependency
from campaigngen.renderers.radio.mp3 import Encoder

INSTALL_EXTRA = "pip install 'campaigngen[mp2]'"
# FFmpeg's Layer II encoder scales nothing (LAME does: mp3.mp3_loss_db); what it changes is
# noise, which moved the decoded loudness of 6 sample spots -0.07 to +0.02 LU: started from
# no loss, most of them land in one encoding.
MP2_LOSS_DB = 0.0


def mp2_available() -> bool:
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


def require_mp2() -> None:
    if not mp2_available():
        raise MissingDependency(f"[delivery] mp2 = true needs the MP2 encoder: {INSTALL_EXTRA}")


def encode_mp2(samples: np.ndarray, sample_rate: int, kbps: int) -> bytes:
    """Float samples (mono, or frames x channels) -> an MPEG-1 Layer II stream at kbps CBR."""
    require_mp2()
    import av

    data = np.asarray(samples, np.float64)
    channels = 1 if data.ndim == 1 else data.shape[1]
    pcm = np.clip(np.round(data * 32767.0), -32768, 32767).astype("<i2").reshape(1, -1)  # packed s16
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp2") as container:
        stream = container.add_stream("mp2", rate=sample_rate, layout="mono" if channels == 1 else "stereo")
        stream.bit_rate = kbps * 1000
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono" if channels == 1 else "stereo")
        frame.sample_rate = sample_rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def mp2_encoder(kbps: int) -> Encoder:
    return partial(encode_mp2, kbps=kbps)


__all__ = ["INSTALL_EXTRA", "MP2_LOSS_DB", "encode_mp2", "mp2_available", "mp2_encoder", "require_mp2"]
