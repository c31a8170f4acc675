"""How the suite shares two cores (make test: pytest -n auto --dist loadgroup): a module's
tests stay on one worker, so a build or release the module shares is made once, and the tests
marked serial (they kill processes or time something) all go to one worker, one after another.
A plugin of its own so that tests/test_suite_groups.py can check it works with the installed
pytest and pytest-xdist (pytest 9 broke loadgroup without a word)."""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks into the test ids
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (make test: -n auto --dist loadgroup) a module's tests stay on one
    worker, so a build or release the module shares is made once; the tests marked serial
    (they kill processes or time something) all go to one worker, one after another."""
    for item in items:
        group = "serial" if item.get_closest_marker("serial") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
