"""The manifest: every file a build wrote, its hash, and what was measured about it."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from campaigngen import __version__
from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Report
from campaigngen.release.entries import ManifestEntry, read_entries
from campaigngen.renderers.artifacts import Artifact, ArtifactKind

MANIFEST_NAME = "manifest.json"
_LIBRARIES = (
    "pillow",
    "qrcode",
    "babel",
    "numpy",
    "soundfile",
    "espeakng-loader",
    "zxing-cpp",
    "uharfbuzz",
    "fonttools",
    "pypdf",
    "pypdfium2",
    "zlib-ng",  # deflates the PNG pages and PDF streams: other bytes, the same pixels
    "phonenumbers",
)


@dataclass(frozen=True)
class Skipped:
    language: str
    kind: ArtifactKind
    format: str
    reason: str


# What a reader meets before the files: the campaign, the release, its languages.
_BEFORE_ARTIFACTS = ("campaign", "name", "release", "languages")


@dataclass(frozen=True)
class Manifest:
    """A build's (or a release's) manifest: the files with their typed facts, and the rest
    (languages, checks, sources, ...) as JSON. The files become JSON only in to_json(), when
    the manifest is written."""

    root: Path
    data: Mapping[str, Any] = field(default_factory=dict)  # everything but "artifacts"
    entries: tuple[ManifestEntry, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = {key: value for key, value in self.data.items() if key in _BEFORE_ARTIFACTS}
        out["artifacts"] = [entry.to_json() for entry in self.entries]
        out.update((key, value) for key, value in self.data.items() if key not in out)
        return out


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileDigests:
    """The SHA-256 of files while one release is made, each file's bytes hashed once.

    A release's bundles are hard links to its own files, and its SHA256SUMS, its manifest's
    file list and the personal-data scan each want every file's hash or bytes: the same
    inode was hashed up to three times. Used only inside one publish's own hidden folder,
    where no file is written after it is hashed; the key (inode, size, modification and
    change time) is a guard on top: a file renamed over, resized or relinked since is
    hashed again."""

    known: dict[tuple[int, ...], str] = field(default_factory=dict)

    @staticmethod
    def key(path: Path) -> tuple[int, ...]:
        status = os.stat(path)
        return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)

    def of(self, path: Path) -> str:
        key = self.key(path)
        if key not in self.known:
            self.known[key] = sha256_of(path)
        return self.known[key]

    def remember(self, key: tuple[int, ...], data: bytes) -> str:
        """The hash of data, read from the file whose key() was taken before reading it."""
        digest = self.known[key] = hashlib.sha256(data).hexdigest()
        return digest


def tool_versions() -> dict[str, str]:
    return dict(_loaded_versions())


@lru_cache(maxsize=1)
def _loaded_versions() -> tuple[tuple[str, str], ...]:
    """Read once per process, as keys.code_version is: the code this process runs is what made
    the release (each metadata.version finds and parses a package's METADATA file: 6 ms a manifest)."""
    versions = {"campaigngen": __version__, "python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return tuple(versions.items())


def artifact_entry(artifact: Artifact, root: Path) -> ManifestEntry:
    return ManifestEntry.of(artifact, root, artifact.sha256 or sha256_of(artifact.path))


def build_manifest(
    snapshot: Snapshot,
    artifacts: Sequence[Artifact],
    skipped: Sequence[Skipped],
    report: Report,
    root: Path,
    jobs: Mapping[str, Any] | None = None,
) -> Manifest:
    from campaigngen.release.approvals import reviews

    campaign, editions = snapshot.campaign, snapshot.editions
    # Who approved each text as built (trusted reviewers only): every word is attributable.
    approved = {(r.language, r.subject.name): list(r.counted) for r in reviews(snapshot)}
    data: dict[str, Any] = {
        "campaign": campaign.id,
        "name": campaign.name,
        "languages": [
            {
                "language": loc.tag,
                "name": loc.language.native_name,
                "english_name": loc.language.english_name,
                "direction": loc.language.direction,
                "draft": loc.draft,
                "unfinished": list(loc.unfinished),
                # The text as printed, so a review page shows what was built, not today's catalogs.
                "messages": [
                    {
                        "id": m.id,
                        "status": loc.status[m.id],
                        "text": loc.filled(m.id),
                        "approved_by": approved.get((loc.tag, f"message {m.id}"), []),
                    }
                    for m in loc.applicable
                ],
            }
            for loc in editions
        ],
        "contact_approved_by": approved.get((campaign.source_language.tag, "contact"), []),
        "skipped": [s.__dict__ for s in skipped],
        "checks": report.to_json(),
        "waivers": [
            {
                "check": f.check,
                "language": f.language,
                "message_id": f.message_id,
                "by": f.waived_by,
                "reason": f.waiver_reason,
            }
            for f in report.waived
        ],
        "tools": tool_versions(),
        # What the build was made from: the very bytes that were checked, by hash.
        "sources": dict(snapshot.inputs),
    }
    if jobs is not None:
        data["jobs"] = dict(jobs)  # what the next build may reuse: files by the content key they were made from
    return Manifest(root=root, data=data, entries=tuple(artifact_entry(a, root) for a in artifacts))


def read_build_manifest(folder: Path) -> Manifest | None:
    """The manifest a build left in folder, its files' facts parsed back, or None: no
    manifest, one that cannot be read, or not a build's (a release's lists "files")."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or "campaign" not in data or not isinstance(data.get("artifacts"), list):
        return None
    return manifest_of(folder, data)


def manifest_of(folder: Path, data: Mapping[str, Any]) -> Manifest:
    """A manifest read as JSON (a build's, a release's): its files parsed into entries."""
    return Manifest(folder, {k: v for k, v in data.items() if k != "artifacts"}, read_entries(data))


def write_manifest(path: Path, manifest: Manifest) -> None:
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))
