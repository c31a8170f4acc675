"""Piper: offline neural voices, installed from files.

A Piper voice is an ONNX model (`<name>.onnx`, tens of MB) with its config
(`<name>.onnx.json`: sample rate, espeak phonemizer voice, phoneme table, language). Voices
are published on a model hub this tool never contacts: a user copies the two files over and
runs `campaigngen voices install FILE.onnx`. Both files are checked as untrusted input first
(sizes, the config's shape, the model loading in onnxruntime), and a message never echoes
their contents. Installed voices live in $CAMPAIGNGEN_VOICES_DIR, else
$XDG_DATA_HOME/campaigngen/voices (~/.local/share/campaigngen/voices).

piper-tts and onnxruntime are the optional `voices` extra; they are imported only here, when
a Piper voice is installed or speaks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from campaigngen.exceptions import InputError, MissingDependency
from campaigngen.sources.schema import Integer, ListOf, MapOf, Pass, Raw, Schema, Table, Text, Where

INSTALL_EXTRA = "pip install 'campaigngen[voices]'"
MAX_MODEL_BYTES = 500 * 1024 * 1024  # Piper's "high" voices are ~110 MB; 500 MB is room, not a bomb
MIN_MODEL_BYTES = 1024 * 1024  # a real voice is megabytes; smaller is a wrong file
MAX_CONFIG_BYTES = 2 * 1024 * 1024
_ONNX_MAGIC = b"\x08"  # an ONNX ModelProto starts with field 1 (ir_version), varint: tag 0x08


@dataclass(frozen=True)
class PiperVoiceInfo:
    name: str  # the file's stem, e.g. en_US-joe-medium
    language: str  # the config's language code, e.g. en_US
    sample_rate: int
    quality: str
    model: Path
    config: Path

    @property
    def language_family(self) -> str:
        return self.language.replace("-", "_").split("_")[0].lower()


def voices_dir() -> Path:
    explicit = os.environ.get("CAMPAIGNGEN_VOICES_DIR")
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "campaigngen" / "voices"


def require_piper() -> None:
    try:
        import onnxruntime  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        raise MissingDependency(f"Piper voices need the optional extra: {INSTALL_EXTRA}") from None


# ------------------------------------------------------------------------------ checking


def _espeak_voice(config: dict[str, Any], where: Where, run: Pass) -> None:
    """A voice phonemized by espeak-ng (Piper's default) names the espeak voice it was trained on."""
    if config.get("phoneme_type", "espeak") != "espeak":
        return
    espeak = config.get("espeak")
    if not isinstance(espeak, dict) or not isinstance(espeak.get("voice"), str) or not espeak["voice"]:
        run.problem(where, "has no espeak.voice (the phonemizer's voice)")


# What campaigngen needs of a voice's .onnx.json; Piper's other keys are left to Piper. Each
# problem is one fixed phrase: a config comes from elsewhere and is never echoed.
VOICE_CONFIG = Schema(
    Table(
        {
            "audio": Table(
                {"sample_rate": Integer("samples per second", required=True, minimum=8000, maximum=48000)},
                required=True,
                extra="allow",
                problem="has no audio.sample_rate between 8000 and 48000",
            ),
            "num_symbols": Integer(
                "phoneme symbols the model knows", required=True, minimum=1, problem="has no num_symbols"
            ),
            "num_speakers": Integer(
                "voices in the model", default=1, problem="has a num_speakers that is not a number"
            ),
            "phoneme_id_map": MapOf(
                ListOf(Integer()),
                "phoneme -> ids",
                required=True,
                nonempty=True,
                problem="has no phoneme_id_map of lists of numbers",
            ),
            "phoneme_type": Raw("espeak (the default) or text", default="espeak"),
            "espeak": Raw("the phonemizer's voice, when phoneme_type is espeak"),
            "language": Table(
                {"code": Text("e.g. en_US", required=True, blank="problem")},
                required=True,
                extra="allow",
                problem="has no language.code (e.g. en_US)",
            ),
        },
        extra="allow",
        checks=(_espeak_voice,),
    )
)


def _config_problem(config: Any) -> str | None:
    """What makes a parsed config unusable as a Piper voice (never its contents), every
    problem in one line; None when it is usable."""
    if not isinstance(config, dict):
        return "is not a JSON object"
    _, run = VOICE_CONFIG.check(config)
    return "; ".join(problem.text for problem in run.problems) or None


def check_voice_files(model: Path) -> tuple[Path, dict]:
    """The model and its config (`<model>.json`, or `<stem>.json` beside it), checked."""
    model = Path(model)

    def bad(path: Path, problem: str) -> InputError:
        return InputError(path, problem, hint="copy the voice's .onnx and .onnx.json files again")

    if model.suffix != ".onnx":
        raise InputError(
            model,
            "not a Piper voice model (a .onnx file)",
            hint="give the .onnx file; its .onnx.json must be beside it",
        )
    try:
        size = model.stat().st_size
    except OSError as exc:
        raise InputError(model, f"cannot read ({exc.strerror})") from None
    if not model.is_file():
        raise bad(model, "not a file")
    if size > MAX_MODEL_BYTES:
        raise bad(model, f"{size // (1024 * 1024)} MB, more than the {MAX_MODEL_BYTES // (1024 * 1024)} MB limit")
    if size < MIN_MODEL_BYTES:
        raise bad(model, f"only {size} bytes: not a voice model")
    with model.open("rb") as handle:
        if handle.read(1) != _ONNX_MAGIC:
            raise bad(model, "not an ONNX model")
    config_path = next(
        (p for p in (model.with_name(model.name + ".json"), model.with_suffix(".json")) if p.is_file()), None
    )
    if config_path is None:
        raise InputError(
            model,
            f"its config {model.name}.json is not beside it",
            hint="a Piper voice is two files: copy the .onnx.json too",
        )
    if config_path.stat().st_size > MAX_CONFIG_BYTES:
        raise bad(config_path, f"more than {MAX_CONFIG_BYTES // (1024 * 1024)} MB: not a voice config")
    try:
        config = json.loads(config_path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad(config_path, "is not valid JSON") from None
    problem = _config_problem(config)
    if problem:
        raise bad(config_path, f"Piper voice config {problem}")
    return config_path, config


def install_voice(model: Path, directory: Path | None = None) -> PiperVoiceInfo:
    """Check, try to load, then copy both files into the voices folder atomically."""
    require_piper()
    config_path, config = check_voice_files(model)
    try:
        spoken = synthesize(_load(Path(model), config_path), "Test.")  # onnxruntime must accept it, and it must speak
        if not np.isfinite(spoken).all() or float(np.abs(spoken).max(initial=0.0)) < 1e-3:
            raise ValueError("silent")
    except MissingDependency:
        raise
    except Exception:  # onnxruntime's and piper's errors vary; what matters is: it is not a voice
        raise InputError(
            model,
            "onnxruntime could not load or run it as a Piper voice",
            hint="copy the voice's .onnx and .onnx.json files again",
        ) from None
    finally:
        _loaded_cache.clear()
    directory = directory or voices_dir()
    code = str(config["language"]["code"])
    target = directory / code
    target.mkdir(parents=True, exist_ok=True)
    stem = Path(model).stem
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=target))
    try:
        shutil.copyfile(model, staging / f"{stem}.onnx")
        shutil.copyfile(config_path, staging / f"{stem}.onnx.json")
        os.replace(staging / f"{stem}.onnx.json", target / f"{stem}.onnx.json")
        os.replace(staging / f"{stem}.onnx", target / f"{stem}.onnx")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _info(target / f"{stem}.onnx", config)


