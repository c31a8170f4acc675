"""Build: every language's flyers and spots into ``<out>/<campaign>/``, with a manifest.

Everything is read and validated first, rendered into a scratch folder next to the target,
and moved into place only when all of it succeeded: bad input leaves the previous build
untouched. ``releases/`` (written by publish) is never touched by a build.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding, Report, apply_waivers
from campaigngen.exceptions import CampaignGenError, ChecksFailed
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

    @property
    def render_failures(self) -> list[dict]:
        """Checks that failed while rendering (and were not waived): the build exits 1."""
        return [f for f in self.manifest.data["checks"]["findings"]
                if f["check"].startswith("render-") and f["status"] == "fail"]


@dataclass(frozen=True)
class Job:
    label: str
    run: Callable[[Path], list[Artifact]]  # renders into the given folder, returns what it wrote
    language: str
    kind: str


@dataclass(frozen=True)
class RenderTask:
    """A job's work as plain data, so it can run in another process (one per core)."""

    campaign_root: Path
    kind: str  # "flyer", "sheet", "spot", "script-sheet"
    tags: tuple[str, ...]
    name: str  # flyer format or spot id

    def __call__(self, folder: Path) -> list[Artifact]:
        from campaigngen.renderers import flyer, radio

        editions = [_edition(self.campaign_root, tag) for tag in self.tags]
        if self.kind == "sheet":
            return _scanned(flyer.render_multilingual_sheet(editions, folder / "multilingual"))
        edition = editions[0]
        target = folder / edition.tag
        if self.kind == "flyer":
            return _scanned(flyer.render_flyer(edition, self.name, target))
        spot = next(s for s in edition.campaign.spots if s.id == self.name)
        if self.kind == "spot":
            return radio.render_spot(edition, spot, target)
        return radio.render_script_sheet(edition, spot, target)


def _scanned(artifacts: list[Artifact]) -> list[Artifact]:
    """Every printed QR code is decoded back from the page, and every PDF read back (text,
    fonts, rendering, QR), before it counts as made."""
    from campaigngen.checks.pdf import pdf_problems
    from campaigngen.checks.qr import decode_qr

    checked = []
    for artifact in artifacts:
        if artifact.kind == "flyer-image":
            decoded = decode_qr(artifact.path)
            if decoded != [artifact.facts["qr"]]:
                raise ChecksFailed(f"{artifact.path.name} [{artifact.language}]: QR code reads {decoded or 'nothing'}, "
                                   f"not {artifact.facts['qr']}")
            artifact = Artifact(artifact.path, artifact.kind, artifact.language, artifact.format,
                                {**artifact.facts, "qr_decoded": True})
        elif artifact.kind == "flyer" and artifact.path.suffix == ".pdf":
            problems, back = pdf_problems(artifact.path, artifact.path.with_suffix(".png"), artifact.facts)
            if problems:
                raise ChecksFailed(f"{artifact.path.name} [{artifact.language}]: {'; '.join(problems)}")
            facts = {key: value for key, value in artifact.facts.items() if key != "expect_text"}
            facts.update({"text_extractable": True, "fonts_all_embedded": True, "qr_decoded": True,
                          "raster_mismatch": round(back.mismatch, 5)})
            artifact = Artifact(artifact.path, artifact.kind, artifact.language, artifact.format, facts)
        checked.append(artifact)
    return checked


@lru_cache(maxsize=64)
def _edition(campaign_root: Path, tag: str) -> LocalizedCampaign:
    from campaigngen.catalogs.load import localize
    from campaigngen.sources.languages import PSEUDO_LOCALES

    campaign = _campaign(campaign_root)
    return localize(campaign, PSEUDO_LOCALES.get(tag) or campaign.language(tag))


@lru_cache(maxsize=8)
def _campaign(campaign_root: Path) -> Campaign:
    from campaigngen.sources.campaign import load_campaign

    return load_campaign(campaign_root)


@dataclass(frozen=True)
class Outcome:
    """What came back from one job; exceptions travel as text (ours do not pickle)."""

    artifacts: tuple[Artifact, ...] = ()
    failure: str | None = None  # a check failed while rendering (layout fit, spot length)
    message_id: str | None = None
    input_error: str | None = None  # unusable input: stops the whole build


def _run_job(job: Job, folder: Path) -> Outcome:
    try:
        artifacts = job.run(folder)
    except ChecksFailed as exc:
        return Outcome(failure=exc.format_message(), message_id=getattr(exc, "message_id", None))
    except CampaignGenError as exc:
        return Outcome(input_error=exc.format_message())
    return Outcome(tuple(Artifact(a.path, a.kind, a.language, a.format, dict(a.facts)) for a in artifacts))


