"""Publish: the gate, then an atomic, versioned release under ``<out>/<campaign>/releases/``.

The order is what makes it safe:
1. take one snapshot of every input and run every check on it; refuse (exit 1) on any
   unwaived failure or DRAFT;
2. take the campaign's lock (one build or publish at a time);
3. render that same snapshot (never a second read of the files) into a hidden
   ``releases/.partial-<version>-<pid>/`` folder, add bundles, the review page and the
   manifest, scan for personal data, fsync;
4. ``rename`` it to ``releases/<version>/`` (atomic: whole or absent);
5. point ``releases/latest`` at it with a new symlink and ``os.replace`` (atomic too).
A kill at any moment leaves ``latest`` on the old or the new complete release; leftovers are
hidden dot-folders that the next publish removes under the lock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen import __version__
from campaigngen.atomic import fsync_path, fsync_tree, write_bytes_atomic
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Finding, Report
from campaigngen.exceptions import ChecksFailed, DraftRefused, GateRefused, InputError, VersionExists
from campaigngen.release.build import plan_jobs, refuse_unfilled, render_all
from campaigngen.release.gate import RENDERED, run_checks
from campaigngen.release.locking import campaign_lock
from campaigngen.release.manifest import MANIFEST_NAME, Manifest, write_manifest
from campaigngen.release.outfolder import CampaignOutput, check_writable, ensure_releases, output_for
from campaigngen.release.reuse import Reuse
from campaigngen.release.signing import ALGORITHM, SIGNATURE_NAME, default_key_path, sign, signer_of

LATEST = "latest"
PARTIAL_PREFIX = ".partial-"
_LATEST_TEMP_PREFIX = ".latest-"
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")

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


def check_version(version: str, releases: Path) -> str:
    if not VERSION_RE.match(version) or version == LATEST:
        raise InputError(
            None,
            f"version '{version}' may use letters, digits, '.', '-', '+', '_' (not starting with '.' and not 'latest')",
            hint="e.g. --version 2026.11.27-1",
        )
    if (releases / version).exists():
        raise VersionExists(
            releases / version,
            f"release {version} already exists - a release is never overwritten",
            hint="pick another --version or leave it out",
        )
    return version


def existing_versions(releases: Path) -> list[str]:
    if not releases.is_dir():
        return []
    return sorted(
        p.name for p in releases.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    )


def next_version(releases: Path, today: dt.date) -> str:
    """``YYYY.MM.DD-N``: the day's next free number, so versions sort and say when."""
    stem = today.strftime("%Y.%m.%d")
    taken = [
        int(m.group(1))
        for name in existing_versions(releases)
        if (m := re.fullmatch(re.escape(stem) + r"-(\d+)", name))
    ]
    return f"{stem}-{max(taken, default=0) + 1}"


# --------------------------------------------------------------------------- leftovers


