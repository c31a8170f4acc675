"""What keeps a build's memory flat with the number of languages: the checks run in a process
that ends, render workers hand back what each job freed, word lists are held a few at a time.
(Memory itself is measured by benchmarks/build.py, not here.)"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from campaign_kit import sample_campaign
from click.testing import CliRunner

from campaigngen.exceptions import EnvironmentFailure, UnfilledContact
from campaigngen.release import build as build_module
from campaigngen.release.workers import ForkedWork

pytestmark = pytest.mark.forks  # the render workers, their memory and their replacement


def test_forked_work_answers_from_a_process_that_has_ended():
    work = ForkedWork(os.getpid)
    assert work.result() != os.getpid()
    assert work.result() == work.result()  # asked again: the same answer, nothing run again
    assert not work._process.is_alive()


def test_forked_work_raises_what_the_work_raised():
    def refuse():
        raise UnfilledContact(Path("campaign.toml"), "contact.phone not filled in", hint="fill in your hotline")

    with pytest.raises(UnfilledContact, match="contact.phone not filled in - fill in your hotline") as raised:
        ForkedWork(refuse).result()
    assert raised.value.path == Path("campaign.toml")  # the whole error, not only its text


def test_a_forked_work_that_dies_is_one_line_not_a_hang():
    work = ForkedWork(lambda: os._exit(9))  # as the kernel's out-of-memory killer would end it
    with pytest.raises(EnvironmentFailure, match="exit code 9"):
        work.result()


def test_closing_forked_work_stops_it():
    work = ForkedWork(lambda: time.sleep(600))
    work.close()
    assert not work._process.is_alive()


def test_a_render_worker_gives_memory_back_after_every_job_and_word_lists_at_a_new_language(monkeypatch, tmp_path):
    from campaigngen.checks.readability import wordlists

    given_back: list[str] = []
    monkeypatch.setattr(build_module, "_worker_snapshot", object())
    monkeypatch.setattr(build_module, "collect_and_give_back", lambda: given_back.append("trim"))

    def job(language, run):
        return build_module.Job(f"{language} spot 30s", run, language, build_module.ArtifactKind.AUDIO, "30s")

    def reads_a_list(folder, snapshot):
        wordlists.table("es")
        return []

    def breaks(folder, snapshot):
        raise RuntimeError("a bug in a renderer")

    def in_a_worker():  # forked: this test process keeps the lists its other tests' forks share
        held = []
        outcome = build_module._run_in_worker(job("es", reads_a_list), tmp_path)
        held.append(wordlists.tables_held())
        try:
            build_module._run_in_worker(job("es", breaks), tmp_path)
        except RuntimeError:
            pass
        held.append(wordlists.tables_held())  # the same language's next job may read it again
        build_module._run_in_worker(job("fr", lambda folder, snapshot: []), tmp_path)
        held.append(wordlists.tables_held())
        return outcome, held, given_back

    outcome, held, trims = ForkedWork(in_a_worker).result()
    assert outcome == build_module.Outcome()
    assert held == [("es",), ("es",), ()]
    assert trims == ["trim", "trim", "trim"]  # after the job that failed too


def test_a_render_worker_keeps_the_word_lists_it_was_forked_holding_and_copies_none(monkeypatch, tmp_path):
    """The lists the build's process held when it forked a worker are that process's (shared
    pages): the worker never lets go of them, which would copy every page on the way and
    free nothing; it still lets go of its own at a new language."""
    import weakref

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.checks.readability import wordlists
    from campaigngen.sources.campaign import load_campaign

    snapshot = take_snapshot(load_campaign(sample_campaign(tmp_path, languages=("es",), spots=())))
    monkeypatch.setattr(build_module, "collect_and_give_back", lambda: None)

    def reads(code):
        def run(folder, snapshot):
            wordlists.table(code)
            return []

        return build_module.Job(f"{code} spot 30s", run, code, build_module.ArtifactKind.AUDIO, "30s")

    def in_a_worker():  # forked, as the pool forks it
        wordlists.forget_tables()
        wordlists.table("es")  # what the build's process holds when it forks
        inherited = weakref.ref(wordlists.word_list("es"))
        build_module._start_worker(snapshot)
        build_module._run_in_worker(reads("fr"), tmp_path)
        own_first = wordlists.tables_held()
        build_module._run_in_worker(reads("pt"), tmp_path)
        return inherited() is not None, own_first, wordlists.tables_held()

    kept, own_first, own_then = ForkedWork(in_a_worker).result()
    assert kept  # the inherited list was never let go of
    assert own_first == ("fr",) and own_then == ("pt",)  # the worker's own lists go at a new language


def test_word_lists_are_held_three_at_a_time_and_wordfreq_keeps_no_copies():
    import wordfreq

    from campaigngen.checks.readability import wordlists

    def read_five():  # forked, as above
        wordlists.forget_tables()
        whole = wordlists.table("fr") == wordfreq.get_frequency_dict("fr")
        for code in ("es", "pt", "ru"):
            wordlists.table(code)
        held = wordlists.tables_held()
        copies = (wordfreq.get_frequency_dict.cache_info().currsize, wordfreq.get_frequency_list.cache_info().currsize)
        same = wordlists.table("es") is wordlists.table("es")
        return whole, held, copies, same, wordlists.tables_held()

    whole, held, copies, same, after = ForkedWork(read_five).result()
    assert whole  # wordfreq's own list, whole
    assert held == ("es", "pt", "ru")
    # French was let go, and with it wordfreq's copies of every list it had read (its dict of
    # French, made above): ours read the files themselves, so wordfreq has read nothing since.
    assert copies == (0, 0)
    assert same  # held: read once
    assert after == ("pt", "ru", "es")


@dataclass(frozen=True)
class _WhereChecksRan:
    pid: int  # of the process the build's checks ran in
    frozen: int  # objects gc.freeze had set aside there
    frozen_before: int  # in this process, before the build and after it
    frozen_after: int
    manifest: dict


@pytest.fixture(scope="module")
def where_checks_ran(tmp_path_factory) -> _WhereChecksRan:
    """One small build (Spanish, a wallet card, no spots) whose checks note where they ran and
    what was frozen there; the two tests below read it. Its findings cache is its own and
    empty: the checks have findings to make (a build after check reads them in this process,
    tested below)."""
    from campaigngen.cli import main
    from campaigngen.release import findings_cache

    root = tmp_path_factory.mktemp("checked-build")
    seen = root / "checks-ran"
    real = build_module.run_checks

    def run_checks(snapshot, skip=()):
        import gc

        seen.write_text(json.dumps([os.getpid(), gc.get_freeze_count()]), encoding="utf-8")
        return real(snapshot, skip=skip)

    import gc

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setattr(build_module, "run_checks", run_checks)
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        patch.setattr(findings_cache, "_memory", {})
        sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
        before = gc.get_freeze_count()
        result = CliRunner().invoke(main, ["build", "help-is-here", "--out", "output"], catch_exceptions=False)
        after = gc.get_freeze_count()
    assert result.exit_code == 0, result.output
    pid, frozen = json.loads(seen.read_text(encoding="utf-8"))
    manifest = json.loads((root / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    return _WhereChecksRan(pid, frozen, before, after, manifest)


def test_a_build_checks_in_a_process_of_its_own_and_reports_its_findings(where_checks_ran):
    assert where_checks_ran.pid != os.getpid()
    assert "reading-level" in where_checks_ran.manifest["checks"]["checks"]


def test_a_build_after_check_reads_the_findings_back_here_and_reports_the_same(tmp_path, monkeypatch):
    """check kept every finding a build's checks keep: the build reads them back in this
    process, forking none for its checks, and its report is the one a build with the checks
    forked makes (the same campaign, a cold cache)."""
    from campaigngen.cli import main
    from campaigngen.release import findings_cache

    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es", "ar"), formats=("wallet",), spots=())
    forked: list[int] = []

    class Counted(ForkedWork):
        def __init__(self, work) -> None:
            forked.append(1)
            super().__init__(work)

    monkeypatch.setattr(build_module, "ForkedWork", Counted)

    def checks_of_a_build(cache: str, check_first: bool) -> dict:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
        monkeypatch.setattr(findings_cache, "_memory", {})
        if check_first:
            assert CliRunner().invoke(main, ["check", "help-is-here"]).exit_code == 0
        out = f"output-{cache}"
        assert CliRunner().invoke(main, ["build", "help-is-here", "--out", out]).exit_code == 0
        return json.loads((tmp_path / out / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))["checks"]

    cold = checks_of_a_build("cold", check_first=False)
    assert len(forked) == 1
    after_check = checks_of_a_build("checked", check_first=True)
    assert len(forked) == 1  # no process for the checks this time
    assert after_check == cold and "reading-level" in after_check["checks"]


def _grow_then_pid(megabytes: int) -> int:
    """A task that leaves megabytes of its own in the worker (as fonts and layouts do)."""
    _kept.append(b"\1" * (megabytes * 1024 * 1024))  # written: zero pages would not be mapped yet
    return os.getpid()


_kept: list[bytearray] = []


def test_private_memory_counts_what_a_worker_made_not_what_it_shares():
    from campaigngen.release.workers import private_mb

    def grown() -> tuple[float, float]:
        before = private_mb()
        _grow_then_pid(64)
        return before, private_mb()

    before, after = ForkedWork(grown).result()
    assert 60 <= after - before <= 80
    assert before < 60  # a fresh fork holds little of its own: the rest is its parent's pages


def test_a_worker_past_the_cap_is_replaced_by_a_fresh_fork():
    from campaigngen.release.workers import RecyclingPool

    def pool_run(cap_mb: float) -> tuple[int, list[int]]:
        pool = RecyclingPool(2, lambda: None, lambda megabytes: _grow_then_pid(megabytes), cap_mb)
        pids = [pid for _, pid in pool.results([40] * 10)]
        return pool.forked, pids

    forked, pids = pool_run(cap_mb=1e6)  # never reached: two workers take all ten tasks
    assert forked == 2 and len(set(pids)) == 2 and os.getpid() not in pids
    # Each task leaves 40 MB: a worker past 100 MB of its own ends after its third task at most.
    forked, pids = pool_run(cap_mb=100)
    assert len(pids) == 10 and forked == len(set(pids)) >= 4
    assert max(pids.count(pid) for pid in pids) <= 3


def test_a_worker_measures_its_memory_only_when_it_is_handed_another_task(tmp_path, monkeypatch):
    """The measure walks every page the worker maps: it is taken when the answer decides
    something (whether this worker takes the task it is handed), never after its last task."""
    from campaigngen.release import workers
    from campaigngen.release.workers import RecyclingPool

    walks = tmp_path / "walks"

    def measured(cap_mb: float) -> tuple[list[int], int, int]:
        walks.write_text("")

        def private_mb() -> float:  # in the worker (forked after the patch): one line a walk
            with walks.open("a") as log:
                log.write("walk\n")
            return 50.0

        monkeypatch.setattr(workers, "private_mb", private_mb)
        pool = RecyclingPool(1, lambda: None, lambda n: n, cap_mb)
        done = [n for _, n in pool.results([1, 2, 3])]
        return done, pool.forked, walks.read_text().count("walk")

    # Under the cap: one worker, measured before its second and third tasks only.
    assert measured(cap_mb=100) == ([1, 2, 3], 1, 2)
    # Over it: each worker hands its second task back unrun, and a fresh fork runs it.
    assert measured(cap_mb=10) == ([1, 2, 3], 3, 2)


def test_the_pool_raises_what_a_task_raised_and_a_dead_worker_is_one_line():
    from campaigngen.release.workers import RecyclingPool

    def task(n: int) -> int:
        if n == 3:
            raise UnfilledContact(Path("campaign.toml"), "contact.phone not filled in")
        if n == 5:
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return n

    pool = RecyclingPool(2, lambda: None, task, 1e6)
    with pytest.raises(UnfilledContact, match="contact.phone"):
        list(pool.results([1, 2, 3, 4]))
    with pytest.raises(EnvironmentFailure, match="exit code 9"):
        list(pool.results([1, 5, 2]))


class _Unpicklable(Exception):
    """An error that holds what pickle refuses (a lambda), as a library's own error may."""

    def __init__(self) -> None:
        super().__init__("the font could not be read")
        self.callback = lambda: None


