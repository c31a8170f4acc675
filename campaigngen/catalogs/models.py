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
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaigngen.exceptions import InputError, MissingDependency, NetworkUnavailable
from campaigngen.sources.registry import base_of, facts

INSTALL_EXTRA = "pip install 'campaigngen[mt]'"
# The Argos package index argospm reads: a JSON list of packages, each with download links.
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
DOWNLOAD_TIMEOUT_S = 30.0
MAX_ARCHIVE_BYTES = 2 * 1024**3  # real packages are ~100 MB; 2 GB leaves room, not a zip bomb
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # no honest model file compresses 200:1


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
    """The model's code for a campaign tag: the registry's (Argos calls Traditional Chinese
    "zt"), else the base language."""
    entry = facts(tag)
    return entry.argos if entry is not None else base_of(tag)


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
    found: list[ModelInfo] = []
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
        found.append(
            ModelInfo(
                str(meta["from_code"]), str(meta["to_code"]), folder.name, str(meta.get("package_version", "")), folder
            )
        )
    return found


def find_model(from_code: str, to_code: str, directory: Path | None = None) -> ModelInfo:
    directory = directory or models_dir()
    for model in installed_models(directory):
        if model.from_code == from_code and model.to_code == to_code:
            return model
    raise MissingModels([f"{from_code}->{to_code}"], directory)


class MissingModels(MissingDependency):
    """Every language pair without an installed model, with the way to get each one."""

    def __init__(self, pairs: list[str], directory: Path | None = None):
        directory = directory or models_dir()
        names = ", ".join(f"translate-{p.replace('->', '_')}" for p in pairs)
        super().__init__(
            f"no machine translation model for {', '.join(pairs)} in {directory} - on a connected machine run "
            f"`campaigngen models download {' '.join(p.split('->')[1] for p in pairs)}` (it keeps the "
            f".argosmodel files: {names}), copy them here and run: campaigngen models install FILE.argosmodel"
        )
        self.pairs = tuple(pairs)


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
        if size and unpacked > 1024 * 1024 and unpacked / size > MAX_RATIO:
            # Many members each just under the per-member threshold add up the same way.
            raise bad(f"unpacks to {unpacked / size:.0f}x its size in all (a zip bomb?)")
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
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(k), str) and metadata.get(k) for k in ("from_code", "to_code")
    ):
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
        try:
            argostranslate.package.install_from_path(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as exc:
            raise InputError(
                path,
                f"the archive is damaged ({type(exc).__name__}: a member fails its check)",
                hint="get the .argosmodel again (campaigngen models download on a connected machine)",
            ) from None
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
    return ModelInfo(
        meta["from_code"], meta["to_code"], checked.top, str(meta.get("package_version", "")), directory / checked.top
    )


# --------------------------------------------------------------------------- on a connected machine


@dataclass(frozen=True)
class Downloaded:
    pair: str
    path: Path


def download_models(
    to_codes: list[str], from_code: str, target: Path, index_url: str = INDEX_URL, timeout_s: float = DOWNLOAD_TIMEOUT_S
) -> list[Downloaded]:
    """Fetch .argosmodel files from the package index into target and keep them there, for a
    USB stick to an offline machine (argospm deletes the file once it has installed it).

    Every file is checked like `models install` checks it before it gets its final name."""
    import requests

    def fetch(url: str):
        try:
            response = requests.get(url, timeout=timeout_s, stream=True)
            response.raise_for_status()
            return response
        except requests.RequestException as exc:
            kind = "timed out" if isinstance(exc, requests.Timeout) else "failed"
            raise NetworkUnavailable(
                f"could not download {url}: request {kind} (timeout {timeout_s:g} s) - "
                f"run this on a machine with internet, or fetch the file by hand"
            ) from None

    try:
        index = fetch(index_url).json()
    except ValueError:
        raise NetworkUnavailable(f"{index_url} did not return the package index (not JSON)") from None
    packages = (
        {(p.get("from_code"), p.get("to_code")): p for p in index if isinstance(p, dict)}
        if isinstance(index, list)
        else {}
    )
    wanted = [(from_code, argos_code(code)) for code in to_codes]
    missing = [f"{a}->{b}" for a, b in wanted if (a, b) not in packages or not packages[(a, b)].get("links")]
    if missing:
        raise InputError(
            None,
            f"the package index has no model for {', '.join(missing)}",
            hint="check the language codes (argospm search lists the pairs)",
        )
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for pair in wanted:
        package = packages[pair]
        url = package["links"][0]
        name = Path(url.split("?")[0]).name or f"translate-{pair[0]}_{pair[1]}.argosmodel"
        final = target / name
        handle, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=target)
        try:
            with os.fdopen(handle, "wb") as out:
                response = fetch(url)
                try:
                    for block in response.iter_content(1 << 20):
                        out.write(block)
                except requests.RequestException:
                    raise NetworkUnavailable(f"the download of {url} broke off - try again") from None
            check_archive(Path(tmp_name))
            os.replace(tmp_name, final)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
        done.append(Downloaded(f"{pair[0]}->{pair[1]}", final))
    return done
