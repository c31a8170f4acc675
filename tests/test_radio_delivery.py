"""What campaign.toml says about delivery ([traffic], [delivery]), and the gate telling the
truth about filling a booking: `check` names the booking that fits before `build` fails."""

from __future__ import annotations

import datetime
import json
import wave

import numpy as np
import pytest
from campaign_kit import config_path, sample_campaign, sample_config, set_value
from cli_kit import cli_runner

from campaigngen.cli import main
from campaigngen.exceptions import InputError, InvalidCampaign
from campaigngen.sources.campaign import load_campaign


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _problems(root, key: str, value) -> str:
    with sample_config(root) as config:
        set_value(config, key, value)
    with pytest.raises((InputError, InvalidCampaign)) as caught:
        load_campaign(config_path(root).parent)
    return caught.value.format_message()


def test_the_sample_names_advertiser_dates_and_codes(tmp_path):
    campaign = load_campaign(sample_campaign(tmp_path, languages=("es", "zh-Hans")))
    assert campaign.advertiser == "Help is here (sample campaign)"
    assert str(campaign.traffic.start) == "2026-12-01" and str(campaign.traffic.kill) == "2027-05-31"
    assert campaign.spot_code("es", campaign.spots[0]) == "HIH-ES-030"
    assert campaign.spot_code("zh-Hans", campaign.spots[0]) == "HIH-ZHHANS-030"
    assert campaign.delivery.closing == "hours" and campaign.delivery.fill == ("number", "closing", "bed")


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("traffic.kill", datetime.date(2026, 1, 1), "is before traffic.start"),
        ("traffic.start", "soon", "must be a date"),
        ("traffic.start", datetime.datetime(2026, 12, 1, 6, 0, tzinfo=datetime.UTC), "no offset"),
        ("traffic.kill", datetime.datetime(2026, 11, 30, 23, 0), "is before traffic.start"),
        ("traffic.code_prefix", "help!", "2 to 8 capital letters"),
        ("traffic.advertizer", "X", "did you mean 'advertiser'"),
        ("delivery.channels", "stereo", "dual-mono"),
        ("delivery.fill", ["numbers"], "did you mean 'number'"),
        ("delivery.closing", "hour", "did you mean 'hours'"),
        ("delivery.live_read_cards", "some", "unvoiced"),
        ("delivery.pronunciation.xx-Bad", "Digits are read one by one.", "not a campaign language"),
        ("traffic.codes.es/30s", "hih-1", "capital letters"),
        ("traffic.codes.de/30s", "HIH-DE-030", "not a language/spot"),
        ("traffic.codes.es/30s", "HIH-EN-030", "is used by"),
        ("traffic.cuts", {"es/30s": "1001"}, "cut number from 1"),
        ("traffic.cuts", {"es/30s": 1001, "ko/30s": 1001}, "given to two spots"),
        ("traffic.cuts", {"de/30s": 1001}, "not a language/spot"),
        ("delivery.sample_rate", 96000, "use 44100, 48000"),
        ("delivery.bit_depth", 32, "use 16, 24"),
        ("delivery.mp3_bitrate", 128, "use 192, 224, 256, 320"),
        ("delivery.id3_version", "2.2", 'use "2.3" or "2.4"'),
        ("delivery.id3_version", 2.3, "id3_version"),
        ("delivery.mp2", "yes", "must be true or false"),
        ("delivery.mp2_bitrate", 256, "in mono"),
        ("delivery.number_repeats", 0, "must be 1 to 3"),
        ("delivery.number_repeats", {"45": 1}, "names length '45'"),
        ("delivery.live_reads", ["de"], "not a language or language/spot"),
        ("delivery.live_reads", ["ko/15s"], "not a language or language/spot"),
    ],
)
def test_a_bad_delivery_setting_is_one_line_with_its_line_number(tmp_path, key, value, says):
    sample_campaign(tmp_path, languages=("es", "ko"))
    message = _problems(tmp_path, key, value)
    assert says in message and "campaign.toml:" in message