def plan_jobs(campaign: Campaign, editions: Sequence[LocalizedCampaign]) -> tuple[list[Job], list[Skipped]]:
    from campaigngen.renderers.radio import voice_support

    root = campaign.root.resolve()
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    tags = {loc.tag for loc in editions}
    for loc in editions:
        for fmt in campaign.flyer.formats:
            jobs.append(Job(f"{loc.tag} flyer {fmt}", RenderTask(root, "flyer", (loc.tag,), fmt), loc.tag, "flyer"))
        support = voice_support(loc.tag)
        engines = campaign.radio.engines_for(loc.tag)
        has_voice = support.usable or loc.tag in campaign.radio.recordings or engines[:1] != ("espeak",)
        for spot in campaign.spots:
            if loc.language.pseudo:
                # Pseudo-locales test layout; spoken pseudo-text would only test the clock.
                jobs.append(Job(f"{loc.tag} script sheet {spot.id}",
                                RenderTask(root, "script-sheet", (loc.tag,), spot.id), loc.tag, "script-sheet"))
            elif has_voice:
                jobs.append(Job(f"{loc.tag} spot {spot.id}", RenderTask(root, "spot", (loc.tag,), spot.id),
                                loc.tag, "audio"))
            else:
                # No voice: the station still gets the script to read live, or to record.
                skipped.append(Skipped(loc.tag, "audio", spot.id, f"no usable voice: {support.note}"))
                jobs.append(Job(f"{loc.tag} script sheet {spot.id}",
                                RenderTask(root, "script-sheet", (loc.tag,), spot.id), loc.tag, "script-sheet"))
    # Two sheets can shrink to the same languages when --lang leaves some out: make each once
    # (two workers writing one file would race).
    sheets = dict.fromkeys(tuple(tag for tag in sheet if tag in tags) for sheet in campaign.multilingual_sheets)
    for present in sheets:
        if len(present) >= 2:
            jobs.append(Job(f"{'+'.join(present)} multilingual sheet", RenderTask(root, "sheet", present, "letter"),
                            "+".join(present), "flyer"))
    return jobs, skipped


# CIEDE2000 above which a colour's move from screen to press is a finding. About 1 is a just
# noticeable difference side by side (Sharma, Wu and Dalal 2005); above 5 a reader sees it at a
# glance without a reference, and it is well clear of the +-0.5 rounding of 8-bit Lab here.
MAX_COLOUR_SHIFT = 5.0


def colour_shift_findings(campaign: Campaign, artifacts: Sequence[Artifact]) -> list[Finding]:
    """A warning per colour that moves visibly when the CMYK PDFs convert it for the press."""
    from campaigngen.checks.findings import WARNING

    seen: dict[str, dict] = {}
    for artifact in artifacts:
        for colour, shift in (artifact.facts.get("colour_shifts") or {}).items():
            seen.setdefault(colour, shift)
    return [Finding("print-colour", campaign.source_language.tag, None,
                    f"colour {colour} prints as CMYK {'/'.join(f'{v:g}' for v in shift['cmyk_percent'])} %, "
                    f"a visible shift (CIEDE2000 {shift['delta_e_2000']:.1f} > {MAX_COLOUR_SHIFT:g}) - check a proof "
                    f"or choose a colour the press can print", WARNING,
                    detail={"colour": colour, **shift})
            for colour, shift in sorted(seen.items()) if shift["delta_e_2000"] > MAX_COLOUR_SHIFT]


def _die_with_parent() -> None:
    """A killed build (or publish) must not leave workers rendering on, holding its files."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their queue closes instead


def _workers(jobs: Sequence[Job]) -> int:
    # Plain-data tasks run one per core; anything else (a test's stand-in) runs here.
    if len(jobs) < 4 or not all(isinstance(job.run, RenderTask) for job in jobs):
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def render_all(campaign: Campaign, editions: Sequence[LocalizedCampaign], report: Report, folder: Path,
               progress: Progress | None = None) -> Manifest:
    """Render every job into folder and write its manifest.json; the caller owns the folder.

    A check that fails while rendering (text that cannot fit, speech longer than booked)
    becomes a finding in the report and the build goes on, so one run shows every problem.
    """
    folder = folder.resolve()  # renderers return resolved paths; relative_to needs the same form
    jobs, skipped = plan_jobs(campaign, editions)
    outcomes: list[tuple[Job, Outcome]] = []
    workers = _workers(jobs)
    if workers == 1:
        for index, job in enumerate(jobs, start=1):
            if progress:
                progress(f"[{index}/{len(jobs)}] {job.label}")
            outcomes.append((job, _run_job(job, folder)))
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_die_with_parent) as pool:
            futures = {pool.submit(_run_job, job, folder): job for job in jobs}
            for index, future in enumerate(as_completed(futures), start=1):
                job = futures[future]
                if progress:
                    progress(f"[{index}/{len(jobs)}] {job.label}")
                outcomes.append((job, future.result()))
        order = {job.label: i for i, job in enumerate(jobs)}
        outcomes.sort(key=lambda pair: order[pair[0].label])

    for job, outcome in outcomes:
        if outcome.input_error:
            raise CampaignGenError(outcome.input_error)
    failures = [
        Finding(f"render-{job.kind}", job.language, outcome.message_id, outcome.failure)
        for job, outcome in outcomes if outcome.failure
    ]
    if failures:
        report = Report(findings=report.findings + apply_waivers(failures, campaign.waivers),
                        checks_run=report.checks_run + ("rendering",), languages=report.languages)
    artifacts = [artifact for _, outcome in outcomes for artifact in outcome.artifacts]
    shifts = colour_shift_findings(campaign, artifacts)
    if shifts:
        report = Report(findings=report.findings + apply_waivers(shifts, campaign.waivers),
                        checks_run=report.checks_run + ("print-colour",), languages=report.languages)
    manifest = build_manifest(campaign, editions, artifacts, skipped, report, root=folder)
    write_manifest(folder / MANIFEST_NAME, manifest)
    return manifest


def build(campaign: Campaign, out_root: Path, languages: Sequence[Language] | None = None,
          progress: Progress | None = None) -> BuildResult:
    from campaigngen.renderers.flyer import ensure_text_engine

    ensure_text_engine()
    editions = localize_all(campaign, languages)
    # Rendering lays out every page for real and reports what does not fit: no dry run first.
    report = run_checks(campaign, editions, skip=("layout-fit",))

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
