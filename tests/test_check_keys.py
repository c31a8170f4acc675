"""The layout and radio checks keep their findings under a key of what they read (release/keys.
check_key), not of the whole campaign: a radio setting changed does not lay out every language
again, a format added does not speak every spot again. What must hold: a change to anything a
check reads (a format, the phone number, the web address, a brand colour, a booking, the voice
engines, a font, the code) gives it a new key, so it runs again; and findings read back from
a warm cache are the findings a cold run gives."""

from __future__ import annotations

import dataclasses

import pytest
from campaign_kit import add_waiver, config_path, sample_campaign, sample_config

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.release import findings_cache, gate, keys
from campaigngen.sources.campaign import load_campaign

NARROW = ("layout-fit", "layout-fit-sheet", "radio")
FLYER = {"layout-fit", "layout-fit-sheet"}
ALL = {*NARROW}


def _snapshot(root):
    return take_snapshot(load_campaign(config_path(root).parent))


def _keys(snapshot) -> dict[str, str]:
    return {check: keys.check_key(check, snapshot) for check in NARROW}


def _set(*path, value):
    def edit(config):
        *tables, key = path
        for name in tables:
            config = config[name]
        config[key] = value

    return edit


# Each edit, and the checks that read what it changes.
EDITS = {
    "a format": (_set("flyer", "formats", value=["wallet", "letter"]), FLYER),
    "no sheet": (_set("flyer", "multilingual", value=[]), FLYER),
    "the phone number": (_set("contact", "phone", value="1-888-373-7880"), ALL),
    "the web address": (_set("contact", "url", value="https://example.org/help"), ALL),
    "a brand colour": (_set("brand", "colours", "panel", value="#0c5461"), FLYER),
    "the pictograms": (_set("brand", "pictograms", value=["phone", "free"]), FLYER),
    "the share cards": (_set("share_cards", "shapes", value=["square"]), {"layout-fit"}),
    "the loudness preset": (_set("radio", "preset", value="streaming"), {"radio"}),
    "the voice engines": (_set("radio", "engines", "default", value=["espeak"]), {"radio"}),
    "the booking": (lambda config: config["spots"][0].__setitem__("seconds", 15), {"radio"}),
    "the spot's script": (lambda config: config["spots"][0].__setitem__("script", ["headline", "call"]), {"radio"}),
    # [delivery] reaches the spots and their live-read cards only (radio's dry run), never a
    # printed page (tests/test_incremental.py renders the flyers under both and compares).
    "the channels": (_set("delivery", "channels", value="dual-mono"), {"radio"}),
    "the spot codes": (_set("traffic", "code_prefix", value="HX"), {"radio"}),
    "a message's source text": (lambda config: config["messages"]["help"].__setitem__("text", "Help is here."), ALL),
    # Videos lay out their captions from the spot's script: with videos, the layout reads radio
    # too (the sheets have no video).
    "videos and a booking": (
        lambda config: (
            config["share_cards"].__setitem__("video", True),
            config["spots"][0].__setitem__("seconds", 15),
        ),
        {"layout-fit", "radio"},
    ),
    # Applied to the findings after the cache, never part of a key.
    "a waiver": (lambda config: add_waiver(config, "layout-fit", language="es"), set()),
}


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), sheets=[("en", "es")])
    return tmp_path


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_change_to_what_a_check_reads_gives_it_a_new_key_and_nothing_else_does(root, edit):
    before = _keys(_snapshot(root))
    change, readers = EDITS[edit]
    with sample_config(root) as config:
        change(config)
    after = _keys(_snapshot(root))
    assert {check for check in NARROW if before[check] != after[check]} == readers


def test_a_font_or_the_code_changed_gives_every_check_a_new_key(root, monkeypatch):
    snapshot = _snapshot(root)
    before = _keys(snapshot)
    font = next(name for name in snapshot.inputs if name.startswith("fonts/"))
    other_font = dataclasses.replace(snapshot, inputs={**snapshot.inputs, font: "0" * 64})
    assert all(before[c] != k for c, k in _keys(other_font).items())
    monkeypatch.setattr(keys, "code_version", lambda: "another version of campaigngen")
    assert all(before[c] != k for c, k in _keys(snapshot).items())


def _report(snapshot):
    return [f.to_json() for f in gate.run_checks(snapshot).findings]


@pytest.mark.slow
@pytest.mark.parametrize("edit", ["the loudness preset", "a format", "a waiver"])
def test_a_warm_cache_answers_what_a_cold_one_does_and_runs_only_the_checks_that_read_the_change(
    root, edit, monkeypatch, tmp_path_factory
):
    calls: dict[str, int] = {"layout-fit": 0, "radio": 0}

    def counted(name, check):
        def run(localized):
            calls[name] += 1
            return check(localized)

        return run

    monkeypatch.setattr(gate, "layout_fit", counted("layout-fit", gate.layout_fit))
    monkeypatch.setattr(gate, "radio_findings", counted("radio", gate.radio_findings))
    gate.run_checks(_snapshot(root))  # the cache, warm with the campaign before the edit
    change, readers = EDITS[edit]
    with sample_config(root) as config:
        change(config)
    snapshot = _snapshot(root)
    calls.update({"layout-fit": 0, "radio": 0})
    warm = _report(snapshot)
    languages = len(snapshot.editions)
    assert calls == {
        "layout-fit": languages if "layout-fit" in readers else 0,
        "radio": languages if "radio" in readers else 0,
    }
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cold")))
    monkeypatch.setattr(findings_cache, "_memory", {})
    assert warm == _report(snapshot)
