"""A project's own languages.toml: a language added from the project folder, without touching
the package, goes through new -> extract -> check -> build like a built-in one."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from campaign_kit import add_waiver, edit_config
from cli_kit import cli_runner
from review_kit import approve_all

from campaigngen.cli import main
from campaigngen.sources.registry import builtin_registry, registry, use_languages

CHUUKESE = '[chk]\nname = "Chuukese"\nscript = "Latn"\n'
# A team's own sample lines (not a reviewed translation): only what the test needs.
CHK_LINES = {
    "headline": "Mi wor emon a eppeti ngonuk le angang?",
    "help": "Ka tongeni kuna aninis.",
    "call": "Kokori {phone}",
    "scan": "Scan ren och aninis",
    "again": "Sefan: kokori {phone}",
}


def run(*args: str):
    return cli_runner().invoke(main, list(args))


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    use_languages({})  # the next test's project has none


def translate(po: Path, lines: dict[str, str]) -> None:
    text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "")
    for message_id, line in lines.items():
        text = re.sub(
            rf'(msgctxt "{message_id}"\nmsgid (?:"[^"\n]*"\n)+)msgstr (?:"[^\n]*"\n?)+',
            lambda match, line=line: match.group(1) + f'msgstr "{line}"\n',
            text,
        )
    po.write_text(text, encoding="utf-8")


def new_chuukese_campaign(root: Path) -> Path:
    (root / "languages.toml").write_text(CHUUKESE, encoding="utf-8")
    made = run("new", "outreach", "--languages", "chk")
    assert made.exit_code == 0, made.output
    folder = root / "content" / "outreach"
    with edit_config(folder) as config:
        config["contact"]["phone"] = "1-888-373-7888"
        config["contact"]["url"] = "https://example.org/help"
        config["traffic"]["contact"] = "Ana, ana@example.org"
        config["flyer"]["formats"] = ["letter"]
        config["delivery"] = {"live_reads": ["chk"]}  # no voice: a station reads it live
    assert run("extract", "outreach").exit_code == 0
    translate(root / "locales" / "chk" / "LC_MESSAGES" / "outreach.po", CHK_LINES)
    approve_all(folder)
    return folder


@pytest.mark.slow
def test_a_language_only_the_project_knows_goes_from_new_to_a_printed_flyer(root):
    assert "chk" not in builtin_registry()
    folder = new_chuukese_campaign(root)
    checked = run("check", "outreach", "--json")
    failing = [f for f in json.loads(checked.stdout)["findings"] if f["status"] == "fail"]
    assert checked.exit_code == 1 and [(f["language"], f["code"]) for f in failing] == [("chk", "reading.uncalibrated")]
    assert "not calibrated: sentence and word length not judged against a corpus" in failing[0]["text"]
    with edit_config(folder) as config:
        add_waiver(config, "reading-level", language="chk", by="Kiki Sapwo", reason="Read by a Chuukese speaker.")
    checked = run("check", "outreach")
    assert checked.exit_code == 0, checked.stdout
    assert re.search(r"^chk\s+WAIVED\s+reading-level", checked.stdout, flags=re.M), checked.stdout
    built = run("build", "outreach", "--lang", "chk")
    assert built.exit_code == 0, built.output
    flyer = root / "output" / "outreach" / "chk" / "flyer-letter.pdf"
    text = subprocess.run(["pdftotext", str(flyer), "-"], capture_output=True, text=True, check=True).stdout
    assert "1-888-373-7888" in text and "Chuukese" in text and "Ka tongeni kuna aninis." in text
    card = next((root / "output" / "outreach" / "chk").glob("*_card.pdf"))
    assert "1-888-373-7888" in subprocess.run(["pdftotext", str(card), "-"], capture_output=True, text=True).stdout
    manifest = json.loads((root / "output" / "outreach" / "manifest.json").read_text(encoding="utf-8"))
    assert "languages.toml" in json.dumps(manifest["sources"])


def test_the_project_file_is_an_input_of_every_result(root):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.keys import campaign_key
    from campaigngen.sources.campaign import load_campaign

    new_chuukese_campaign(root)
    before = take_snapshot(load_campaign("outreach"))
    assert "languages.toml" in before.inputs and before.languages["chk"].name == "Chuukese"
    (root / "languages.toml").write_text(CHUUKESE + 'full_stop = "!"\n', encoding="utf-8")
    after = take_snapshot(load_campaign("outreach"))
    assert after.inputs["languages.toml"] != before.inputs["languages.toml"]
    assert campaign_key(after) != campaign_key(before)
    assert registry()["chk"].full_stop == "!"


def test_what_an_entry_leaves_out_follows_from_its_script(root):
    (root / "languages.toml").write_text(
        '[chk]\nname = "Chuukese"\nscript = "Latn"\n[syr]\nname = "Syriac"\nscript = "Syrc"\n'
        '[kjg]\nname = "Khmu"\nscript = "Laoo"\n',
        encoding="utf-8",
    )
    from campaigngen.sources.languages import parse_language
    from campaigngen.sources.registry import use_project_languages

    use_project_languages(root)
    syriac, khmu = parse_language("syr"), parse_language("kjg")
    assert syriac.direction == "rtl" and parse_language("chk").direction == "ltr"
    assert registry()["kjg"].line_breaking == "dictionary" and khmu.script == "Laoo"
    assert registry()["chk"].iso639_2 == "chk"
    assert registry()["chk"].voice.espeak is None


def test_languages_lists_the_project_language_by_the_name_its_entry_gives(root):
    (root / "languages.toml").write_text(CHUUKESE + '[quc]\nname = "K\'iche\'"\nscript = "Latn"\n', encoding="utf-8")
    listed = run("languages")
    assert listed.exit_code == 0, listed.output
    assert re.search(r"^chk\s+Chuukese\s+Latn", listed.stdout, flags=re.M)
    assert re.search(r"^quc\s+K'iche'\s+Latn", listed.stdout, flags=re.M)


def test_a_tag_nobody_knows_says_where_to_add_it(root):
    refused = run("new", "outreach", "--languages", "chk")
    assert refused.exit_code == 2 and "languages.toml" in refused.stderr and "Traceback" not in refused.output
    (root / "languages.toml").write_text('[xx-zzzzzzzzzz]\nname = "Nothing"\nscript = "Latn"\n', encoding="utf-8")
    bad = run("languages")
    assert bad.exit_code == 2 and "languages.toml" in bad.stderr and "xx-zzzzzzzzzz" in bad.stderr


def test_an_entry_without_a_name_or_script_is_refused_with_its_line(root):
    (root / "languages.toml").write_text('[chk]\nscript = "Latn"\n', encoding="utf-8")
    bad = run("new", "outreach", "--languages", "chk")
    assert bad.exit_code == 2 and "languages.toml" in bad.stderr and "name" in bad.stderr


def test_a_script_fonts_toml_leaves_out_is_drawn_with_the_systems_noto_font(root):
    from campaigngen.sources.fonts import load_manifest
    from campaigngen.sources.registry import use_project_languages

    (root / "languages.toml").write_text(
        '[syr]\nname = "Syriac"\nscript = "Syrc"\n[xnb]\nname = "Kanakanavu"\nscript = "Kawi"\n', encoding="utf-8"
    )
    use_project_languages(root)
    fonts = load_manifest()
    syriac = fonts.face(fonts.scripts["Syrc"][0])
    assert syriac.path.name == "NotoSansSyriac-Regular.ttf" and ord("ܫ") in fonts.coverage(fonts.scripts["Syrc"][0])
    assert "Kawi" not in fonts.scripts  # no Noto font for it on this machine
    listed = run("languages")
    assert listed.exit_code == 0
    assert "warning: xnb (Kanakanavu): no font for the Kawi script" in listed.stderr
    assert "warning: syr" not in listed.stderr
    assert re.search(r"^syr\s+Syriac\s+Syrc\s+rtl\s+NotoSansSyriac", listed.stdout, flags=re.M)


def test_languages_says_a_language_without_a_corpus_is_not_calibrated(root):
    (root / "languages.toml").write_text(CHUUKESE, encoding="utf-8")
    rows = {row["tag"]: row for row in json.loads(run("languages", "--json").stdout)}
    assert rows["chk"]["reading_calibrated"] is False
    listed = run("languages").stdout
    assert re.search(r"^chk .*uncalib\.\s+not calibrated", listed, flags=re.M)
    assert not re.search(r"^chk .*words per sentence", listed, flags=re.M)
    from campaigngen.checks.readability.calibration import committed

    calibrated = {tag for tag, row in rows.items() if row["reading_calibrated"]}
    assert calibrated == {tag for tag in builtin_registry() if tag in committed()}


# Samoan: Babel has no locale for 'sm' and ICU no spell-out; its digit words come only from
# the project's entry.
SAMOAN = (
    '[sm]\nname = "Samoan"\nscript = "Latn"\n'
    '[sm.spoken]\ndigits = ["selo", "tasi", "lua", "tolu", "fā", "lima", "ono", "fitu", "valu", "iva"]\n'
)


def test_a_project_languages_digit_words_are_read_as_numbers(root):
    """The number-words table was built when the program started, before any project's
    languages.toml was read: the project's own digit words were never known."""
    from campaigngen.checks.number_words import lexicon
    from campaigngen.checks.numerals.reading import mentions
    from campaigngen.sources.registry import use_project_languages

    assert "valu" not in lexicon("sm").words  # no Samoan number words before the project says so
    (root / "languages.toml").write_text(SAMOAN, encoding="utf-8")
    use_project_languages(root)
    assert lexicon("sm").words["valu"] == 8
    said = mentions("Valaau mai i le numera tasi valu valu valu tolu fitu tolu", "sm")
    assert [m.digits for m in said] == ["1888373"], said
    use_languages({})
    assert "valu" not in lexicon("sm").words  # kept by the words that made it, not by the tag
