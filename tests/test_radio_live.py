"""Live reads and spots not made: `check` says which languages get audio, which a live-read
card and which nothing; no card asks for a read time a person cannot keep; traffic lists a
spot that was not made as not made, with the reason."""

from __future__ import annotations

import csv
import json

import pytest
from campaign_kit import sample_campaign, sample_config, set_value
from cli_kit import cli_runner
from pypdf import PdfReader

from campaigngen.cli import main

FIVE_LINES_IN_15 = '[[spots]]\nid = "15s"\nseconds = 15\nscript = ["headline", "free", "language", "call", "again"]\n'


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_check_lists_audio_cards_and_spots_not_made_and_build_and_traffic_agree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # The radio plan and the radio folder are the test: no flyer or share card to draw.
    sample_campaign(tmp_path, languages=("es", "tl", "so"), formats=(), share_cards=())
    # Somali: not asked for
    with sample_config(tmp_path) as config:
        set_value(config, "delivery.live_reads", ["tl"])
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 0, checked.stdout[-3000:]
    data = json.loads(checked.stdout)
    plan = {(p["language"], p["delivery"]) for p in data["radio"]}
    assert plan == {("en", "audio"), ("es", "audio"), ("tl", "live read"), ("so", "not made")}
    notice = [f for f in data["findings"] if f["language"] == "so" and f["check"] == "voice"]
    assert notice and notice[0]["status"] == "warn" and "live_reads" in notice[0]["text"]
    text = run("check", "help-is-here").stdout
    assert "radio 30s: audio: en, es" in text and "radio 30s: live-read card: tl" in text
    assert "radio 30s: not made: so (" in text

    assert run("publish", "help-is-here", "--version", "1").exit_code == 0
    radio = tmp_path / "releases" / "help-is-here" / "1" / "radio"
    rows = {r["language"]: r for r in csv.DictReader((radio / "traffic.csv").open(encoding="utf-8", newline=""))}
    assert rows["es"]["delivery"] == "audio" and rows["tl"]["delivery"] == "live read" and rows["tl"]["card_file"]
    assert rows["so"]["delivery"] == "not made" and not rows["so"]["card_file"] and not rows["so"]["wav_file"]
    assert "no offline voice" in rows["so"]["not_made_reason"]
    assert "NOT MADE" in " ".join(PdfReader(str(radio / "traffic.pdf")).pages[0].extract_text().split())


@pytest.mark.slow
def test_a_script_too_long_to_read_in_its_booking_gets_no_card_that_says_otherwise(tmp_path, monkeypatch):
    """Five lines and the number twice in a :15: no voice and no person can read it in time.
    Asked for as a live read, check says so for the live read too; nothing claims 13 s."""
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es", "tl"), formats=(), share_cards=(), spots=FIVE_LINES_IN_15)
    with sample_config(tmp_path) as config:
        set_value(config, "delivery.live_reads", ["tl", "es"])
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    lengths = [f for f in data["findings"] if f["check"] == "spot-length" and f["status"] == "fail"]
    live = {f["language"] for f in lengths if f["detail"].get("live_read")}
    assert live == {"es", "tl"}, lengths  # the voice fails, and a person could not read it in 15 s either
    assert all("live read" in f["text"] for f in lengths if f["detail"].get("live_read"))
    assert {(p["language"], p["delivery"]) for p in data["radio"]} == {
        ("en", "not made"),
        ("es", "not made"),
        ("tl", "not made"),
    }
    built = run("build", "help-is-here")
    assert built.exit_code == 1
    out = tmp_path / "output" / "help-is-here"
    assert not list(out.rglob("*_card.pdf")) and not list(out.rglob("*.wav"))
    for sheet in out.rglob("*_script.txt"):
        text = sheet.read_text(encoding="utf-8")
        assert "NOT MADE:" in text and "Read in about" not in text, sheet.name
