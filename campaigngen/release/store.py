"""The release store: where releases live, apart from every build, and never change.

Layout (default ``<project>/releases/``; ``--store DIR`` or ``$CAMPAIGNGEN_RELEASES``)::

    releases/
      .campaigngen-releases        the mark: no build may write inside this folder
      .<campaign>.lock             one publish, withdraw or prune of a campaign at a time
      <campaign>/
        2026.11.27-1/              a release: its own files (copied, never linked), read-only
        2026.11.27-2/
        latest -> 2026.11.27-2     the newest snapshot published and not withdrawn
        withdrawals/<version>.json (+ .sig)   signed records; the release itself is kept

Why apart: a build replaces ``<out>/<campaign>/`` whole (``renameat2(RENAME_EXCHANGE)``),
and whatever was stored inside goes with it; and a file hard-linked into a release changes
with any in-place write to its twin in ``output/``. So a release is never inside a folder a
build replaces, a build never writes inside the store, and a release's files share no
inode with anything outside it.

No command writes into an existing release: publish makes a new one in a hidden folder and
renames it into place (never over an existing name); withdraw writes a record beside it;
prune removes whole releases that are neither latest nor withdrawn.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.atomic import fsync_path, write_bytes_atomic
from campaigngen.exceptions import SignatureInvalid
from campaigngen.release.manifest import MANIFEST_NAME
from campaigngen.release.signing import WITHDRAWAL_NAMESPACE, PublicKey, check_signature_file, key_named
from campaigngen.sources.campaign import Campaign

STORE_DIR = "releases"
STORE_ENV = "CAMPAIGNGEN_RELEASES"
STORE_MARK = ".campaigngen-releases"
LATEST = "latest"
WITHDRAWALS = "withdrawals"
RESERVED = (LATEST, WITHDRAWALS)
PARTIAL_PREFIX = ".partial-"
LATEST_TEMP_PREFIX = ".latest-"
_MARK_TEXT = (
    "campaigngen release store: each folder below holds a campaign's releases, read-only.\n"
    "Builds never write here. Check a release with: campaigngen verify <campaign>/latest\n"
)
_FICLONE = 0x40049409  # linux/fs.h: share the data copy-on-write (btrfs, xfs); a real copy elsewhere
_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


# --------------------------------------------------------------------------- where


def project_of(campaign: Campaign) -> Path:
    """``<project>/content/<campaign>`` -> ``<project>``; a campaign elsewhere: the folder holding it."""
    return campaign.root.parent.parent if campaign.root.parent.name == "content" else campaign.root.parent


def store_root(campaign: Campaign, given: Path | None = None) -> Path:
    """--store, else $CAMPAIGNGEN_RELEASES, else the project's releases/ (absolute)."""
    chosen = given or (Path(os.environ[STORE_ENV]) if os.environ.get(STORE_ENV) else None)
    return (chosen or project_of(campaign) / STORE_DIR).resolve()


