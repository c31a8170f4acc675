"""How the suite shares two cores (make test: pytest -n auto --dist loadgroup): a module's
tests stay on one worker, so a build or release the module shares is made once, and the tests
marked serial (they kill processes or time something) all go to one worker, one after another.
A plugin of its own so that tests/test_suite_groups.py can check it works with the installed
pytest and pytest-xdist (pytest 9 broke loadgroup without a word).

The groups are handed out longest first. pytest-xdist's default order for groups is most
tests first, which left the groups of one or a few long tests (the store harness, the radio
release measured on air, the serial kill tests) to the end of the run, where one worker
finished them while the other stood idle. Longest first, each worker takes the next group
when it runs low, and the many short groups at the end even out when the two finish."""

from __future__ import annotations

import pytest

# Seconds a group takes on one worker: its tests' wall time in a whole run of the suite with
# -n auto on the 2-core machine, nothing else running (cpuplug, stop 47), rounded; groups of
# 7 s or more. Wall, not CPU: the studio walkthrough and the serial kill tests wait on other
# processes, and hold their worker all the while. Only the order depends on them: a group not
# listed counts a tenth of a second per test, so a new module runs among the short ones until
# it is listed here. Stale numbers cost balance, not results.
GROUP_SECONDS: dict[str, float] = {
    "tests/test_check_implies_build.py": 82,
    "tests/test_studio_browser.py": 54,
    "tests/test_video.py": 36,
    "tests/test_radio_air.py": 28,
    "tests/test_store_harness.py": 26,
    "serial": 22,
    "tests/test_empty_bands.py": 21,
    "tests/test_flyer_reading.py": 19,
    "tests/test_build_memory.py": 17,
    "tests/test_flyer_scripts.py": 17,
    "tests/test_incremental.py": 17,
    "tests/test_call_marks.py": 15,
    "tests/test_radio_voices.py": 15,
    "tests/test_review_page.py": 15,
    "tests/test_mutation_harness.py": 15,
    "tests/test_studio_routes.py": 13,
    "tests/test_gate_truth.py": 12,
    "tests/test_piper.py": 12,
    "tests/test_flyer_pdf.py": 11,
    "tests/test_readability_wordlists.py": 10,
    "tests/test_build.py": 10,
    "tests/test_integrity_outside.py": 10,
    "tests/test_ask_language.py": 9,
    "tests/test_radio_formats.py": 8,
    "tests/test_share_cards.py": 7,
    "tests/test_radio.py": 7,
    "tests/test_second_campaign.py": 7,
    "tests/test_release_store.py": 7,
    "tests/test_translate.py": 7,
    "tests/test_readability_corpus.py": 7,
}
_UNLISTED_PER_TEST = 0.1


def group_of(item: pytest.Item) -> str:
    return "serial" if item.get_closest_marker("serial") else item.nodeid.split("::")[0]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks into the test ids
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (make test: -n auto --dist loadgroup) a module's tests stay on one
    worker, so a build or release the module shares is made once; the tests marked serial
    (they kill processes or time something) all go to one worker, one after another. The
    groups are collected longest first (GROUP_SECONDS), each group's tests together and in
    their own order, so a module's shared fixtures are still made once per worker."""
    groups: dict[str, list[pytest.Item]] = {}
    for item in items:
        group = group_of(item)
        item.add_marker(pytest.mark.xdist_group(group))
        groups.setdefault(group, []).append(item)
    if not hasattr(config, "workerinput"):  # one process (no -n): the order is the files' own
        return

    def seconds(group: str) -> float:
        return GROUP_SECONDS.get(group, _UNLISTED_PER_TEST * len(groups[group]))

    items[:] = [item for group in sorted(groups, key=seconds, reverse=True) for item in groups[group]]


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """The controller hands out groups in the order the workers collected them (above), not
    pytest-xdist's most-tests-first (its --loadscope-reorder, on by default)."""
    if getattr(config.option, "dist", None) == "loadgroup" and hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False
