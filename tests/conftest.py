"""Shared test set-up: the network is closed, and a copy of the sample campaign is at hand."""

from __future__ import annotations

import gc
import ipaddress
import itertools
import json
import os
import re
import shutil
import socket
from pathlib import Path

import pytest
import tomlkit
from campaign_kit import without_videos, write_config
from hypothesis import HealthCheck, settings
from pdf_helpers import qpdf_problems
from review_kit import reviewer_keyring
from warm_audio import run_folder, set_run_folders, share_kept_work
from xdist_groups import pytest_collection_modifyitems, pytest_configure  # noqa: F401 (hooks: pytest finds them here)

from campaigngen.release.workers import JOBS_VARIABLE

# No property test is timed: hypothesis's per-example deadline and its too-slow health check
# are timings, and on a loaded 2-core machine a draw of 1.2 s failed a test that asserts no
# time at all (speed is measured in benchmarks/, never asserted).
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI runs the same property examples every time, so a red run is reproducible and a green
# one is not luck; on a developer's machine they are drawn fresh and explore further.
settings.register_profile("ci", parent=settings.get_profile("suite"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "suite")

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = "help-is-here"


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, (bytes, str)) and str(host) in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Offline first: any connection beyond this machine fails inside the tests."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise OSError(f"network blocked in tests: {address}")
        return real_connect(self, address)

    def guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise OSError(f"network blocked in tests: {address}")
        return real_connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_loopback(host if not isinstance(host, bytes) else host.decode()):
            raise socket.gaierror(socket.EAI_NONAME, f"network blocked in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture(scope="session", autouse=True)
def heavy_modules_imported_once():
    """What `check` and `build` import for their work (scipy.signal alone costs 0.6-1.5 s),
    imported here once: the suite's commands run in this process (CAMPAIGNGEN_JOBS=1, below),
    and the workers of those that fork (tests marked forks) inherit it. So are the tables the
    checks read for the languages most tests check, from library data alone: the whole
    word-frequency lists (a rare word is then a dict lookup), the number words of every
    language ICU spells and the English syllables of CMU's dictionary (0.4 s a process). What
    each command does is unchanged; the CLI's own lazy imports are tested in fresh
    interpreters (tests/test_status.py)."""
    import scipy.ndimage  # noqa: F401 (imported for the forks)
    import scipy.signal  # noqa: F401

    from campaigngen.checks.number_words import lexicons_for, neighbours
    from campaigngen.checks.readability.syllables import syllables
    from campaigngen.checks.readability.wordlists import table

    for code in ("en", "es", "ar"):
        table(code)
        lexicons_for(code)
        neighbours(code)
    syllables("campaign", "en")


# The collector's first threshold for the test processes: a young collection every 10,000
# new objects, not every 700. A worker holds ~1 million objects that live for the run (the
# word lists, fonts, typesetting and layout tables kept, hypothesis's trees), and a command
# run in the test makes a few hundred thousand that live for that command: at 700, many of
# them outlived two young collections and were promoted, and every quarter-heap of promoted
# objects started a full collection over the million (46 in a whole run, 0.5-1.1 s each, by
# a gc.callbacks plugin). At 10,000 most of them are freed by their last reference before a
# collection sees them: 2 full collections in a whole run, the young and middle ones about as
# dear together (11.1 s against 10.2 s a worker, on a loaded machine), and each worker's peak
# resident memory the same (1.3-1.8 GB either way).
# The product's own processes keep Python's thresholds; what a test process forks (a build's
# workers, the store harness's publishes it kills) inherits the test process's, as it inherits
# its heap. (Set back to 700 in a fork, a child's first collections went over the whole
# inherited heap, page by copied page: the harness's kills, timed by the parent's publishes,
# landed before the child had written anything.)
gc.set_threshold(10_000, 20, 10)


@pytest.fixture(scope="module", autouse=True)
def reference_segmenters_let_go():
    """The Thai and Lao word segmenters that tests/test_word_breaks.py judges line breaks by
    (PyThaiNLP's and LaoNLP's dictionaries) hold their dictionaries as tries of Python
    objects: 0.58 million objects that every later full garbage collection of the worker
    visited (0.18 s of CPU each instead of 0.05 s, measured in a process of the imports
    alone), the session's last one among them. With the collector's thresholds above, full
    collections are few: letting go now saves mostly the memory. Let go of after the module
    that loaded them: a later module that segments (test_second_campaign) builds them again
    (0.9 s), as the first one did."""
    yield
    import sys

    if "pythainlp.tokenize" in sys.modules:
        sys.modules["pythainlp.tokenize"].word_dict_trie.cache_clear()
    # LaoNLP builds its trie when imported, as a module global: the module goes (pure Python,
    # imported again by whoever asks next).
    for name in [name for name in sys.modules if name == "laonlp" or name.startswith("laonlp.")]:
        del sys.modules[name]


def pytest_sessionfinish(session):
    """pytest's last act in a test process is five full garbage collections, so that
    finalizers of what the tests left raise where its unraisable-exception report sees them
    (_pytest/unraisableexception.py). Each pass visits the whole heap a worker has grown
    (0.5-1M objects: word lists, fonts, layouts kept), 0.7-0.9 s a pass; measured at the end
    of two workers' runs, the first pass collected 4,485 and 7,018 objects and the other
    four nothing, in 3.2-3.5 s. One pass here."""
    try:
        from _pytest.unraisableexception import gc_collect_iterations_key
    except ImportError:  # another pytest: its own number of passes
        return
    session.config.stash[gc_collect_iterations_key] = 1


_OWN_FOLDERS = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "CAMPAIGNGEN_VOICES_DIR")


