"""espeak-ng, the offline voice: the library and data from the espeakng-loader wheel, driven
through ctypes (no system package, no subprocess, ~10 ms per sentence).

espeak-ng keeps synthesis state in the library's own globals (pitch phase, the noise source
for unvoiced sounds) from one utterance to the next, and seeding its random generators does
not reset it: in one process the same text came out different on every call (measured:
48,870 then 48,865, 48,878, 48,881 samples). Each utterance is therefore spoken by a fresh
copy of the library, loaded from memory and unloaded after (about 6 ms), so a spot is the
same audio in any process, whatever was spoken before: builds are reproducible, serial or
parallel. The copies are loaded from one memory file per process, written once. The library
is not thread-safe: one lock around all of it.

Since every utterance comes out the same, a process keeps what it has spoken (keyed by text,
voice and rate, bounded in samples): `check` and then the build in one `publish`, or builds
again after an edit, speak each unchanged sentence once. Loading the voice is most of the
cost of a short sentence.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from campaigngen.exceptions import MissingDependency

_AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT: synthesise into our callback, no sound card
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE, _PARAM_VOLUME, _PARAM_PITCH = 1, 2, 3

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()


class _Voice(ctypes.Structure):
    """espeak_VOICE (speak_lib.h)."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


@dataclass(frozen=True)
class Clip:
    samples: np.ndarray  # float32 mono, -1..1
    sample_rate: int


_SPOKEN_MAX_SAMPLES = 8_000_000  # ~32 MB of float32: a 40-language campaign's sentences several times over
_spoken: OrderedDict[tuple[str, str, int], Clip] = OrderedDict()


@lru_cache(maxsize=1)
def _installed() -> tuple[bytes, Path]:
    """The library's bytes and the folder holding espeak-ng-data."""
    try:
        import espeakng_loader
    except ImportError:
        raise MissingDependency("espeak-ng is not installed - pip install espeakng-loader") from None
    return Path(espeakng_loader.get_library_path()).read_bytes(), Path(espeakng_loader.get_data_path()).parent


@lru_cache(maxsize=1)
def _library_file() -> int:
    """The library's bytes in a memory file, written once per process (0.3 ms a copy): each
    copy is loaded from it after the one before was unloaded (see _Instance)."""
    library, _data_parent = _installed()
    fd = os.memfd_create("libespeak-ng", 0)
    os.write(fd, library)
    return fd


