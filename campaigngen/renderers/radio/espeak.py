"""espeak-ng, the offline voice: the library and data from the espeakng-loader wheel, driven
through ctypes (no system package, no subprocess, ~10 ms per sentence).

The library keeps one global voice and one callback, so every call goes through one lock.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from campaigngen.exceptions import MissingDependency

_AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT: synthesise into our callback, no sound card
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE, _PARAM_VOLUME, _PARAM_PITCH = 1, 2, 3

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


@dataclass(frozen=True)
class Clip:
    samples: np.ndarray  # float32 mono, -1..1
    sample_rate: int


class _Espeak:
    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError:
            raise MissingDependency("espeak-ng is not installed - pip install espeakng-loader") from None
        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data = Path(espeakng_loader.get_data_path())
        self.lib.espeak_Initialize.restype = ctypes.c_int
        # The path argument is the folder that HOLDS espeak-ng-data.
        self.sample_rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data.parent).encode(), 0)
        if self.sample_rate <= 0:
            raise MissingDependency(f"espeak-ng could not load its data from {data.name} - reinstall espeakng-loader")
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)  # kept on self: ctypes must not free it
        self.lib.espeak_SetSynthCallback(self._callback)
        self.lock = threading.Lock()

    def _collect(self, wav, count, _events) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = keep going

    def has_voice(self, voice: str) -> bool:
        with self.lock:
            return self.lib.espeak_SetVoiceByName(voice.encode()) == 0

    def speak(self, text: str, voice: str, rate_wpm: int) -> Clip:
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise MissingDependency(f"espeak-ng has no voice '{voice}'")
            self.lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
            self.lib.espeak_SetParameter(_PARAM_VOLUME, 100, 0)
            self.lib.espeak_SetParameter(_PARAM_PITCH, 50, 0)
            self._chunks = []
            encoded = text.encode("utf-8")
            self.lib.espeak_Synth(encoded, len(encoded) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            self.lib.espeak_Synchronize()
            pcm = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
            self._chunks = []
        return Clip((pcm.astype(np.float32) / 32768.0), self.sample_rate)


_instance: _Espeak | None = None
_instance_lock = threading.Lock()


def engine() -> _Espeak:
    """The process-wide espeak-ng (its state is global in the C library anyway)."""
    global _instance
    with _instance_lock:
        if _instance is None:
            _instance = _Espeak()
        return _instance


def speak(text: str, voice: str, rate_wpm: int = 150) -> Clip:
    return engine().speak(text, voice, rate_wpm)
