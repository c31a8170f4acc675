"""Publish: the gate, then an atomic, versioned release in the release store.

The order is what makes it safe:
1. take one snapshot of every input and run every check on it; refuse (exit 1) on any
   unwaived failure or DRAFT;
2. take the build folder's lock (its files may be reused: no build may swap it meanwhile),
   then the store's lock for the campaign (one publish, withdraw or prune at a time);
3. refuse if a newer snapshot was published while this one waited (latest must end at the
   newest snapshot, whichever publish started or finished first);
4. render that same snapshot (never a second read of the files) into a hidden
   ``<store>/<campaign>/.partial-<version>-<pid>/`` folder (files of a build of this very
   snapshot are copied in, never linked), add bundles, the review page and the manifest,
   sign, scan for personal data, make every file read-only, fsync;
5. rename it to ``<store>/<campaign>/<version>/`` (atomic, never over an existing name);
6. point ``latest`` at it with a new symlink and ``os.replace`` (atomic too).
A kill at any moment leaves ``latest`` on the old or the new complete release; leftovers are
hidden dot-folders that the next publish removes under the lock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen import __version__
from campaigngen.atomic import fsync_path, fsync_tree, write_bytes_atomic
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Finding, Report
from campaigngen.exceptions import (
    ChecksFailed,
    DraftRefused,
    GateRefused,
    InputError,
    PublishSuperseded,
    VersionExists,
)
from campaigngen.release.build import plan_jobs, refuse_unfilled, render_all
from campaigngen.release.gate import RENDERED, run_checks
from campaigngen.release.locking import campaign_lock
from campaigngen.release.manifest import MANIFEST_NAME, Manifest, write_manifest
from campaigngen.release.outfolder import check_writable, output_for
from campaigngen.release.reuse import Reuse
from campaigngen.release.signing import (
    RELEASE_NAMESPACE,
    SIGNATURE_NAME,
    Signer,
    default_key_path,
    describe,
    signer_of,
)
from campaigngen.release.store import (
    PARTIAL_PREFIX,
    RESERVED,
    CampaignStore,
    clean_leftovers,
    open_store,
    point_latest,
    releases_of,
    remove_tree,
    rename_noreplace,
    repair_latest,
    seal,
    store_root,
)

VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")
STORE_LOCK_USERS = "publish, withdraw or prune"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PublishResult:
    version: str
    folder: Path
    latest: Path
    manifest: dict[str, Any]
    report: Report
    seconds: float

    @property
    def review_page(self) -> Path:
        return self.folder / "index.html"


# --------------------------------------------------------------------------- versions


def check_version(version: str, store: CampaignStore) -> str:
    if not VERSION_RE.match(version) or version in RESERVED:
        raise InputError(
            None,
            f"version '{version}' may use letters, digits, '.', '-', '+', '_' (not starting with '.', "
            f"and not {' or '.join(repr(r) for r in RESERVED)})",
            hint="e.g. --version 2026.11.27-1",
        )
    target = store.release(version)
    if target.exists() or target.is_symlink():
        raise VersionExists(
            target,
            f"release {version} already exists - a release is never overwritten",
            hint="pick another --version or leave it out",
        )
    return version


def next_version(store: CampaignStore, today: dt.date) -> str:
    """``YYYY.MM.DD-N``: the day's next free number, so versions sort and say when."""
    stem = today.strftime("%Y.%m.%d")
    taken = [int(m.group(1)) for name in store.versions() if (m := re.fullmatch(re.escape(stem) + r"-(\d+)", name))]
    return f"{stem}-{max(taken, default=0) + 1}"


def refuse_superseded(store: CampaignStore, snapshot: Snapshot) -> int:
    """The sequence number of the new release; PublishSuperseded when a release of a newer
    snapshot is there already (call under the store's lock)."""
    releases = releases_of(store)
    newer = [info for info in releases if info.snapshot_ns > snapshot.read_at_ns]
    if newer:
        newest = max(newer, key=lambda info: info.order)
        read = dt.datetime.fromtimestamp(newest.snapshot_ns / 1e9, dt.UTC).strftime("%H:%M:%S.%f")[:-3]
        mine = dt.datetime.fromtimestamp(snapshot.read_at_ns / 1e9, dt.UTC).strftime("%H:%M:%S.%f")[:-3]
        raise PublishSuperseded(
            f"release {newest.version} of '{store.campaign_id}', from files read at {read} UTC, was published "
            f"while this publish (files read at {mine}) waited - nothing was published; publish again to release "
            f"the files as they are now"
        )
    return max((info.sequence for info in releases), default=0) + 1


# --------------------------------------------------------------------------- the release


