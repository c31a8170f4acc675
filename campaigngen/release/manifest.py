"""The manifest: every file a build wrote, its hash, and what was measured about it."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from campaigngen import __version__
from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Report
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
    "phonenumbers",
)


@dataclass(frozen=True)
class Skipped:
    language: str
    kind: ArtifactKind
    format: str
    reason: str


@dataclass(frozen=True)
class Manifest:
    root: Path
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def artifacts(self) -> list[dict[str, Any]]:
        return list(self.data["artifacts"])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tool_versions() -> dict[str, str]:
    versions = {"campaigngen": __version__, "python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def artifact_entry(artifact: Artifact, root: Path) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": artifact.path.relative_to(root).as_posix(),
        "kind": artifact.kind,
        "language": artifact.language,
    }
    if artifact.format is not None:
        entry["format"] = artifact.format
    entry["sha256"] = artifact.sha256 or sha256_of(artifact.path)
    entry["bytes"] = artifact.path.stat().st_size
    for key, value in artifact.facts.items():
        entry[key] = _json_value(value)
    return entry


def build_manifest(
    snapshot: Snapshot,
    artifacts: Sequence[Artifact],
    skipped: Sequence[Skipped],
    report: Report,
    root: Path,
    jobs: Mapping[str, Any] | None = None,
) -> Manifest:
    campaign, editions = snapshot.campaign, snapshot.editions
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
                    {"id": m.id, "status": loc.status[m.id], "text": loc.filled(m.id)} for m in loc.applicable
                ],
            }
            for loc in editions
        ],
        "artifacts": [artifact_entry(a, root) for a in artifacts],
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
    return Manifest(root=root, data=data)


def read_build_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest a build left in folder, or None: no manifest, one that cannot be read, or
    not a build's (a release's manifest lists "files", a build's "artifacts")."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or "campaign" not in data or not isinstance(data.get("artifacts"), list):
        return None
    return data


def write_manifest(path: Path, manifest: Manifest) -> None:
    write_bytes_atomic(path, (json.dumps(manifest.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
