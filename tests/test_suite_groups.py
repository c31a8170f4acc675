"""The suite's own scheduling, checked the way it runs in CI: under pytest-xdist with
--dist loadgroup, every test of a module runs on one worker (its module fixture, often a whole
build, is made once) and the serial tests share one worker."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

MODULE = """
import pytest

{mark}
@pytest.mark.parametrize("n", range(6))
def test_case(n):
    pass
"""


def test_a_modules_tests_and_the_serial_tests_each_share_one_worker(tmp_path):
    (tmp_path / "conftest.py").write_text("from xdist_groups import pytest_collection_modifyitems  # noqa: F401\n")
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / f"test_{name}.py").write_text(MODULE.format(mark=""))
    for name in ("kill_one", "kill_two"):
        (tmp_path / f"test_{name}.py").write_text(MODULE.format(mark="@pytest.mark.serial"))
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    serial: one after another\n")
    run = _two_workers(tmp_path)
    workers: dict[str, set[str]] = {}
    for worker, module in re.findall(r"\[(gw\d)\] .*?PASSED (test_\w+)\.py", run.stdout):
        group = "serial" if module.startswith("test_kill") else module
        workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"test_alpha", "test_beta", "test_gamma", "serial"}, run.stdout
    assert all(len(used) == 1 for used in workers.values()), workers


def test_the_longest_groups_are_handed_out_first_and_each_stays_together(tmp_path):
    """xdist's own order (most tests first) would start the workers on alpha and beta and leave
    the one long test and the serial group to the end; by GROUP_SECONDS they go first."""
    (tmp_path / "conftest.py").write_text(
        "import xdist_groups\n"
        "from xdist_groups import pytest_collection_modifyitems, pytest_configure  # noqa: F401\n"
        'xdist_groups.GROUP_SECONDS.update({"test_long.py": 100, "serial": 50})\n'
    )
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / f"test_{name}.py").write_text(MODULE.format(mark=""))
    (tmp_path / "test_long.py").write_text("def test_case():\n    pass\n")
    for name in ("kill_one", "kill_two"):
        (tmp_path / f"test_{name}.py").write_text(
            MODULE.format(mark="@pytest.mark.serial").replace("range(6)", "range(2)")
        )
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    serial: one after another\n")
    run = _two_workers(tmp_path)
    order: dict[str, list[str]] = {}
    for worker, module in re.findall(r"\[(gw\d)\] .*?PASSED (test_\w+)\.py", run.stdout):
        group = "serial" if module.startswith("test_kill") else module
        if not order.get(worker) or order[worker][-1] != group:
            order.setdefault(worker, []).append(group)
    firsts = {groups[0] for groups in order.values()}
    assert firsts == {"test_long", "serial"}, run.stdout
    started = [group for groups in order.values() for group in groups]
    assert sorted(started) == sorted(set(started)), order  # no group split or taken up twice
    assert len(started) == 5, order


def _two_workers(suite: Path) -> subprocess.CompletedProcess[str]:
    """The little suite in `suite` run as `make test` runs ours: two workers, by group."""
    # pytest-xdist is loaded by name and the other installed plugins are not (hypothesis and
    # anyio: 1.2 s CPU of start-up over the three processes, and nothing to do with how
    # tests are handed out); the scheduling is xdist's and xdist_groups', as in `make test`.
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "xdist",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-v",
            "-p",
            "no:cacheprovider",
            # Its own base folder: in the shared one, each run removes the oldest runs' folders
            # beyond the last three (a whole run of this suite leaves ~3 GB: 17 s to remove).
            f"--basetemp={suite / 'basetemp'}",
        ],
        cwd=suite,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(TESTS), "PATH": "/usr/bin:/bin", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run
