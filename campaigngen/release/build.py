"""Build: every language's flyers and spots into ``<out>/<campaign>/``, with a manifest.

One snapshot is read and checked first; render workers receive it and read nothing from
disk. Files are rendered into a scratch folder beside the target and swapped in atomically
only when every job has run: bad input leaves the previous build untouched, and a kill at
any moment leaves the old or the new build whole. Releases (written by publish) live in the
release store, apart from every build, and are never touched by it.
"""

from __future__ import annotations

import os
import shutil
import site
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from campaigngen import checknames
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Finding, Report, finding_of
from campaigngen.exceptions import (
    CampaignGenError,
    ChecksFailed,
    PdfUnfaithful,
    QrUnreadable,
    UnfilledContact,
    environment_failure,
)
from campaigngen.release.gate import RENDERED, checks_kept, report_of, run_checks
from campaigngen.release.locking import campaign_lock
from campaigngen.release.manifest import MANIFEST_NAME, Manifest, Skipped, build_manifest, write_manifest
from campaigngen.release.outfolder import (
    CampaignOutput,
    check_writable,
    clean_leftovers,
    new_scratch,
    output_for,
    refuse_releases_inside,
    swap_in,
)
from campaigngen.release.reuse import Reuse, job_index
from campaigngen.release.unchanged import STAMP_KEY, Request, stamp, tool_paths
from campaigngen.release.workers import (
    ForkedWork,
    RecyclingPool,
    collect_and_give_back,
    die_with_parent,
    processes_allowed,
    shared_heap,
)
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import ColourShift, PrintedFacts, ReadBack, SheetFacts
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.campaign_dir import project_root_of

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    manifest_path: Path
    manifest: Manifest
    report: Report  # the gate's checks and what rendering found, waivers applied
    snapshot: Snapshot
    render_findings: tuple[Finding, ...]  # what rendering itself found

    @property
    def editions(self):
        return self.snapshot.editions

    @property
    def render_failures(self) -> tuple[Finding, ...]:
        """Checks that failed while rendering (and were not waived): the build exits 1."""
        return tuple(f for f in self.render_findings if f.blocking)


class JobKind(StrEnum):
    """What a rendering job makes; part of its reuse key."""

    FLYER = "flyer"  # one language's flyer in one format (PDF and PNG)
    SHEET = "sheet"  # a multilingual sheet
    SPOT = "spot"  # a spot's audio, its script sheet and live-read card
    SCRIPT_SHEET = "script-sheet"  # the script alone, where no voice speaks the language
    TEXT_MESSAGE = "text-message"  # the one-message text for SMS and WhatsApp, and its discreet copy
    SHARE_CARDS = "share-cards"  # a language's share cards (square, story) and their alt texts
    VIDEO = "video"  # a spot's captioned videos (one per card shape) and their WebVTT captions


@dataclass(frozen=True)
class RenderTask:
    """A job's work as plain data; the snapshot it draws from is handed over separately
    (once per worker process, not once per job)."""

    kind: JobKind
    tags: tuple[str, ...]
    name: str  # flyer format or spot id

    def __call__(self, folder: Path, snapshot: Snapshot) -> list[Artifact]:
        from campaigngen.renderers import flyer, radio

        editions = [snapshot.edition(tag) for tag in self.tags]
        if self.kind is JobKind.SHEET:
            return _scanned(flyer.render_multilingual_sheet(editions, folder / "multilingual"))
        edition = editions[0]
        target = folder / edition.tag
        if self.kind is JobKind.FLYER:
            return _scanned(flyer.render_flyer(edition, self.name, target))
        if self.kind is JobKind.TEXT_MESSAGE:
            from campaigngen.renderers.digital import render_text_messages

            return render_text_messages(edition, target)
        if self.kind is JobKind.SHARE_CARDS:
            from campaigngen.renderers.flyer.card import render_share_cards

            return render_share_cards(edition, target)
        spot = next(s for s in edition.campaign.spots if s.id == self.name)
        if self.kind is JobKind.VIDEO:
            from campaigngen.renderers.digital.video import render_videos

            return render_videos(edition, spot, target)
        try:
            if self.kind is JobKind.SCRIPT_SHEET:
                return radio.render_script_sheet(edition, spot, target)
            try:
                return radio.render_spot(edition, spot, target)
            except ChecksFailed as exc:
                # No audio, but never silently: the script sheet says why (and where the campaign
                # asks for a live read, the card to read it from), as do the radio README,
                # traffic sheet and review page.
                sheet = radio.render_script_sheet(edition, spot, target, reason=f"no audio: {exc.format_message()}")
                raise _Partial(sheet, exc) from None
        except radio.SheetOnly as partial:
            raise _Partial(partial.artifacts, partial.failure) from None


