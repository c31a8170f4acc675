"""Incremental builds: what did not change is reused, what changed is made again, and a reused
file can never be a stale one."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from campaign_kit import sample_campaign, set_translation
from cli_kit import cli_runner
from warm_audio import share_kept_work

from campaigngen.cli import main
from campaigngen.release import findings_cache

pytestmark = pytest.mark.slow

EPOCH = "1764460800"
AR_HELP = "يمكنك الحصول على المساعدة الآن."  # the sample's line, changed as a translator would


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def files(out: Path) -> dict[str, tuple[str, int, int]]:
    """path -> (sha256, inode, mtime) for every artifact of the build in out."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    result = {}
    for artifact in manifest["artifacts"]:
        stat = (out / artifact["path"]).stat()
        result[artifact["path"]] = (artifact["sha256"], stat.st_ino, stat.st_mtime_ns)
    return result


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    """Every build here writes the same time into its files, the module's first build too (a
    build of the same campaign in another process is compared with it byte for byte)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """One real build of the sample (es, ar; wallet, letter; an en+es sheet), with the cache
    it left, made once: every test below starts from a copy of both and changes its own. Its
    16 jobs are rendered in this process, as the suite's builds are (tests/conftest.py).
    Its spots' mastered audio and its font subsets are the test run's (tests/warm_audio.py)."""
    root = tmp_path_factory.mktemp("first-build")
    cache = tmp_path_factory.mktemp("first-build-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.setattr(findings_cache, "_memory", {})
        share_kept_work(cache)
        sample_campaign(root, languages=("es", "ar"), formats=("wallet", "letter"), sheets=[("en", "es")])
        assert run("build", "help-is-here").exit_code == 0
    return root, cache


def _shared_work(folder: str, names: list[str]) -> list[str]:
    """The mastered-audio and font-subset links: each test's cache has its own to the same
    folders (tests/warm_audio.py)."""
    return ["audio", "fonts"] if Path(folder).name == "campaigngen" else []


@pytest.fixture
def built(first_build, tmp_path, monkeypatch):
    """A project just built, as after `campaigngen build`: the first build's folder and cache
    copied with their files' times, so the next build sees exactly what that one left."""
    root, cache = first_build
    project = tmp_path / "project"
    shutil.copytree(root, project, symlinks=True)
    shutil.copytree(cache, os.environ["XDG_CACHE_HOME"], dirs_exist_ok=True, symlinks=True, ignore=_shared_work)
    monkeypatch.chdir(project)
    return project, project / "output" / "help-is-here"


def test_nothing_changed_nothing_is_made_again(built):
    root, out = built
    before = files(out)
    assert run("build", "help-is-here").exit_code == 0
    assert files(out) == before  # the very same files (same inodes), not copies
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {a["path"] for a in manifest["artifacts"]} == set(before)


def test_one_changed_translation_remakes_only_that_language(built):
    root, out = built
    before = files(out)
    set_translation(root, "ar", "help", AR_HELP)
    assert run("build", "help-is-here").exit_code == 0
    after = files(out)
    assert set(after) == set(before)
    changed = {path for path in after if after[path] != before[path]}
    assert changed and all(path.startswith("ar/") for path in changed)
    assert {p for p in after if p.startswith("ar/flyer")} <= changed  # the flyers that print "help"
    assert all(after[p] == before[p] for p in after if not p.startswith("ar/"))


def test_a_deleted_output_is_made_again(built):
    root, out = built
    before = files(out)
    (out / "es" / "flyer-wallet.pdf").unlink()
    assert run("build", "help-is-here").exit_code == 0
    after = files(out)
    assert after["es/flyer-wallet.pdf"][1] != before["es/flyer-wallet.pdf"][1]  # a new file
    assert after["es/flyer-wallet.pdf"][0] == before["es/flyer-wallet.pdf"][0]  # with the same bytes
    assert after["es/flyer-letter.pdf"] == before["es/flyer-letter.pdf"]


def test_an_edited_output_is_not_trusted(built):
    root, out = built
    before = files(out)
    png = out / "en" / "flyer-letter.png"
    data = png.read_bytes()
    png.unlink()
    png.write_bytes(data[:-1] + b"\0")  # someone edited it
    assert run("build", "help-is-here").exit_code == 0
    assert files(out)["en/flyer-letter.png"][0] == before["en/flyer-letter.png"][0]


