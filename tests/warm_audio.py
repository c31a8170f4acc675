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

_worker_folder: list[Path] = []  # set once, when the worker's session starts
_subsets_folder: list[Path] = []


def share_mastered_audio(cache_home: Path, worker_folder: Path | None = None) -> None:
    """Link cache_home's mastered audio to the worker's folder (worker_folder: set it)."""
    if worker_folder is not None:
        _worker_folder[:] = [worker_folder]
    _link(cache_home / "campaigngen" / "audio", _worker_folder)


def share_font_subsets(cache_home: Path, run_subsets: Path | None = None) -> None:
    """Link cache_home's font subsets (renderers/flyer/subset_cache.py) to the run's folder
    (run_subsets: set it). Like mastered spots, a subset is keyed by everything that made it
    (the font's bytes, the glyphs, the code and fontTools), so one made for a test's PDF is
    the same bytes in any other: the sample's flyers are drawn in dozens of modules, each
    subsetting the same faces to the same glyphs again."""
    if run_subsets is not None:
        _subsets_folder[:] = [run_subsets]
    _link(cache_home / "campaigngen" / "fonts", _subsets_folder)


def _link(folder: Path, target: list[Path]) -> None:
    if not target or folder.exists() or folder.is_symlink():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(target[0], target_is_directory=True)


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