def _info(model: Path, config: dict) -> PiperVoiceInfo:
    return PiperVoiceInfo(
        model.stem,
        str(config["language"]["code"]),
        int(config["audio"]["sample_rate"]),
        str(config.get("audio", {}).get("quality", "")),
        model,
        model.with_name(model.name + ".json"),
    )


def installed_voices(directory: Path | None = None) -> list[PiperVoiceInfo]:
    """Installed voices, read from their configs (no onnxruntime needed)."""
    directory = directory or voices_dir()
    found: list[PiperVoiceInfo] = []
    if not directory.is_dir():
        return found
    for model in sorted(directory.glob("*/*.onnx")):
        config_path = model.with_name(model.name + ".json")
        try:
            config = json.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken voice is not a voice; `voices list` does not show it
        if _config_problem(config) is None:
            found.append(_info(model, config))
    return found


def installed_voice(language_tag: str, directory: Path | None = None) -> PiperVoiceInfo | None:
    """The voice for a language: its exact code first (en_US for en-US), else its family
    (any en_* for en), the first by name so the choice is the same every run."""
    voices = installed_voices(directory)
    wanted = language_tag.replace("-", "_").lower()
    exact = [v for v in voices if v.language.lower() == wanted]
    family = [v for v in voices if v.language_family == wanted.split("_")[0]]
    chosen = exact or family
    return chosen[0] if chosen else None