class _Partial(Exception):
    """A job that made some of its files and failed a check on the rest."""

    def __init__(self, artifacts: list[Artifact], failure: ChecksFailed):
        super().__init__(failure.format_message())
        self.artifacts, self.failure = artifacts, failure


def _scanned(artifacts: list[Artifact]) -> list[Artifact]:
    """Every printed QR code is decoded back from the page, and every PDF read back (text,
    fonts, rendering, QR), before it counts as made."""
    from campaigngen.checks.qr import decode_qr
    from campaigngen.renderers.flyer import check_pdf

    checked = []
    for artifact in artifacts:
        facts = artifact.facts
        if not isinstance(facts, PrintedFacts):
            checked.append(artifact)
            continue
        where = f"{artifact.path.name} [{artifact.language}]"
        if facts.pdf is None:
            decoded = decode_qr(artifact.path, facts.qr_box)
            if decoded != [facts.qr]:
                raise QrUnreadable(
                    f"{where}: QR code reads {decoded or 'nothing'}, not {facts.qr}",
                    language=artifact.language,
                    target=artifact.format,
                    detail={"file": artifact.path.name, "decoded": list(decoded), "expected": facts.qr},
                )
            facts = replace(facts, qr_decoded=True)
        else:
            problems, back = check_pdf(artifact)
            if problems:
                raise PdfUnfaithful(
                    f"{where}: {'; '.join(problems)}",
                    language=artifact.language,
                    target=artifact.format,
                    detail={"file": artifact.path.name, "problems": problems},
                )
            read_back = ReadBack(
                text_extractable=True, fonts_all_embedded=True, raster_mismatch=round(back.mismatch, 5)
            )
            # What the check consumed is dropped: the manifest keeps what was found.
            facts = replace(facts, qr_decoded=True, pdf=replace(facts.pdf, expected=None, read_back=read_back))
        checked.append(replace(artifact, facts=facts))
    return checked


@dataclass(frozen=True)
class Job:
    label: str
    run: Callable[[Path, Snapshot], list[Artifact]]  # renders into the folder from the snapshot
    language: str
    kind: ArtifactKind  # what the job makes, as a skipped or failed file is reported
    target: str  # format or spot id, for findings and waivers
    key: str = ""  # content key of everything the job depends on ("" never reuses)


@dataclass(frozen=True)
class Outcome:
    """What came back from one job (from a worker process: ours pickle, with their code and detail)."""

    artifacts: tuple[Artifact, ...] = ()
    finding: Finding | None = None  # a check failed while rendering (layout fit, spot length...)
    input_error: CampaignGenError | None = None  # unusable input or environment: stops the whole build


def _run_job(job: Job, folder: Path, snapshot: Snapshot) -> Outcome:
    made: list[Artifact] = []
    failure: ChecksFailed | None = None
    try:
        made = job.run(folder, snapshot)
    except _Partial as partial:
        made, failure = partial.artifacts, partial.failure
    except ChecksFailed as exc:
        failure = exc
    except CampaignGenError as exc:
        return Outcome(input_error=exc)
    except OSError as exc:  # disk full, read-only, a path in the way: one line, not a traceback
        return Outcome(input_error=environment_failure(exc, f"{job.label}: "))
    finding = finding_of(failure, job.language, job.target) if failure is not None else None
    return Outcome(tuple(made), finding)


