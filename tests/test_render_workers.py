"""How many render workers a build forks: one for every four jobs left to render, one per core,
four at most; fewer than eight jobs are rendered by the build's own process while the checks'
process works beside it (a fork and a worker's warm-up cost more than they save there)."""

from __future__ import annotations

import json
import os

import pytest
from campaign_kit import sample_campaign
from click.testing import CliRunner

import campaigngen.release.build as build_module
from campaigngen.renderers.artifacts import ArtifactKind

pytestmark = pytest.mark.forks  # how many render workers a build forks


def _jobs(count: int) -> list:
    task = build_module.RenderTask(build_module.JobKind.FLYER, ("es",), "wallet")
    return [build_module.Job(f"es flyer {n}", task, "es", ArtifactKind.FLYER, "wallet") for n in range(count)]


@pytest.mark.parametrize(
    "cores,jobs,workers",
    [
        (2, 0, 1),
        (2, 3, 1),
        (2, 7, 1),  # two workers' worth is eight jobs
        (2, 8, 2),
        (2, 400, 2),  # one per core
        (8, 11, 2),
        (8, 12, 3),
        (8, 16, 4),
        (8, 400, 4),  # four at most
        (1, 400, 1),
    ],
)
def test_a_worker_is_forked_for_every_four_jobs_one_per_core_four_at_most(monkeypatch, cores, jobs, workers):
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert build_module._workers(_jobs(jobs)) == workers


def test_a_stand_in_job_always_runs_in_this_process():
    stand_in = build_module.Job("es flyer", lambda folder, snapshot: [], "es", ArtifactKind.FLYER, "wallet")
    assert build_module._workers([*_jobs(40), stand_in]) == 1


def test_a_small_build_renders_here_beside_its_checks_process_and_takes_the_report_after(project, monkeypatch):
    from campaigngen.cli import main
    from campaigngen.release.workers import ForkedWork

    sample_campaign(project, languages=("es",), formats=("wallet",), spots=())
    events: list[str] = []
    real_run_job, real_result = build_module._run_job, ForkedWork.result

    def run_job(job, folder, snapshot):
        events.append(f"job {job.label} in {os.getpid()}")
        return real_run_job(job, folder, snapshot)

    def result(self):
        events.append("report")
        return real_result(self)

    monkeypatch.setattr(build_module, "_run_job", run_job)
    monkeypatch.setattr(ForkedWork, "result", result)
    monkeypatch.setattr(build_module, "RecyclingPool", lambda *a, **k: pytest.fail("a worker was forked"))
    built = CliRunner().invoke(main, ["build", "help-is-here", "--out", "output"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    jobs = [e for e in events if e.startswith("job ")]
    assert 4 <= len(jobs) < 2 * build_module.JOBS_PER_WORKER  # once pooled (4 jobs or more), now here
    assert all(e.endswith(f" in {os.getpid()}") for e in jobs)
    assert events.index("report") == len(jobs)  # the checks' report is taken after the jobs
    out = project / "output" / "help-is-here"
    artifacts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    assert len(artifacts) >= len(jobs) and all((out / a["path"]).is_file() for a in artifacts)


def test_with_one_process_allowed_build_and_check_fork_nothing(project, monkeypatch):
    """CAMPAIGNGEN_JOBS=1: the checks and every job in the command's own process, however
    many jobs there are (the same bytes as forked workers make: tests/test_incremental.py)."""
    from campaigngen.cli import main
    from campaigngen.release.workers import JOBS_VARIABLE

    sample_campaign(project, languages=("es", "ar", "vi"), formats=("wallet", "letter"), spots=())
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("a process was forked"))
    checked = CliRunner().invoke(main, ["check", "help-is-here"], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    built = CliRunner().invoke(main, ["build", "help-is-here", "--out", "output"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    out = project / "output" / "help-is-here"
    flyers = [a for a in json.loads((out / "manifest.json").read_text())["artifacts"] if a["kind"] == "flyer"]
    assert len(flyers) >= 2 * build_module.JOBS_PER_WORKER  # as many jobs as two workers take by default


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5", "٢"])
def test_a_process_count_that_is_not_one_or_more_is_one_clear_line_and_nothing_written(project, monkeypatch, given):
    from campaigngen.cli import main
    from campaigngen.release.workers import JOBS_VARIABLE

    sample_campaign(project, languages=("es",), formats=("wallet",), spots=())
    monkeypatch.setenv(JOBS_VARIABLE, given)
    for command in (
        ["check", "help-is-here"],
        ["build", "help-is-here", "--out", "output"],
        ["publish", "help-is-here", "--out", "output", "--version", "1"],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert (
            len(lines) == 1
            and JOBS_VARIABLE in lines[0]
            and repr(given) in lines[0]
            and "Traceback" not in result.output
        )
    assert not (project / "output").exists() and not (project / "releases" / "help-is-here" / "1").exists()
