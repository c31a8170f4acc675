"""languages: the support matrix an outreach coordinator reads before promising a language."""

from __future__ import annotations

import json

from click.testing import CliRunner

from campaigngen.cli import main
from campaigngen.sources.languages import CORE_LANGUAGES


def test_every_core_language_has_font_breaking_reading_and_voice_status():
    result = CliRunner().invoke(main, ["languages", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["tag"]: row for row in json.loads(result.output)}
    assert set(CORE_LANGUAGES) <= set(rows)
    for tag in CORE_LANGUAGES:
        assert rows[tag]["font"] and rows[tag]["reading_measures"], tag
    assert rows["th"]["line_breaking"].startswith("ICU dictionary")
    assert rows["my"]["line_breaking"].startswith("at spaces, then")  # phrases, then the dictionary
    assert rows["ko"]["line_breaking"].startswith("keep-all")
    assert "kinsoku" in rows["zh-Hant"]["line_breaking"]
    assert rows["ar"]["direction"] == "rtl" and rows["ar"]["font"].startswith("NotoSansArabic")
    assert rows["zh-Hant"]["font"].endswith("#3")  # Traditional Chinese face, not Simplified
    # Languages with no intelligible offline voice say a recording is needed.
    for tag in ("tl", "so", "th", "my"):
        assert rows[tag]["voice"] is None and rows[tag]["voice_engine"] == "recording", tag
    assert rows["es"]["voice"]
    table = CliRunner().invoke(main, ["languages"]).output
    assert "Fernandez-Huerta" in table and "recording" in table