def _refuse_unpicklably(_task: object = None) -> None:
    raise _Unpicklable()


def test_an_error_that_does_not_pickle_comes_back_as_its_text_from_either_kind_of_worker():
    from campaigngen.release.workers import RecyclingPool

    with pytest.raises(RuntimeError, match="_Unpicklable: the font could not be read"):
        ForkedWork(_refuse_unpicklably).result()
    pool = RecyclingPool(1, lambda: None, _refuse_unpicklably, 1e6)
    with pytest.raises(RuntimeError, match="_Unpicklable: the font could not be read"):
        list(pool.results([1]))


def test_the_pool_runs_this_process_s_own_work_when_it_is_ready_and_workers_go_on_meanwhile(tmp_path):
    import multiprocessing

    from campaigngen.release.workers import RecyclingPool

    answer, sending = multiprocessing.Pipe(duplex=False)
    order: list[str] = []

    def task(n: int) -> int:
        if n == 4:  # the workers reach the fourth task before this process's own work is ready
            sending.send("ready")
        return n

    pool = RecyclingPool(2, lambda: None, task, 1e6)
    for n, result in pool.results(list(range(8)), lambda: order.append(f"meanwhile: {answer.recv()}"), answer):
        order.append(str(result))
        assert n == result
    assert "meanwhile: ready" in order and sorted(x for x in order if x.isdigit()) == [str(n) for n in range(8)]
    # Not called before its input was there: task 4 was handed out after three tasks had answered.
    assert order.index("meanwhile: ready") >= 3


