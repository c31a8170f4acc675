"""Configuration declared once: a setting added to the declaration is checked by the loader,
shown on the studio's form and written into `campaigngen new`'s template; a renamed or
deprecated setting still loads, with one notice; every file's mistakes come out together,
each with its line."""

from __future__ import annotations

import re

import pytest
from campaign_kit import config_path, sample_campaign
from cli_kit import cli_runner
from conftest import MINIMAL, write_campaign

from campaigngen.cli import main
from campaigngen.exceptions import InputError, InvalidCampaign, InvalidConfig
from campaigngen.sources import campaign_schema
from campaigngen.sources.campaign import campaign_from_bytes, load_campaign
from campaigngen.sources.scaffold import scaffold_text
from campaigngen.sources.schema import INVALID, Choice, Pass, Renamed, Text


def run(*args: str):
    result = cli_runner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.fixture
def marks(monkeypatch):
    """A new setting, declared once: [print] marks, the printer's marks a press wants."""
    option = Choice(
        ("none", "crop", "crop+bleed"),
        "the printer's marks on press PDFs",
        default="none",
        example="crop",
        says={"choice": ("print.marks is '{value}'", "use none, crop or crop+bleed")},
    )
    monkeypatch.setitem(campaign_schema.PRINT.options, "marks", option)
    return option


# --------------------------------------------------------------------------- one entry, three places


def test_a_new_setting_is_checked_by_the_loader_with_its_line(tmp_path, monkeypatch, marks):
    body = MINIMAL + '\n[print]\nmarks = "trim"\n'
    write_campaign(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    result = run("check", "demo")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and line.endswith(
        f"content/demo/campaign.toml:{line_of(body, 'marks')}: print.marks is 'trim' - use none, crop or crop+bleed"
    )
    write_campaign(tmp_path, body.replace('"trim"', '"crop"'))
    load_campaign("demo")  # a value it allows loads
    write_campaign(tmp_path, body.replace("marks =", "mraks ="))
    with pytest.raises(InputError, match=r"unknown setting 'print.mraks' - did you mean 'marks'\?"):
        load_campaign("demo")


def test_a_new_setting_is_on_the_studio_form_and_saved_from_it(tmp_path, marks):
    pytest.importorskip("starlette", reason="the studio extra is not installed")
    from studio_helpers import CAMPAIGN, form_fields, studio_client

    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots="")
    before = config_path(tmp_path).read_text(encoding="utf-8")
    with studio_client(tmp_path) as client:
        page = client.get(f"/c/{CAMPAIGN}/settings").text
        assert re.search(r'<select name="print.marks">.*<option value="crop"', page, re.S)
        assert "The printer&#39;s marks on press PDFs" in page  # its doc is its label
        fields = form_fields(page, f"/c/{CAMPAIGN}/settings")
        assert fields["print.marks"] == "none"  # the default, as the file has none
        fields["print.marks"] = "crop+bleed"
        response = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
        assert response.status_code == 303, response.text
        after = config_path(tmp_path).read_text(encoding="utf-8")
        assert after.startswith(before)  # every line kept; the new table added at the end
        assert after[len(before) :].split() == ["[print]", "marks", "=", '"crop+bleed"']
        fields["print.marks"] = "trim"  # a value the loader refuses: shown beside the field, nothing written
        fields["sha256"] = re.search(
            r'name="sha256" value="([0-9a-f]{64})"', client.get(f"/c/{CAMPAIGN}/settings").text
        )[1]
        refused = client.post(f"/c/{CAMPAIGN}/settings", data=fields)
        assert refused.status_code == 422 and config_path(tmp_path).read_text(encoding="utf-8") == after
        near = refused.text[refused.text.index('name="print.marks"') :][:1500].replace("&#39;", "'")
        assert "print.marks is 'trim'" in near


def test_a_new_setting_is_in_the_new_template(tmp_path, monkeypatch, marks):
    text = scaffold_text("laundromat", ["es"])
    marks_line = next(line for line in text.splitlines() if "marks" in line)
    assert re.fullmatch(r'# marks = "crop"\s+# the printer\'s marks on press PDFs', marks_line)
    monkeypatch.chdir(tmp_path)
    assert run("new", "laundromat").exit_code == 0  # the template still loads


