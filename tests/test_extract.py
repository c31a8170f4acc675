"""extract: the template, new catalogs, and updates that keep translators' work."""

from __future__ import annotations

from babel.messages.pofile import read_po
from campaign_kit import edit_config
from click.testing import CliRunner
from conftest import MINIMAL, write_campaign

from campaigngen.catalogs.load import localize
from campaigngen.cli import main
from campaigngen.sources.campaign import load_campaign


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def read(path):
    with path.open("rb") as handle:
        return read_po(handle)


def translate(po_path, translations: dict[str, str]) -> None:
    catalog = read(po_path)
    for entry in catalog:
        if entry.context in translations:
            entry.string = translations[entry.context]
    from campaigngen.catalogs.po import write_catalog

    write_catalog(po_path, catalog)


def test_template_and_catalog_carry_context_limits_and_flags(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["messages"]["call"]["context"] = "The call to action."
    monkeypatch.chdir(tmp_path)
    result = run("extract", "demo")
    assert result.exit_code == 0, result.output
    pot = read(tmp_path / "locales" / "demo.pot")
    entries = {m.context: m for m in pot if m.id}
    assert set(entries) == {"headline", "call"}
    assert entries["headline"].id == "Is someone forcing you to work?"
    assert "max-length:60" in entries["headline"].flags
    assert "python-brace-format" in entries["call"].flags
    assert any("call to action" in c for c in entries["call"].auto_comments)
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    assert po.exists() and "created" in result.output
    assert str(read(po).locale) == "es"


def test_edited_source_makes_translation_fuzzy_and_keeps_removed_as_obsolete(tmp_path, monkeypatch):
    folder = write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    run("extract", "demo")
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    translate(po, {"headline": "¿Alguien te obliga a trabajar?", "call": "Llama al {phone}"})
    campaign = load_campaign("demo")
    assert localize(campaign, "es").draft is False

    with edit_config(folder) as config:
        config["messages"]["headline"]["text"] = "Is someone making you work?"
        config["messages"]["extra"] = {"text": "Help is free."}
    result = run("extract", "demo")
    assert result.exit_code == 0
    assert "es: 'headline'" in result.output

    catalog = read(po)
    entries = {m.context: m for m in catalog if m.id}
    assert "fuzzy" in entries["headline"].flags
    assert entries["headline"].string == "¿Alguien te obliga a trabajar?"
    # The old source stays beside it (#| msgid) so Poedit shows the translator what changed.
    assert '#| msgid "Is someone forcing you to work?"' in po.read_text(encoding="utf-8")
    assert "fuzzy" not in entries["call"].flags
    assert entries["extra"].string == ""

    localized = localize(load_campaign("demo"), "es")
    assert localized.draft and set(localized.unfinished) == {"headline", "extra"}

    # Removing a message keeps its translation as obsolete, not lost.
    with edit_config(folder) as config:
        del config["messages"]["call"]
        config["flyer"]["action"] = []
        config["spots"][0]["script"] = ["headline"]
    assert run("extract", "demo").exit_code == 0
    catalog = read(po)
    assert any(key[1] == "call" or entry.context == "call" for key, entry in catalog.obsolete.items())
    assert '#~ msgctxt "call"' in po.read_text(encoding="utf-8")


def test_check_reports_untranslated_and_fuzzy_and_exits_1(tmp_path, monkeypatch):
    import json

    write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    run("extract", "demo")
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    translate(po, {"headline": "¿Alguien te obliga a trabajar?"})
    result = run("check", "demo", "--lang", "es", "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["publishable"] is False
    failing = {(f["check"], f["message_id"]) for f in report["findings"] if f["status"] == "fail"}
    assert ("untranslated", "call") in failing
    assert ("untranslated", "headline") not in failing


def test_max_length_is_checked_on_the_translation(tmp_path, monkeypatch):
    write_campaign(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    run("extract", "demo")
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po"
    translate(
        po,
        {
            "headline": "¿Hay alguien que te está obligando a trabajar sin descanso y sin pago?",
            "call": "Llama al {phone}",
        },
    )
    result = run("check", "demo", "--lang", "es")
    assert result.exit_code == 1
    assert "max-length" in result.output and "headline" in result.output and "limit 60" in result.output