def store_for_output(out_root: Path, campaign_id: str) -> Path:
    """The store of the project an output folder belongs to (the studio knows its output
    folder): $CAMPAIGNGEN_RELEASES, else releases/ of the nearest folder above out_root that
    holds content/<campaign>, else beside out_root."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).resolve()
    out_root = Path(out_root).resolve()
    for folder in (out_root, *out_root.parents):
        if (folder / "content" / campaign_id).is_dir():
            return folder / STORE_DIR
    return out_root.parent / STORE_DIR


@dataclass(frozen=True)
class CampaignStore:
    root: Path  # the whole store
    campaign_id: str

    @property
    def folder(self) -> Path:
        return self.root / self.campaign_id

    @property
    def latest(self) -> Path:
        return self.folder / LATEST

    @property
    def withdrawals(self) -> Path:
        return self.folder / WITHDRAWALS

    @property
    def lock(self) -> Path:
        return self.root / f".{self.campaign_id}.lock"

    def release(self, version: str) -> Path:
        return self.folder / version

    def versions(self) -> list[str]:
        """Release folders (not latest, the withdrawals, or hidden half-made ones), sorted by name."""
        if not self.folder.is_dir():
            return []
        return sorted(
            p.name
            for p in self.folder.iterdir()
            if p.is_dir() and not p.is_symlink() and not p.name.startswith(".") and p.name not in RESERVED
        )

    def latest_version(self) -> str | None:
        try:
            return os.readlink(self.latest)
        except OSError:
            return None


def store_of_release(folder: Path) -> CampaignStore | None:
    """The campaign store a release folder sits in, if it sits in one."""
    folder = folder.resolve()
    parent = folder.parent
    if (parent.parent / STORE_MARK).is_file() or (parent / LATEST).is_symlink() or (parent / WITHDRAWALS).is_dir():
        return CampaignStore(parent.parent, parent.name)
    return None


def open_store(root: Path) -> None:
    """Create the store (with its mark) if it is not there yet."""
    root.mkdir(parents=True, exist_ok=True)
    mark = root / STORE_MARK
    if not mark.is_file():
        write_bytes_atomic(mark, _MARK_TEXT.encode("ascii"))


# --------------------------------------------------------------------------- files


def copy_own(source: Path, target: Path) -> None:
    """A file of the release's own: a reflink where the filesystem shares data copy-on-write
    (a later write to either side splits them), a full copy elsewhere; never a hard link."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, open(target, "xb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
            return
        except OSError:
            pass
        shutil.copyfileobj(src, dst, 1 << 20)


def seal(folder: Path) -> None:
    """Read-only: files r--r--r--, folders r-xr-xr-x (links are not ours to change)."""
    for path, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            target = Path(path) / name
            if not target.is_symlink():
                target.chmod(0o444)
        for name in dirs:
            target = Path(path) / name
            if not target.is_symlink():
                target.chmod(0o555)
    folder.chmod(0o555)


def remove_tree(folder: Path) -> None:
    """Remove a sealed (or half-made) release: its folders made writable again first."""
    for path, _dirs, _files in os.walk(folder):
        with contextlib.suppress(OSError):
            Path(path).chmod(0o755)
    shutil.rmtree(folder)


def discard(store: CampaignStore, version: str) -> None:
    """Remove a release: first out of sight in one rename (a kill never leaves half of one
    visible; the next publish clears what is left), then its files."""
    hidden = store.folder / f"{PARTIAL_PREFIX}{version}-removed-{os.getpid()}"
    os.rename(store.release(version), hidden)
    fsync_path(store.folder, directory=True)
    remove_tree(hidden)


def rename_noreplace(source: Path, target: Path) -> None:
    """Move source to target; FileExistsError if anything is there (never replaced)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        if renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE) == 0:
            return
        error = ctypes.get_errno()
        if error not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(error, os.strerror(error), str(target))
    # Without RENAME_NOREPLACE (the caller holds the store's lock, so nobody races us here).
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, "exists", str(target))
    os.rename(source, target)


def point_latest(store: CampaignStore, version: str | None) -> None:
    """latest names version (a relative link, swapped atomically), or is removed (None)."""
    if version is None:
        store.latest.unlink(missing_ok=True)
    elif store.latest_version() != version:
        temp = store.folder / f"{LATEST_TEMP_PREFIX}{os.getpid()}"
        temp.unlink(missing_ok=True)
        os.symlink(version, temp)
        os.replace(temp, store.latest)
    fsync_path(store.folder, directory=True)


def repair_latest(store: CampaignStore) -> str | None:
    """Put latest right after an interrupted publish (killed between renaming its release in
    and switching latest); returns what latest names. Call under the store's lock."""
    expected = expected_latest(store)
    point_latest(store, expected)
    return expected


def clean_leftovers(store: CampaignStore) -> list[str]:
    """What a killed publish left (call only under the store's lock: nobody else is writing)."""
    removed: list[str] = []
    if not store.folder.is_dir():
        return removed
    for path in store.folder.iterdir():
        if path.name.startswith(PARTIAL_PREFIX):
            remove_tree(path)
            removed.append(path.name)
        elif path.name.startswith(LATEST_TEMP_PREFIX):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


