"""An .argosmodel file checked as untrusted input, then installed.

A model is a zip fetched on a connected machine and copied over (`download.py`). It is
checked before Argos unpacks it, because a zip can carry ``../`` paths, absolute paths or
symlinks that would write outside the models folder, or unpack to far more than its size.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaigngen.exceptions import InputError
from campaigngen.mt.argos import require_argos
from campaigngen.mt.models import ModelInfo, models_dir

MAX_ARCHIVE_BYTES = 2 * 1024**3  # real packages are ~100 MB; 2 GB leaves room, not a zip bomb
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # no honest model file compresses 200:1
_SMALL_BYTES = 1024 * 1024  # below this a high ratio is harmless (a metadata file of spaces)
REQUIRED_FILES = ("metadata.json", "model/model.bin")
TOKENIZERS = ("sentencepiece.model", "bpe.model")  # one of them


@dataclass(frozen=True)
class ArchiveCheck:
    top: str  # the single top-level folder
    metadata: dict


class _Refused(Exception):
    """One reason the archive is refused; check_archive names the file and the way out."""


def check_archive(path: Path) -> ArchiveCheck:
    """Refuse a package that could write outside its folder, or is not a translation model."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    try:
        return _checked(path, size)
    except _Refused as refused:
        raise InputError(path, str(refused), hint="get the .argosmodel again from the Argos package index") from None


def _checked(path: Path, size: int) -> ArchiveCheck:
    if size > MAX_ARCHIVE_BYTES:
        raise _Refused(f"archive is {size} bytes, over the {MAX_ARCHIVE_BYTES} limit")
    if not zipfile.is_zipfile(path):
        raise _Refused("not an .argosmodel (zip) archive")
    with zipfile.ZipFile(path) as archive:
        names = _member_names(archive.infolist(), size)
        top = _single_top(names)
        _require_model_files(top, {name.as_posix().rstrip("/") for name in names})
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise _Refused("metadata.json is not valid JSON") from None
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(k), str) and metadata.get(k) for k in ("from_code", "to_code")
    ):
        raise _Refused("metadata.json lacks from_code / to_code")
    return ArchiveCheck(top, metadata)


def _member_names(members: list[zipfile.ZipInfo], archive_bytes: int) -> set[PurePosixPath]:
    """Every member's path, each one safe to unpack, and all of them together not a zip bomb."""
    if len(members) > MAX_MEMBERS:
        raise _Refused(f"{len(members)} files, over the {MAX_MEMBERS} limit")
    names = {_safe_path(info) for info in members}
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(f"unpacks to {unpacked} bytes, over the {MAX_UNPACKED_BYTES} limit")
    if archive_bytes and unpacked > _SMALL_BYTES and unpacked / archive_bytes > MAX_RATIO:
        # Many members each just under the per-member threshold add up the same way.
        raise _Refused(f"unpacks to {unpacked / archive_bytes:.0f}x its size in all (a zip bomb?)")
    return names


def _safe_path(info: zipfile.ZipInfo) -> PurePosixPath:
    """A member that stays inside the package folder when unpacked, and is no zip bomb."""
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise _Refused(f"absolute path '{name}' in the archive")
    if ".." in pure.parts:
        raise _Refused(f"path '{name}' climbs out of the package folder")
    if not pure.parts:
        raise _Refused("a member without a name in the archive")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _Refused(f"symbolic link '{name}' in the archive")
    if info.file_size > _SMALL_BYTES and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise _Refused(f"'{name}' unpacks {info.file_size / info.compress_size:.0f}x its size (a zip bomb?)")
    return pure


def _single_top(names: set[PurePosixPath]) -> str:
    tops = {name.parts[0] for name in names}
    if len(tops) != 1:
        raise _Refused(f"needs exactly one top-level folder, found {len(tops)} ({', '.join(sorted(tops))})")
    top = tops.pop()
    if top.startswith("."):
        raise _Refused(f"top-level folder '{top}' is hidden")
    return top


def _require_model_files(top: str, names: set[str]) -> None:
    for required in REQUIRED_FILES:
        if f"{top}/{required}" not in names:
            raise _Refused(f"'{top}/{required}' is missing")
    if not any(f"{top}/{tokenizer}" in names for tokenizer in TOKENIZERS):
        raise _Refused(f"'{top}' has no sentencepiece.model or bpe.model tokenizer")


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
        try:
            argostranslate.package.install_from_path(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
            raise InputError(
                path,
                f"the archive is damaged ({type(exc).__name__}: a member fails its check)",
                hint="get the .argosmodel again (campaigngen models download on a connected machine)",
            ) from None
        _move_into_place(staging / checked.top, directory / checked.top)
    finally:
        argostranslate.settings.package_data_dir = saved
        shutil.rmtree(staging, ignore_errors=True)
    meta = checked.metadata
    return ModelInfo(
        meta["from_code"], meta["to_code"], checked.top, str(meta.get("package_version", "")), directory / checked.top
    )


def _move_into_place(unpacked: Path, final: Path) -> None:
    """An old install of the same package is swapped out only once the new one is whole."""
    if not final.exists():
        os.replace(unpacked, final)
        return
    old = final.with_name(f".replaced-{final.name}")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(final, old)
    os.replace(unpacked, final)
    shutil.rmtree(old, ignore_errors=True)
