"""espeak-ng speaks each utterance with a fresh copy of its library (renderers/radio/espeak.py):
the copies are loaded from one memory file per process, each after the one before is gone."""

from __future__ import annotations

import ctypes

import numpy as np

from campaigngen.renderers.radio import espeak

TEXT = "Call 1 888 373 7888 now, it is free."


def _spoken_afresh(text: str, voice: str) -> np.ndarray:
    with espeak._lock:
        espeak._spoken.clear()  # not the copy this process kept: spoken again
    return espeak.speak(text, voice, 150).samples


def test_the_same_text_is_the_same_samples_whatever_was_spoken_before():
    first = _spoken_afresh(TEXT, "en-us").copy()
    _spoken_afresh("Позвоните сейчас, это бесплатно.", "ru")
    _spoken_afresh("请拨打热线", "cmn")
    assert np.array_equal(_spoken_afresh(TEXT, "en-us"), first)


def test_copies_are_loaded_from_the_one_file_and_from_their_own_while_one_is_loaded():
    with espeak._lock:
        instance = espeak._Instance()
        try:
            assert instance._fd is None  # the process's file: no copy from it was loaded
            spoken = instance.speak(TEXT, "en-us", 150).samples
        finally:
            instance.close()
        held = ctypes.CDLL(f"/proc/self/fd/{espeak._library_file()}")  # a copy still loaded from it
        try:
            instance = espeak._Instance()
            try:
                assert instance._fd is not None  # dlopen would hand back the held copy: a file of its own
                assert np.array_equal(instance.speak(TEXT, "en-us", 150).samples, spoken)
            finally:
                instance.close()
        finally:
            import _ctypes

            _ctypes.dlclose(held._handle)
        instance = espeak._Instance()
        try:
            assert instance._fd is None  # the held copy is gone: the one file again
            assert np.array_equal(instance.speak(TEXT, "en-us", 150).samples, spoken)
        finally:
            instance.close()
