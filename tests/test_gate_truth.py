"""The gate tells the truth: what `check` passes, build and publish make, from the very text
that was checked; every failure is a finding a person can read, and waive."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import numpy as np
import pytest
from campaign_kit import (
    add_waiver,
    approve_written,
    catalog,
    config_path,
    edit_config,
    last_output_carried,
    sample_campaign,
    sample_config,
    set_translation,
)
from cli_kit import cli_runner
from PIL import Image
from warm_audio import share_kept_work

from campaigngen.cli import main


def run(*args: str):
    return cli_runner().invoke(main, list(args))


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- one snapshot


def test_the_snapshot_travels_to_workers_whole(root):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.sources.campaign import load_campaign

    sample_campaign(root, languages=("es", "ar"))
    snapshot = take_snapshot(load_campaign("help-is-here"))
    copy = pickle.loads(pickle.dumps(snapshot))
    assert copy.edition("es").text("headline") == snapshot.edition("es").text("headline")
    assert copy.inputs == snapshot.inputs
    assert set(snapshot.inputs) >= {"campaign.toml", "locales/es/LC_MESSAGES/help-is-here.po", "fonts/fonts.toml"}


@pytest.mark.slow
def test_same_process_rebuild_after_marking_a_line_fuzzy_prints_draft(root):
    sample_campaign(root, languages=("es",), formats=("letter",), spots=())
    with sample_config(root) as config:
        config["share_cards"]["shapes"] = []  # the flyer is what is looked at
    assert run("build", "help-is-here", "--lang", "es").exit_code == 0
    png = root / "output" / "help-is-here" / "es" / "flyer-letter.png"
    clean = np.asarray(Image.open(png).convert("RGB")).astype(int)
    set_translation(root, "es", "help", "Puede recibir ayuda.", fuzzy=True)
    result = run("build", "help-is-here", "--lang", "es")
    assert result.exit_code == 0, result.stdout
    manifest = json.loads((root / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    assert [a["draft"] for a in manifest["artifacts"] if a["kind"] == "flyer"] == [True]
    drafted = np.asarray(Image.open(png).convert("RGB")).astype(int)
    reddish = (drafted[..., 0] - drafted[..., 2] > 40).mean() - (clean[..., 0] - clean[..., 2] > 40).mean()
    assert reddish > 0.02  # the DRAFT stamp is on the page, not only in the manifest


@pytest.mark.slow
def test_a_catalog_saved_during_publish_cannot_reach_the_release(root, monkeypatch):
    """The gate passes; before rendering starts a translator's tool saves a different
    headline. The release is drawn from the checked text (or nothing is published)."""
    import campaigngen.release.publish as publish_module

    sample_campaign(root, languages=("es",), formats=("wallet",))
    with sample_config(root) as config:
        config["share_cards"]["shapes"] = []  # the script sheet and the manifest are what is read
    checked_bytes = catalog(root, "es").read_bytes()
    real_render_all = publish_module.render_all

    def save_then_render(*args, **kwargs):
        set_translation(root, "es", "headline", "¿Le obligan a trabajar sin pago?")
        return real_render_all(*args, **kwargs)

    monkeypatch.setattr(publish_module, "render_all", save_then_render)
    result = run("publish", "help-is-here", "--lang", "es", "--version", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    release = root / "releases" / "help-is-here" / "1"
    sheet = (release / "es" / "help-is-here_es_30s_HIH-ES-030_script.txt").read_text(encoding="utf-8")
    assert "¿Alguien le obliga a trabajar?" in sheet and "sin pago" not in sheet
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    assert manifest["sources"]["locales/es/LC_MESSAGES/help-is-here.po"] == hashlib.sha256(checked_bytes).hexdigest()
    headline = next(m for m in manifest["languages"][0]["messages"] if m["id"] == "headline")
    assert headline["text"] == "¿Alguien le obliga a trabajar?"


# --------------------------------------------------------------------------- validation, all at once


def test_five_mistakes_in_campaign_toml_are_five_lines_in_one_run(root):
    sample_campaign(root, languages=("es",))
    with sample_config(root) as config:
        config["radio"]["preset"] = "ebu-r129"
        config["radio"]["engines"]["default"] = ["espek"]
        config["flyer"]["formats"] = ["letter", "poster"]
        config["spots"][0]["seconds"] = 25
        config["flyer"]["headlin"] = "headline"
    result = run("check", "help-is-here")
    assert result.exit_code == 2
    no_traceback(result)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ") and "campaign.toml:" in line]
    text = "\n".join(lines)
    assert len(lines) == 5, result.stderr
    for expected in ("ebu-r129", "espek", "'poster'", "25 s", "flyer.headlin"):
        assert expected in text
    assert "did you mean 'ebu-r128'" in text and "did you mean 'espeak'" in text and "did you mean 'headline'" in text
    # every line names its line number
    toml = config_path(root).read_text(encoding="utf-8").splitlines()
    for line in lines:
        number = int(line.split("campaign.toml:")[1].split(":")[0])
        assert 1 <= number <= len(toml)


@pytest.mark.slow
@pytest.mark.parametrize(
    "typo", ["{phon}", "{text_number}", "{ phone }", "{}", "{0}", "{phone!r}", "{{phone}}", "{phone"]
)
def test_a_placeholder_typo_is_a_finding_never_a_traceback(root, typo, typos_cache, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(typos_cache))
    with last_output_carried("placeholder-typos", root):  # the English is the same in every case
        _a_placeholder_typo_is_a_finding(root, typo)


@pytest.fixture(scope="module")
def typos_cache(tmp_path_factory) -> Path:
    """One findings cache for the typo cases: each meets the findings the cases before it
    left (the English's unchanged under the same keys, each typo's under its own), the "any
    cache state" check must be right from; mastered spots and font subsets are the run's (warm_audio)."""
    folder = tmp_path_factory.mktemp("typos-cache")
    share_kept_work(folder)
    return folder