@pytest.fixture(scope="session", autouse=True)
def own_folders_for_the_session(tmp_path_factory):
    """Config, cache, data and voices folders of this test process (each pytest-xdist worker
    has its own basetemp, so its own folders) for what runs before a test's own fixtures:
    module-wide builds and releases never read or write the developer's real ones, nor
    another worker's."""
    with pytest.MonkeyPatch.context() as patch:
        for name in _OWN_FOLDERS:
            patch.setenv(name, str(tmp_path_factory.mktemp(name.lower())))
        patch.setenv("CAMPAIGNGEN_KEYRING", str(reviewer_keyring()))
        patch.setenv(JOBS_VARIABLE, "1")  # see own_processes_unless_forking below
        set_run_folders(run_folder(tmp_path_factory), run_folder(tmp_path_factory, "font-subsets"))
        share_kept_work(Path(os.environ["XDG_CACHE_HOME"]))
        yield


# Commands run in the test's own process (CAMPAIGNGEN_JOBS=1, release/workers.processes_allowed):
# a build forked its checks' process and two render workers, a check two checkers, each a copy
# of a test process of 1-2 GB whose fork, copy-on-write faults and exit the kernel paid for, and
# each loaded again what the test process had loaded before (word lists, fonts, voices). A
# build makes the same bytes either way (tests/test_incremental.py); the modules and tests
# marked `forks` are about the forked processes themselves (workers, their memory, kills) and
# the commands as a user runs them, and keep one process per core.


@pytest.fixture(scope="module", autouse=True)
def own_processes_unless_forking_module(request):
    """Before the module's own fixtures, so that a build a forking module shares forks too."""
    if request.node.get_closest_marker("forks") is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(JOBS_VARIABLE, raising=False)
        yield


@pytest.fixture(autouse=True)
def own_processes_unless_forking(request, monkeypatch):
    if request.node.get_closest_marker("forks") is not None:
        monkeypatch.delenv(JOBS_VARIABLE, raising=False)


