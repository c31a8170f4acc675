"""Incremental builds: a file whose content key did not change is taken from the last build.

Every job of a build has a key (release/keys.py) covering everything it depends on. The
manifest records, per key, the files the job made with their size and modification time.
The next build links those files into its new folder (a publish copies them) instead of
rendering them again, when the key is the same and each file is still there, untouched.
A deleted or edited file, a changed text, font, setting or code version: it is made again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.release.entries import ManifestEntry
from campaigngen.release.manifest import read_build_manifest
from campaigngen.release.store import copy_own
from campaigngen.renderers.artifacts import Artifact


@dataclass(frozen=True)
class Reuse:
    root: Path
    jobs: Mapping[str, Any]  # job key -> {"ok": bool, "files": [{"path", "bytes", "mtime_ns"}]}
    artifacts: Mapping[str, ManifestEntry]  # path -> its manifest entry, facts parsed back

    @classmethod
    def of(cls, root: Path) -> Reuse | None:
        """The last build in root, or None (no build there, or a manifest that cannot be read)."""
        manifest = read_build_manifest(root)
        if manifest is None:
            return None
        jobs = manifest.data.get("jobs") or {}
        # A file whose facts this version cannot read is made again, so the manifest has them.
        artifacts = {entry.path: entry for entry in manifest.entries if entry.facts is not None}
        return cls(root, jobs, artifacts) if isinstance(jobs, dict) else None

    def covers(self, jobs: Sequence[Any]) -> bool:
        """Did this build make every one of these jobs, successfully, with its files untouched?"""
        return all(self._kept(job) is not None for job in jobs)

    def _kept(self, job) -> list[Mapping[str, Any]] | None:
        entry = self.jobs.get(job.key) if job.key else None
        if not isinstance(entry, dict) or not entry.get("ok"):
            return None
        files = entry.get("files") or []
        return files if files and all(self._unchanged(f) for f in files) else None

    def take(self, job, folder: Path, own_copies: bool = False) -> list[Artifact] | None:
        """The job's files linked into folder (copied, with own_copies: a release shares no
        inode with a build), or None when they must be made again."""
        files = self._kept(job)
        if files is None:
            return None
        made = []
        for record in files:
            source, target = self.root / record["path"], folder / record["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if own_copies:
                copy_own(source, target)
            else:
                try:
                    os.link(source, target)
                except OSError:  # another filesystem, or no hard links: a copy does as well
                    shutil.copy2(source, target)
            listed = self.artifacts[record["path"]]
            assert listed.facts is not None  # _unchanged lets through only entries with facts
            made.append(
                Artifact(
                    target.resolve(), listed.kind, listed.language, listed.format, listed.facts, sha256=listed.sha256
                )
            )
        return made

    def _unchanged(self, record: Mapping[str, Any]) -> bool:
        path = record.get("path")
        if not isinstance(path, str) or path not in self.artifacts or ".." in Path(path).parts:
            return False
        try:
            stat = os.lstat(self.root / path)
        except OSError:
            return False
        return (
            not os.path.islink(self.root / path)
            and stat.st_size == record.get("bytes")
            and stat.st_mtime_ns == record.get("mtime_ns")
        )


def job_index(outcomes: Sequence[tuple[Any, Any]], folder: Path) -> dict[str, Any]:
    """What the next build may reuse: each keyed job's files, and whether it succeeded."""
    index = {}
    for job, outcome in outcomes:
        if not job.key:
            continue
        files = []
        for artifact in outcome.artifacts:
            stat = os.stat(artifact.path)
            files.append(
                {
                    "path": artifact.path.relative_to(folder).as_posix(),
                    "bytes": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns,
                }
            )
        index[job.key] = {"label": job.label, "ok": outcome.finding is None, "files": files}
    return index


__all__ = ["Reuse", "job_index"]
