"""Is a release folder exactly what its manifest says? Re-hash every file and compare."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.privacy import personal_needles
from campaigngen.exceptions import NotARelease, PersonalDataFound
from campaigngen.release.manifest import MANIFEST_NAME, sha256_of
from campaigngen.sources.campaign import Campaign


@dataclass(frozen=True)
class Verification:
    root: Path
    version: str
    checked: int
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def file_entry(path: Path, root: Path) -> dict[str, Any]:
    """The manifest's record of one published file: relative path, size and SHA-256."""
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": sha256_of(path)}


def list_files(root: Path) -> list[Path]:
    """Every regular file under root except the manifest itself, in a stable order."""
    manifest = root / MANIFEST_NAME
    files = (p for p in root.rglob("*") if p != manifest and (p.is_file() or p.is_symlink()))
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def load_release_manifest(root: Path) -> dict[str, Any]:
    manifest_path = root / MANIFEST_NAME
    if not root.is_dir():
        raise NotARelease(f"{root}: not a folder - give a release folder, e.g. output/<campaign>/releases/latest")
    if not manifest_path.is_file():
        raise NotARelease(f"{root}: no {MANIFEST_NAME} here, so this is not a release folder")
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotARelease(f"{manifest_path}: unreadable manifest ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or "release" not in data or not isinstance(data.get("files"), list):
        raise NotARelease(f"{manifest_path}: a build manifest, not a release one - "
                          f"only folders made by 'campaigngen publish' can be verified")
    return data


def verify_release(root: Path) -> Verification:
    """Compare root's files with its manifest; a symlink like releases/latest is followed."""
    root = Path(root)
    data = load_release_manifest(root)
    real_root = root.resolve()
    expected = {entry["path"]: entry for entry in data["files"]}
    present = {p.relative_to(real_root).as_posix(): p for p in list_files(real_root)}
    missing = tuple(sorted(set(expected) - set(present)))
    extra = tuple(sorted(set(present) - set(expected)))
    changed = tuple(
        rel for rel in sorted(set(expected) & set(present))
        # Size first: cheap, and a truncated file is the common damage.
        if present[rel].stat().st_size != expected[rel]["bytes"] or sha256_of(present[rel]) != expected[rel]["sha256"]
    )
    return Verification(root, str(data["release"].get("version", "?")), len(expected), missing, changed, extra)


# --------------------------------------------------------------------------- personal data
def scan_for_personal_data(folder: Path, campaign: Campaign, editions: Sequence[LocalizedCampaign],
                           only: Sequence[Path] | None = None) -> None:
    """Refuse to publish when any file's bytes hold a translator's name or e-mail (from the PO
    headers), a local path, or the user or host name: metadata writers put these in silently."""
    needles = personal_needles(campaign, editions, [folder.resolve()])
    for path in (only or list_files(folder)):
        blob = path.read_bytes()
        for needle in needles:
            if needle.found_in(blob):
                raise PersonalDataFound(f"{path.relative_to(folder).as_posix()} contains {needle.why} "
                                        f"('{needle.text}') - nothing was published; report it as a renderer bug")