class _NumberedFolders:
    """New empty folders under one root, numbered by a counter. pytest's mktemp finds the
    next free number by listing its whole base folder, so each test's folders cost time in
    proportion to the tests before it (4 ms a test by the 1,000th, seconds a worker over the
    suite); a counter in this process costs nothing, and each pytest-xdist worker has its
    own base folder, so the numbers never meet."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.numbers = itertools.count()

    def make(self, name: str) -> Path:
        folder = self.root / f"{next(self.numbers)}-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)[:30]}"
        folder.mkdir()
        return folder


@pytest.fixture(scope="session")
def _numbered_folders(tmp_path_factory) -> _NumberedFolders:
    return _NumberedFolders(tmp_path_factory.mktemp("each-test"))


@pytest.fixture
def tmp_path(request, _numbered_folders) -> Path:
    """pytest's tmp_path, a new empty folder per test (kept after the run for a look, as
    pytest keeps them), numbered without listing the folders before it."""
    return _numbered_folders.make(request.node.name)


@pytest.fixture
def own_folders(_numbered_folders) -> Path:
    """One folder per test holding its own config, cache, data and voices folders."""
    return _numbered_folders.make("own")


@pytest.fixture(autouse=True)
def own_config_and_cache(own_folders, monkeypatch):
    """A developer's real signing key (in ~/.config) must not sign test releases, and a test
    that stands in for a renderer must not leave its findings in a cache another test reads."""
    for name, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
        (own_folders / folder).mkdir()
        monkeypatch.setenv(name, str(own_folders / folder))
    share_kept_work(own_folders / "cache")
    monkeypatch.delenv("CAMPAIGNGEN_RELEASES", raising=False)  # releases go to each test's own project
    monkeypatch.setenv("CAMPAIGNGEN_KEYRING", str(reviewer_keyring()))  # the sample's and the test reviewer
    from campaigngen.release import findings_cache

    monkeypatch.setattr(findings_cache, "_memory", {})


@pytest.fixture(autouse=True)
def own_voices_folder(own_folders, monkeypatch):
    """Piper voices a developer installed must not change what a test hears: every test
    starts with an empty voices folder (a test installs what it needs)."""
    (own_folders / "voices").mkdir()
    monkeypatch.setenv("CAMPAIGNGEN_VOICES_DIR", str(own_folders / "voices"))


# Every PDF the tests make passes `qpdf --check`. All of campaigngen's PDFs are written by
# PdfFile.write: in this process or in a build's forked workers, which inherit the patch and
# report through a log file, since they share no memory with this process. Studio publishes
# run in a spawned process the patch does not reach: their PDFs are found by their Producer
# in the test's tmp_path afterwards.
_QPDF_LOG = "CAMPAIGNGEN_TEST_QPDF_LOG"
_checked_pdfs: set[str] = set()


@pytest.fixture(scope="session", autouse=True)
def _qpdf_checks_every_pdf_written(tmp_path_factory):
    from campaigngen.renderers.flyer.pdf_objects import PdfFile

    folder = tmp_path_factory.mktemp("qpdf")
    log, verdicts = folder / "checked.log", folder / "verdicts"
    log.touch()
    verdicts.mkdir()
    real_write = PdfFile.write

    def write_and_check(self, path, root, info):
        size = real_write(self, path, root, info)
        record = {"path": os.path.realpath(path), "problems": qpdf_problems(path, verdicts)}
        with open(os.environ.get(_QPDF_LOG, log), "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        return size

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(_QPDF_LOG, str(log))
        patch.setattr(PdfFile, "write", write_and_check)
        yield log, verdicts


@pytest.fixture(autouse=True)
def _qpdf_clean(request, _qpdf_checks_every_pdf_written):
    log, verdicts = _qpdf_checks_every_pdf_written
    yield
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    log.write_text("", encoding="utf-8")
    _checked_pdfs.update(record["path"] for record in records)
    problems = [record["problems"] for record in records]
    tmp_path = request.node.funcargs.get("tmp_path")  # torn down by now, its folder kept
    if tmp_path is not None:
        from campaigngen.renderers.flyer.pdf_objects import text_string

        producer = f"/Producer {text_string('campaigngen')}".encode("latin-1")
        for pdf in tmp_path.rglob("*.pdf"):
            if os.path.realpath(pdf) not in _checked_pdfs and producer in pdf.read_bytes():
                _checked_pdfs.add(os.path.realpath(pdf))
                problems.append(qpdf_problems(pdf, verdicts))
    problems = [found for found in problems if found]
    assert not problems, "\n".join(problems)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder in tmp_path holding the sample campaign and its catalogs; cwd is it."""
    shutil.copytree(PROJECT / "content" / SAMPLE, tmp_path / "content" / SAMPLE)
    # The sample makes a video of every spoken spot; tests of other things build it without
    # (the file is written as is: write_config would add the test reviewer's approvals).
    config = tmp_path / "content" / SAMPLE / "campaign.toml"
    document = tomlkit.parse(config.read_text(encoding="utf-8"))
    without_videos(document)
    config.write_text(tomlkit.dumps(document), encoding="utf-8")
    if (PROJECT / "locales").is_dir():
        shutil.copytree(PROJECT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    for name in ("reviewers", "reviewers.sig"):  # whom the sample's publisher vouches for
        shutil.copy(PROJECT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def argos_home(tmp_path, monkeypatch) -> Path:
    """Argos data, cache and config in tmp: nothing read from or written to the real home."""
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return packages


def write_campaign(root: Path, body: str, name: str = "demo") -> Path:
    """Write content/<name>/campaign.toml under root and return the campaign folder."""
    return write_config(root / "content" / name, body)


MINIMAL = """\
id = "demo"
source_language = "en"
languages = ["es"]

[contact]
phone = "1-888-373-7888"
url = "https://example.org/help"

[messages.headline]
text = "Is someone forcing you to work?"
max_length = 60

[messages.call]
text = "Call {phone}"

[flyer]
formats = ["letter"]
headline = "headline"
action = ["call"]

[[spots]]
seconds = 10
script = ["headline", "call"]
"""
