"""The one-message text for SMS and WhatsApp (issue 31): counted as carriers count it, made of
the campaign's checked lines with its configured number and address, a discreet copy whose
first line gives nothing away, and the segment limit held by `check` and the build alike."""

from __future__ import annotations

import json

import pytest
from campaign_kit import add_waiver, sample_campaign, sample_config, set_translation
from cli_kit import cli_runner

from campaigngen.checks.sms import GSM_7, UCS_2, count
from campaigngen.cli import main

PHONE = "1-888-373-7888"
URL = "https://humantraffickinghotline.org"


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("Call 1-888-373-7888", GSM_7, 19, 1),
        ("a" * 160, GSM_7, 160, 1),
        ("a" * 161, GSM_7, 161, 2),
        ("a" * 306, GSM_7, 306, 2),  # two parts of 153
        ("a" * 307, GSM_7, 307, 3),
        ("€" * 80, GSM_7, 160, 1),  # the extension table: escape + character
        ("[x]", GSM_7, 5, 1),
        ("Ñandú", UCS_2, 5, 1),  # ú is not in the GSM alphabet (ù is)
        ("¿Dónde? ñ ü é", UCS_2, 13, 1),
        ("¿Donde? ñ ü é", GSM_7, 13, 1),
        ("ب" * 70, UCS_2, 70, 1),
        ("ب" * 71, UCS_2, 71, 2),
        ("ب" * 134, UCS_2, 134, 2),  # two parts of 67
        ("😀" * 35, UCS_2, 70, 1),  # outside the BMP: a surrogate pair, two units
        ("", GSM_7, 0, 0),
    ],
)
def test_counts_as_carriers_count(text, encoding, units, segments):
    counted = count(text)
    assert (counted.encoding, counted.units, counted.segments) == (encoding, units, segments)


def test_an_escaped_character_or_a_surrogate_pair_is_never_split_between_parts():
    # 152 + 2 + 152 septets: a naive count says 2 parts; the euro sign cannot straddle them.
    assert count("a" * 152 + "€" + "a" * 152).segments == 3
    assert count("ب" * 66 + "😀" + "ب" * 66).segments == 3


def _run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es", "ar", "zh-Hans", "ru"), formats=("wallet",), spots=())
    result = _run("build", "help-is-here")
    assert result.exit_code == 0, result.stdout + result.stderr
    return tmp_path / "output" / "help-is-here"


@pytest.mark.slow
def test_every_language_gets_its_text_with_the_configured_number_and_address(built):
    from campaigngen.catalogs.load import localize
    from campaigngen.sources.campaign import load_campaign

    campaign = load_campaign(built.parents[1] / "content" / "help-is-here")
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    listed = {(a["language"], a["path"]): a for a in manifest["artifacts"] if a["kind"] == "text-message"}
    for tag in ("en", "es", "ar", "zh-Hans", "ru"):
        plain = (built / tag / "text-message.txt").read_text(encoding="utf-8")
        discreet = (built / tag / "text-message-discreet.txt").read_text(encoding="utf-8")
        localized = localize(campaign, tag)
        lines = plain.splitlines()
        assert lines[0] == localized.text("headline"), tag
        assert lines[-1] == URL and PHONE in plain and plain.count(PHONE) == 1, tag
        # The discreet copy opens with the ordinary line and never says the headline.
        assert discreet.splitlines()[0] == localized.text("discreet"), tag
        assert localized.text("headline") not in discreet and PHONE in discreet, tag
        entry = listed[(tag, f"{tag}/text-message.txt")]
        counted = count(plain.rstrip("\n"))
        assert (entry["encoding"], entry["units"], entry["segments"]) == (
            counted.encoding,
            counted.units,
            counted.segments,
        ), tag
        assert counted.segments <= 2, tag  # the sample allows two
    assert listed[("en", "en/text-message.txt")]["encoding"] == GSM_7
    assert listed[("ar", "ar/text-message.txt")]["encoding"] == UCS_2


@pytest.mark.slow
def test_a_text_over_its_segments_fails_check_and_publish_alike_and_a_waiver_accepts_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    with sample_config(tmp_path) as config:
        config["text_message"]["segments"] = 1
    checked = _run("check", "help-is-here")
    assert checked.exit_code == 1
    failing = [line for line in checked.stdout.splitlines() if "text-message" in line]
    assert failing and all(line.split()[0] == "es" for line in failing), checked.stdout
    assert "2 SMS segments" in checked.stdout and "text-message.txt" in checked.stdout
    assert "125 UCS-2 characters" in checked.stdout  # the accents make Spanish UCS-2
    refused = _run("publish", "help-is-here", "--version", "1")
    assert refused.exit_code == 1 and not (tmp_path / "releases" / "help-is-here" / "1").exists()
    with sample_config(tmp_path) as config:
        add_waiver(config, "text-message", language="es", reason="Two SMS are fine on our plan.")
    assert _run("check", "help-is-here").exit_code == 0
    published = _run("publish", "help-is-here", "--version", "2")
    assert published.exit_code == 0, published.stdout + published.stderr
    release = tmp_path / "releases" / "help-is-here" / "2"
    assert (release / "es" / "text-message.txt").read_text(encoding="utf-8").count(PHONE) == 1
    # The bundle for phones: each text under its language's name, and a README that says which
    # copy to send to a watched phone and how each one counts.
    bundle = release / "digital"
    assert sorted(p.name for p in (bundle / "texts").iterdir()) == [
        "en-discreet.txt",
        "en.txt",
        "es-discreet.txt",
        "es.txt",
    ]
    assert (bundle / "texts" / "es.txt").read_bytes() == (release / "es" / "text-message.txt").read_bytes()
    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    assert "lock" in readme and "tracking" in readme
    assert any(row.split()[:4] == ["texts/es.txt", "UCS-2", "125", "2"] for row in readme.splitlines()), readme
    sums = (bundle / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(f"texts/{name}" in sums for name in ("en.txt", "es.txt", "en-discreet.txt", "es-discreet.txt"))
    assert (release / "digital.zip").is_file()
    page = (release / "index.html").read_text(encoding="utf-8")
    assert "Text message" in page and "Llame al" in page and "125 UCS-2 characters · 2 SMS" in page
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert "digital" in {bundle["name"] for bundle in manifest["bundles"]}


@pytest.mark.slow
def test_an_unfinished_language_sends_a_text_marked_draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    set_translation(tmp_path, "es", "call", "Llame al {phone}", fuzzy=True)
    _run("build", "help-is-here")
    text = (tmp_path / "output" / "help-is-here" / "es" / "text-message.txt").read_text(encoding="utf-8")
    assert text.startswith("[DRAFT] ")


def test_a_discreet_message_that_does_not_exist_is_named_where_it_is_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    with sample_config(tmp_path) as config:
        config["text_message"]["discreet"] = "discret"
    result = _run("check", "help-is-here")
    assert result.exit_code == 2
    assert "text_message.discreet" in result.stderr and "did you mean 'discreet'" in result.stderr
