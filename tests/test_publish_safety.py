"""publish is atomic, versioned and one-at-a-time (fast fake renderer: see publish_helpers).

These tests are about what is on disk after a failure, a kill or a race; the gate, the
review page and the metadata tests use real rendered output (test_publish_gate.py etc.).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_kit import cli_runner
from publish_helpers import ForkedHelper, forked_publish, install_fake_renderer, make_project

from campaigngen.cli import main
from campaigngen.release.store import RESERVED
from campaigngen.release.verify import verify_release

pytestmark = pytest.mark.forks  # kills of a publish and of what it forked


@pytest.fixture
def fake_project(tmp_path, monkeypatch) -> Path:
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    install_fake_renderer(monkeypatch.setattr)
    return tmp_path


def releases_dir(root: Path) -> Path:
    return root / "releases" / "demo"


def visible_releases(root: Path) -> list[str]:
    if not releases_dir(root).exists():
        return []
    return sorted(p.name for p in releases_dir(root).iterdir() if not p.name.startswith(".") and p.name not in RESERVED)


def run(*args: str):
    return cli_runner().invoke(main, list(args))


def test_publish_makes_dated_versions_and_moves_latest(fake_project):
    first = run("publish", "demo")
    assert first.exit_code == 0, first.stderr
    second = run("publish", "demo")
    assert second.exit_code == 0, second.stderr
    today = time.strftime("%Y.%m.%d", time.gmtime())
    assert visible_releases(fake_project) == [f"{today}-1", f"{today}-2"]
    latest = releases_dir(fake_project) / "latest"
    assert latest.is_symlink() and os.readlink(latest) == f"{today}-2"  # relative: the folder can move
    for version in visible_releases(fake_project):
        assert verify_release(releases_dir(fake_project) / version).ok
    assert f"published {today}-2" in second.stdout


def test_existing_or_bad_version_is_refused_and_nothing_changes(fake_project):
    assert run("publish", "demo", "--version", "1.0").exit_code == 0
    before = (releases_dir(fake_project) / "1.0" / "manifest.json").read_bytes()
    again = run("publish", "demo", "--version", "1.0")
    assert again.exit_code == 2
    assert "release 1.0 already exists" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert (releases_dir(fake_project) / "1.0" / "manifest.json").read_bytes() == before
    for bad in ("latest", "../escape", ".hidden", "a/b"):
        result = run("publish", "demo", "--version", bad)
        assert result.exit_code == 2, bad
    assert visible_releases(fake_project) == ["1.0"]


def test_failure_while_rendering_leaves_previous_release_whole(fake_project, monkeypatch):
    from publish_helpers import fake_plan_jobs

    import campaigngen.release.build as build

    assert run("publish", "demo", "--version", "1").exit_code == 0

    def broken_jobs(campaign, editions):
        jobs, skipped = fake_plan_jobs(campaign, editions)

        def explode(folder):
            (folder / "half-written.pdf").write_bytes(b"%PDF-")
            raise OSError("disk full")

        return jobs[:2] + [build.Job("boom", explode, "es", "flyer")], skipped

    monkeypatch.setattr(build, "plan_jobs", broken_jobs)
    result = run("publish", "demo", "--version", "2")
    assert result.exit_code != 0
    assert visible_releases(fake_project) == ["1"]
    assert os.readlink(releases_dir(fake_project) / "latest") == "1"
    assert not [p for p in releases_dir(fake_project).iterdir() if p.name.startswith(".partial")]
    assert verify_release(releases_dir(fake_project) / "latest").ok


def test_leftovers_of_a_killed_publish_are_hidden_and_cleaned(fake_project):
    releases = releases_dir(fake_project)
    releases.mkdir(parents=True)
    (releases / ".partial-2026.01.01-1-999").mkdir()
    (releases / ".partial-2026.01.01-1-999" / "manifest.json").write_text("{}")
    os.symlink("nowhere", releases / ".latest-999")
    assert run("publish", "demo", "--version", "1").exit_code == 0
    assert sorted(p.name for p in releases.iterdir()) == ["1", "latest"]


def _spawn(
    root: Path, *args: str, delay: float, kill_at: str = "", render_waits_for: Path | None = None
) -> ForkedHelper:
    env = {
        **os.environ,
        "FAKE_JOB_DELAY": str(delay),
        "FAKE_KILL_AT": kill_at,
        "FAKE_RENDER_WAITS_FOR": str(render_waits_for or ""),
    }
    return forked_publish(["publish", "demo", *args], cwd=root, env=env)


def _assert_consistent(root: Path, allowed_latest: set[str]) -> str:
    """latest is a complete, verifying release; nothing half-made is visible. (A kill between
    the rename and the switch of latest leaves latest on the old release while the new one is
    whole: verify says so, and the next publish, withdraw or prune puts latest right.)"""
    releases = releases_dir(root)
    latest = releases / "latest"
    target = os.readlink(latest)
    assert target in allowed_latest, (target, allowed_latest)
    assert verify_release(latest).intact
    for version in visible_releases(root):  # a release renamed into place is always whole
        assert verify_release(releases / version).intact, version
    return target


def _render_started(process: ForkedHelper) -> float:
    """Block until the child says rendering began (gate passed, lock held); return the time."""
    line = process.stdout.readline()
    assert line.strip() == "RENDER-START", (line, process.stderr.read() if process.poll() is not None else "")
    return time.monotonic()


@pytest.mark.slow
@pytest.mark.serial
def test_sigkill_at_random_moments_never_exposes_a_partial_release(tmp_path):
    make_project(tmp_path)
    first = _spawn(tmp_path, "--version", "0", delay=0.0)
    assert first.wait(60) == 0, first.stderr.read()
    probe = _spawn(tmp_path, "--version", "probe", delay=0.04)
    render_started = _render_started(probe)
    assert probe.wait(60) == 0, probe.stderr.read()
    # From "rendering begins" to exit: render, bundles, review page, scan, fsync, rename, latest.
    critical = time.monotonic() - render_started

    started = time.monotonic()
    rng = random.Random(20261127)
    outcomes = {"old": 0, "new": 0, "leftovers seen": 0}
    current = "probe"
    # Deterministic kills inside the critical windows, then random ones across the whole
    # writing phase (the gate before it writes nothing, so killing there proves little).
    plan = ["manifest", "rename", "latest"] + [""] * 14
    for number, kill_at in enumerate(plan):
        version = f"k{number}"
        process = _spawn(tmp_path, "--version", version, delay=0.04, kill_at=kill_at)
        _render_started(process)
        if kill_at:
            process.wait(60)  # it kills itself at that point
        else:
            time.sleep(rng.uniform(0.0, critical * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait(60)
        assert process.returncode == -signal.SIGKILL or (not kill_at and process.returncode == 0)
        if any(p.name.startswith(".") for p in releases_dir(tmp_path).iterdir()):
            outcomes["leftovers seen"] += 1
        target = _assert_consistent(tmp_path, {current, version})
        outcomes["old" if target == current else "new"] += 1
        # What latest must name: the newest whole release (the killed one, if it got renamed in).
        current = version if version in visible_releases(tmp_path) else current
    print(
        f"\nkill test: {len(plan)} kills in {time.monotonic() - started:.1f} s, writing phase "
        f"{critical:.2f} s, {outcomes}"
    )
    assert outcomes["old"] >= 3 and outcomes["leftovers seen"] >= 3  # kills landed mid-write
    # The next publish cleans what the kills left and still works.
    final = _spawn(tmp_path, "--version", "after", delay=0.0)
    assert final.wait(60) == 0, final.stderr.read()
    assert not [p for p in releases_dir(tmp_path).iterdir() if p.name.startswith((".partial", ".latest"))]
    _assert_consistent(tmp_path, {"after"})
    assert all(verify_release(releases_dir(tmp_path) / v).ok for v in visible_releases(tmp_path))


@pytest.mark.slow
@pytest.mark.serial
def test_two_publishes_at_once_one_waits_or_one_clear_line(tmp_path):
    make_project(tmp_path)
    # Without --wait the loser fails at once with one line and writes nothing. The first holds
    # the lock until the second has tried: on a loaded machine the first could otherwise end
    # before the second even starts, and both would rightly publish.
    go_on = tmp_path.parent / f"{tmp_path.name}-first-may-go-on"
    a = _spawn(tmp_path, delay=0.3, render_waits_for=go_on)
    for line in a.stdout:
        if line.strip() == "RENDER-START":
            break
    b = _spawn(tmp_path, delay=0.3)
    b.wait(60)
    go_on.touch()
    results = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in (a, b)]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser_err = next(err for code, _, err in results if code == 2)
    assert len(loser_err.strip().splitlines()) == 1
    assert "another build or publish of 'demo' is running" in loser_err and "--wait" in loser_err
    assert len(visible_releases(tmp_path)) == 1

    # With --wait they queue. The newer snapshot always publishes and ends as latest; the older
    # one publishes before it, or, if it lost the race for the lock, is refused with one line (a
    # release of an older snapshot after a newer one would put latest back in time). b starts
    # 50 ms after a, but on a loaded machine a may still read its inputs last: the manifests say
    # which snapshot is newer.
    a = _spawn(tmp_path, "--wait", "30", delay=0.3)
    time.sleep(0.05)
    b = _spawn(tmp_path, "--wait", "30", delay=0.3)
    results = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in (a, b)]
    published = [out.split("published ", 1)[1].split(":", 1)[0] for code, out, _ in results if code == 0]
    refused = [err for code, _, err in results if code != 0]
    assert published and all("was published while this publish" in err for err in refused), results
    assert len(refused) == len(results) - len(published) <= 1, results
    versions = visible_releases(tmp_path)
    assert len(versions) == 1 + len(published) and len(set(versions)) == len(versions)
    for version in versions:
        assert verify_release(releases_dir(tmp_path) / version).ok

    def snapshot_ns(version: str) -> int:
        manifest = json.loads((releases_dir(tmp_path) / version / "manifest.json").read_text(encoding="utf-8"))
        return manifest["release"]["snapshot_ns"]

    newest = max(published, key=snapshot_ns)
    assert all(snapshot_ns(newest) >= snapshot_ns(v) for v in versions)
    assert os.readlink(releases_dir(tmp_path) / "latest") == newest


@pytest.mark.slow
@pytest.mark.serial
def test_busy_lock_fails_after_the_wait_with_one_line(fake_project):
    # Another process holds the lock (record locks are per process, as publishes are).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from campaigngen.release.locking import campaign_lock\n"
            "with campaign_lock(Path('output/.demo.lock'), 'demo'):\n    print('held', flush=True); time.sleep(30)",
        ],
        cwd=fake_project,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        result = run("publish", "demo", "--wait", "0.3")
        assert time.monotonic() - started >= 0.3
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert f"another build or publish of 'demo' is running (pid {holder.pid}) after waiting 0.3 s" in result.stderr
    assert not (fake_project / "output" / "demo" / "releases").exists() or not visible_releases(fake_project)
    # The holder died: the kernel dropped its lock, so publishing works at once.
    assert run("publish", "demo").exit_code == 0


def test_a_check_that_fails_while_rendering_publishes_nothing(fake_project, monkeypatch):
    from publish_helpers import fake_plan_jobs

    import campaigngen.release.build as build
    from campaigngen.exceptions import LayoutFitError

    def plan(snapshot):
        jobs, skipped = fake_plan_jobs(snapshot)

        def misfit(folder, _snapshot):
            raise LayoutFitError(format_name="letter", language="es", message_id="headline", detail="2 lines too many")

        return jobs + [build.Job("es flyer letter", misfit, "es", "flyer", "letter")], skipped

    monkeypatch.setattr(build, "plan_jobs", plan)
    result = run("publish", "demo")
    assert result.exit_code == 1
    assert "does not fit" in result.stdout + result.stderr
    assert not visible_releases(fake_project)
    # A refused first publish leaves nothing behind: no partial folder, no empty releases/, no lock.
    assert not releases_dir(fake_project).exists() and not (fake_project / "releases").exists()
    assert not list((fake_project / "output").glob(".*lock"))


def _kill_leftovers(project: Path, group: int) -> None:
    """Render workers orphaned by the kill are ours to end: by process group, and by any
    process still working in this test's folder."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if Path(os.readlink(proc / "cwd")) == project.resolve():
                    os.kill(int(proc.name), signal.SIGKILL)
            except OSError:
                pass


@pytest.mark.slow
@pytest.mark.serial
def test_killing_a_real_publish_mid_render_leaves_no_stale_lock(tmp_path):
    """Real renderers fork workers; killing the publish must not leave the campaign locked."""
    make_project(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "campaigngen", "publish", "demo"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    releases = releases_dir(tmp_path)
    deadline = time.monotonic() + 60
    while not (releases.is_dir() and any(p.name.startswith(".partial") for p in releases.iterdir())):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.05)
    time.sleep(0.5)  # inside rendering
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    # What is under test is the lock the killed process and its orphaned workers may leave:
    # the next publish, from another process as a user's next command is, takes that same
    # lock and cleans up after the kill. It runs here, with the stand-in renderer: rendering
    # both languages' flyer and spot for real again (5 s CPU) would prove nothing about it.
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(tmp_path)
            install_fake_renderer(patch.setattr)
            again = run("publish", "demo", "--version", "next")
    finally:
        _kill_leftovers(tmp_path, process.pid)
    assert again.exit_code == 0, again.stdout + again.stderr
    assert visible_releases(tmp_path) == ["next"] and verify_release(releases / "latest").ok
