"""Bad input gets one clear line, exit code 2, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

from campaign_kit import add_waiver, edit_config
from click.testing import CliRunner
from conftest import MINIMAL, write_campaign

from campaigngen.cli import main
from campaigngen.sources.campaign import load_campaign


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_one_line_error(result, *expected: str) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for fragment in expected:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_minimal_campaign_loads(tmp_path):
    campaign = load_campaign(write_campaign(tmp_path, MINIMAL))
    assert campaign.id == "demo"
    assert [lang.tag for lang in campaign.all_languages] == ["en", "es"]
    assert campaign.messages["call"].placeholders == ("phone",)
    assert campaign.spots[0].id == "10s"


def test_campaign_by_name_or_folder(tmp_path, monkeypatch):
    folder = write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert load_campaign("demo").root == folder.resolve() or load_campaign("demo").root == Path("content/demo")
    assert load_campaign(str(folder)).id == "demo"


def test_malformed_toml_names_the_line(tmp_path, monkeypatch):
    body = MINIMAL.replace('phone = "1-888-373-7888"', 'phone = "1-888-373-7888')
    write_campaign(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    line_no = body.splitlines().index('phone = "1-888-373-7888') + 1
    assert_one_line_error(run("check", "demo"), "campaign.toml", f":{line_no}:", "not valid TOML")


def test_unknown_language_tag(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["languages"].append("xq")
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "demo"), "campaign.toml:3:", "'xq'", "BCP 47")


def test_message_id_that_does_not_exist(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["spots"][0]["script"] = ["headline", "cal"]
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "demo"), "campaign.toml", "'cal'", "does not exist")


def test_undefined_placeholder(tmp_path, monkeypatch):
    folder = write_campaign(tmp_path, MINIMAL)
    with edit_config(folder) as config:
        config["messages"]["call"]["text"] = "Call {phon}"
    monkeypatch.chdir(tmp_path)
    line_no = (folder / "campaign.toml").read_text(encoding="utf-8").splitlines().index('text = "Call {phon}"') + 1
    assert_one_line_error(run("check", "demo"), f"campaign.toml:{line_no}:", "{phon}", "{phone}")


def test_po_syntax_error_names_file_and_line(tmp_path, monkeypatch):
    write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert run("extract", "demo").exit_code == 0
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith('msgid "Call'))
    lines[index + 1] = 'msgstr "Llama al {phone}'  # unterminated string
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_one_line_error(run("check", "demo"), "demo.po", f":{index + 2}:", "syntax")


def test_missing_campaign(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "nowhere"), "nowhere", "campaign.toml")


def test_waiver_without_reason_is_refused(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        add_waiver(config, "reading-level", language="es", by="Ana", reason="")
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "demo"), "waiver", "no reason")


def test_spot_length_stations_do_not_book(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["spots"][0]["seconds"] = 25
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "demo"), "25 s", "10, 15, 20, 30, 60")


def test_new_scaffolds_a_valid_campaign(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "laundromat", "--languages", "es,vi")
    assert result.exit_code == 0, result.output
    campaign = load_campaign("laundromat")
    assert [lang.tag for lang in campaign.languages] == ["es", "vi"]
    text = (tmp_path / "content" / "laundromat" / "campaign.toml").read_text()
    assert "FILL IN" in text and "# " in text
    assert_one_line_error(run("new", "laundromat"), "already exists")


def test_new_refuses_bad_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("new", "x", "--languages", "es,klingon"), "klingon")
    assert not (tmp_path / "content" / "x").exists()


def test_misspelt_setting_is_named(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["spot"] = config.pop("spots")
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("check", "demo"), "unknown setting 'spot'", "spots")
