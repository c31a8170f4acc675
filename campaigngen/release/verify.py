"""Is a release what its publisher published, unchanged, and still standing?

Four questions, each answered plainly, none skipped:
1. files: every file re-hashed against manifest.json (missing, changed, extra; links are
   listed, never followed; a file sharing its data with a file outside the release, a hard
   link, is reported too: a write to its twin would change the release);
2. signature: the signature the release carries is always checked against the key its
   manifest names; one that does not hold fails, with or without a trusted key;
3. publisher: whether that key is one the reader trusts (``--key``, ``--keyring``, or their
   own keyring). Without any, verify says the publisher is NOT confirmed: a manifest can
   name any key, and anyone can re-sign a changed release with a key of their own;
4. store: in a release store, whether the release was withdrawn (a record signed by its
   key) and whether ``latest`` names the newest snapshot published and not withdrawn.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.privacy import NeedleSet, personal_needles
from campaigngen.exceptions import NotARelease, PersonalDataFound, SignatureInvalid
from campaigngen.release.keyring import Keyring
from campaigngen.release.manifest import MANIFEST_NAME, FileDigests, sha256_of
from campaigngen.release.signing import (
    RELEASE_NAMESPACE,
    SIGNATURE_NAME,
    PublicKey,
    check_signature_file,
    key_named,
)
from campaigngen.sources.campaign import Campaign

UNSIGNED, HOLDS, BROKEN = "unsigned", "holds", "broken"
CONFIRMED, NOT_CONFIRMED, REFUSED = "confirmed", "not confirmed", "refused"


@dataclass(frozen=True)
class SignatureCheck:
    state: str  # UNSIGNED, HOLDS or BROKEN
    key: PublicKey | None = None  # the key the manifest names
    signer: str | None = None  # the name the manifest gives it
    problem: str | None = None


@dataclass(frozen=True)
class PublisherCheck:
    state: str  # CONFIRMED, NOT_CONFIRMED (nothing to check against) or REFUSED
    text: str


@dataclass(frozen=True)
class StoreCheck:
    """The release as its store sees it."""

    latest: str | None  # what latest names
    expected_latest: str | None  # the newest snapshot published and not withdrawn
    withdrawn_at: str | None = None
    withdrawn_reason: str | None = None
    record_problem: str | None = None  # a withdrawal record for this release that does not hold

    @property
    def latest_problem(self) -> str | None:
        if self.latest == self.expected_latest:
            return None
        return (
            f"latest names {self.latest or 'nothing'}, but the last snapshot published and not withdrawn is "
            f"{self.expected_latest or 'none'} - latest was moved by hand, or a publish was interrupted (the next "
            f"publish, withdraw or prune puts it right)"
        )

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(p for p in (self.record_problem, self.latest_problem) if p)


@dataclass(frozen=True)
class Verification:
    root: Path
    version: str
    checked: int
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    extra: tuple[str, ...]
    links: tuple[str, ...] = ()  # symbolic links inside the release: never followed, never accepted
    shared: tuple[str, ...] = ()  # files sharing their data (a hard link) with a file outside the release
    signature: SignatureCheck = SignatureCheck(UNSIGNED)
    publisher: PublisherCheck = PublisherCheck(NOT_CONFIRMED, "")
    store: StoreCheck | None = None

    @property
    def files_match(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.links or self.shared)

    @property
    def intact(self) -> bool:
        """Exactly what was published: every file, and the signature it carries."""
        return self.files_match and self.signature.state != BROKEN

    @property
    def withdrawn(self) -> bool:
        return self.store is not None and self.store.withdrawn_at is not None

    @property
    def is_latest(self) -> bool:
        return self.store is not None and self.store.expected_latest == self.root.resolve().name

    @property
    def ok(self) -> bool:
        """Fit to use: intact, not refused by the reader's keys, not withdrawn, its store in order."""
        return (
            self.intact
            and self.publisher.state != REFUSED
            and not self.withdrawn
            and not (self.store and self.store.problems)
        )

    @property
    def signed_by(self) -> str | None:
        return self.signature.key.fingerprint if self.signature.key else None


def file_entry(path: Path, root: Path, digests: FileDigests | None = None) -> dict[str, Any]:
    """The manifest's record of one published file: relative path, size and SHA-256."""
    digest = digests.of(path) if digests is not None else sha256_of(path)
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": digest}


def list_files(root: Path) -> list[Path]:
    """Every file and link under root except the manifest and its signature, in a stable
    order; links are listed, never followed."""
    return [path for _, path in _listed(root)]


