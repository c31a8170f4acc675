"""status: what a translation coordinator checks each morning."""

from __future__ import annotations

import json

from campaign_kit import edit_config
from click.testing import CliRunner
from conftest import MINIMAL, write_campaign
from test_extract import translate

from campaigngen.cli import main


def test_status_counts_per_language(tmp_path, monkeypatch):
    with edit_config(write_campaign(tmp_path, MINIMAL)) as config:
        config["languages"] = ["es", "vi"]
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["extract", "demo"])
    translate(
        tmp_path / "locales" / "es" / "LC_MESSAGES" / "demo.po",
        {"headline": "¿Alguien te obliga a trabajar?", "call": "Llama al {phone}"},
    )
    result = CliRunner().invoke(main, ["status", "demo", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["language"]: row for row in json.loads(result.output)["languages"]}
    assert rows["en"]["translated"] == 2 and rows["en"]["untranslated"] == 0
    assert rows["vi"]["untranslated"] == 2 and rows["vi"]["publishable"] is False
    assert rows["es"]["translated"] == 2 and rows["es"]["fuzzy"] == 0
    table = CliRunner().invoke(main, ["status", "demo"]).output
    assert "Vietnamese" in table and "2/2" in table


def test_help_is_instant_and_lists_verbs():
    import subprocess
    import sys

    code = (
        "import sys, campaigngen.cli as c\n"
        "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('argostranslate', 'torch', 'gtts', 'numpy', 'PIL', 'scipy') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for verb in ("build", "check", "extract", "new", "status"):
        assert verb in out
    assert "HEAVY []" in out