# The snapshot a worker process renders from: handed over once, when the worker starts.
_worker_snapshot: Snapshot | None = None


def _start_worker(snapshot: Snapshot) -> None:
    from campaigngen.sources.fonts import use_manifest
    from campaigngen.sources.registry import use_languages

    global _worker_snapshot
    _worker_snapshot = snapshot
    use_manifest(snapshot.fonts)
    use_languages(snapshot.languages)
    _keep_inherited_lists()
    die_with_parent()


# The word lists the build's process held when it forked this worker.
_inherited_lists: list[Any] = []


def _keep_inherited_lists() -> None:
    """A worker lets go of a language's word lists when it moves on (_run_in_worker), but the
    lists it was forked holding are the build's process's: their pages are shared, and
    letting go of them here frees nothing the machine gets back, while every object's count
    written on the way copies its page (measured: 0.07 s CPU and 105 MB copied for three
    languages' lists, in every worker). They are kept referenced, never copied; which lists
    the worker holds as its own (wordlists.tables_held) is unchanged."""
    from campaigngen.checks.readability.wordlists import tables_held, word_list

    _inherited_lists[:] = [word_list(code) for code in tables_held()]


# The language of the last job this worker ran.
_worker_language: str | None = None


def _run_in_worker(job: Job, folder: Path) -> Outcome:
    """Two workers held ~700 MB each by the 40th language: word lists the spots and videos
    read (30-150 MB a language), pages of freed rasters and samples that glibc keeps for
    reuse unless asked to give them back, objects in cycles waiting for a full collection,
    and the greyscale pages kept for a read-back that is over when the job ends."""
    global _worker_language
    assert _worker_snapshot is not None, "worker started without a snapshot"
    if job.language != _worker_language:
        from campaigngen.checks.readability.wordlists import forget_tables

        # Jobs come language by language: the lists of the last one are not asked for again
        # (its spot and video, which read them, ran before this job was handed out).
        forget_tables()
        _worker_language = job.language
    try:
        return _run_job(job, folder, _worker_snapshot)
    finally:
        from campaigngen.checks.written import forget_pages

        forget_pages()
        collect_and_give_back()


