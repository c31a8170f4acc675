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
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(TESTS), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers: dict[str, set[str]] = {}
    for worker, module in re.findall(r"\[(gw\d)\] .*?PASSED (test_\w+)\.py", run.stdout):
        group = "serial" if module.startswith("test_kill") else module
        workers.setdefault(group, set()).add(worker)
    assert set(workers) == {"test_alpha", "test_beta", "test_gamma", "serial"}, run.stdout
    assert all(len(used) == 1 for used in workers.values()), workers