def test_a_new_code_version_or_font_remakes_every_flyer(built, monkeypatch):
    root, out = built
    before = files(out)
    from campaigngen.release import keys

    monkeypatch.setattr(keys, "code_version", lambda: "a newer layout")
    assert run("build", "help-is-here").exit_code == 0
    after = files(out)
    assert all(after[p][1] != before[p][1] for p in after if "flyer" in p)


def test_a_fuzzy_line_is_never_served_from_the_last_build(built):
    root, out = built
    set_translation(root, "es", "help", "Usted puede recibir ayuda.", fuzzy=True)
    assert run("build", "help-is-here").exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    flyers = {(a["language"], a["format"]): a["draft"] for a in manifest["artifacts"] if a["kind"] == "flyer"}
    assert flyers[("es", "wallet")] and flyers[("es", "letter")] and flyers[("en+es", "multilingual")]
    assert not flyers[("ar", "wallet")] and not flyers[("en", "letter")]


@pytest.mark.forks
def test_serial_and_parallel_builds_are_byte_identical(built, monkeypatch):
    """The first build ran with one process (CAMPAIGNGEN_JOBS=1, as the suite runs): its checks
    and every job here, one after another. The same campaign built again into a new folder,
    with two processes (its checks' process and render workers forked, a fresh cache so that
    the checks are made there too), makes the same bytes."""
    from campaigngen.release.workers import JOBS_VARIABLE

    root, serial = built
    monkeypatch.setenv(JOBS_VARIABLE, "2")  # on a machine of any number of cores
    forked = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or real_fork())
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cold-cache"))
    monkeypatch.setattr(findings_cache, "_memory", {})
    share_kept_work(root / "cold-cache")
    assert run("build", "help-is-here", "--out", "parallel").exit_code == 0
    assert len(forked) >= 2
    parallel = files(root / "parallel" / "help-is-here")
    serial_hashes = {p: h for p, (h, _, _) in files(serial).items()}
    assert serial_hashes == {p: h for p, (h, _, _) in parallel.items()}


def test_publish_after_a_build_copies_the_built_files_and_renders_nothing(built, monkeypatch):
    """The release takes the build's files as they are (same bytes, nothing rendered again),
    as copies of its own: a later write to the build's file leaves the release as published."""
    import campaigngen.release.build as build

    root, out = built
    before = files(out)
    monkeypatch.setattr(build, "_run_job", lambda *a: pytest.fail("a job was rendered again"))
    assert run("publish", "help-is-here", "--version", "1").exit_code == 0
    release = root / "releases" / "help-is-here" / "1"
    published = {a["path"]: a["sha256"] for a in json.loads((release / "manifest.json").read_text())["artifacts"]}
    for path, (sha, inode, _) in before.items():
        assert published[path] == sha and os.stat(release / path).st_ino != inode
    with (out / "es" / "flyer-wallet.pdf").open("r+b") as draft:  # a program saving over the draft in place
        draft.write(b"%PDF-9.9")
    assert run("verify", str(release)).exit_code == 0


def test_publish_after_a_build_does_not_lay_the_pages_out_again(built, monkeypatch):
    """The build measured every page and spot for real; the gate skips those dry runs. A
    changed translation means a job the build did not make, and the dry runs come back."""
    import campaigngen.renderers.flyer as flyer

    root, out = built
    dry_runs = []
    real_fit = flyer.fit_findings
    monkeypatch.setattr(flyer, "fit_findings", lambda *a: dry_runs.append(a) or real_fit(*a))
    assert run("publish", "help-is-here", "--version", "1").exit_code == 0
    assert dry_runs == []
    set_translation(root, "ar", "help", AR_HELP)
    assert run("publish", "help-is-here", "--version", "2").exit_code == 0
    assert {a[1] for a in dry_runs} == {"wallet", "letter"}  # both formats of every language, laid out dry


