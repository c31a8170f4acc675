"""Build: every language's flyers and spots into ``<out>/<campaign>/``, with a manifest.

Everything is read and validated first, rendered into a scratch folder next to the target,
and moved into place only when all of it succeeded: bad input leaves the previous build
untouched. ``releases/`` (written by publish) is never touched by a build.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Report
from campaigngen.release.gate import localize_all, run_checks
from campaigngen.release.manifest import MANIFEST_NAME, Manifest, Skipped, build_manifest, write_manifest
from campaigngen.renderers.artifacts import Artifact
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language

RELEASES_DIR = "releases"
KEEP_IN_OUTPUT = {RELEASES_DIR, ".publish.lock"}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    manifest_path: Path
    manifest: Manifest
    report: Report
    editions: tuple[LocalizedCampaign, ...]


@dataclass(frozen=True)
class Job:
    """One thing to render; small and picklable-free on purpose: it runs in this process."""

    label: str
    run: Callable[[Path], list[Artifact]]
    language: str
    kind: str


def plan_jobs(campaign: Campaign, editions: Sequence[LocalizedCampaign]) -> tuple[list[Job], list[Skipped]]:
    from campaigngen.renderers.flyer import render_flyer, render_multilingual_sheet
    from campaigngen.renderers.radio import render_spot, voice_support

    jobs: list[Job] = []
    skipped: list[Skipped] = []
    by_tag = {loc.tag: loc for loc in editions}
    for loc in editions:
        for fmt in campaign.flyer.formats:
            jobs.append(Job(f"{loc.tag} flyer {fmt}", lambda d, loc=loc, fmt=fmt: render_flyer(loc, fmt, d / loc.tag),
                            loc.tag, "flyer"))
        has_recording = loc.tag in campaign.radio.recordings
        support = voice_support(loc.tag)
        for spot in campaign.spots:
            if not support.usable and not has_recording and "recorded" not in campaign.radio.engines_for(loc.tag)[:1]:
                skipped.append(Skipped(loc.tag, "audio", spot.id, f"no usable voice: {support.note}"))
                continue
            jobs.append(Job(f"{loc.tag} spot {spot.id}",
                            lambda d, loc=loc, spot=spot: render_spot(loc, spot, d / loc.tag), loc.tag, "audio"))
    for sheet in campaign.multilingual_sheets:
        sheet_editions = [by_tag[tag] for tag in sheet if tag in by_tag]
        if len(sheet_editions) >= 2:
            jobs.append(Job(f"{'+'.join(sheet)} multilingual sheet",
                            lambda d, eds=tuple(sheet_editions): render_multilingual_sheet(eds, d / "multilingual"),
                            "+".join(e.tag for e in sheet_editions), "flyer"))
    return jobs, skipped


def render_all(campaign: Campaign, editions: Sequence[LocalizedCampaign], report: Report, folder: Path,
               progress: Progress | None = None) -> Manifest:
    """Render every job into folder and write its manifest.json; the caller owns the folder."""
    folder = folder.resolve()  # renderers return resolved paths; relative_to needs the same form
    jobs, skipped = plan_jobs(campaign, editions)
    artifacts: list[Artifact] = []
    for index, job in enumerate(jobs, start=1):
        if progress:
            progress(f"[{index}/{len(jobs)}] {job.label}")
        artifacts.extend(job.run(folder))
    manifest = build_manifest(campaign, editions, artifacts, skipped, report, root=folder)
    write_manifest(folder / MANIFEST_NAME, manifest)
    return manifest


def build(campaign: Campaign, out_root: Path, languages: Sequence[Language] | None = None,
          progress: Progress | None = None) -> BuildResult:
    from campaigngen.renderers.flyer import ensure_text_engine

    ensure_text_engine()
    editions = localize_all(campaign, languages)
    report = run_checks(campaign, editions)

    target = out_root / campaign.id
    out_root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{campaign.id}.build-", dir=out_root))
    try:
        manifest = render_all(campaign, editions, report, scratch, progress)
        _swap_into_place(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    manifest = replace(manifest, root=target)
    return BuildResult(target, target / MANIFEST_NAME, manifest, report, tuple(editions))


def _swap_into_place(scratch: Path, target: Path) -> None:
    """Replace the previous build's files with the new ones, keeping releases/."""
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name not in KEEP_IN_OUTPUT:
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    for new in scratch.iterdir():
        new.rename(target / new.name)
    scratch.rmdir()