def clean_leftovers(releases: Path) -> list[str]:
    """Remove what a killed publish left (call only under the lock: nobody else is writing)."""
    removed: list[str] = []
    if not releases.is_dir():
        return removed
    for path in releases.iterdir():
        if path.name.startswith(PARTIAL_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        elif path.name.startswith(_LATEST_TEMP_PREFIX):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def point_latest(releases: Path, version: str) -> Path:
    """Swap releases/latest to version atomically; relative, so the folder can be moved or copied."""
    latest = releases / LATEST
    temp = releases / f"{_LATEST_TEMP_PREFIX}{os.getpid()}"
    temp.unlink(missing_ok=True)
    os.symlink(version, temp)
    os.replace(temp, latest)
    fsync_path(releases, directory=True)
    return latest


# --------------------------------------------------------------------------- the release


def _preflight() -> None:
    """Fail before anything is written when the text engine is missing (raqm, fonts)."""
    from campaigngen.renderers.flyer import ensure_text_engine

    ensure_text_engine()


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
    signing_key: Path | None = None,
) -> dict[str, Any]:
    """Bundles, review page and the release manifest, all inside the still-hidden folder."""
    from campaigngen.release.bundles import make_bundles
    from campaigngen.release.review import write_review
    from campaigngen.release.verify import file_entry, list_files, scan_for_personal_data

    data: dict[str, Any] = {
        "campaign": rendered.data["campaign"],
        "name": rendered.data["name"],
        "release": {"version": version, "published_at": published_at, "published_with": f"campaigngen {__version__}"},
        **{k: v for k, v in rendered.data.items() if k not in ("campaign", "name")},
    }
    if any(entry.draft for entry in rendered.entries) or any(lang["draft"] for lang in data["languages"]):
        raise ChecksFailed("a rendered file is marked DRAFT - nothing was published", code="publish.draft")
    if progress:
        progress("bundles for the print shop and the traffic desk")
    campaign, editions = snapshot.campaign, snapshot.editions
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
    scan_for_personal_data(folder, campaign, editions)
    data["files"] = [file_entry(p, folder) for p in list_files(folder)]
    signer = None
    if signing_key is not None:
        public, signer = signer_of(signing_key)
        data["signature"] = {
            "file": SIGNATURE_NAME,
            "algorithm": ALGORITHM,
            "public_key_fingerprint": public.fingerprint,
            "public_key": public.text,
        }
    release = Manifest(root=folder, data=data, entries=rendered.entries)
    write_manifest(folder / MANIFEST_NAME, release)
    if signer is not None:
        write_bytes_atomic(folder / SIGNATURE_NAME, sign(signer, (folder / MANIFEST_NAME).read_bytes()))
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
) -> PublishResult:
    """signing_key: the private key to sign the manifest with; None uses the one `keys new`
    made, if there is one (a release is unsigned otherwise)."""
    started = time.monotonic()
    campaign = snapshot.campaign
    if signing_key is None and default_key_path().is_file():
        signing_key = default_key_path()
    if signing_key is not None:
        signer_of(signing_key)  # an unreadable key fails now, before minutes of rendering
    output = output_for(campaign, Path(out_root).resolve())
    # Absolute: renderers hand back resolved paths, and the manifest stores them relative to it.
    releases = output.releases
    if version is not None:
        check_version(version, releases)  # fail fast, before minutes of rendering
    _preflight()
    refuse_unfilled(snapshot)
    built = Reuse.of(output.folder) if output.folder.is_dir() else None
    report = gate(snapshot, measured=built is not None and built.covers(plan_jobs(snapshot)[0]))
    check_writable(output.out_root)

    with campaign_lock(output.lock, campaign.id, wait_s):
        created = _created_folders(output)
        ensure_releases(output)
        clean_leftovers(releases)
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        version = check_version(version, releases) if version else next_version(releases, moment.date())
        partial = releases / f"{PARTIAL_PREFIX}{version}-{os.getpid()}"
        partial.mkdir()
        try:
            # A build of the same snapshot a moment ago: its files are linked in, not made again.
            rendered, render_findings = render_all(
                snapshot, report, partial, progress, reuse_from=output.folder if output.folder.is_dir() else None
            )
            _refuse_render_failures(report, render_findings)
            data = _assemble(
                snapshot,
                rendered,
                partial,
                version,
                moment.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                progress,
                signing_key,
            )
            fsync_tree(partial)
            final = releases / version
            try:
                os.rename(partial, final)  # atomic; fails if another release took the name
            except OSError:
                raise VersionExists(final, f"release {version} already exists - nothing was overwritten") from None
            fsync_path(releases, directory=True)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            _remove_if_empty(created)
            raise
        point_latest(releases, version)
    return PublishResult(
        version,
        output.folder / "releases" / version,
        output.folder / "releases" / LATEST,
        data,
        report,
        time.monotonic() - started,
    )


def _created_folders(output: CampaignOutput) -> list[Path]:
    """The folders this publish is about to create, innermost first: a refused first publish
    leaves nothing behind."""
    return [p for p in (output.folder / "releases", output.releases, output.folder) if not p.exists()]


def _remove_if_empty(paths: Sequence[Path]) -> None:
    for path in paths:
        try:
            if path.is_symlink():
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        except OSError:
            pass
