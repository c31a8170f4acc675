"""Tags: a :10 that says the number once ([delivery] number_repeats: once below :20), made in
English, Spanish, Arabic and Vietnamese and measured as a station measures it (ffmpeg
ebur128 and silencedetect)."""

from __future__ import annotations

import json

import pytest
from campaign_kit import sample_campaign
from cli_kit import cli_runner
from station_meter import measure_all, require_ffmpeg

from campaigngen.catalogs.spoken import spoken_number
from campaigngen.checks.audio import PRESETS
from campaigngen.cli import main

TAG = '[[spots]]\nid = "10s"\nseconds = 10\nscript = ["call"]\n'  # "Call {phone}" alone


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_a_ten_second_tag_is_made_in_four_languages_and_airs(tmp_path, monkeypatch):
    require_ffmpeg()
    monkeypatch.chdir(tmp_path)
    # No flyer or share card: the tags are the test, and nothing here reads the pictures.
    sample_campaign(tmp_path, languages=("es", "ar", "vi"), formats=(), share_cards=(), spots=TAG)
    checked = run("check", "help-is-here", "--json")
    assert checked.exit_code == 0, checked.stdout[-3000:]
    built = run("build", "help-is-here")
    assert built.exit_code == 0, built.stdout + built.stderr
    out = tmp_path / "output" / "help-is-here"
    artifacts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    preset = PRESETS["ebu-r128"]
    spots = [a for a in artifacts if a["kind"] in ("audio", "audio-mp3")]
    assert {a["language"] for a in spots} == {"en", "es", "ar", "vi"}
    for artifact, reading in zip(spots, measure_all([out / a["path"] for a in spots])):
        where = artifact["path"]
        assert abs(reading.duration_s - 10.0) < 0.06, (where, reading)
        assert reading.head_s <= 0.5 and reading.tail_s <= 1.0 and reading.longest_gap_s <= 1.5, (where, reading)
        limit = preset.tolerance_lu if artifact["kind"] == "audio" else 0.1
        assert abs(reading.lufs - preset.target_lufs) <= limit, (where, reading)
        assert reading.true_peak_dbtp <= preset.true_peak_max_dbtp, (where, reading)
    for artifact in (a for a in artifacts if a["kind"] == "audio"):
        sheet = (
            (out / artifact["path"])
            .with_name((out / artifact["path"]).name.replace(".wav", "_script.txt"))
            .read_text(encoding="utf-8")
        )
        said = sheet.split("SCRIPT", 1)[1].split("NUMBERS", 1)[0]
        spelled = spoken_number("1-888-373-7888", artifact["language"])
        # Once, unless the composer had to say it again to fill the booking (and says so).
        expected = 2 if "number" in artifact["filled_with"] else 1
        assert said.count(spelled) == expected, (artifact["language"], artifact["filled_with"])


@pytest.mark.slow
def test_the_new_campaign_template_offers_only_lengths_its_messages_can_fill(tmp_path):
    """`campaigngen new` lists the booked lengths its own messages can fill: each is made (in
    English, espeak-ng) with the template's scripts, and the :60 it leaves out cannot be."""
    import re

    from campaigngen.catalogs.localized import source_edition
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.renderers.radio.compose import compose
    from campaigngen.sources.campaign import SPOT_LENGTHS, campaign_from_bytes
    from campaigngen.sources.scaffold import TAG_SCRIPT, scaffold_text

    template = scaffold_text("tags", ["es"])
    offered = [
        int(n)
        for n in re.search(r"a spot can be ([\d, or]+) s", template).group(1).replace("or", ",").split(",")
        if n.strip()
    ]
    filled = template.replace('phone = ""', 'phone = "1-800-555-0100"').replace(
        'url = ""', 'url = "https://example.org"'
    )
    spot_script = re.search(r"^script = (\[.*\])$", filled, flags=re.M).group(1)

    def makes(seconds: int) -> bool:
        script = TAG_SCRIPT if seconds < 20 else spot_script
        text = re.sub(
            r'id = "30s"\nseconds = 30\nscript = \[.*?\]', f'id = "s"\nseconds = {seconds}\nscript = {script}', filled
        )
        campaign = campaign_from_bytes(tmp_path / "campaign.toml", text.encode("utf-8"))
        try:
            compose(source_edition(campaign), campaign.spots[0], PRESETS["ebu-r128"], ["espeak"])
        except ChecksFailed:
            return False
        return True

    assert offered and set(offered) <= set(SPOT_LENGTHS)
    assert all(makes(seconds) for seconds in offered), offered
    assert not any(makes(seconds) for seconds in set(SPOT_LENGTHS) - set(offered))
