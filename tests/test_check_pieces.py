"""`check` on every core: the work cut into pieces that forked checkers take longest first,
every spot spoken by one checker, and the same report as one process gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from campaign_kit import config_path, sample_campaign, set_translation

pytestmark = pytest.mark.forks  # check's forked checkers


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(root):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.sources.campaign import load_campaign

    return take_snapshot(load_campaign(config_path(root).parent))


def test_pieces_are_taken_longest_first(root):
    """Every spot first, then the multilingual sheets, then the CJK languages, then the rest
    in the snapshot's order; every piece exactly once."""
    from campaigngen.release.gate import _pieces

    sample_campaign(root, languages=("es", "ko", "vi", "zh-Hans"), sheets=(("en", "es", "vi"),))
    snapshot = _snapshot(root)
    tags = snapshot.tags
    speech = 1 + len(tags)
    order = _pieces(snapshot, set(), speech)
    assert sorted(order) == list(range(speech + 1))
    named = ["speech" if i == speech else "campaign" if i == 0 else tags[i - 1] for i in order]
    assert named[:2] == ["speech", "campaign"]
    assert set(named[2:4]) == {"ko", "zh-Hans"}
    assert named[4:] == [t for t in tags if t not in ("ko", "zh-Hans")]
    # A build measures layouts for real: the campaign-wide piece is short then.
    without_layouts = _pieces(snapshot, {"layout-fit"}, None)
    assert len(without_layouts) == 1 + len(tags)
    assert without_layouts.index(0) > without_layouts.index(1 + tags.index("ko"))


@pytest.mark.slow
def test_every_spot_is_spoken_by_one_checker_and_the_report_is_one_process_report(root, monkeypatch, tmp_path):
    """The speech of every language in one forked checker (the engine and scipy.signal load in
    one process, not in each), and the findings, spots' included, in the order one process
    gives them (a cold cache each time; long lines fail somewhere, a spot too)."""
    from campaigngen.release import findings_cache, gate

    sample_campaign(root, languages=("es", "ar", "vi"), formats=("wallet",))
    set_translation(root, "ar", "help", "يمكنك الحصول على المساعدة " * 6)
    # A line the spot speaks, too long for :30: the spot's finding ends vi's report.
    set_translation(root, "vi", "free", "Bạn có thể nhận được sự giúp đỡ miễn phí và bí mật, bất cứ lúc nào. " * 4)
    snapshot = _snapshot(root)
    spoken_by = tmp_path / "spoken-by"
    real = gate.radio_findings

    def radio_findings(localized):
        with spoken_by.open("a") as log:
            log.write(f"{os.getpid()} {localized.tag}\n")
        return real(localized)

    monkeypatch.setattr(gate, "radio_findings", radio_findings)
    reports = []
    for workers, cache in ((1, "one"), (2, "two")):
        monkeypatch.setenv("XDG_CACHE_HOME", str(root / cache))
        monkeypatch.setattr(findings_cache, "_memory", {})
        spoken_by.write_text("")
        reports.append(gate.run_checks(snapshot, workers=workers))
    one, two = reports
    assert [f.to_json() for f in one.findings] == [f.to_json() for f in two.findings]
    assert any(f.language == "ar" and f.blocking for f in two.findings)
    vi = [f.check for f in two.findings if f.language == "vi" and f.check != "review"]
    assert vi[-1] == "spot-length" and "reading-level" in vi[:-1]
    spoken = [line.split() for line in spoken_by.read_text().splitlines()]
    assert sorted(tag for _, tag in spoken) == sorted(snapshot.tags)
    assert len({pid for pid, _ in spoken}) == 1 and spoken[0][0] != str(os.getpid())