# --------------------------------------------------------------------------- what is there


@dataclass(frozen=True)
class ReleaseInfo:
    """A release as its manifest describes it (read, not verified)."""

    version: str
    folder: Path
    sequence: int
    snapshot_ns: int  # when the snapshot it was made from began reading its inputs
    published_at: str
    key: PublicKey | None  # the key the manifest names, if signed
    data: dict[str, Any]

    @property
    def order(self) -> tuple[int, int, str]:
        """Snapshot order: the release made from the newest inputs is the latest."""
        return (self.snapshot_ns, self.sequence, self.published_at)


def read_release(folder: Path) -> ReleaseInfo | None:
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    release = data.get("release") if isinstance(data, dict) else None
    if not isinstance(release, dict):
        return None
    try:
        key = key_named(data["signature"]) if "signature" in data else None
    except ValueError:
        key = None
    return ReleaseInfo(
        str(release.get("version", folder.name)),
        folder,
        _int(release.get("sequence")),
        _int(release.get("snapshot_ns")),
        str(release.get("published_at", "")),
        key,
        data,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def releases_of(store: CampaignStore) -> list[ReleaseInfo]:
    """Every release with a readable manifest, oldest snapshot first."""
    found = [info for version in store.versions() if (info := read_release(store.release(version))) is not None]
    return sorted(found, key=lambda info: info.order)


def expected_latest(store: CampaignStore, releases: list[ReleaseInfo] | None = None) -> str | None:
    """What latest must name: the release of the newest snapshot that is not withdrawn."""
    releases = releases_of(store) if releases is None else releases
    withdrawn = valid_withdrawals(store, releases)
    standing = [info for info in releases if info.folder.name not in withdrawn]
    return standing[-1].folder.name if standing else None


# Withdrawal records: read here, because what latest must name depends on them; written by
# release/withdraw.py.


@dataclass(frozen=True)
class Withdrawal:
    version: str
    reason: str
    withdrawn_at: str
    manifest_sha256: str
    path: Path


def record_path(store: CampaignStore, version: str) -> Path:
    return store.withdrawals / f"{version}.json"


def signature_path(record: Path) -> Path:
    return record.with_name(record.name + ".sig")


def manifest_sha256(info: ReleaseInfo) -> str:
    return hashlib.sha256((info.folder / MANIFEST_NAME).read_bytes()).hexdigest()


def check_withdrawal(store: CampaignStore, info: ReleaseInfo) -> tuple[Withdrawal | None, str | None]:
    """(the release's withdrawal, what is wrong with it): (None, None) when it was never withdrawn."""
    path = record_path(store, info.folder.name)
    if not path.is_file():
        return None, None
    try:
        blob = path.read_bytes()
        data = json.loads(blob)
        record = Withdrawal(
            str(data["version"]), str(data["reason"]), str(data["withdrawn_at"]), str(data["manifest_sha256"]), path
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None, f"the withdrawal record {path.name} cannot be read"
    if record.version != info.folder.name or record.manifest_sha256 != manifest_sha256(info):
        return None, f"the withdrawal record {path.name} names another release"
    if info.key is not None:
        try:
            check_signature_file(info.key, blob, signature_path(path).read_bytes(), WITHDRAWAL_NAMESPACE)
        except (OSError, SignatureInvalid) as exc:
            detail = exc.format_message() if isinstance(exc, SignatureInvalid) else "it is not signed"
            return None, f"the withdrawal record {path.name} was not signed by the release's key ({detail})"
    return record, None


def valid_withdrawals(store: CampaignStore, releases: list[ReleaseInfo]) -> dict[str, Withdrawal]:
    """The releases withdrawn by a record that holds (a forged record withdraws nothing)."""
    found = {}
    for info in releases:
        record, problem = check_withdrawal(store, info)
        if record is not None and problem is None:
            found[info.folder.name] = record
    return found