def test_a_build_whose_workers_are_replaced_after_every_job_is_byte_identical_to_a_serial_one(tmp_path, monkeypatch):
    from campaigngen.cli import main
    from campaigngen.release.workers import RecyclingPool

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    sample_campaign(tmp_path, languages=("ar",), formats=("wallet",), sheets=[("en", "ar")], spots=())
    pools: list[RecyclingPool] = []

    class Counted(RecyclingPool):
        def results(self, tasks, *args, **kwargs):
            pools.append(self)
            self.tasks = len(tasks)
            return super().results(tasks, *args, **kwargs)

    monkeypatch.setattr(build_module, "RecyclingPool", Counted)
    monkeypatch.setattr(build_module, "WORKER_CAP_MB", 0.0)
    # Two workers for its seven jobs (a build forks them from eight jobs on): recycling is
    # what this is about, not how many languages it takes to fork.
    monkeypatch.setattr(build_module, "_workers", lambda jobs: 2)
    recycled = CliRunner().invoke(main, ["build", "help-is-here", "--out", "recycled"], catch_exceptions=False)
    assert recycled.exit_code == 0, recycled.output
    monkeypatch.setattr(build_module, "_workers", lambda jobs: 1)
    serial = CliRunner().invoke(main, ["build", "help-is-here", "--out", "serial"], catch_exceptions=False)
    assert serial.exit_code == 0, serial.output

    def hashes(out: str) -> dict[str, str]:
        manifest = json.loads((tmp_path / out / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
        return {a["path"]: a["sha256"] for a in manifest["artifacts"]}

    assert len(pools) == 1
    assert pools[0].forked == pools[0].tasks >= 4  # one worker per job: every job ran in a fresh fork
    assert hashes("recycled") == hashes("serial") and len(hashes("serial")) >= 4


def test_a_sheet_is_handed_out_right_after_the_last_language_it_shows(tmp_path):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.sources.campaign import load_campaign

    folder = sample_campaign(
        tmp_path, languages=("es", "vi", "ar", "ru"), formats=("wallet",), sheets=[("en", "es", "vi"), ("en", "ar")]
    )
    jobs, _ = build_module.plan_jobs(take_snapshot(load_campaign(folder)))
    order = build_module._pool_order(jobs)
    assert sorted(order, key=jobs.index) == jobs  # the same jobs, each once
    sheets = [job for job in jobs if job.run.kind is build_module.JobKind.SHEET]
    assert len(sheets) == 2 and jobs[-2:] == sheets  # planned last, as the manifest lists them
    for sheet in sheets:
        at = order.index(sheet)
        shown = [job.language for job in jobs if job.language in sheet.run.tags]
        last = max(i for i, job in enumerate(order) if job.language in sheet.run.tags)
        assert at == last + 1 < len(order) - 1 and shown  # mid-build, not with the other sheet at the end
        assert order[at + 1].language not in sheet.run.tags


def test_a_build_forks_its_checks_and_workers_from_a_frozen_heap_and_thaws_it_after(where_checks_ran):
    # The forked checks saw the build's objects left out of their collections...
    assert where_checks_ran.frozen > where_checks_ran.frozen_before + 10_000
    # ...and this process collects them again once the build is over.
    assert where_checks_ran.frozen_after == where_checks_ran.frozen_before


def test_shared_heap_freezes_what_is_there_for_the_forks_and_thaws_it_even_after_an_error():
    import gc

    from campaigngen.release.workers import shared_heap

    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError):
        with shared_heap():
            inside = gc.get_freeze_count()
            forked = ForkedWork(gc.get_freeze_count).result()
            raise RuntimeError("a failed build")
    assert inside > before + 10_000 and forked > before + 10_000  # the fork inherits the frozen heap
    assert gc.get_freeze_count() == before


class _Cycle:
    """Garbage only a full collection finds: it refers to itself (as fontTools' tables and
    a page's layouts do), holding a large buffer."""

    def __init__(self) -> None:
        self.me = self
        self.buffer = b"\1" * (40 * 1024 * 1024)


def test_a_render_worker_collects_a_job_s_cycles_and_forgets_its_pages_when_the_job_ends(monkeypatch, tmp_path):
    import gc
    import weakref

    from PIL import Image

    from campaigngen.checks import written
    from campaigngen.release.workers import private_mb

    monkeypatch.setattr(build_module, "_worker_snapshot", object())
    page = tmp_path / "flyer-wallet.png"
    Image.new("L", (64, 64), 200).save(page)

    def job(folder, snapshot, with_a_cycle: bool = True):
        if with_a_cycle:
            cycle = _Cycle()
            jobs_cycle.append(weakref.ref(cycle))
        written.remember_page(page, Image.open(page))  # as the flyer writer keeps a page for its read-back
        return []

    jobs_cycle: list = []

    def in_a_worker(with_a_cycle: bool):  # forked, with the collector off: only the job's end may collect
        gc.disable()
        before = private_mb()
        run = build_module.Job(
            "es flyer wallet", partial(job, with_a_cycle=with_a_cycle), "es", build_module.ArtifactKind.FLYER, "wallet"
        )
        outcome = build_module._run_in_worker(run, tmp_path)
        kept = written.page_grey(page) is not None and len(written._kept)
        return outcome, not jobs_cycle or jobs_cycle[0]() is None, private_mb() - before, kept

    from campaigngen.release.workers import shared_heap

    with shared_heap():  # as a build forks its workers: their collection leaves this process's objects alone
        outcome, collected, grown, kept_pages = ForkedWork(partial(in_a_worker, True)).result()
        # The same job without the cycle, in a worker forked from the same process: what the
        # job's end itself costs there (pages of this process it writes to, so copies), which
        # after hundreds of tests in one process is more than on a fresh one.
        _, _, grown_without, _ = ForkedWork(partial(in_a_worker, False)).result()
    assert outcome == build_module.Outcome()
    assert collected  # the cycle is gone when the job returns, not at some later collection
    assert grown - grown_without < 20  # and its 40 MB went back to the system
    assert kept_pages == 0  # read from disk again: nothing was kept past the job


def test_fitting_many_sizes_keeps_a_few_pillow_fonts_open_not_one_per_size():
    import gc

    from PIL import ImageFont

    from campaigngen.renderers.typesetting import fonts
    from campaigngen.sources.fonts import manifest as font_manifest

    def open_fonts_after_fitting() -> tuple[int, list[tuple[int, int]]]:  # forked: a clean cache
        fonts._load.cache_clear()
        fonts._metrics.cache_clear()
        manifest = font_manifest()
        family = manifest.scripts["Hans"][0]
        metrics = [fonts.font_metrics_px(manifest, family, size) for size in range(20, 100)]
        gc.collect()
        return sum(isinstance(o, ImageFont.FreeTypeFont) for o in gc.get_objects()), metrics

    held, metrics = ForkedWork(open_fonts_after_fitting).result()
    # A CJK face costs ~2.5 MB a size opened: 80 sizes kept would be ~200 MB of a worker.
    assert held <= 8
    assert all(ascent > 0 and descent >= 0 for ascent, descent in metrics)  # each size was measured


def test_the_limiter_s_envelope_oversampled_a_block_at_a_time_is_the_whole_signal_s():
    import functools

    import numpy as np
    from scipy.signal import resample_poly

    from campaigngen.renderers.radio import dynamics

    rng = np.random.default_rng(7)
    for length in (3_000, dynamics.ENVELOPE_BLOCK * 3 + 17, 48_000 * 30):
        samples = np.zeros(length + 4_000, np.float32)
        samples[1_000 : 1_000 + length] = rng.standard_normal(length) * 0.3
        samples[1_000 + length // 2 : 1_000 + length // 2 + 2_000] = 0.0  # a pause inside the speech
        # The whole active span oversampled at once, as the limiter read it before.
        data = samples.astype(np.float64)
        nonzero = np.flatnonzero(data)
        start, end = max(0, nonzero[0] - 64), min(len(data), nonzero[-1] + 65)
        over = np.abs(resample_poly(data[start:end], 4, 1))
        whole = np.zeros(len(data))
        whole[start:end] = functools.reduce(np.maximum, (over[phase::4] for phase in range(4)))
        whole = np.maximum(whole, np.r_[0.0, whole[:-1]])
        assert np.array_equal(dynamics.oversampled_envelope(samples), whole)


def test_dithering_in_place_gives_the_same_samples():
    import numpy as np

    from campaigngen.renderers.radio import dynamics

    rng = np.random.default_rng(3)
    samples = np.concatenate([np.zeros(500), rng.uniform(-1.2, 1.2, 20_000), np.zeros(500)]).astype(np.float32)
    for bits, kind in ((16, "<i2"), (24, "<i4")):
        full = 2 ** (bits - 1)
        noise = np.random.default_rng(5)
        scaled = samples.astype(np.float64) * (full - 1)
        dither = (noise.random(len(scaled)) - noise.random(len(scaled))) * (scaled != 0)
        expected = np.clip(np.round(scaled + dither), -full, full - 1).astype(kind)
        made = dynamics.to_pcm(samples, bits, seed=5)
        assert made.dtype == np.dtype(kind) and np.array_equal(made, expected)


@pytest.mark.slow  # speaks and encodes one 10 s video
def test_a_video_gives_its_mastering_s_freed_heap_back_before_ffmpeg_encodes(tmp_path, monkeypatch):
    from campaign_kit import sample_config

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.renderers import memory
    from campaigngen.renderers.digital import video
    from campaigngen.sources.campaign import load_campaign

    folder = sample_campaign(
        tmp_path, languages=(), formats=("wallet",), spots=[{"id": "10s", "seconds": 10, "script": ["call"]}]
    )
    with sample_config(tmp_path) as config:
        config["share_cards"]["video"] = True
        # One shape: the heap is given back once, after mastering; each further shape is one
        # more encode of the same soundtrack (2 s of ffmpeg), which tests/test_video.py makes.
        config["share_cards"]["shapes"] = ["square"]
    snapshot = take_snapshot(load_campaign(folder))
    calls: list[str] = []
    real_encode = video.encode

    def encode(*args, **kwargs):
        calls.append("encode")
        return real_encode(*args, **kwargs)

    monkeypatch.setattr(memory, "give_back_memory", lambda: calls.append("give back"))
    monkeypatch.setattr(video, "encode", encode)
    made = video.render_videos(snapshot.edition("en"), snapshot.campaign.spots[0], tmp_path / "out")
    assert len([a for a in made if a.path.suffix == ".mp4"]) == 1
    assert calls == ["give back", "encode"]  # after mastering, before the encode


def _inherited_objects_collected(_task=None) -> int:
    """How many objects a full collection here visits that were made before this process began."""
    import gc

    gc.collect()
    return len(gc.get_objects(generation=2))


def test_forked_workers_leave_what_they_inherited_out_of_their_collections():
    """However the process that forks them was forked (a publish's, a test's, unfrozen), a
    check process and each render worker freeze what they inherit: a full collection there
    visits only their own objects (it visited the whole parent, up to a second a job in a
    test process, copying every page it touched)."""
    import gc

    from campaigngen.release.workers import RecyclingPool

    inherited = [{"n": n} for n in range(200_000)]  # this process's objects, not frozen
    assert gc.get_freeze_count() == 0
    in_check = ForkedWork(_inherited_objects_collected).result()
    in_workers = [seen for _, seen in RecyclingPool(2, lambda: None, _inherited_objects_collected, 1e6).results([1, 2])]
    assert in_check < len(inherited) / 10
    assert all(seen < len(inherited) / 10 for seen in in_workers), in_workers
    assert len(inherited) == 200_000 and gc.get_freeze_count() == 0  # this process's collection is its own