def test_adding_a_format_or_a_sheet_keeps_every_other_job_and_the_files_are_the_same(tmp_path, monkeypatch):
    """The flyer formats and multilingual sheets a campaign lists choose which jobs a build
    plans, not what a job makes (release/keys.py): adding one keeps every other job's key, so
    its files are taken from the last build, and they are the very bytes the new settings
    make. The checks' keys keep both lists (layout-fit judges every format and sheet)."""
    import hashlib

    from campaign_kit import sample_config

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.build import plan_jobs
    from campaigngen.release.keys import check_key
    from campaigngen.renderers.flyer import render_flyer
    from campaigngen.renderers.flyer.card import render_share_cards
    from campaigngen.sources.campaign import load_campaign

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    folder = sample_campaign(tmp_path, languages=("es",), formats=("wallet",))
    before = take_snapshot(load_campaign(folder))
    with sample_config(tmp_path) as config:
        config["flyer"]["formats"] = ["wallet", "tearoff"]
        config["flyer"]["multilingual"] = [["en", "es"]]
    after = take_snapshot(load_campaign(folder))
    kept = {job.label: job.key for job in plan_jobs(before)[0]}
    now = {job.label: job.key for job in plan_jobs(after)[0]}
    assert {label: now.get(label) for label in kept} == kept
    assert set(now) - set(kept) == {"en flyer tearoff", "es flyer tearoff", "en+es multilingual sheet"}
    assert check_key("layout-fit", before) != check_key("layout-fit", after)
    assert check_key("layout-fit-sheet", before) != check_key("layout-fit-sheet", after)

    def made(snapshot, where):
        edition = snapshot.edition("es")
        artifacts = render_flyer(edition, "wallet", where) + render_share_cards(edition, where)
        return {a.path.name: hashlib.sha256(a.path.read_bytes()).hexdigest() for a in artifacts}

    assert made(before, tmp_path / "before") == made(after, tmp_path / "after")


def test_a_playout_or_spot_code_setting_remakes_only_the_spots_and_the_flyers_are_the_same(tmp_path, monkeypatch):
    """[delivery] (channels, live-read cards) and [traffic] (spot codes, advertiser) reach the
    spots, their cards and the station log, never a printed page (release/keys.py): changing
    them keeps every flyer's, sheet's and share card's key, and those jobs' files are the very
    bytes the new settings make."""
    import hashlib

    from campaign_kit import sample_config

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.build import plan_jobs
    from campaigngen.renderers.flyer import render_flyer, render_multilingual_sheet
    from campaigngen.renderers.flyer.card import render_share_cards
    from campaigngen.sources.campaign import load_campaign

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    folder = sample_campaign(tmp_path, languages=("es",), formats=("wallet",), sheets=[("en", "es")])
    before = take_snapshot(load_campaign(folder))
    with sample_config(tmp_path) as config:
        config["delivery"]["channels"] = "dual-mono"
        config["delivery"]["live_read_cards"] = "all"
        config["traffic"]["code_prefix"] = "HX"
    after = take_snapshot(load_campaign(folder))
    kept = {job.label: job.key for job in plan_jobs(before)[0]}
    now = {job.label: job.key for job in plan_jobs(after)[0]}
    assert set(now) == set(kept)
    assert {label for label in kept if now[label] != kept[label]} == {"en spot 30s", "es spot 30s"}

    def made(snapshot, where):
        edition = snapshot.edition("es")
        artifacts = render_flyer(edition, "wallet", where) + render_share_cards(edition, where)
        artifacts += render_multilingual_sheet([snapshot.edition("en"), edition], where / "sheet")
        return {a.path.name: hashlib.sha256(a.path.read_bytes()).hexdigest() for a in artifacts}

    assert made(before, tmp_path / "before") == made(after, tmp_path / "after")


def test_a_length_limit_or_translators_note_remakes_nothing_and_is_still_checked(tmp_path):
    """A message's max_length and context are for the people who write and check it: no
    renderer reads them (each prints and speaks a message's text), so changing them keeps
    every job's key and its files are taken from the last build. The checks' keys keep both:
    max-length judges the limit again."""
    from campaign_kit import sample_config

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.build import plan_jobs
    from campaigngen.release.keys import campaign_key
    from campaigngen.sources.campaign import load_campaign

    folder = sample_campaign(tmp_path, languages=("es",), formats=("wallet",), sheets=[("en", "es")])
    before = take_snapshot(load_campaign(folder))
    with sample_config(tmp_path) as config:
        config["messages"]["help"]["max_length"] = 20
        config["messages"]["call"]["context"] = "Call to action. Keep {phone} exactly once, never split."
    after = take_snapshot(load_campaign(folder))
    kept = {job.label: job.key for job in plan_jobs(before)[0]}
    assert {"es flyer wallet", "es spot 30s", "en+es multilingual sheet"} <= set(kept)
    assert {job.label: job.key for job in plan_jobs(after)[0]} == kept
    assert campaign_key(before) != campaign_key(after)
    with sample_config(tmp_path) as config:  # the text itself is read: a new key for every job that prints it
        config["messages"]["help"]["text"] = "Help is near."
    changed = {job.label: job.key for job in plan_jobs(take_snapshot(load_campaign(folder)))[0]}
    assert changed["en flyer wallet"] != kept["en flyer wallet"]