@pytest.mark.slow
def test_ffmpeg_is_asked_once_in_a_thread_while_the_first_language_is_checked(root, monkeypatch, tmp_path):
    """ffmpeg's version keys the layout check of a campaign with videos: asked once, by the
    probe thread in the main process while the first language's written checks run (so its
    ~0.1 s is not in the serial stretch), and that thread is over before the checkers fork."""
    import subprocess
    import threading

    import tomlkit

    from campaigngen.release import findings_cache, gate
    from campaigngen.renderers.digital import video

    sample_campaign(root, languages=("es", "vi"), formats=("wallet",))
    config = tomlkit.parse(config_path(root).read_text(encoding="utf-8"))
    config["share_cards"]["video"] = True
    config_path(root).write_text(tomlkit.dumps(config), encoding="utf-8")
    snapshot = _snapshot(root)
    asked = tmp_path / "asked"
    real_run = subprocess.run

    def run(args, *rest, **kwargs):
        if list(args[:2]) == ["ffmpeg", "-version"]:
            with asked.open("a") as log:
                log.write(f"{os.getpid()} {threading.current_thread().name}\n")
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(video.subprocess, "run", run)
    video.ffmpeg_version.cache_clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    monkeypatch.setattr(findings_cache, "_memory", {})
    threads = threading.active_count()
    try:
        report = gate.run_checks(snapshot, workers=2)
    finally:
        video.ffmpeg_version.cache_clear()
    assert report.checks_run and gate._encoder_probe is None and threading.active_count() == threads
    assert asked.read_text().splitlines() == [f"{os.getpid()} ffmpeg-version"]


@pytest.mark.slow
def test_checkers_are_forked_only_for_two_pieces_or_more_to_make(root, monkeypatch):
    """With the findings kept for all but one piece (check again after nothing or one language
    changed), the rest is read back here, no checker forked; the report is the one a process
    of its own makes from nothing. Two pieces to make, and the checkers are forked again."""
    import concurrent.futures

    from campaigngen.release import findings_cache, gate

    forks: list[int] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def counted_pool(*args, **kwargs):
        forks.append(kwargs.get("max_workers", 0))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted_pool)
    sample_campaign(root, languages=("es", "vi", "ar"), formats=("wallet",), spots=())

    def checked(workers: int, cache: str):
        monkeypatch.setenv("XDG_CACHE_HOME", str(root / cache))
        monkeypatch.setattr(findings_cache, "_memory", {})
        return [f.to_json() for f in gate.run_checks(_snapshot(root), workers=workers).findings]

    first = checked(2, "kept")
    assert len(forks) == 1  # vi, ar and en made beside es
    assert checked(2, "kept") == first and len(forks) == 1  # all kept: nothing forked
    set_translation(root, "ar", "help", "يمكنك الحصول على المساعدة " * 6)  # too long: it fails somewhere
    one_changed = checked(2, "kept")
    assert len(forks) == 1 and one_changed == checked(1, "fresh")
    assert any(f["language"] == "ar" and f["status"] == "fail" for f in one_changed)  # made, not read back
    set_translation(root, "vi", "help", "Bạn có thể nhận được sự giúp đỡ ngay.")
    set_translation(root, "ar", "help", "يمكنك الحصول على المساعدة اليوم.")
    assert checked(2, "kept") == checked(1, "fresh-too") and len(forks) == 2


def test_pauses_clamp_their_stretch_as_numpy_did():
    """pause_s clamps in plain Python: the same numbers np.clip gave, at and beyond the ends."""
    import numpy as np

    from campaigngen.renderers.radio.timeline import PAUSES, pause_s

    for kind, (shortest, natural, longest) in PAUSES.items():
        assert pause_s(kind, 0.0) == natural
        assert pause_s(kind, -1.0) == pause_s(kind, -7.5) == pause_s(kind, np.float32(-2.0)) == shortest
        assert pause_s(kind, 1.0) == pause_s(kind, 3.0) == longest
        for stretch in (-0.6, -0.25, 0.3, 0.99, np.float64(0.5)):
            clamped = float(np.clip(stretch, -1.0, 1.0))
            expected = natural + clamped * ((longest - natural) if clamped >= 0 else (natural - shortest))
            assert pause_s(kind, stretch) == expected and type(pause_s(kind, stretch)) is float
    assert pause_s(None, 0.5) == 0.0