def _a_placeholder_typo_is_a_finding(root: Path, typo: str) -> None:
    sample_campaign(root, languages=("vi",), formats=("wallet",))
    set_translation(root, "vi", "call", f"Hãy gọi {typo}")
    for verb in (("check", "help-is-here"), ("status", "help-is-here"), ("publish", "help-is-here", "--version", "x")):
        result = run(*verb)
        no_traceback(result)
        assert result.exit_code == (0 if verb[0] == "status" else 1), (verb, result.stdout, result.stderr)
    checked = run("check", "help-is-here", "--json")
    found = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "placeholders"]
    assert found and found[0]["language"] == "vi" and found[0]["message_id"] == "call"
    assert "locales/vi/LC_MESSAGES/help-is-here.po:" in found[0]["text"]  # the file and its line
    built = run("build", "help-is-here")
    no_traceback(built)
    assert built.exit_code == 0  # a draft: the source text stands in, marked DRAFT
    manifest = json.loads((root / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    assert next(lang for lang in manifest["languages"] if lang["language"] == "vi")["draft"] is True


def test_a_line_that_is_not_printed_is_not_in_the_keys_of_what_is_printed(root):
    """A broken line prints and speaks the source: another typo in it (or another machine
    draft in a fuzzy line) leaves every file of its language as it was, so the next build
    keeps them (the typo cases above build on the last one's output); the checks, which read
    the line as written, run again."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.keys import edition_key, job_key
    from campaigngen.sources.campaign import load_campaign

    sample_campaign(root, languages=("vi",), formats=("wallet",), spots=())

    def keys(call: str) -> tuple[str, str]:
        set_translation(root, "vi", "call", call)
        snapshot = take_snapshot(load_campaign(config_path(root).parent))
        vi = snapshot.edition("vi")
        return job_key("flyer", "wallet", snapshot, [vi]), edition_key(vi)

    one, other, fixed = keys("Hãy gọi {phon}"), keys("Hãy gọi {0}"), keys("Hãy gọi {phone}")
    assert one[0] == other[0] and one[1] != other[1]
    assert fixed[0] != one[0]


# --------------------------------------------------------------------------- say and waive every failure


LONG_BODY = "Nobody will tell your boss, the police or anyone else that you called us for help today."


@pytest.mark.slow
def test_every_failure_is_listed_and_a_sheet_can_be_waived(root):
    sample_campaign(root, languages=("es", "vi", "ko"), formats=("wallet",), sheets=[("en", "es", "vi", "ko")])
    with sample_config(root) as config:
        config["messages"]["headline"]["text"] = f"Is someone forcing you to work? {LONG_BODY} {LONG_BODY}"
        for message in config["messages"].values():
            message["max_length"] = 300
    checked = run("check", "help-is-here", "--json")
    report = json.loads(checked.stdout)
    sheet = [f for f in report["findings"] if f["language"] == "en+es+vi+ko" and f["status"] == "fail"]
    # The sheet keeps what fits and names every message it had to leave out.
    assert sheet and {f["check"] for f in sheet} <= {"layout-fit", "sheet-messages"}
    assert all(f["target"] == "multilingual" for f in sheet)
    table = run("check", "help-is-here")
    failing = [f for f in report["findings"] if f["status"] == "fail"]
    assert table.stdout.count("FAIL") == len(failing) and f"{len(failing)} failing" in table.stdout
    published = run("publish", "help-is-here")
    assert published.exit_code == 1 and published.stdout.count("FAIL") >= len(sheet)


@pytest.mark.slow
def test_a_spot_failure_can_be_waived_and_still_yields_its_script_sheet(root):
    spots = [{"id": "10s", "seconds": 10, "script": ["headline", "free", "language", "call", "again"]}]
    # The spot's files are read, not the share cards.
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=spots, share_cards=())
    with sample_config(root) as config:
        coordinator = "Radio coordinator"
        add_waiver(
            config,
            "spot-length",
            language="es",
            target="10s",
            by=coordinator,
            reason="The station reads Spanish live from the script sheet.",
        )
        add_waiver(
            config,
            "reading-level-speech",
            language="es",
            by=coordinator,
            reason="Read live at the announcer's pace, not as a 10 s spot.",
        )
    checked = run("check", "help-is-here", "--lang", "es", "--json")
    found = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "spot-length"]
    assert found and found[0]["status"] == "waived" and found[0]["target"] == "10s"
    result = run("build", "help-is-here", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    out = root / "output" / "help-is-here"
    assert not list((out / "es").glob("*.wav"))
    sheet = (out / "es" / "help-is-here_es_10s_HIH-ES-010_script.txt").read_text(encoding="utf-8")
    assert "no audio" in sheet and "¿Alguien le obliga a trabajar?" in sheet
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(s["language"], s["format"]) for s in manifest["skipped"]] == [("es", "10s")]
    published = run("publish", "help-is-here", "--lang", "es", "--version", "1")
    assert published.exit_code == 0, published.stdout + published.stderr
    readme = (root / "releases" / "help-is-here" / "1" / "radio" / "README.txt").read_text(encoding="utf-8")
    assert "No audio for these spots" in readme and "es" in readme and "10s" in readme


@pytest.mark.slow
def test_a_missing_recording_is_a_finding_for_its_language_and_the_rest_is_made(root):
    sample_campaign(root, languages=("es", "vi"), formats=("wallet",))
    with sample_config(root) as config:
        config["radio"]["recordings"] = {"es": "recordings/es.wav"}
        config["share_cards"]["shapes"] = []  # the spots are what is looked at
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 1
    found = [f for f in json.loads(checked.stdout)["findings"] if f["status"] == "fail"]
    assert [(f["check"], f["language"]) for f in found] == [("recording", "es")]
    assert "file not found" in found[0]["text"]
    result = run("build", "help-is-here")
    no_traceback(result)
    assert result.exit_code == 1 and "recording" in result.stderr
    out = root / "output" / "help-is-here"
    assert (out / "vi" / "help-is-here_vi_30s_HIH-VI-030.wav").exists()
    assert (out / "en" / "help-is-here_en_30s_HIH-EN-030.wav").exists()
    assert (out / "es" / "help-is-here_es_30s_HIH-ES-030_script.txt").exists() and not list((out / "es").glob("*.wav"))


# --------------------------------------------------------------------------- small things


def test_max_length_counts_characters_as_the_reader_sees_them(root):
    sample_campaign(root, languages=("my",), formats=("wallet",), spots=())
    line = "ဖုန်းဆက်ပါ"  # 7 user-perceived characters, 10 code points
    set_translation(root, "my", "scan", line * 4)  # 28 characters for the reader, 40 code points
    with sample_config(root) as config:
        config["messages"]["scan"]["max_length"] = 30
    found = [
        f for f in json.loads(run("check", "help-is-here", "--json").stdout)["findings"] if f["check"] == "max-length"
    ]
    assert found == []
    set_translation(root, "my", "scan", line * 5)  # 35 > 30
    found = [
        f for f in json.loads(run("check", "help-is-here", "--json").stdout)["findings"] if f["check"] == "max-length"
    ]
    assert found and found[0]["detail"]["value"] == 35


@pytest.mark.slow
def test_a_new_campaign_fails_check_until_its_hotline_is_filled_in(root):
    assert run("new", "laundromat", "--languages", "es").exit_code == 0
    assert run("extract", "laundromat").exit_code == 0
    checked = run("check", "laundromat")
    assert checked.exit_code == 1 and "fill in your hotline" in checked.stdout
    assert "contact.phone" in checked.stdout and "contact.url" in checked.stdout
    built = run("build", "laundromat")
    assert built.exit_code == 2 and "fill in your hotline" in built.stderr
    no_traceback(built)
    assert not (root / "output" / "laundromat").exists()
    config = (root / "content" / "laundromat" / "campaign.toml").read_text(encoding="utf-8")
    assert re.search(r'^phone = ""', config, flags=re.M) and re.search(r'^url = ""', config, flags=re.M)
    assert "373-7888" not in config  # never a real hotline, not even as an example


@pytest.mark.slow
def test_build_before_extract_says_to_run_extract_and_extract_says_unchanged(root):
    assert run("new", "laundromat", "--languages", "es,vi").exit_code == 0
    with edit_config(root / "content" / "laundromat") as config:
        config["contact"]["phone"] = "1-888-373-7888"
        config["contact"]["url"] = "https://example.org/help"
    # One language's draft says it as well as two: the note is about the catalogs, not the drawing.
    built = run("build", "laundromat", "--lang", "es")
    assert built.exit_code == 0 and "campaigngen extract laundromat" in built.stderr
    first = run("extract", "laundromat")
    assert first.stdout.count("created") == 2
    again = run("extract", "laundromat")
    assert "updated" not in again.stdout and again.stdout.count("unchanged") == 3  # template + 2 catalogs


def test_po_reader_accepts_what_gettext_accepts(root):
    sample_campaign(root, languages=("es",), formats=("wallet",), spots=())
    path = catalog(root, "es")
    path.write_text(
        path.read_text(encoding="utf-8").replace('msgstr "Usted puede', 'msgstr\t"Usted puede'), encoding="utf-8"
    )
    assert run("check", "help-is-here").exit_code == 0
    latin = path.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    latin = latin.replace("“", "«").replace("”", "»")  # the quotation marks a Latin-1 catalog can hold
    assert "ISO-8859-1" in latin and "¿" in latin
    path.write_bytes(latin.encode("iso-8859-1"))
    approve_written(config_path(root).parent)  # the line with « » is a new text: the reviewer reads it again
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    path.write_bytes(latin.replace("ISO-8859-1", "KLINGON-8").encode("iso-8859-1"))
    bad = run("check", "help-is-here")
    assert bad.exit_code == 2 and "charset 'klingon-8'" in bad.stderr and "help-is-here.po:" in bad.stderr


@pytest.mark.slow
def test_languages_checked_side_by_side_give_the_report_one_process_gives(root, monkeypatch):
    """check forks a process per core: the same findings, in the same order, as one process
    (a cold cache each time, so each side computes; a long line fails somewhere)."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release import findings_cache
    from campaigngen.release.gate import run_checks
    from campaigngen.sources.campaign import load_campaign

    sample_campaign(root, languages=("es", "ar", "vi"), formats=("wallet",), spots=())
    set_translation(root, "ar", "help", "يمكنك الحصول على المساعدة " * 6)
    snapshot = take_snapshot(load_campaign(config_path(root).parent))
    reports = []
    for workers, cache in ((1, "one"), (2, "two")):
        monkeypatch.setenv("XDG_CACHE_HOME", str(root / cache))
        monkeypatch.setattr(findings_cache, "_memory", {})
        reports.append(run_checks(snapshot, workers=workers))
    one, two = reports
    assert [f.to_json() for f in one.findings] == [f.to_json() for f in two.findings]
    assert any(f.language == "ar" and f.blocking for f in two.findings)