def _preflight() -> None:
    """Fail before anything is written when the text engine is missing (raqm, fonts) or
    $CAMPAIGNGEN_JOBS cannot be used."""
    from campaigngen.release.workers import processes_allowed
    from campaigngen.renderers.flyer import ensure_text_engine

    ensure_text_engine()
    processes_allowed()


def gate(snapshot: Snapshot, measured: bool = False) -> Report:
    """Every check on the snapshot; GateRefused (every failing finding) or DraftRefused.
    measured: a build of this very snapshot laid out every page and spoke every spot for
    real, successfully; its files are reused, so the dry runs of those checks are not repeated."""
    report = run_checks(snapshot, skip=RENDERED if measured else ())
    if not report.publishable:
        raise GateRefused(report)
    # Drafts fail the gate through untranslated/fuzzy findings; a waiver must not let one through.
    drafts = [loc for loc in snapshot.editions if loc.draft]
    if drafts:
        raise DraftRefused(drafts)
    return report


def _refuse_render_failures(report: Report, render_findings: Sequence[Finding]) -> None:
    """Checks measured while rendering: what the gate's dry runs could not foresee, or, after a
    build of the same snapshot, what those dry runs were skipped for. An unwaived one stops
    the release like the gate."""
    if any(f.blocking for f in render_findings):
        raise GateRefused(Report(report.findings + tuple(render_findings), report.checks_run, report.languages))


def _format_specs() -> dict[str, dict[str, Any]]:
    """Paper facts for the print shop's README, from the flyer renderer's own format table."""
    from campaigngen.renderers.flyer.formats import FORMATS, MM_PER_INCH

    def inches(value: float) -> str:
        return f"{value:.3f}".rstrip("0").rstrip(".")

    specs = {}
    for name, fmt in FORMATS.items():
        w, h = fmt.trim_in
        specs[name] = {
            "size": f"{inches(w)} x {inches(h)} in ({w * MM_PER_INCH:.0f} x {h * MM_PER_INCH:.0f} mm)",
            "bleed": (f"{inches(fmt.bleed_in)} in ({fmt.bleed_in * MM_PER_INCH:.1f} mm)" if fmt.bleed_in else None),
            "note": fmt.description,
        }
    # Multilingual sheets are Letter pages (California's posting law asks for 8.5 x 11 in).
    specs.setdefault("multilingual", {**specs.get("letter", {}), "note": "one Letter page, several languages"})
    return specs