def plan_jobs(snapshot: Snapshot) -> tuple[list[Job], list[Skipped]]:
    from campaigngen.release.keys import job_key
    from campaigngen.renderers.digital.video import wants_video
    from campaigngen.renderers.radio import voice_support, will_speak
    from campaigngen.sources.campaign import MULTILINGUAL, sheet_key

    campaign = snapshot.campaign
    jobs: list[Job] = []
    skipped: list[Skipped] = []

    def job(label: str, task: RenderTask, language: str, kind: ArtifactKind) -> Job:
        key = job_key(task.kind, task.name, snapshot, [snapshot.edition(t) for t in task.tags])
        return Job(label, task, language, kind, task.name, key)

    for loc in snapshot.editions:
        for fmt in campaign.flyer.formats:
            jobs.append(
                job(f"{loc.tag} flyer {fmt}", RenderTask(JobKind.FLYER, (loc.tag,), fmt), loc.tag, ArtifactKind.FLYER)
            )
        if not loc.language.pseudo:
            jobs.append(
                job(
                    f"{loc.tag} text message",
                    RenderTask(JobKind.TEXT_MESSAGE, (loc.tag,), "text-message"),
                    loc.tag,
                    ArtifactKind.TEXT_MESSAGE,
                )
            )
        if campaign.share_cards.shapes:
            jobs.append(
                job(
                    f"{loc.tag} share cards",
                    RenderTask(JobKind.SHARE_CARDS, (loc.tag,), "share-cards"),
                    loc.tag,
                    ArtifactKind.SHARE_CARD,
                )
            )
        for spot in campaign.spots:
            sheet_task = RenderTask(JobKind.SCRIPT_SHEET, (loc.tag,), spot.id)
            if loc.language.pseudo:
                # Pseudo-locales test layout; spoken pseudo-text would only test the clock.
                jobs.append(job(f"{loc.tag} script sheet {spot.id}", sheet_task, loc.tag, ArtifactKind.SCRIPT_SHEET))
            elif will_speak(loc):
                jobs.append(
                    job(
                        f"{loc.tag} spot {spot.id}",
                        RenderTask(JobKind.SPOT, (loc.tag,), spot.id),
                        loc.tag,
                        ArtifactKind.AUDIO,
                    )
                )
                if wants_video(loc, spot):
                    jobs.append(
                        job(
                            f"{loc.tag} video {spot.id}",
                            RenderTask(JobKind.VIDEO, (loc.tag,), spot.id),
                            loc.tag,
                            ArtifactKind.VIDEO,
                        )
                    )
            else:
                # No voice: the station still gets the script to read live, or to record.
                skipped.append(
                    Skipped(loc.tag, ArtifactKind.AUDIO, spot.id, f"no usable voice: {voice_support(loc.tag).note}")
                )
                jobs.append(job(f"{loc.tag} script sheet {spot.id}", sheet_task, loc.tag, ArtifactKind.SCRIPT_SHEET))
    for editions in snapshot.sheets():
        tags = tuple(e.tag for e in editions)
        jobs.append(
            job(
                f"{sheet_key(tags)} multilingual sheet",
                RenderTask(JobKind.SHEET, tags, MULTILINGUAL),
                sheet_key(tags),
                ArtifactKind.FLYER,
            )
        )
    return jobs, skipped


# CIEDE2000 above which a colour's move from screen to press is a finding. About 1 is a just
# noticeable difference side by side (Sharma, Wu and Dalal 2005); above 5 a reader sees it at a
# glance without a reference, and it is well clear of the +-0.5 rounding of 8-bit Lab here.
MAX_COLOUR_SHIFT = 5.0


def colour_shift_findings(campaign: Campaign, artifacts: Sequence[Artifact]) -> list[Finding]:
    """A warning per colour that moves visibly when the CMYK PDFs convert it for the press."""
    from campaigngen.checks.findings import WARNING

    seen: dict[str, ColourShift] = {}
    for artifact in artifacts:
        pdf = artifact.facts.pdf if isinstance(artifact.facts, PrintedFacts) else None
        for colour, shift in ((pdf.colour_shifts or {}) if pdf else {}).items():
            seen.setdefault(colour, shift)
    return [
        Finding(
            checknames.PRINT_COLOUR,
            "*",
            None,
            f"colour {colour} prints as CMYK {'/'.join(f'{v:g}' for v in shift.cmyk_percent)} %, "
            f"a visible shift (CIEDE2000 {shift.delta_e_2000:.1f} > {MAX_COLOUR_SHIFT:g}) - check a proof "
            f"or choose a colour the press can print",
            WARNING,
            detail={
                "colour": colour,
                "cmyk_percent": list(shift.cmyk_percent),
                "delta_e_2000": shift.delta_e_2000,
                "limit": MAX_COLOUR_SHIFT,
            },
            code="print.colour-shift",
        )
        for colour, shift in sorted(seen.items())
        # A grey printed in black ink alone is as dark as the press's black goes, and that is
        # what a press asks for text and codes (renderers/flyer/colour.NEUTRAL_CHROMA).
        if shift.delta_e_2000 > MAX_COLOUR_SHIFT and any(shift.cmyk_percent[:3])
    ]


