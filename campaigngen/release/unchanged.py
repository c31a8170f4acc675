"""The no-op answer: is the last build in an output folder still what a build would make?

A build records a stamp in its manifest ("rebuild"): a key of everything outside the
project that its files and findings depend on (campaigngen's code and libraries, the Python
that ran it, the environment that finds keyrings, voices and tools, the languages asked
for, where the campaign and the output are), and a census of every input file by its
identity (size, modification and change times, inode): the campaign's folder, the
project's locales/ and fonts/ and top-level files (reviewers, languages.toml), every font,
recording and keyring read from elsewhere, the installed voices and the tools that encode
and read back. The census is taken before the snapshot reads anything, so a file saved
while the build runs differs from it next time.

`unchanged_build` answers from the stamp, the output's files and the clock alone: it
parses no campaign, imports no renderer and hashes nothing but campaigngen's code. Any
difference (a touched file, a new catalog, a deleted or edited output, another key, a
reviewer key's validity window passing) sends the build the full way, which reuses every
file whose content key is unchanged (release/reuse.py). A build whose result may differ on
the same inputs (an online speech engine) or that failed records no stamp.

This module imports nothing of campaigngen's stages, so a no-op build starts in a blink.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STAMP_KEY = "rebuild"
STAMP_VERSION = 1
# What the environment tells a build (where keyrings, voices, tools and the release store
# are, and the time written into files); anything else in it does not change a file.
_ENVIRONMENT = (
    "SOURCE_DATE_EPOCH",
    "CAMPAIGNGEN_KEYRING",
    "CAMPAIGNGEN_RELEASES",
    "CAMPAIGNGEN_VOICES_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "HOME",
    "PATH",
    "PYTHONPATH",
)
# The programs a build runs (video encoding, PDF read-back): another build of one is another result.
_TOOLS = ("ffmpeg", "pdftotext")


@dataclass(frozen=True)
class Census:
    """Where to look: folders walked whole, folders whose own files count (not their
    subfolders: the project's root holds output/ too), and single files (present or not)."""

    trees: tuple[str, ...] = ()
    shallow: tuple[str, ...] = ()
    files: tuple[str, ...] = ()

    def take(self) -> dict[str, list[int] | None]:
        seen: dict[str, list[int] | None] = {}
        for tree in self.trees:
            seen[tree] = _identity(tree)
            for folder, dirs, names in os.walk(tree):
                dirs.sort()
                for name in (*dirs, *names):
                    path = os.path.join(folder, name)
                    seen[path] = _identity(path)
        for folder in self.shallow:
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError:
                seen[folder] = None
                continue
            for entry in entries:
                if not entry.is_dir():
                    seen[entry.path] = _identity(entry.path)
        for path in self.files:
            seen.setdefault(path, _identity(path))
        return seen

    def to_json(self) -> dict[str, list[str]]:
        return {"trees": list(self.trees), "shallow": list(self.shallow), "files": list(self.files)}


def _identity(path: str) -> list[int] | None:
    """A file as the file system knows it; its change time moves with any write or touch."""
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_mode]


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def project_census(campaign_dir: Path) -> Census:
    """The project's own inputs: the campaign's folder, locales/ and fonts/ whole, and the
    project's top-level files (a campaign outside content/ keeps them all in its folder)."""
    from campaigngen.sources.campaign_dir import project_root_of

    campaign_dir = campaign_dir.resolve()
    project = project_root_of(campaign_dir)
    trees = [str(campaign_dir)]
    if project != campaign_dir:
        trees += [str(project / "locales"), str(project / "fonts")]
    return Census(tuple(trees), (str(project),))


def environment_key(campaign_dir: Path, out_root: Path, tags: Sequence[str]) -> str:
    from campaigngen.release.keys import code_version

    return _digest(
        {
            "stamp": STAMP_VERSION,
            "code": code_version(),
            "python": [sys.version, sys.executable],
            "environment": {name: os.environ.get(name) for name in _ENVIRONMENT},
            "campaign": str(campaign_dir.resolve()),
            "out": str(out_root.resolve()),
            "languages": sorted(tags),
        }
    )


def requested_tags(langs: Iterable[str]) -> list[str]:
    """--lang values as the build reads them (repeated or comma-separated)."""
    return [tag.strip() for value in langs for tag in value.split(",") if tag.strip()]