def _listed(root: Path) -> list[tuple[str, Path]]:
    """list_files with each path's POSIX path relative to root. Names are joined as strings
    (os.walk gives them so): a Path made and compared for each name cost more than the walk,
    and a verify lists a release twice."""
    top = os.fspath(root)
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(top, followlinks=False):
        below = folder[len(top) :].lstrip("/")
        prefix = f"{below}/" if below else ""
        found += [(prefix + d, Path(folder, d)) for d in dirs if os.path.islink(os.path.join(folder, d))]
        found += [(prefix + f, Path(folder, f)) for f in files if below or f not in (MANIFEST_NAME, SIGNATURE_NAME)]
    found.sort(key=lambda pair: pair[0])
    return found


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _read_manifest(root: Path) -> tuple[dict[str, Any], bytes]:
    manifest_path = root / MANIFEST_NAME
    if not root.is_dir():
        raise NotARelease(f"{root}: not a folder - give a release folder, e.g. releases/<campaign>/latest")
    if not manifest_path.is_file():
        raise NotARelease(f"{root}: no {MANIFEST_NAME} here, so this is not a release folder")
    try:
        raw = manifest_path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
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
    return data, raw


def load_release_manifest(root: Path) -> dict[str, Any]:
    return _read_manifest(root)[0]


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


def check_release_signature(root: Path, data: dict[str, Any], manifest: bytes) -> SignatureCheck:
    """The signature the release carries, checked against the key its manifest names."""
    block = data.get("signature")
    signature = root / SIGNATURE_NAME
    present = signature.is_file() and not signature.is_symlink()
    if block is None:
        if present or signature.is_symlink():
            return SignatureCheck(
                BROKEN,
                problem=f"{SIGNATURE_NAME} is there but the manifest names no key: its signature block was removed",
            )
        return SignatureCheck(UNSIGNED)
    try:
        key = key_named(block)
    except ValueError as exc:
        return SignatureCheck(BROKEN, problem=f"the manifest's signature block names no usable key ({exc})")
    signer = str(block.get("signer") or "") or None
    if not present:
        return SignatureCheck(BROKEN, key, signer, f"the manifest says it is signed, but {SIGNATURE_NAME} is missing")
    try:
        check_signature_file(key, manifest, signature.read_bytes(), RELEASE_NAMESPACE)
    except SignatureInvalid as exc:
        return SignatureCheck(BROKEN, key, signer, f"the signature does not hold: {exc.format_message()}")
    return SignatureCheck(HOLDS, key, signer)


def check_publisher(signature: SignatureCheck, trust: Keyring | None) -> PublisherCheck:
    if signature.state == BROKEN:
        return PublisherCheck(REFUSED, "NOT confirmed: the signature does not hold")
    if trust is None:
        if signature.state == UNSIGNED:
            return PublisherCheck(
                NOT_CONFIRMED,
                "NOT confirmed: the release is unsigned - anyone who can change the folder can change the manifest "
                "with it",
            )
        return PublisherCheck(
            NOT_CONFIRMED,
            f"NOT confirmed: the signature holds for key {signature.key.fingerprint if signature.key else '?'}, "
            f"but that key is named by the manifest itself, and anyone can re-sign a changed release with a key of "
            f"their own - check it against the publisher's key: --key FILE.pub or --keyring FILE",
        )
    if signature.state == UNSIGNED or signature.key is None:
        return PublisherCheck(REFUSED, f"NOT confirmed: the release is unsigned, so {trust.source} cannot vouch for it")
    entry = trust.trusted(signature.key, RELEASE_NAMESPACE)
    if entry is None:
        return PublisherCheck(
            REFUSED,
            f"NOT confirmed: its key {signature.key.fingerprint} is not one {trust.source} trusts to sign releases",
        )
    names = ",".join(entry.principals)
    return PublisherCheck(
        CONFIRMED, f"confirmed: signed by {names} (key {entry.fingerprint}, trusted in {trust.source})"
    )