def test_every_example_in_the_declaration_is_a_value_its_setting_accepts():
    for path, option in campaign_schema.CAMPAIGN.walk():
        if option.example is None or isinstance(option.example, type(INVALID)):
            continue
        run_ = Pass()
        assert option.read(option.example, path, {}, run_) is not INVALID, (path, run_.problems)
        assert not run_.problems, (path, run_.problems)


# --------------------------------------------------------------------------- renamed and deprecated


@pytest.fixture
def renamed(monkeypatch):
    """flyer.qr_caption was once flyer.qr_text; radio.channels moved to delivery.channels."""
    monkeypatch.setitem(campaign_schema.FLYER.options, "qr_text", Renamed("qr_caption"))
    monkeypatch.setitem(campaign_schema.RADIO.options, "channels", Renamed("delivery.channels"))


def test_a_renamed_setting_loads_an_old_file_with_one_notice(tmp_path, monkeypatch, renamed):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",))
    old = config_path(tmp_path).read_text(encoding="utf-8").replace('qr_caption = "scan"', 'qr_text = "scan"')
    config_path(tmp_path).write_text(old, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = run("status", "help-is-here")
    assert first.exit_code == 0, first.stderr
    notice = (
        f"content/help-is-here/campaign.toml:{line_of(old, 'qr_text')}: 'flyer.qr_text' is now called "
        "'flyer.qr_caption' - rename it; the old name still works"
    )
    [line] = first.stderr.splitlines()
    assert line.startswith("notice: ") and line.endswith(notice)
    campaign = load_campaign("help-is-here")
    assert campaign.flyer.qr_caption == "scan" and campaign.notices == (line.removeprefix("notice: "),)
    assert "notice" not in run("status", "help-is-here").stderr  # once per run


def test_a_renamed_setting_is_checked_at_its_old_line(tmp_path, renamed):
    body = MINIMAL.replace('action = ["call"]', 'action = ["call"]\nqr_text = "nowhere"') + "\n[radio]\nchannels = 3\n"
    with pytest.raises(InvalidCampaign) as caught:
        campaign_from_bytes(tmp_path / "campaign.toml", body.encode())
    problems = [(p.line, p.problem) for p in caught.value.problems]
    assert problems == [
        (line_of(body, "qr_text"), "'flyer.qr_caption' names message 'nowhere', which does not exist"),
        (line_of(body, "channels"), "'delivery.channels' must be text in quotes, not a number"),
    ]


def test_old_and_new_names_together_are_a_mistake(tmp_path, renamed):
    body = MINIMAL.replace('action = ["call"]', 'action = ["call"]\nqr_caption = "call"\nqr_text = "call"')
    with pytest.raises(InputError) as caught:
        campaign_from_bytes(tmp_path / "campaign.toml", body.encode())
    assert caught.value.line == line_of(body, "qr_text")
    assert "'flyer.qr_text' is the old name of 'flyer.qr_caption', which is set too" in caught.value.problem


def test_a_deprecated_setting_loads_with_one_notice(tmp_path, monkeypatch):
    monkeypatch.setitem(
        campaign_schema.PRINT.options,
        "screen",
        Text("a halftone screen", deprecated="the shop chooses the screen; remove it"),
    )
    body = MINIMAL + '\n[print]\nscreen = "150 lpi"\n'
    write_campaign(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    result = run("status", "demo")
    assert result.exit_code == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("notice: ") and line.endswith(
        f"content/demo/campaign.toml:{line_of(body, 'screen')}: 'print.screen' is deprecated - "
        "the shop chooses the screen; remove it"
    )


def test_the_studio_shows_the_notice(tmp_path, renamed):
    pytest.importorskip("starlette", reason="the studio extra is not installed")
    from studio_helpers import CAMPAIGN, studio_client, text_of

    sample_campaign(tmp_path, languages=("es",), formats=("letter",), spots="")
    path = config_path(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("qr_caption =", "qr_text ="), encoding="utf-8")
    with studio_client(tmp_path) as client:
        page = text_of(client.get(f"/c/{CAMPAIGN}/settings").text)
    assert "'flyer.qr_text' is now called 'flyer.qr_caption' - rename it" in page


# --------------------------------------------------------------------------- every mistake, in line order


def test_mistakes_at_every_depth_come_out_together_in_line_order(tmp_path):
    body = (
        MINIMAL.replace('region = "US"', "")
        .replace("[contact]", '[contact]\nregoin = "US"')
        .replace("max_length = 60", "max_lenght = 60")
        .replace("seconds = 10", "seconds = 10\nscirpt = []")
        + '\n[brand.colours]\nband = "navy"\n'
    )
    with pytest.raises(InvalidCampaign) as caught:
        campaign_from_bytes(tmp_path / "campaign.toml", body.encode())
    found = [(p.line, p.problem, p.hint) for p in caught.value.problems]
    assert [line for line, _, _ in found] == sorted(line for line, _, _ in found)
    assert (line_of(body, "regoin"), "unknown setting 'contact.regoin'", "did you mean 'region'?") in found
    assert (
        line_of(body, "max_lenght"),
        "unknown setting 'messages.headline.max_lenght'",
        "did you mean 'max_length'?",
    ) in found
    assert (line_of(body, "scirpt"), "unknown setting 'spots.0.scirpt'", "did you mean 'script'?") in found
    assert (
        line_of(body, "band ="),
        'brand.colours.band must be a colour like "#12345b"',
        "write it as # and six hexadecimal digits",
    ) in found


def test_a_value_with_hidden_characters_is_named_not_echoed(tmp_path):
    body = MINIMAL + '\n[print]\ncolour = "cm\u202eyk"\n'
    with pytest.raises(InputError) as caught:
        campaign_from_bytes(tmp_path / "campaign.toml", body.encode())
    assert "\u202e" not in caught.value.format_message()
    assert "'print.colour' contains invisible, control or direction characters (U+202E" in caught.value.problem


# --------------------------------------------------------------------------- the other files


def test_every_mistake_in_fonts_toml_has_its_line(tmp_path):
    from campaigngen.sources.fonts import MANIFEST_PATH, load_manifest

    text = (
        MANIFEST_PATH.read_text(encoding="utf-8")
        .replace("index = 2", "index = -1", 1)
        .replace('bold = "NotoSansThai-Bold.ttf"', 'bodl = "NotoSansThai-Bold.ttf"')
        .replace('Latn = ["latin"]', 'Latn = ["latn"]')
    )
    (tmp_path / "fonts.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidConfig) as caught:
        load_manifest(tmp_path / "fonts.toml")
    found = {(p.line, p.problem) for p in caught.value.problems}
    assert found == {
        (line_of(text, "[families.thai]"), "font family 'thai' has no bold face"),
        (line_of(text, "bodl ="), "unknown setting 'families.thai.bodl'"),
        (
            line_of(text, "index = -1"),
            'families.cjk-sc.regular must be a file name, or { file = "...", index = N } with a whole number N >= 0',
        ),
        (line_of(text, "Latn ="), "script Latn names font family 'latn', which is not defined"),
    }


def test_a_languages_toml_in_the_registrys_schema_is_read_or_refused_line_by_line(tmp_path):
    from campaigngen.sources.registry import REGISTRY_PATH, read_registry, registry

    assert read_registry(REGISTRY_PATH) == registry()
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    es = text.index("[es]")
    broken = text[:es] + text[es:].replace('line_breaking = "uax14"', 'line_breaking = "uax41"', 1)
    broken = broken.replace('digits = ["cero", "uno", ', 'digits = ["uno", ', 1).replace("[es.voice]", "[es.voise]", 1)
    (tmp_path / "languages.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidConfig) as caught:
        read_registry(tmp_path / "languages.toml")
    found = [(p.line, p.problem, p.hint) for p in caught.value.problems]
    assert found == [
        (line_of(broken, "uax41"), "'es.line_breaking' is 'uax41'", "did you mean 'uax14'?"),
        (line_of(broken, '["uno"'), "'es.spoken.digits' must list ten words, for 0 to 9", None),
        (line_of(broken, "[es.voise]"), "unknown setting 'es.voise'", "did you mean 'voice'?"),
    ]