class _Instance:
    """One freshly loaded copy of libespeak-ng, initialised and ready to speak; close()
    unloads it. dlopen hands back a copy still loaded from the same file, so the file is
    reused only when no copy from it is loaded (close() unloads it; RTLD_NOLOAD asks): the
    copy is then mapped from the file anew, its globals as the library ships them. Otherwise
    the copy gets a file of its own (a new inode), as every copy once did; own_file: always
    (a copy kept loaded, so the shared file stays free for the fresh ones)."""

    def __init__(self, own_file: bool = False) -> None:
        library, data_parent = _installed()
        shared = _library_file()
        self._fd: int | None = None  # a file of this copy's own, closed with it
        path = f"/proc/self/fd/{shared}"
        loaded = None
        if not own_file:
            try:
                loaded = ctypes.CDLL(path, mode=os.RTLD_NOLOAD)
            except OSError:
                loaded = None  # no copy from the shared file is loaded: load a fresh one from it
        if loaded is not None or own_file:
            import _ctypes

            if loaded is not None:
                _ctypes.dlclose(loaded._handle)
            self._fd = os.memfd_create("libespeak-ng", 0)
            os.write(self._fd, library)
            path = f"/proc/self/fd/{self._fd}"
        self.lib = ctypes.CDLL(path)
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.sample_rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data_parent).encode(), 0)
        if self.sample_rate <= 0:
            self.close()
            raise MissingDependency("espeak-ng could not load its data - reinstall espeakng-loader")
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)  # kept on self: ctypes must not free it
        self.lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav, count, _events) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = keep going

    def has_voice(self, voice: str) -> bool:
        return self.lib.espeak_SetVoiceByName(voice.encode()) == 0

    def select(self, voice: str) -> bool:
        """Select the voice as _selecting_name says: by its file's name, or by a path to the
        file opened for it (while that descriptor is still that file), or by the name."""
        selector = _selecting_name(voice)
        if selector.startswith(_OPEN_FILE):
            if not _still_open(selector):
                return self.has_voice(voice)
            self.lib.espeak_SetVoiceByFile.argtypes = [ctypes.c_char_p]
            return self.lib.espeak_SetVoiceByFile(selector.encode()) == 0
        return self.has_voice(selector)

    def voice_file(self) -> str:
        """The voice file the last has_voice selected, relative to espeak-ng-data/lang (sit/cmn)."""
        self.lib.espeak_GetCurrentVoice.restype = ctypes.POINTER(_Voice)
        identifier = self.lib.espeak_GetCurrentVoice().contents.identifier
        return identifier.decode() if identifier else ""

    def speak(self, text: str, voice: str, rate_wpm: int) -> Clip:
        if not self.select(voice):
            raise MissingDependency(f"espeak-ng has no voice '{voice}'")
        self.lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
        self.lib.espeak_SetParameter(_PARAM_VOLUME, 100, 0)
        self.lib.espeak_SetParameter(_PARAM_PITCH, 50, 0)
        encoded = text.encode("utf-8")
        self.lib.espeak_Synth(encoded, len(encoded) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        self.lib.espeak_Synchronize()
        pcm = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        return Clip(pcm.astype(np.float32) / 32768.0, self.sample_rate)

    def close(self) -> None:
        import _ctypes

        try:
            self.lib.espeak_Terminate()
            _ctypes.dlclose(self.lib._handle)
        finally:
            if self._fd is not None:
                os.close(self._fd)


def speak(text: str, voice: str, rate_wpm: int = 150) -> Clip:
    """text spoken by voice at rate_wpm, the same samples every time (read-only: shared)."""
    _selecting_name(voice)  # resolved before the lock is taken: it takes the lock itself
    key = (text, voice, rate_wpm)
    with _lock:
        if key in _spoken:
            _spoken.move_to_end(key)
            return _spoken[key]
        instance = _Instance()
        try:
            clip = instance.speak(text, voice, rate_wpm)
        finally:
            instance.close()
        clip.samples.setflags(write=False)
        _spoken[key] = clip
        held = sum(len(kept.samples) for kept in _spoken.values())
        while held > _SPOKEN_MAX_SAMPLES and len(_spoken) > 1:
            _, dropped = _spoken.popitem(last=False)
            held -= len(dropped.samples)
        return clip


@cache
def _selecting_name(voice: str) -> str:
    """What each fresh copy selects the voice by: its file (zle/ru) where espeak-ng finds the
    file by that name, else the file by a path of its own, else the name itself. A name that
    is not a file ("ru", "en-us") makes every copy read all ~290 voice files to find it
    (about 3 ms of a 4-9 ms utterance, mostly system time); the file is the voice that
    search finds, so the speech is the same sample for sample (tests/test_radio_voices.py).
    espeak-ng lowercases a name before it looks for the file, and a path too, so a file with
    capitals (gmw/en-US, roa/pt-BR) is not found by its name: it is opened once per process
    (forked checkers inherit it) and selected by /proc/self/fd/N, which has none. Kept per
    voice name for the life of the process, whose espeak-ng library and data do not change."""
    found = _found_file(voice)
    if found is None:
        return voice
    if not found or found == found.lower():
        return found or voice
    _library, data_parent = _installed()
    path = data_parent / "espeak-ng-data" / "lang" / found
    if not path.is_file():
        return voice  # not a language file (a voices/ variant): the search, as before
    descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    opened = os.fstat(descriptor)
    selector = f"{_OPEN_FILE}{descriptor}"
    _opened[selector] = (opened.st_dev, opened.st_ino)
    return selector


_OPEN_FILE = "/proc/self/fd/"
_opened: dict[str, tuple[int, int]] = {}  # selector -> the voice file it was opened on


def _still_open(selector: str) -> bool:
    """Whether the descriptor is still the voice file (nothing closed it and reused its number)."""
    try:
        now = os.fstat(int(selector.removeprefix(_OPEN_FILE)))
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == _opened.get(selector)


@cache
def has_voice(voice: str) -> bool:
    """Voices do not come and go while a process runs: asked once per voice."""
    return _found_file(voice) is not None


_finder: _Instance | None = None  # the copy that finds voices by name (see _found_file)


@cache
def _found_file(voice: str) -> str | None:
    """The file espeak-ng selects for this name (relative to espeak-ng-data/lang; "" if it
    names none), None where it has no such voice. Asked of one copy of the library kept for
    the life of the process (loaded from a file of its own): a name that is not a file makes
    espeak-ng read all ~290 voice files to list them, and a copy keeps that list, so a
    process reads them once, not once per voice (28 voices: ~0.24 s of a cold check's main
    process, which asks while the checkers work). Selecting is not speaking: which file a
    name selects does not depend on what the copy did before, and every utterance is still
    spoken by a fresh copy."""
    global _finder
    with _lock:
        if _finder is None:
            _finder = _Instance(own_file=True)
        if not _finder.has_voice(voice):
            return None
        return _finder.voice_file()
