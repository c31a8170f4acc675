"""The calibration tool a person adding a language runs: one language at a time, a line for
each language without a corpus (it stays uncalibrated), and a file whose order never depends
on which languages ran."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from campaigngen.checks.readability import PROFILES
from campaigngen.checks.readability.calibrate import calibrate, main, merged
from campaigngen.checks.readability.calibration import committed

CORPUS = Path(__file__).resolve().parent / "data" / "readability"


@pytest.fixture
def one_corpus(tmp_path) -> Path:
    """A corpus folder holding the first registered language's texts only."""
    first = next(iter(PROFILES))
    shutil.copy(CORPUS / f"{first}.toml", tmp_path / f"{first}.toml")
    return tmp_path


def test_languages_without_a_corpus_are_skipped_with_one_line_each(one_corpus):
    lines: list[str] = []
    found = calibrate(one_corpus, skipped=lines.append)
    first = next(iter(PROFILES))
    assert list(found) == [first] and found[first] == committed()[first]
    assert len(lines) == len(PROFILES) - 1
    assert all("stays uncalibrated" in line and "no corpus" in line for line in lines)
    assert [line.split()[0] for line in lines] == [tag for tag in PROFILES if tag != first]


def test_lang_calibrates_only_the_languages_asked(one_corpus, capsys):
    first, other = list(PROFILES)[:2]
    assert list(calibrate(CORPUS, [other])) == [other]
    main(["--corpus", str(one_corpus), "--lang", first, "--lang", other])
    out = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert set(out) == {first, other}
    assert "plain 15/15" in out[first] and "stays uncalibrated" in out[other]


def test_an_unregistered_lang_is_one_line_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "xx"])
    assert stopped.value.code == 2
    assert "no registered language 'xx'" in capsys.readouterr().err


def test_the_file_keeps_the_registrys_order_whatever_ran():
    kept = dict(committed())
    last = list(kept)[-1]
    reordered = {last: kept[last], **{tag: c for tag, c in reversed(kept.items()) if tag != last}}
    assert list(merged({last: kept[last]}, reordered)) == [tag for tag in PROFILES if tag in kept]
    assert list(merged({}, kept)) == list(merged({}, reordered)) == list(merged(kept, {}))
