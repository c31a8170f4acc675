"""The gate on real rendered output: a failing check publishes nothing; a recorded waiver
publishes and is listed; no DRAFT ever leaves; partner bundles are complete."""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path

import pytest
from campaign_kit import add_waiver, edit_config
from cli_kit import cli_runner
from publish_helpers import FAST_CAMPAIGN, SPANISH, WAIVED_SPANISH, make_project, real_release, write_po

from campaigngen.cli import main
from campaigngen.release.verify import verify_release


def publish(*args: str):
    return cli_runner().invoke(main, ["publish", "demo", *args])


def nothing_published(root: Path) -> bool:
    releases = root / "releases" / "demo"
    return not releases.exists() or not [p for p in releases.iterdir() if not p.name.startswith(".")]


def test_one_failing_check_publishes_nothing_and_prints_the_report(tmp_path, monkeypatch):
    make_project(tmp_path, FAST_CAMPAIGN, WAIVED_SPANISH)  # "help" too long, and no waiver
    monkeypatch.chdir(tmp_path)
    result = publish()
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "max-length" in result.stdout and "NOT publishable" in result.stdout
    assert "nothing was published" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert nothing_published(tmp_path)


def test_a_draft_language_is_refused_even_when_its_findings_are_waived(tmp_path, monkeypatch):
    make_project(tmp_path)
    write_po(tmp_path, "es", SPANISH, fuzzy=("help",))
    monkeypatch.chdir(tmp_path)
    result = publish()
    assert result.exit_code == 1 and "fuzzy" in result.stdout and nothing_published(tmp_path)

    with edit_config(tmp_path / "content" / "demo") as config:
        add_waiver(
            config, "fuzzy", by="Someone in a hurry", reason="We want it out today.", date=datetime.date(2026, 11, 20)
        )
    result = publish()
    # Nobody may accept unreviewed text: the waiver itself is refused when the campaign is read.
    assert result.exit_code == 2
    assert "the 'fuzzy' check cannot be waived" in result.stderr and nothing_published(tmp_path)


def test_pseudo_locale_is_never_published(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = publish("--lang", "en", "--lang", "en-XA")
    assert result.exit_code == 1 and "pseudo-locale" in result.stdout and nothing_published(tmp_path)


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return real_release(tmp_path_factory)


def test_waived_release_is_published_and_lists_the_waiver(release):
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["release"]["version"] == "1" and manifest["release"]["published_at"].endswith("Z")
    assert manifest["waivers"] == [
        {
            "check": "max-length",
            "language": "es",
            "message_id": "help",
            "by": "Outreach lead",
            "reason": "The flyer layout was checked by hand: the longer line fits.",
        }
    ]
    assert manifest["checks"]["publishable"] is True and manifest["checks"]["counts"]["waived"] == 1
    assert "translation" in manifest["checks"]["checks"]
    assert {"campaign.toml", "locales/es/LC_MESSAGES/demo.po"} <= set(manifest["sources"])
    assert manifest["tools"]["campaigngen"] and manifest["tools"]["pillow"]
    assert verify_release(release).ok
    assert (release.parent / "latest").resolve() == release.resolve()


def test_release_holds_no_draft(release):
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert [lang["draft"] for lang in manifest["languages"]] == [False, False]
    assert all(not lang["unfinished"] for lang in manifest["languages"])
    assert all(entry.get("draft") in (None, False) for entry in manifest["artifacts"])
    kinds = {(entry["language"], Path(entry["path"]).suffix) for entry in manifest["artifacts"]}
    assert {("en", ".pdf"), ("es", ".pdf"), ("en", ".wav"), ("es", ".mp3")} <= kinds


def test_every_file_is_in_the_manifest_with_its_hash(release):
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in manifest["files"]}
    on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == on_disk
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])


def test_print_and_radio_bundles_for_partners(release):
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    pdfs = sorted(e["path"] for e in manifest["artifacts"] if e["path"].endswith(".pdf"))
    audio = [e for e in manifest["artifacts"] if e["path"].endswith((".wav", ".mp3"))]

    with zipfile.ZipFile(release / "print.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {"print/letter/demo_letter_en.pdf", "print/letter/demo_letter_es.pdf", "print/README.txt"} <= set(names)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
        assert (
            archive.read("print/letter/demo_letter_es.pdf")
            == (release / next(p for p in pdfs if "es" in p)).read_bytes()
        )
    readme = (release / "print" / "README.txt").read_text(encoding="utf-8")
    assert "letter" in readme and "bleed" in readme and "demo_letter_es.pdf" in readme
    assert "8.5" in readme or "216" in readme  # the paper size, in inches or millimetres

    with zipfile.ZipFile(release / "radio.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        # Named for delivery: campaign, language, length, spot code; with the traffic sheet.
        assert {
            "radio/es/demo_es_30s_DEM-ES-030.wav",
            "radio/es/demo_es_30s_DEM-ES-030.mp3",
            "radio/README.txt",
            "radio/traffic.csv",
            "radio/traffic.pdf",
        } <= set(names)
    radio = (release / "radio" / "README.txt").read_text(encoding="utf-8")
    assert "ebu-r128" in radio and "-23 LUFS" in radio and "demo_es_30s_DEM-ES-030.wav" in radio
    measured = next(e for e in audio if e["language"] == "es" and e["path"].endswith(".wav"))
    assert f"{measured['loudness_lufs']:.1f} LUFS" in radio


def test_the_print_bundle_has_a_preflight_report_of_every_pdf(release):
    """What a shop checks first, from the files' facts: each PDF's trim and bleed, colour, the
    most ink on one spot, its fonts and the smallest type; in the bundle and its checksums."""
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    report = (release / "print" / "PREFLIGHT.txt").read_text(encoding="utf-8")
    printed = [p.relative_to(release / "print").as_posix() for p in (release / "print").rglob("*.pdf")]
    assert printed and all(f"  {name}\n" in report for name in printed)
    assert "trim 8.50 x 11.00 in" in report and "sRGB" in report and "not a certified preflight" in report
    assert "NOT read back" not in report
    smallest = min(e["min_type_pt"] for e in manifest["artifacts"] if e["path"].endswith(".pdf"))
    assert f"smallest type {smallest:.1f} pt" in report
    assert "PREFLIGHT.txt" in (release / "print" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "PREFLIGHT.txt" in (release / "print" / "README.txt").read_text(encoding="utf-8")


def test_zips_are_byte_for_byte_reproducible(release, tmp_path):
    from campaigngen.release.bundles import write_zip

    folder = release / "print"
    again = tmp_path / "print.zip"
    write_zip(again, folder, [p for p in folder.rglob("*") if p.is_file()])
    assert again.read_bytes() == (release / "print.zip").read_bytes()