def tool_paths() -> list[str]:
    return [str(Path(found).resolve()) for tool in _TOOLS if (found := shutil.which(tool))]


@dataclass(frozen=True)
class Request:
    """What a build needs to record its stamp: the project's census taken before the
    snapshot read anything, the languages asked for, and what the command said first."""

    census: Census
    before: Mapping[str, list[int] | None]
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @classmethod
    def now(cls, campaign_dir: Path, tags: Sequence[str]) -> Request:
        census = project_census(campaign_dir)
        return cls(census, census.take(), tuple(tags))


def stamp(
    request: Request,
    campaign_dir: Path,
    out_root: Path,
    extra_files: Iterable[Path],
    extra_trees: Iterable[Path],
    valid_until: float | None,
    pseudo: Iterable[str],
) -> dict[str, Any]:
    """The manifest's record of what this build was made from; extra_*: inputs from outside
    the project (fonts, recordings, keyrings, voices, tools), counted now."""
    census = request.census
    outside = Census(
        tuple(sorted({str(p) for p in extra_trees} - set(census.trees))),
        (),
        tuple(sorted({str(p) for p in extra_files} - set(request.before))),
    )
    seen = {**request.before, **outside.take()}
    where = Census(census.trees + outside.trees, census.shallow, census.files + outside.files)
    return {
        "key": environment_key(campaign_dir, out_root, request.tags),
        "census": _digest(seen),
        **where.to_json(),
        "valid_until": valid_until,
        "said": {"notes": list(request.notes), "pseudo": sorted(pseudo)},
    }


@dataclass(frozen=True)
class Unchanged:
    """The last build, still current: what its build printed, from its manifest."""

    manifest_path: Path
    manifest: Mapping[str, Any]
    said: Mapping[str, Any]


def unchanged_build(campaign_dir: Path, out_root: Path, tags: Sequence[str]) -> Unchanged | None:
    """The last build in out_root if nothing it was made from has changed and its files are
    as it left them; else None (build the full way)."""
    from campaigngen.sources.campaign_dir import declared_id

    campaign_id = declared_id(campaign_dir)
    if campaign_id is None or Path(campaign_id).name != campaign_id:
        return None
    manifest_path = out_root / campaign_id / "manifest.json"
    try:  # a killed build's scratch folder is the full way's to clear away
        if any(name.startswith(f".{campaign_id}.build-") for name in os.listdir(out_root)):
            return None
    except OSError:
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    recorded = manifest.get(STAMP_KEY) if isinstance(manifest, dict) else None
    if not isinstance(recorded, dict) or not isinstance(manifest.get("jobs"), dict):
        return None
    until = recorded.get("valid_until")
    if until is not None and (not isinstance(until, (int, float)) or time.time() >= until):
        return None
    try:
        census = Census(tuple(recorded["trees"]), tuple(recorded["shallow"]), tuple(recorded["files"]))
    except (KeyError, TypeError):
        return None
    if _digest(census.take()) != recorded.get("census"):
        return None
    if not _outputs_untouched(manifest_path.parent, manifest):
        return None
    if recorded.get("key") != environment_key(campaign_dir, out_root, tags):
        return None
    return Unchanged(manifest_path, manifest, recorded.get("said") or {})


def _outputs_untouched(folder: Path, manifest: Mapping[str, Any]) -> bool:
    """Every file the manifest lists is there, with the size and time the build left it."""
    recorded = {record.get("path"): record for job in manifest["jobs"].values() for record in (job.get("files") or ())}
    listed = {entry.get("path") for entry in manifest.get("artifacts") or ()}
    if not listed <= recorded.keys():
        return False
    for path, record in recorded.items():
        if not isinstance(path, str) or ".." in Path(path).parts:
            return False
        try:
            stat = os.lstat(folder / path)
        except OSError:
            return False
        if stat.st_size != record.get("bytes") or stat.st_mtime_ns != record.get("mtime_ns"):
            return False
    return True


__all__ = [
    "STAMP_KEY",
    "Census",
    "Request",
    "Unchanged",
    "environment_key",
    "project_census",
    "requested_tags",
    "stamp",
    "tool_paths",
    "unchanged_build",
]