def ink_limit_findings(campaign: Campaign, artifacts: Sequence[Artifact]) -> list[Finding]:
    """A warning per colour or image of the CMYK PDFs that takes more ink on one spot than the
    press takes (print.ink_limit): it would not dry, or would set off on the next sheet."""
    from campaigngen.checks.findings import WARNING

    limit = campaign.printing.ink_limit
    inks: dict[str, float] = {}
    for artifact in artifacts:
        pdf = artifact.facts.pdf if isinstance(artifact.facts, PrintedFacts) else None
        if pdf is None:
            continue
        for colour, shift in (pdf.colour_shifts or {}).items():
            inks[f"colour {colour}"] = round(sum(shift.cmyk_percent), 1)
        for kind, most in (pdf.image_ink_percent or {}).items():
            inks[f"the {kind} image"] = max(inks.get(f"the {kind} image", 0.0), most)
    return [
        Finding(
            checknames.PRINT_COLOUR,
            "*",
            None,
            f"{element} prints with {ink:g} % ink on one spot, over the press's limit of {limit} % "
            "(print.ink_limit) - choose a lighter colour or image, or ask the shop for its limit",
            WARNING,
            detail={"element": element, "ink_percent": ink, "limit": limit},
            code="print.ink-limit",
        )
        for element, ink in sorted(inks.items())
        if ink > limit
    ]


def dropped_message_findings(artifacts: Sequence[Artifact]) -> list[Finding]:
    """A sheet-messages finding per message a multilingual sheet left out (the gate's dry
    layout says the same; a build skips that dry run because it lays the sheet out for real)."""
    from campaigngen.renderers.flyer import dropped_findings

    return [
        finding
        for artifact in artifacts
        if artifact.kind is ArtifactKind.FLYER and isinstance(artifact.facts, SheetFacts) and artifact.facts.dropped
        for finding in dropped_findings(artifact.language, [(d.language, d.message) for d in artifact.facts.dropped])
    ]


# A render worker is a fork of this process that then warms its own fonts and layouts: its
# page tables are copied at the fork and torn down at its end, and each page it writes of what
# it shares with this process is copied (measured: +0.3 s of system time for a one-language
# build's two workers, forked from a test process of ~300 MB; ~1 s CPU of warm-up per worker
# in a full build). So a worker is forked for every JOBS_PER_WORKER jobs left to render, one
# per core and four at most; fewer jobs than two workers' worth (a small campaign, a rebuild
# of a few changed files) are rendered here, beside the checks' process.
JOBS_PER_WORKER = 4