def test_delivery_choices_are_read_with_their_defaults(tmp_path):
    campaign = load_campaign(sample_campaign(tmp_path, languages=("es", "tl")))
    delivery = campaign.delivery
    assert (delivery.sample_rate, delivery.bit_depth, delivery.mp3_bitrate, delivery.id3_version) == (
        None,
        16,
        192,
        "2.4",
    )
    assert delivery.mp2 is False and delivery.repeats_for(campaign.spots[0]) == 2
    with sample_config(tmp_path) as config:
        for key, value in {
            "delivery.channels": "dual-mono",
            "delivery.sample_rate": 44100,
            "delivery.bit_depth": 24,
            "delivery.mp3_bitrate": 320,
            "delivery.id3_version": "2.3",
            "delivery.mp2": True,
            "delivery.mp2_bitrate": 256,
            "delivery.number_repeats": {"30": 3},
            "delivery.live_reads": ["tl", "es/30s"],
            "traffic.cuts": {"es/30s": 1001},
        }.items():
            set_value(config, key, value)
    campaign = load_campaign(config_path(tmp_path).parent)
    delivery, spot = campaign.delivery, campaign.spots[0]
    assert (delivery.sample_rate, delivery.bit_depth, delivery.mp3_bitrate, delivery.id3_version) == (
        44100,
        24,
        320,
        "2.3",
    )
    assert delivery.mp2 and delivery.mp2_bitrate == 256 and delivery.repeats_for(spot) == 3
    assert delivery.read_live("tl", spot) and delivery.read_live("es", spot) and not delivery.read_live("en", spot)
    assert campaign.traffic.cut_for("es", spot, campaign.spots) == "1001"
    assert campaign.traffic.cut_for("tl", spot, campaign.spots) == "HIH-TL-030"


@pytest.mark.slow
def test_a_spot_that_cannot_be_filled_is_a_finding_of_check_and_build_alike(tmp_path, monkeypatch):
    """60 s of the sample's five lines cannot be filled even slowed, with the number once
    more and the closing line: check says so and names the shorter booking, build agrees."""
    monkeypatch.chdir(tmp_path)
    sample_campaign(
        tmp_path,
        languages=("es",),
        formats=(),  # the spot is the test: no flyer or share card, which nothing here reads
        share_cards=(),
        spots=[{"id": "60s", "seconds": 60, "script": ["headline", "free", "language", "call", "again"]}],
    )
    checked = run("check", "help-is-here", "--lang", "es", "--json")
    assert checked.exit_code == 1
    found = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "spot-length"]
    assert found and found[0]["target"] == "60s"
    assert "cannot fill the booked 60 s" in found[0]["text"] and "book a :30" in found[0]["text"]
    built = run("build", "help-is-here", "--lang", "es")
    assert built.exit_code == 1 and "cannot fill the booked 60 s" in built.stderr + built.stdout
    out = tmp_path / "output" / "help-is-here" / "es"
    assert not list(out.glob("*.wav"))  # never padded with a minute of silence
    # Not asked to be read live: no card pretends it can be; the sheet says it was not made.
    assert not list(out.glob("*_card.pdf"))
    sheet = next(out.glob("*_script.txt")).read_text(encoding="utf-8")
    assert "NOT MADE:" in sheet and "cannot fill the booked 60 s" in sheet and "Read in about" not in sheet