def voice_fingerprint(voice: PiperVoiceInfo) -> dict[str, str]:
    """What a voice's speech depends on: the SHA-256 of its model and of its config, so a
    voice replaced under the same name is a different voice to every cached result."""
    return {"name": voice.name, "model": _file_sha256(voice.model), "config": _file_sha256(voice.config)}


def _file_sha256(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _hashed(str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@lru_cache(maxsize=64)
def _hashed(path: str, size: int, mtime_ns: int, inode: int) -> str:
    # Keyed by the file's identity and change time as well as its path: a voice file replaced
    # or edited in place is hashed afresh (a 60 MB model takes about 0.1 s).
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# ------------------------------------------------------------------------------ speaking

_loaded_cache: dict[tuple[str, str], Any] = {}
_lock = threading.Lock()


def _load(model: Path, config: Path):
    require_piper()
    key = (str(Path(model).resolve()), str(Path(config).resolve()))
    with _lock:
        if key not in _loaded_cache:
            _loaded_cache[key] = _one_thread_voice(Path(model), Path(config))
        return _loaded_cache[key]


def _one_thread_voice(model: Path, config: Path) -> Any:
    """The voice as piper's PiperVoice.load makes it, but with an ONNX session of one thread.
    Left to itself onnxruntime runs one thread per physical core, and the samples depend on
    how many: one phrase measured here came out three ways with 1, 2 and 4 threads (3 and 4
    alike), so a spot rendered on a developer's 4-core machine was not the CI machine's. Its
    threads also spin while they wait: nine phrases took 5.9 s CPU with the default two
    threads against 3.3 s with one (a build already runs a worker per core)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    settings = json.loads(config.read_text(encoding="utf-8"))
    return PiperVoice(session=session, config=PiperConfig.from_dict(settings), download_dir=Path.cwd())


def synthesize(voice: PiperVoiceInfo | Any, text: str, *, length_scale: float = 1.0) -> np.ndarray:
    """Float32 mono at the voice's rate. Deterministic: Piper's noise scales are set to 0 so
    the same text gives the same samples every build (and the gate measures what the build
    renders); the voice's own timing model still shapes each phrase."""
    from piper import SynthesisConfig

    loaded = voice if not isinstance(voice, PiperVoiceInfo) else _load(voice.model, voice.config)
    config = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    with _lock:  # one ONNX session per voice, used by one caller at a time
        chunks = [chunk.audio_float_array for chunk in loaded.synthesize(text, syn_config=config)]
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


__all__ = [
    "PiperVoiceInfo",
    "check_voice_files",
    "install_voice",
    "installed_voice",
    "installed_voices",
    "synthesize",
    "voice_fingerprint",
    "voices_dir",
]