def check_files(root: Path, expected: dict[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    listed = _listed(root)
    links = tuple(sorted(rel for rel, p in listed if p.is_symlink()))
    present = {rel: p for rel, p in listed if not p.is_symlink()}
    stats = {rel: path.lstat() for rel, path in present.items()}
    stats[MANIFEST_NAME] = (root / MANIFEST_NAME).lstat()
    inside: dict[tuple[int, int], int] = {}
    for st in stats.values():
        inside[(st.st_dev, st.st_ino)] = inside.get((st.st_dev, st.st_ino), 0) + 1
    shared = tuple(sorted(rel for rel, st in stats.items() if st.st_nlink > inside[(st.st_dev, st.st_ino)]))
    missing = tuple(sorted(set(expected) - set(present) - set(links)))
    extra = tuple(sorted(set(present) - set(expected)))
    # Each inode is hashed once: a bundle's files are hard links to the release's own.
    hashed: dict[tuple[int, int], str] = {}

    def digest(rel: str) -> str:
        inode = (stats[rel].st_dev, stats[rel].st_ino)
        if inode not in hashed:
            hashed[inode] = sha256_of(present[rel])
        return hashed[inode]

    changed = tuple(
        rel
        for rel in sorted(set(expected) & set(present))
        # Size first: cheap, and a truncated file is the common damage.
        if stats[rel].st_size != expected[rel]["bytes"] or digest(rel) != expected[rel]["sha256"]
    )
    return {"missing": missing, "changed": changed, "extra": extra, "links": links, "shared": shared}


def check_store(root: Path) -> StoreCheck | None:
    """Withdrawn? Does latest name the newest snapshot still standing? (None outside a store.)"""
    from campaigngen.release.store import check_withdrawal, expected_latest, read_release, releases_of, store_of_release

    store = store_of_release(root)
    info = read_release(root)
    if store is None or info is None:
        return None
    releases = releases_of(store)
    expected = expected_latest(store, releases)
    record, problem = check_withdrawal(store, info)
    return StoreCheck(
        store.latest_version(),
        expected,
        record.withdrawn_at if record else None,
        record.reason if record else None,
        problem,
    )


def verify_release(root: Path, trust: Keyring | None = None) -> Verification:
    """Compare root's files with its manifest (latest itself may be a link), check the
    signature it carries, whether trust (the reader's keys; None: none given) vouches for its
    key, and, in a store, whether it stands and latest is right."""
    root = Path(root)
    data, raw = _read_manifest(root)
    real_root = root.resolve()
    expected = {entry["path"]: entry for entry in data["files"]}
    files = check_files(real_root, expected)
    signature = check_release_signature(real_root, data, raw)
    return Verification(
        root,
        str(data["release"].get("version", "?")),
        len(expected),
        files["missing"],
        files["changed"],
        files["extra"],
        files["links"],
        files["shared"],
        signature,
        check_publisher(signature, trust),
        check_store(real_root),
    )


def verify_store(folder: Path, trust: Keyring | None = None) -> list[Verification]:
    """Every release of a campaign's store folder, oldest snapshot first."""
    from campaigngen.release.store import CampaignStore, releases_of

    folder = folder.resolve()
    store = CampaignStore(folder.parent, folder.name)
    order = [info.folder.name for info in releases_of(store)]
    order += [v for v in store.versions() if v not in order]  # no readable manifest: verify_release says so
    return [verify_release(store.release(version), trust) for version in order]


def is_campaign_store(folder: Path) -> bool:
    from campaigngen.release.store import LATEST, STORE_MARK

    folder = Path(folder)
    return (
        folder.is_dir()
        and not (folder / MANIFEST_NAME).exists()
        and ((folder / LATEST).is_symlink() or (folder.parent / STORE_MARK).is_file())
    )


# --------------------------------------------------------------------------- personal data
def scan_for_personal_data(
    folder: Path,
    campaign: Campaign,
    editions: Sequence[LocalizedCampaign],
    only: Sequence[Path] | None = None,
    digests: FileDigests | None = None,
) -> None:
    """Refuse to publish when any file's bytes hold a translator's name or e-mail (from the PO
    headers), a local path, or the user or host name: metadata writers put these in silently.
    Each distinct file is read and searched once (a bundle's files are hard links to the
    release's own); with digests, its SHA-256 is taken from the same read."""
    needles = NeedleSet.of(personal_needles(campaign, editions, [folder.resolve()]))
    scanned: set[tuple[int, ...]] = set()  # (device, inode)
    for path in only or list_files(folder):
        key = FileDigests.key(path)
        if key[:2] in scanned:
            continue
        blob = path.read_bytes()
        if digests is not None:
            digests.remember(key, blob)
        needle = needles.first_in(blob)
        if needle is not None:
            raise PersonalDataFound(
                f"{path.relative_to(folder).as_posix()} contains {needle.why} "
                f"('{needle.text}') - nothing was published; report it as a renderer bug"
            )
        scanned.add(key[:2])