def _recording_with_a_pause(path, pause_s: float) -> None:
    """A 'reading' that fills 10 s but stops for pause_s in the middle."""
    rate = 16000
    tone = (0.3 * np.sin(np.arange(int(4.5 * rate)) * 2 * np.pi * 220 / rate) * 32767).astype("<i2")
    gap = np.zeros(int(pause_s * rate), "<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.concatenate([tone, gap, tone[: int((9.0 - 4.5 - pause_s) * rate)]]).tobytes())


def test_a_long_pause_inside_a_recording_is_dead_air_in_check_and_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(
        tmp_path,
        languages=("es",),
        formats=(),  # the spot is the test: no flyer or share card, which nothing here reads
        share_cards=(),
        spots=[{"id": "10s", "seconds": 10, "script": ["headline", "call"]}],
    )
    _recording_with_a_pause(config_path(tmp_path).parent / "es.wav", 2.0)
    with sample_config(tmp_path) as config:
        config["radio"]["recordings"] = {"es": "es.wav"}
    checked = run("check", "help-is-here", "--lang", "es", "--json")
    found = [f for f in json.loads(checked.stdout)["findings"] if f["check"] == "dead-air"]
    assert checked.exit_code == 1 and found and "silence inside the spot" in found[0]["text"]
    built = run("build", "help-is-here", "--lang", "es")
    assert built.exit_code == 1
    manifest = json.loads((tmp_path / "output" / "help-is-here" / "manifest.json").read_text(encoding="utf-8"))
    assert not [a for a in manifest["artifacts"] if a["kind"] == "audio"]


@pytest.mark.slow
def test_dual_mono_measures_the_target_on_the_pair(tmp_path, monkeypatch):
    import soundfile
    from station_meter import measure_all

    monkeypatch.chdir(tmp_path)
    # No flyer or share card: the spot is the test, and nothing here reads them.
    sample_campaign(tmp_path, languages=("es",), formats=(), share_cards=())
    with sample_config(tmp_path) as config:
        config["delivery"]["channels"] = "dual-mono"
    built = run("build", "help-is-here", "--lang", "es")
    assert built.exit_code == 0, built.stderr
    folder = tmp_path / "output" / "help-is-here" / "es"
    wav = next(folder.glob("*.wav"))
    data, rate = soundfile.read(str(wav))
    assert data.shape == (30 * rate, 2) and np.array_equal(data[:, 0], data[:, 1])
    pair = (wav, next(folder.glob("*.mp3")))
    for path, reading in zip(pair, measure_all(pair)):
        assert abs(reading.lufs + 23.0) <= 0.1 and reading.true_peak_dbtp <= -1.0, (path.name, reading)


def test_the_number_is_said_as_often_as_the_booking_length_asks(tmp_path):
    from campaigngen.catalogs.localized import source_edition
    from campaigngen.catalogs.spoken import spoken_number, spot_script

    spots = (
        '[[spots]]\nid = "10s"\nseconds = 10\nscript = ["call"]\n'
        '[[spots]]\nid = "15s"\nseconds = 15\nscript = ["headline"]\n'
        '[[spots]]\nid = "30s"\nseconds = 30\nscript = ["headline", "call"]\n'
    )
    sample_campaign(tmp_path, languages=("es",), spots=spots)
    number = spoken_number("1-888-373-7888", "en")

    def said() -> dict[str, int]:
        campaign = load_campaign(config_path(tmp_path).parent)
        english = source_edition(campaign)
        return {s.id: " ".join(spot_script(english, s).segments).count(number) for s in campaign.spots}

    assert said() == {"10s": 1, "15s": 1, "30s": 2}  # once in a tag, twice from :20 up, always last
    with sample_config(tmp_path) as config:
        set_value(config, "delivery.number_repeats", {"10": 2, "30": 3})
    assert said() == {"10s": 2, "15s": 1, "30s": 3}


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("delivery.closing", "call", "delivery.closing = 'call' had no effect on spot 30s"),
        ("delivery.fill", ["number", "bed"], 'does not list "closing"'),
        ("delivery.mp2_bitrate", 128, "mp2_bitrate had no effect"),
        ("delivery.number_repeats", {"10": 1}, "for :10 had no effect"),
    ],
)
def test_a_setting_that_changes_nothing_gets_a_one_line_notice(tmp_path, key, value, says):
    from campaigngen.checks.settings import no_effect_findings

    sample_campaign(tmp_path, languages=("es",))
    assert no_effect_findings(load_campaign(config_path(tmp_path).parent)) == []  # the sample: all in effect
    with sample_config(tmp_path) as config:
        set_value(config, key, value)
    found = no_effect_findings(load_campaign(config_path(tmp_path).parent))
    assert len(found) == 1 and says in found[0].text and found[0].status == "warn", found
    assert "\n" not in found[0].text and found[0].check == "no-effect"


@pytest.mark.slow
def test_the_script_said_again_fills_a_minute_where_allowed(tmp_path, monkeypatch):
    """Four lines cannot fill a :60; with fill = [..., "script"] the whole script is said again,
    the composer says so (filled_with), and check and build agree."""
    monkeypatch.chdir(tmp_path)
    sample_campaign(
        tmp_path,
        languages=("es",),
        formats=(),  # the spot is the test: no flyer or share card, which nothing here reads
        share_cards=(),
        spots='[[spots]]\nid = "60s"\nseconds = 60\nscript = ["headline", "help", "free", "call", "again"]\n',
    )
    checked = run("check", "help-is-here", "--lang", "es", "--json")
    assert checked.exit_code == 1 and 'fill = [..., \\"script\\"]' in checked.stdout
    with sample_config(tmp_path) as config:
        set_value(config, "delivery.fill", ["number", "closing", "script"])
    assert run("check", "help-is-here", "--lang", "es").exit_code == 0
    assert run("build", "help-is-here", "--lang", "es").exit_code == 0
    out = tmp_path / "output" / "help-is-here"
    wav = next(a for a in json.loads((out / "manifest.json").read_text())["artifacts"] if a["kind"] == "audio")
    assert "script" in wav["filled_with"] and abs(wav["duration_s"] - 60.0) < 0.01
    sheet = (out / wav["path"]).with_name((out / wav["path"]).name.replace(".wav", "_script.txt")).read_text()
    assert sheet.count("¿Alguien le obliga a trabajar?") == 2  # said twice, as the sheet says
