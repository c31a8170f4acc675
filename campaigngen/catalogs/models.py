"""Offline machine-translation models: where they live, which pairs exist, safe installing.

Nothing here downloads. A model is an ``.argosmodel`` zip fetched on a connected machine and
copied over; it is checked as untrusted input before Argos unpacks it, because a zip can
carry ``../`` paths, absolute paths or symlinks that would write outside the models folder.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaigngen.exceptions import InputError, MissingDependency

INSTALL_EXTRA = "pip install 'campaigngen[mt]'"
INDEX_URL = "https://www.argosopentech.com/argospm/index/"
MAX_ARCHIVE_BYTES = 2 * 1024**3  # real packages are ~100 MB; 2 GB leaves room, not a zip bomb
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # no honest model file compresses 200:1

# Campaign tags -> Argos language codes where they differ (Argos calls Traditional Chinese "zt").
_ARGOS_CODES = {"zh-Hans": "zh", "zh-Hant": "zt", "zh-TW": "zt", "zh-HK": "zt", "fil": "tl"}


@dataclass(frozen=True)
class ModelInfo:
    from_code: str
    to_code: str
    name: str  # the package folder, e.g. "translate-en_es-1_9"
    version: str
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"


def argos_code(tag: str) -> str:
    return _ARGOS_CODES.get(tag) or _ARGOS_CODES.get(tag.split("-")[0]) or tag.split("-")[0]


def require_argos() -> None:
    """The optional extra, imported only when machine translation is asked for."""
    try:
        import argostranslate  # noqa: F401
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except ImportError:
        raise MissingDependency(f"machine translation needs the optional extra: {INSTALL_EXTRA}") from None


def models_dir() -> Path:
    """Argos's own rule, read at call time (Argos reads it once, at import).

    ARGOS_PACKAGES_DIR, else $XDG_DATA_HOME/argos-translate/packages, else
    ~/.local/share/argos-translate/packages.
    """
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def installed_models(directory: Path | None = None) -> list[ModelInfo]:
    """Installed translation packages, read from their metadata.json (no Argos import needed)."""
    directory = directory or models_dir()
    found = []
    if not directory.is_dir():
        return found
    for folder in sorted(directory.iterdir()):
        meta_path = folder / "metadata.json"
        if folder.name.startswith(".") or not meta_path.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken folder is not a model; `models list` simply does not show it
        if meta.get("type", "translate") != "translate" or not meta.get("from_code") or not meta.get("to_code"):
            continue
        found.append(ModelInfo(str(meta["from_code"]), str(meta["to_code"]), folder.name,
                               str(meta.get("package_version", "")), folder))
    return found


def find_model(from_code: str, to_code: str, directory: Path | None = None) -> ModelInfo:
    directory = directory or models_dir()
    for model in installed_models(directory):
        if model.from_code == from_code and model.to_code == to_code:
            return model
    name = f"translate-{from_code}_{to_code}"
    raise MissingDependency(
        f"no machine translation model {from_code}->{to_code} in {directory} - on a connected machine run "
        f"`argospm install {name}` (or download {name}.argosmodel from {INDEX_URL}), copy the "
        f".argosmodel file here and run: campaigngen models install FILE.argosmodel"
    )


@dataclass(frozen=True)
class ArchiveCheck:
    top: str  # the single top-level folder
    metadata: dict


def check_archive(path: Path) -> ArchiveCheck:
    """Refuse a package that could write outside its folder, or is not a translation model."""
    def bad(problem: str) -> InputError:
        return InputError(path, problem, hint="get the .argosmodel again from the Argos package index")

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if size > MAX_ARCHIVE_BYTES:
        raise bad(f"archive is {size} bytes, over the {MAX_ARCHIVE_BYTES} limit")
    if not zipfile.is_zipfile(path):
        raise bad("not an .argosmodel (zip) archive")
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise bad(f"{len(members)} files, over the {MAX_MEMBERS} limit")
        tops, names, unpacked = set(), set(), 0
        for info in members:
            name = info.filename
            pure = PurePosixPath(name.replace("\\", "/"))
            if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
                raise bad(f"absolute path '{name}' in the archive")
            if ".." in pure.parts:
                raise bad(f"path '{name}' climbs out of the package folder")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise bad(f"symbolic link '{name}' in the archive")
            unpacked += info.file_size
            if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise bad(f"'{name}' unpacks {info.file_size / info.compress_size:.0f}x its size (a zip bomb?)")
            tops.add(pure.parts[0])
            names.add(pure.as_posix().rstrip("/"))
        if unpacked > MAX_UNPACKED_BYTES:
            raise bad(f"unpacks to {unpacked} bytes, over the {MAX_UNPACKED_BYTES} limit")
        if len(tops) != 1:
            raise bad(f"needs exactly one top-level folder, found {len(tops)} ({', '.join(sorted(tops))})")
        top = tops.pop()
        if top.startswith("."):
            raise bad(f"top-level folder '{top}' is hidden")
        for required in ("metadata.json", "model/model.bin"):
            if f"{top}/{required}" not in names:
                raise bad(f"'{top}/{required}' is missing")
        if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
            raise bad(f"'{top}' has no sentencepiece.model or bpe.model tokenizer")
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise bad("metadata.json is not valid JSON") from None
    if not isinstance(metadata, dict) or not all(isinstance(metadata.get(k), str) and metadata.get(k)
                                                 for k in ("from_code", "to_code")):
        raise bad("metadata.json lacks from_code / to_code")
    return ArchiveCheck(top, metadata)


def install_model(path: Path, directory: Path | None = None) -> ModelInfo:
    """Check the archive, unpack it with Argos into a staging folder, then move it in place.

    A half-unpacked package never sits where `translate` looks; a reinstall replaces the
    old folder only once the new one is complete.
    """
    require_argos()
    checked = check_archive(path)
    directory = directory or models_dir()
    directory.mkdir(parents=True, exist_ok=True)
    import argostranslate.package
    import argostranslate.settings

    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=directory))
    saved = argostranslate.settings.package_data_dir
    try:
        # install_from_path unpacks into settings.package_data_dir: point it at staging.
        argostranslate.settings.package_data_dir = staging
        argostranslate.package.install_from_path(path)
        final = directory / checked.top
        if final.exists():
            old = directory / f".replaced-{checked.top}"
            shutil.rmtree(old, ignore_errors=True)
            os.replace(final, old)
            os.replace(staging / checked.top, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging / checked.top, final)
    finally:
        argostranslate.settings.package_data_dir = saved
        shutil.rmtree(staging, ignore_errors=True)
    meta = checked.metadata
    return ModelInfo(meta["from_code"], meta["to_code"], checked.top, str(meta.get("package_version", "")),
                     directory / checked.top)
