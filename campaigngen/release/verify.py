"""Is a release folder exactly what its manifest says? Re-hash every file and compare."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.privacy import personal_needles
from campaigngen.exceptions import NotARelease, PersonalDataFound, SignatureInvalid
from campaigngen.release.manifest import MANIFEST_NAME, sha256_of
from campaigngen.release.signing import SIGNATURE_NAME, check_signature, load_public_key
from campaigngen.sources.campaign import Campaign


@dataclass(frozen=True)
class Verification:
    root: Path
    version: str
    checked: int
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    extra: tuple[str, ...]
    links: tuple[str, ...] = ()  # symbolic links inside the release: never followed, never accepted
    signed_by: str | None = None  # the fingerprint the manifest names
    signature_checked: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.links)


def file_entry(path: Path, root: Path) -> dict[str, Any]:
    """The manifest's record of one published file: relative path, size and SHA-256."""
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": sha256_of(path)}


def list_files(root: Path) -> list[Path]:
    """Every file and link under root except the manifest and its signature, in a stable
    order; links are listed, never followed."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        found += [base / d for d in dirs if (base / d).is_symlink()]
        found += [base / f for f in files if base / f not in (root / MANIFEST_NAME, root / SIGNATURE_NAME)]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


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
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("release"), dict)
        or not isinstance(data.get("files"), list)
    ):
        raise NotARelease(
            f"{manifest_path}: a build manifest, not a release one - "
            f"only folders made by 'campaigngen publish' can be verified"
        )
    for number, entry in enumerate(data["files"], start=1):
        problem = _entry_problem(entry)
        if problem:
            raise NotARelease(
                f"{manifest_path}: file entry {number} {problem} - the manifest is damaged; "
                f"get the release again from its publisher"
            )
    return data


def _entry_problem(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return "is not an object"
    path = entry.get("path")
    if not isinstance(path, str) or not path or path.startswith("/") or ".." in PurePosixPath(path).parts:
        return "has no path inside the release"
    if not isinstance(entry.get("sha256"), str) or not _HEX64.match(entry["sha256"]):
        return f"({path}) has no SHA-256"
    if isinstance(entry.get("bytes"), bool) or not isinstance(entry.get("bytes"), int):
        return f"({path}) has no size"
    return None


def verify_release(root: Path, public_key: Path | None = None) -> Verification:
    """Compare root's files with its manifest (releases/latest itself may be a link); with a
    public key, check the manifest's signature too (SignatureInvalid when it does not hold)."""
    root = Path(root)
    data = load_release_manifest(root)
    real_root = root.resolve()
    signed = data.get("signature") if isinstance(data.get("signature"), dict) else None
    signed_by = str(signed.get("public_key_fingerprint")) if signed else None
    checked_signature = False
    if public_key is not None:
        key = load_public_key(public_key)
        sig_path = real_root / SIGNATURE_NAME
        if not sig_path.is_file() or sig_path.is_symlink():
            raise SignatureInvalid(
                f"{root}: the release is not signed ({SIGNATURE_NAME} is missing) - "
                f"it cannot be shown to come from key {key.fingerprint}"
            )
        check_signature(key, (real_root / MANIFEST_NAME).read_bytes(), sig_path.read_bytes())
        checked_signature = True
    expected = {entry["path"]: entry for entry in data["files"]}
    listed = list_files(real_root)
    links = tuple(sorted(p.relative_to(real_root).as_posix() for p in listed if p.is_symlink()))
    present = {p.relative_to(real_root).as_posix(): p for p in listed if not p.is_symlink()}
    missing = tuple(sorted(set(expected) - set(present) - set(links)))
    extra = tuple(sorted(set(present) - set(expected)))
    changed = tuple(
        rel
        for rel in sorted(set(expected) & set(present))
        # Size first: cheap, and a truncated file is the common damage.
        if present[rel].stat().st_size != expected[rel]["bytes"] or sha256_of(present[rel]) != expected[rel]["sha256"]
    )
    return Verification(
        root,
        str(data["release"].get("version", "?")),
        len(expected),
        missing,
        changed,
        extra,
        links,
        signed_by,
        checked_signature,
    )


# --------------------------------------------------------------------------- personal data
def scan_for_personal_data(
    folder: Path, campaign: Campaign, editions: Sequence[LocalizedCampaign], only: Sequence[Path] | None = None
) -> None:
    """Refuse to publish when any file's bytes hold a translator's name or e-mail (from the PO
    headers), a local path, or the user or host name: metadata writers put these in silently."""
    needles = personal_needles(campaign, editions, [folder.resolve()])
    for path in only or list_files(folder):
        blob = path.read_bytes()
        for needle in needles:
            if needle.found_in(blob):
                raise PersonalDataFound(
                    f"{path.relative_to(folder).as_posix()} contains {needle.why} "
                    f"('{needle.text}') - nothing was published; report it as a renderer bug"
                )