def _assemble(
    snapshot: Snapshot,
    rendered: Manifest,
    folder: Path,
    version: str,
    published_at: str,
    progress: Progress | None,
    signer: Signer | None = None,
    order: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Bundles, review page and the release manifest, all inside the still-hidden folder."""
    from campaigngen.release.bundles import make_bundles
    from campaigngen.release.manifest import FileDigests
    from campaigngen.release.review import write_review
    from campaigngen.release.verify import file_entry, list_files, scan_for_personal_data

    data: dict[str, Any] = {
        "campaign": rendered.data["campaign"],
        "name": rendered.data["name"],
        "release": {
            "version": version,
            "published_at": published_at,
            "published_with": f"campaigngen {__version__}",
            **(order or {}),
        },
        **{k: v for k, v in rendered.data.items() if k not in ("campaign", "name")},
    }
    if any(entry.draft for entry in rendered.entries) or any(lang["draft"] for lang in data["languages"]):
        raise ChecksFailed("a rendered file is marked DRAFT - nothing was published", code="publish.draft")
    if progress:
        progress("bundles for the print shop, the traffic desk and the phones")
    campaign, editions = snapshot.campaign, snapshot.editions
    digests = FileDigests()  # each file hashed once for SHA256SUMS, the scan and the file list
    bundles = make_bundles(
        folder,
        campaign.id,
        campaign.name,
        version,
        campaign.radio.preset,
        rendered.entries,
        _format_specs(),
        data["skipped"],
        campaign=campaign,
        signer=signer,
        digests=digests,
    )
    data["bundles"] = [
        {
            "name": b.name,
            "folder": b.folder.name,
            "zip": b.zip_path.name,
            "files": [p.relative_to(folder).as_posix() for p in b.files],
        }
        for b in bundles
    ]
    if progress:
        progress("review page")
    page = write_review(folder, Manifest(folder, data, rendered.entries))
    data["review"] = {
        "page": page.index.name,
        "thumbnails": [p.relative_to(folder).as_posix() for p in page.thumbnails],
    }
    scan_for_personal_data(folder, campaign, editions, digests=digests)
    data["files"] = [file_entry(p, folder, digests) for p in list_files(folder)]
    if signer is not None:
        data["signature"] = {
            "file": SIGNATURE_NAME,
            "signer": signer.name,
            "namespace": RELEASE_NAMESPACE,
            **describe(signer.public),
        }
    release = Manifest(root=folder, data=data, entries=rendered.entries)
    write_manifest(folder / MANIFEST_NAME, release)
    if signer is not None:
        write_bytes_atomic(
            folder / SIGNATURE_NAME, signer.sign((folder / MANIFEST_NAME).read_bytes(), RELEASE_NAMESPACE)
        )
    scan_for_personal_data(folder, campaign, editions, only=[folder / MANIFEST_NAME])
    return release.to_json()


def publish(
    snapshot: Snapshot,
    out_root: Path,
    version: str | None = None,
    wait_s: float = 0.0,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    signing_key: Path | None = None,
    store: Path | None = None,
    signer: Signer | None = None,
) -> PublishResult:
    """out_root: where builds go (a build of this very snapshot there is reused, its files
    copied). store: the release store (default: --store's default, see store.store_root).
    signing_key: the private key to sign with; None uses the one `keys new` made, if there
    is one (a release is unsigned otherwise). signer: a key already unlocked (the studio's
    signed-in coordinator), used instead of any key file."""
    started = time.monotonic()
    campaign = snapshot.campaign
    if signer is None:
        if signing_key is None and default_key_path().is_file():
            signing_key = default_key_path()
        signer = signer_of(signing_key) if signing_key is not None else None  # a bad key fails now, not after rendering
    root = store_root(campaign, store)
    output = output_for(campaign, Path(out_root).resolve(), root)
    releases = CampaignStore(root, campaign.id)
    if version is not None:
        check_version(version, releases)  # fail fast, before minutes of rendering
    _preflight()
    refuse_unfilled(snapshot)
    built = Reuse.of(output.folder) if output.folder.is_dir() else None
    report = gate(snapshot, measured=built is not None and built.covers(plan_jobs(snapshot)[0]))
    created = [p for p in (releases.folder, root) if not p.exists()]
    try:
        check_writable(root)
        with (
            campaign_lock(output.lock, campaign.id, wait_s),
            campaign_lock(releases.lock, campaign.id, wait_s, doing=STORE_LOCK_USERS),
        ):
            open_store(root)
            releases.folder.mkdir(exist_ok=True)
            clean_leftovers(releases)
            repair_latest(releases)
            sequence = refuse_superseded(releases, snapshot)
            moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
            version = check_version(version, releases) if version else next_version(releases, moment.date())
            final, data = _release(
                snapshot, report, output.folder, releases, version, sequence, moment, progress, signer
            )
            point_latest(releases, version)
    except BaseException:
        _remove_if_empty(created)
        raise
    return PublishResult(version, final, releases.latest, data, report, time.monotonic() - started)


def _release(
    snapshot: Snapshot,
    report: Report,
    built: Path,
    releases: CampaignStore,
    version: str,
    sequence: int,
    moment: dt.datetime,
    progress: Progress | None,
    signer: Signer | None,
) -> tuple[Path, dict[str, Any]]:
    """Make the release in a hidden folder and rename it into place; returns its folder and manifest."""
    partial = releases.folder / f"{PARTIAL_PREFIX}{version}-{os.getpid()}"
    partial.mkdir()
    try:
        # A build of the same snapshot a moment ago: its files are copied in, not made again.
        rendered, render_findings = render_all(
            snapshot, report, partial, progress, reuse_from=built if built.is_dir() else None, own_copies=True
        )
        _refuse_render_failures(report, render_findings)
        published_at = moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        order = {"sequence": sequence, "snapshot_ns": snapshot.read_at_ns}
        data = _assemble(snapshot, rendered, partial, version, published_at, progress, signer, order)
        seal(partial)
        fsync_tree(partial)
        final = releases.release(version)
        try:
            rename_noreplace(partial, final)  # atomic; never over a release that took the name
        except FileExistsError:
            raise VersionExists(final, f"release {version} already exists - nothing was overwritten") from None
        fsync_path(releases.folder, directory=True)
    except BaseException:
        remove_tree(partial)
        raise
    return final, data


def _remove_if_empty(paths: Sequence[Path]) -> None:
    """A refused first publish leaves nothing behind: the folders it made, if still empty
    (the store's own mark aside)."""
    for path in paths:
        try:
            leftovers = [p for p in path.iterdir() if p.name != ".campaigngen-releases"]
            if not leftovers:
                for mark in path.iterdir():
                    mark.unlink()
                path.rmdir()
        except OSError:
            pass
