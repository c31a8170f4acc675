"""build, end to end: what an outreach worker and a station would check in output/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile
from campaign_kit import sample_campaign, sample_config, without_videos
from click.testing import CliRunner
from reference_meter import integrated_loudness

from campaigngen.cli import main

pytestmark = pytest.mark.forks  # the build as a user runs it: its checks' process and render workers forked

LANGS = ("en", "es", "vi")
URL = "https://humantraffickinghotline.org"
PAGE_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def only_formats(project: Path, formats: list[str]) -> None:
    """These flyer formats and no share cards: the tests that call this read neither the
    cards nor the other formats (each card is drawn, checked and written)."""
    with sample_config(project) as config:
        config["flyer"]["formats"] = formats
        config["share_cards"]["shapes"] = []


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of en, es, vi shared by the read-only tests below."""
    import shutil

    from conftest import PROJECT, SAMPLE

    root = tmp_path_factory.mktemp("build")
    shutil.copytree(PROJECT / "content" / SAMPLE, root / "content" / SAMPLE)
    shutil.copytree(PROJECT / "locales", root / "locales")
    with sample_config(root) as config:  # one edit: each is approved, reading all forty languages
        config["flyer"]["formats"] = ["letter", "a4"]
        without_videos(config)
    result = CliRunner().invoke(
        main,
        ["build", str(root / "content" / SAMPLE), "--out", str(root / "output"), *[f"--lang={t}" for t in LANGS]],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = root / "output" / SAMPLE
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_manifest_lists_every_file_written_with_its_hash(built):
    import hashlib

    out, manifest = built
    assert manifest["campaign"] == "help-is-here"
    listed = {a["path"] for a in manifest["artifacts"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert listed == on_disk
    for artifact in manifest["artifacts"]:
        assert hashlib.sha256((out / artifact["path"]).read_bytes()).hexdigest() == artifact["sha256"]
    for lang in LANGS:
        for fmt in ("letter", "a4"):
            assert f"{lang}/flyer-{fmt}.pdf" in listed and f"{lang}/flyer-{fmt}.png" in listed
        stem = f"help-is-here_{lang}_30s_HIH-{lang.upper().replace('-', '')}-030"  # campaign, language, length, code
        assert f"{lang}/{stem}.wav" in listed and f"{lang}/{stem}.mp3" in listed


@pytest.mark.slow
def test_qr_on_every_flyer_decodes_to_the_configured_url(built):
    from campaigngen.checks.qr import decode_qr

    out, manifest = built
    pngs = [a for a in manifest["artifacts"] if a["path"].endswith(".png")]
    per_language = [a for a in pngs if a["language"] in LANGS and a["kind"] == "flyer-image"]
    assert len(per_language) == len(LANGS) * 2
    # ... and the share cards, square and story, whose codes are decoded below as well.
    assert len([a for a in pngs if a["kind"] == "share-card"]) == len(LANGS) * 2
    assert any(a["language"] == "en+es+vi" for a in pngs)  # the multilingual sheet
    for artifact in pngs:
        assert decode_qr(out / artifact["path"]) == [URL], artifact["path"]
    assert all(a["qr"] == URL for a in manifest["artifacts"] if a["kind"] == "flyer")


@pytest.mark.slow
def test_pdf_page_is_exactly_the_paper_size(built):
    out, manifest = built
    for artifact in manifest["artifacts"]:
        if not artifact["path"].endswith(".pdf"):
            continue
        data = (out / artifact["path"]).read_bytes()
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
        assert box, artifact["path"]
        width, height = float(box.group(3)) - float(box.group(1)), float(box.group(4)) - float(box.group(2))
        expected = PAGE_POINTS.get(artifact["format"], PAGE_POINTS["letter"])  # the multilingual sheet is Letter
        assert abs(width - expected[0]) < 0.1 and abs(height - expected[1]) < 0.1, (artifact["path"], width, height)


@pytest.mark.slow
def test_every_spot_is_exactly_booked_and_at_minus_23_lufs(built):
    out, manifest = built
    wavs = [a for a in manifest["artifacts"] if a["path"].endswith(".wav")]
    assert len(wavs) == len(LANGS)
    for artifact in wavs:
        samples, rate = soundfile.read(out / artifact["path"], dtype="float64")
        info = soundfile.info(out / artifact["path"])
        assert rate == 48000 and info.subtype == "PCM_16" and info.channels == 1
        assert len(samples) == 30 * rate, artifact["path"]
        loudness = integrated_loudness(samples, rate)
        assert abs(loudness - (-23.0)) <= 0.5, (artifact["path"], loudness)
        assert abs(artifact["loudness_lufs"] - loudness) < 0.01  # rounded to 0.01 in the manifest
        assert artifact["duration_s"] == 30.0
        assert np.max(np.abs(samples)) < 1.0


@pytest.mark.slow
def test_finished_languages_are_not_drafts(built):
    _, manifest = built
    assert {lang["language"]: lang["draft"] for lang in manifest["languages"]} == {t: False for t in LANGS}


@pytest.mark.slow
def test_edited_source_makes_the_flyer_a_draft(project):
    # Flyers are what this is about.
    sample_campaign(project, languages=("es",), formats=("letter",), spots=(), share_cards=())
    with sample_config(project) as config:
        config["messages"]["help"]["text"] = "You can get help now."
    assert run("extract", "help-is-here").exit_code == 0
    po = (project / "locales" / "es" / "LC_MESSAGES" / "help-is-here.po").read_text(encoding="utf-8")
    assert re.search(r'#, fuzzy.*\n#\| msgid "You can get help."\nmsgctxt "help"', po)

    result = run("build", "help-is-here", "--lang", "es", "--lang", "en", "--out", "output")
    assert result.exit_code == 0, result.output
    assert "DRAFT" in result.output
    manifest = json.loads((project / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    flyers = {a["language"]: a for a in manifest["artifacts"] if a["kind"] == "flyer"}
    assert flyers["es"]["draft"] is True and flyers["en"]["draft"] is False
    assert run("check", "help-is-here", "--lang", "es").exit_code == 1


@pytest.mark.slow
def test_bad_catalog_leaves_the_previous_build_untouched(project):
    with sample_config(project) as config:  # one edit, one approval of the forty languages
        config["flyer"]["formats"] = ["letter"]
        config["spots"][0]["seconds"] = 15
        config["spots"][0]["script"] = ["call", "again"]
    assert run("build", "help-is-here", "--lang", "en", "--out", "output").exit_code == 0
    out = project / "output" / "help-is-here"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    po = project / "locales" / "es" / "LC_MESSAGES" / "help-is-here.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Usted puede', "msgstr Usted puede"), encoding="utf-8")
    result = run("build", "help-is-here", "--lang", "en", "--lang", "es", "--out", "output")
    assert result.exit_code == 2
    assert "help-is-here.po" in result.output and "Traceback" not in result.output
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in (project / "output").iterdir() if p.name.startswith(".")]


def test_language_without_a_voice_gets_a_script_sheet_not_a_spot(project):
    only_formats(project, ["wallet"])
    result = run("build", "help-is-here", "--lang", "th", "--out", "output")
    assert result.exit_code == 0, result.output
    out = project / "output" / "help-is-here"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not list((out / "th").glob("*.wav"))
    sheet = (out / "th" / "help-is-here_th_30s_HIH-TH-030_script.txt").read_text(encoding="utf-8")
    assert (out / "th" / "help-is-here_th_30s_HIH-TH-030_card.pdf").exists()  # the live-read card
    assert "มีใครบังคับให้คุณทำงานไหม" in sheet and "1-888-373-7888" in sheet
    assert [s["language"] for s in manifest["skipped"]] == ["th"]
    assert "recording" in manifest["skipped"][0]["reason"]


def test_text_that_cannot_fit_fails_the_build_with_exit_1_naming_it(project):
    long_line = " ".join(["Someone may be forcing you to work for no money at all"] * 8)  # 439 characters
    with sample_config(project) as config:  # one edit, one approval of the forty languages
        config["flyer"]["formats"] = ["wallet"]
        config["messages"]["headline"]["text"] = long_line
        del config["messages"]["headline"]["max_length"]
        for radio_only in ("spots", "radio", "traffic", "delivery"):  # a flyer-only campaign
            del config[radio_only]
        flyer_waivers = [w for w in config["waivers"] if w["check"] != "spot-length"]  # no spots to waive
        del config["waivers"]
        config["waivers"] = flyer_waivers
    result = run("build", "help-is-here", "--lang", "en", "--out", "output")
    assert result.exit_code == 1, result.output
    assert "wallet" in result.output and "[en]" in result.output and "headline" in result.output
    assert "Traceback" not in result.output
    manifest = json.loads((project / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    failing = [f for f in manifest["checks"]["findings"] if f["status"] == "fail" and f["check"] == "layout-fit"]
    assert failing and failing[0]["message_id"] == "headline" and failing[0]["target"] == "wallet"
    # check says the same before anything is made, so check exit 0 means build exit 0
    checked = run("check", "help-is-here", "--lang", "en")
    assert checked.exit_code == 1 and "layout-fit" in checked.output and "wallet" in checked.output


@pytest.mark.slow
def test_pseudo_locale_builds_like_a_language_and_is_always_a_draft(project):
    only_formats(project, ["wallet"])
    result = run("build", "help-is-here", "--lang", "en-XA", "--lang", "ar-XB", "--out", "output")
    assert result.exit_code == 0, result.output
    manifest = json.loads((project / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    flyers = {a["language"]: a for a in manifest["artifacts"] if a["kind"] == "flyer"}
    assert flyers["en-XA"]["draft"] and flyers["ar-XB"]["draft"]
    assert flyers["ar-XB"]["direction"] == "rtl"
    assert not [a for a in manifest["artifacts"] if a["kind"] == "audio"]
