"""Mayan languages in the ALMG orthography write the glottal letter as U+02BC or, on an
ordinary keyboard, as the ASCII apostrophe: both are letters inside a word. The same line
spelled either way is one word per word for the reading level, breaks at the same places,
gets the same findings and is spoken by a voice that reads only ASCII apostrophes."""

from __future__ import annotations

import json

import pytest
from campaign_kit import catalog, sample_campaign
from cli_kit import cli_runner
from hypothesis import given
from hypothesis import strategies as st

from campaigngen.checks.readability import segment
from campaigngen.cli import main
from campaigngen.renderers.radio.engines import APOSTROPHE_LETTERS
from campaigngen.renderers.typesetting.breaking import break_points
from campaigngen.sources.registry import registry

MAYAN = ("mam", "quc", "kjb")
GLOTTAL = ("'", "\u02bc")
syllable = st.text(alphabet="abchijklmnopqrstuwxy", min_size=1, max_size=4)
mayan_word = st.lists(syllable, min_size=2, max_size=4)


@given(st.lists(mayan_word, min_size=1, max_size=6), st.sampled_from(MAYAN))
def test_a_glottal_letter_never_splits_a_word_or_a_line(words, tag):
    lines = {mark: " ".join(mark.join(parts) for parts in words) for mark in GLOTTAL}
    counted = {mark: [len(s) for s in segment(line, tag).sentences] for mark, line in lines.items()}
    assert counted["'"] == counted["\u02bc"] == [len(words)]
    assert break_points(lines["'"], tag) == break_points(lines["\u02bc"], tag)
    for line in lines.values():
        assert all(line[point - 1] == " " for point in break_points(line, tag)[:-1] if point > 0)


def test_a_voice_that_reads_only_ascii_gets_ascii():
    folded = APOSTROPHE_LETTERS.sub("'", "Ri qak\u02bcab\u02bcal k\ua78co, \u2018chi\u2019")
    assert folded == "Ri qak'ab'al k'o, \u2018chi\u2019"  # quotation marks stay quotation marks
    assert registry()["quc"].voice.ascii_apostrophe and not registry()["es"].voice.ascii_apostrophe


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["quc"])
def test_either_apostrophe_gets_the_same_findings(tmp_path, monkeypatch, tag):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=(tag,), formats=("wallet",), spots=())

    def findings() -> list[tuple[str, str, str | None]]:
        checked = cli_runner().invoke(main, ["check", "help-is-here", "--json", "--lang", tag])
        found = json.loads(checked.stdout)["findings"]
        return sorted(
            (f["check"], f["code"], f.get("message_id"))
            for f in found
            if f["language"] == tag and f["check"] not in ("review", "untranslated")  # the sample adds lines later
        )

    path = catalog(tmp_path, tag)
    written = path.read_text(encoding="utf-8")
    assert "\u02bc" in written
    as_letter = findings()
    path.write_text(written.replace("\u02bc", "'"), encoding="utf-8")
    assert findings() == as_letter
    assert [code for _, code, _ in as_letter] == ["reading.uncalibrated"]