def _workers(jobs: Sequence[Job]) -> int:
    # Plain-data tasks run in forked workers; anything else (a test's stand-in) runs here.
    if not all(isinstance(job.run, RenderTask) for job in jobs):
        return 1
    return max(1, min(processes_allowed(), 4, len(jobs) // JOBS_PER_WORKER))


def _render(
    jobs: Sequence[Job],
    folder: Path,
    snapshot: Snapshot,
    progress: Progress | None,
    reuse: Reuse | None = None,
    own_copies: bool = False,
    meanwhile: Callable[[], None] | None = None,
    ready: Any = None,
) -> list[tuple[Job, Outcome]]:
    """meanwhile: this process's own work while the workers render (run after the jobs where
    this process renders them itself), called when ready (a connection) has something to
    read, where it is given; an error in it cancels what has not started."""
    all_jobs = list(jobs)
    outcomes: list[tuple[Job, Outcome]] = []
    if reuse is not None:
        kept = [(job, reuse.take(job, folder, own_copies)) for job in jobs]
        outcomes = [(job, Outcome(tuple(made))) for job, made in kept if made is not None]
        jobs = [job for job, made in kept if made is None]
        if progress and outcomes:
            progress(f"reused {len(outcomes)} unchanged item(s)")
    workers = _workers(jobs)
    if workers == 1 or not jobs:
        # Rendered here, while the checks' process (a build's) works beside: its report is
        # taken after the jobs, as the workers' path takes it while they render.
        for index, job in enumerate(jobs, start=1):
            if progress:
                progress(f"[{index}/{len(jobs)}] {job.label}")
            outcomes.append((job, _run_job(job, folder, snapshot)))
        if meanwhile is not None:
            meanwhile()
        return outcomes
    outcomes += _render_in_pool(jobs, folder, snapshot, progress, workers, meanwhile, ready)
    order = {job.label: i for i, job in enumerate(all_jobs)}
    return sorted(outcomes, key=lambda pair: order[pair[0].label])


def _render_in_pool(
    jobs: Sequence[Job],
    folder: Path,
    snapshot: Snapshot,
    progress: Progress | None,
    workers: int,
    meanwhile: Callable[[], None] | None,
    ready: Any = None,
) -> list[tuple[Job, Outcome]]:
    """The jobs on forked workers, in the order they finish; meanwhile runs here once they
    are started (and once `ready` has something to read, where it is given)."""
    pool: RecyclingPool[Outcome] = RecyclingPool(
        workers, partial(_start_worker, snapshot), partial(_run_in_worker, folder=folder), WORKER_CAP_MB
    )
    outcomes: list[tuple[Job, Outcome]] = []
    for index, (job, outcome) in enumerate(pool.results(_pool_order(jobs), meanwhile, ready), start=1):
        if progress:
            progress(f"[{index}/{len(jobs)}] {job.label}")
        outcomes.append((job, outcome))
    return outcomes


# A render worker that holds more than this of its own after a job ends, and a fresh fork
# takes the jobs left. Measured on the sample: without it a worker held 400-650 MB of its own
# by the 40th language; each new worker warms its fonts and layouts again (~1 s CPU), so a
# lower cap costs CPU. Since workers collect each job's cycles and keep 8 fonts, they end a
# job holding 170 MB of their own (median; 210 at most) over 20 languages, and 250 was never
# reached: 200 replaces a worker that has grown past the usual.
WORKER_CAP_MB = 200.0


def _pool_order(jobs: Sequence[Job]) -> list[Job]:
    """The jobs as the workers take them: the plan's order (language by language, which keeps a
    worker's fonts and word lists useful to its next job), with each multilingual sheet moved
    to just after the jobs of the last language it shows. Planned last, both sheets ran at
    once at the end, each on a worker grown through the build and each loading every script's
    fonts again: the build's peak. (Outcomes are put back in the plan's order.)"""
    sheets = [job for job in jobs if isinstance(job.run, RenderTask) and job.run.kind is JobKind.SHEET]
    order = [job for job in jobs if job not in sheets]
    for sheet in sheets:
        assert isinstance(sheet.run, RenderTask)
        shown = set(sheet.run.tags)
        after = max((i for i, job in enumerate(order) if job.language in shown), default=len(order) - 1)
        order.insert(after + 1, sheet)
    return order


def render_all(
    snapshot: Snapshot,
    report: Report | Callable[[], Report] | ForkedWork[Report],
    folder: Path,
    progress: Progress | None = None,
    reuse_from: Path | None = None,
    own_copies: bool = False,
    stamp: Mapping[str, Any] | None = None,
) -> tuple[Manifest, tuple[Finding, ...]]:
    """Render every job into folder and write its manifest.json; the caller owns the folder.
    Files reused from the build in reuse_from are hard-linked, or copied with own_copies
    (a release's files are its own). report: the gate's report, or how to get it: then it
    is asked for while the workers render, after they were forked (build's checks run in a
    process of their own, so the workers do not carry what checking loads). stamp: what the next build may answer a no-op from
    (release/unchanged.py), kept only when rendering failed nothing.

    A check that fails while rendering (text that cannot fit, speech longer than booked)
    becomes a finding and the build goes on, so one run shows every problem. Returns the
    manifest and the findings rendering added (waivers applied).
    """
    folder = folder.resolve()  # renderers return resolved paths; relative_to needs the same form
    jobs, skipped = plan_jobs(snapshot)
    made: list[Report] = [report] if isinstance(report, Report) else []

    def gate() -> None:
        if not made:
            made.append(report.result() if isinstance(report, ForkedWork) else report())  # type: ignore[operator]

    outcomes = _render(
        jobs,
        folder,
        snapshot,
        progress,
        Reuse.of(reuse_from) if reuse_from else None,
        own_copies,
        meanwhile=gate,
        # The workers keep rendering while the checks' process works; its report is taken
        # when it is there.
        ready=report.ready if isinstance(report, ForkedWork) else None,
    )
    gate()
    report = made[0]
    for _job, outcome in outcomes:
        if outcome.input_error is not None:
            raise outcome.input_error
    rendered = [outcome.finding for _, outcome in outcomes if outcome.finding is not None]
    for job, outcome in outcomes:
        if outcome.finding is not None and job.kind is ArtifactKind.AUDIO:
            skipped.append(Skipped(job.language, ArtifactKind.AUDIO, job.target, f"no audio: {outcome.finding.text}"))
    artifacts = [artifact for _, outcome in outcomes for artifact in outcome.artifacts]
    rendered += colour_shift_findings(snapshot.campaign, artifacts)
    rendered += ink_limit_findings(snapshot.campaign, artifacts)
    rendered += dropped_message_findings(artifacts)
    full = report_of(snapshot, [*report.findings, *rendered], (*report.checks_run, "rendering"))
    render_findings = full.findings[len(report.findings) :]
    manifest = build_manifest(snapshot, artifacts, skipped, full, root=folder, jobs=job_index(outcomes, folder))
    if stamp is not None and not any(f.blocking for f in render_findings):
        manifest = replace(manifest, data={**manifest.data, STAMP_KEY: dict(stamp)})
    write_manifest(folder / MANIFEST_NAME, manifest)
    return manifest, render_findings


def refuse_unfilled(snapshot: Snapshot) -> None:
    """A new campaign is not built until its hotline is filled in (check says so too)."""
    unfilled = snapshot.campaign.contact.unfilled
    if unfilled:
        raise UnfilledContact(
            snapshot.campaign.config_path,
            f"{' and '.join(unfilled)} not filled in",
            hint="fill in your hotline: nothing is made without it",
        )


def build(
    snapshot: Snapshot,
    out_root: Path,
    progress: Progress | None = None,
    wait_s: float = 0.0,
    rebuild: Request | None = None,
) -> BuildResult:
    """rebuild: the project's census taken before the snapshot was read; with it, the
    manifest records the stamp a no-op build answers from (release/unchanged.py)."""
    from campaigngen.renderers.flyer import ensure_text_engine

    ensure_text_engine()
    refuse_unfilled(snapshot)
    forking = processes_allowed() > 1  # else the checks and every job run in this process
    output = output_for(snapshot.campaign, out_root)
    refuse_releases_inside(output.folder)  # the swap would take them away
    check_writable(output.out_root)
    with campaign_lock(output.lock, snapshot.campaign.id, wait_s):
        clean_leftovers(output)
        scratch = new_scratch(output)
        # Rendering lays out every page and speaks every spot for real: no dry runs first. The
        # other checks run beside the render workers in a process of their own, forked before
        # them (so they do not carry what checking loads: word lists, dictionaries, ICU rules)
        # and ended when the report is made, so that memory (~550 MB) is not held to the end;
        # unless check has kept their findings already, or one process is all it may use (below).
        if forking:
            _import_before_forking()
        # The checks' process and the render workers share what is here; with one process
        # nothing is forked, and this process's collector is left as it is.
        with shared_heap() if forking else nullcontext():
            checking: Report | ForkedWork[Report] | None = None
            try:
                if not forking or checks_kept(snapshot, RENDERED):
                    # A build after check: the findings are read back, and only the checks
                    # cheaper than a read are made (hundredths of a second, none of the
                    # memory), here rather than in a process forked and ended for them.
                    checking = run_checks(snapshot, skip=RENDERED)
                else:
                    checking = ForkedWork(partial(run_checks, snapshot, skip=RENDERED))
                manifest, render_findings = render_all(
                    snapshot,
                    checking,
                    scratch,
                    progress,
                    reuse_from=output.folder if output.folder.is_dir() else None,
                    stamp=_stamp(snapshot, out_root, rebuild) if rebuild is not None else None,
                )
                swap_in(scratch, output)
            except BaseException:
                shutil.rmtree(scratch, ignore_errors=True)
                raise
            finally:
                if isinstance(checking, ForkedWork):
                    checking.close()
    target = output.folder
    manifest = replace(manifest, root=target)
    assert checking is not None
    report = checking.result() if isinstance(checking, ForkedWork) else checking
    full = Report(report.findings + render_findings, (*report.checks_run, "rendering"), report.languages)
    return BuildResult(target, target / MANIFEST_NAME, manifest, full, snapshot, render_findings)


# What every render worker imports on its first jobs (~100 MB of Python objects, 1.5 s CPU
# measured): imported once here before the fork, the workers and the checks' process share
# those pages instead of each making its own. Only a build that renders comes here (a no-op
# build answers from its stamp without importing a renderer).
_SHARED_IMPORTS = (
    "campaigngen.renderers.flyer",
    "campaigngen.renderers.flyer.card",
    "campaigngen.renderers.radio",
    "campaigngen.renderers.digital.video",
    "fontTools.subset",
    "scipy.signal",
    "pypdfium2",
    "uharfbuzz",
    "zxingcpp",
)


def _import_before_forking() -> None:
    import importlib

    for name in _SHARED_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # an optional library: the job that needs it says so, as it did


def _stamp(snapshot: Snapshot, out_root: Path, rebuild: Request) -> dict[str, Any] | None:
    """The no-op stamp of this build, or None where the same inputs may make other output
    (an online speech engine answers or not)."""
    import time

    from campaigngen.release.approvals import KEYRING_ENV, reviewer_trust
    from campaigngen.release.keyring import default_keyring_path
    from campaigngen.renderers.radio.piper import voices_dir
    from campaigngen.sources.broadcast import GTTS

    campaign = snapshot.campaign
    if any(GTTS in campaign.radio.engines_for(e.tag) for e in snapshot.editions):
        return None
    faces = [face.path for faces in snapshot.fonts.families.values() for face in faces.values()]
    media = [
        m.path
        for m in (
            *campaign.radio.recordings.values(),
            campaign.radio.music_bed,
            *(logo.media for logo in campaign.brand.logos),
        )
        if m is not None
    ]
    keyrings = [default_keyring_path(), *(Path(p) for p in os.environ.get(KEYRING_ENV, "").split(os.pathsep) if p)]
    # A reviewer's key may start or stop counting at a set time: the stamp holds until the next such moment.
    now = time.time()
    trust = reviewer_trust(project_root_of(campaign.root)).keyring
    moments = [
        when.timestamp()
        for key in (trust.keys if trust is not None else ())
        for when in (key.valid_after, key.valid_before)
        if when is not None and when.timestamp() > now
    ]
    # Installing or removing a library (an encoder the gate asks for) changes its folder on sys.path.
    libraries = [Path(p) for p in (*site.getsitepackages(), site.getusersitepackages()) if os.path.isdir(p)]
    files = [snapshot.fonts.path, *faces, *media, *keyrings, *map(Path, tool_paths()), *libraries]
    return stamp(
        rebuild,
        campaign.root,
        out_root,
        [p.resolve() for p in files],
        [voices_dir().resolve()],
        min(moments, default=None),
        [e.tag for e in snapshot.editions if e.language.pseudo],
    )


__all__ = ["BuildResult", "CampaignOutput", "Job", "RenderTask", "build", "plan_jobs", "render_all"]
