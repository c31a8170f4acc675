"""One worker's mastered spots and font subsets, shared by its tests.

Mastered and encoded spots (renderers/radio/mastered_cache.py) are kept by a key over every
input that made them, the speech's samples included, so a spot mastered for one test is the
same audio for any other; a PDF's font subsets (renderers/flyer/subset_cache.py) likewise, by
the font's bytes, the glyphs and the code. A worker's tests share them, as one user's builds
do, instead of mastering the sample's spots and subsetting its fonts again for every build:
each test's cache folder links its campaigngen/audio and campaigngen/fonts to the worker's.
Everything else in a test's cache folder stays its own (findings a stand-in renderer left
must not reach another test), and the tests of the audio cache itself start from an empty
one (tests/test_audio_cache.py).

Under pytest-xdist the folder is the run's, not one worker's: both workers master the same
sample spots (the radio release in one module, each language's spot in another), and the
cache is made for that. Its entries are written whole and renamed into place
(atomic.write_bytes_atomic), as when two of a user's builds share it, and each is keyed by
everything that made it, so which worker mastered a spot first changes nothing a test sees.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

# The run's folders, set once when a test process's session starts: what a test's cache
# folder links its campaigngen/audio and campaigngen/fonts to.
_run_folders: dict[str, Path] = {}


def set_run_folders(audio: Path, fonts: Path) -> None:
    _run_folders.update(audio=audio, fonts=fonts)


def share_kept_work(cache_home: Path) -> None:
    """Link cache_home's mastered spots (renderers/radio/mastered_cache.py) and font subsets
    (renderers/flyer/subset_cache.py) to the run's folders (set_run_folders). Each is keyed
    by everything that made it, so what one test made is the same bytes for any other: the
    sample's spots are mastered, and its faces subset to the same glyphs, in dozens of
    modules."""
    for name, target in _run_folders.items():
        folder = cache_home / "campaigngen" / name
        if folder.exists() or folder.is_symlink():
            continue
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.symlink_to(target, target_is_directory=True)


def run_folder(tmp_path_factory: pytest.TempPathFactory, name: str = "mastered-audio") -> Path:
    """The folder `name` of this test run: under pytest-xdist, in the folder above the
    workers' own base folders (xdist makes it for this run: pytest-N/popen-gwK), else in this
    process's own. Made once; later calls find it."""
    base = tmp_path_factory.getbasetemp()
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") and base.name.startswith("popen-gw") else base
    folder = run / name
    folder.mkdir(exist_ok=True)
    return folder


# --------------------------------------------------------------------- Piper's speech

_PIPER_LIBRARIES = ("piper-tts", "onnxruntime")  # beyond what the mastered-audio key covers


def _piper_code_key() -> str:
    """The synthesising code and the libraries it runs on: the mastered-audio cache's code key
    (every renderers/radio source, numpy among the libraries) and Piper's own libraries."""
    from importlib import metadata

    from campaigngen.renderers.radio.mastered_cache import code_key

    return code_key() + "".join(f";{library}={metadata.version(library)}" for library in _PIPER_LIBRARIES)


def share_piper_speech(folder: Path, patch: pytest.MonkeyPatch) -> None:
    """Piper's samples for a phrase, shared by the run's tests (test_piper.py: each `check` and
    `build` of a spot speaks the same phrases at the same paces, ~70 % of the module's CPU).
    renderers/radio/piper.synthesize is deterministic by design (noise scales 0: the gate
    measures what the build renders), so the samples are a function of the voice's model and
    config (their SHA-256), the phrase, the length scale, the synthesising code and the
    piper-tts, onnxruntime and numpy versions: that is the key. A phrase not yet spoken in
    this run goes to Piper itself; every check and build around it runs as a user's does.
    Kept as .npy files in the run's folder (forked build and check workers write there too;
    each file is written whole and renamed into place)."""
    import hashlib
    import json

    import numpy as np

    from campaigngen.atomic import write_bytes_atomic
    from campaigngen.renderers.radio import piper

    real = piper.synthesize
    code = _piper_code_key()

    def synthesize(voice, text: str, *, length_scale: float = 1.0):
        if not isinstance(voice, piper.PiperVoiceInfo):
            return real(voice, text, length_scale=length_scale)  # a loaded voice: no files to key by
        key = hashlib.sha256(
            json.dumps(
                [code, piper.voice_fingerprint(voice), voice.sample_rate, text, repr(float(length_scale))]
            ).encode()
        ).hexdigest()
        path = folder / f"{key}.npy"
        try:
            return np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            pass
        samples = real(voice, text, length_scale=length_scale)
        buffer = io.BytesIO()
        np.save(buffer, samples, allow_pickle=False)
        write_bytes_atomic(path, buffer.getvalue())
        return samples

    folder.mkdir(exist_ok=True)
    patch.setattr(piper, "synthesize", synthesize)
