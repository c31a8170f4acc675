"""Waivers bound to what they accepted (issue 22): a waiver covers the text a person looked at,
never a different text typed later under the same check, language and message."""

from __future__ import annotations

import json

import pytest
from campaign_kit import add_waiver, config_path, sample_campaign, sample_config, set_translation
from cli_kit import cli_runner

from campaigngen.cli import main

ADDED = "Otra vez: {phone} o 555-0100"  # the radio-only line, with a number of its own
CHANGED = "Otra vez: {phone} o 555-0199"  # typed later: another number


def run(*args: str):
    return cli_runner().invoke(main, list(args))


def findings(result) -> dict[str, dict]:
    return {f["check"]: f for f in json.loads(result.stdout)["findings"] if f["message_id"] == "again"}


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("es",), formats=("wallet",))
    return tmp_path


LONG = "Otra vez, por favor, llámenos ya al {phone}"  # over the line's 40 characters
LONGER = "Otra vez, por favor, llámenos hoy al {phone}"  # typed later: another text, also too long


@pytest.mark.slow
def test_a_waiver_stops_covering_a_radio_only_line_once_its_text_changes(root):
    set_translation(root, "es", "again", LONG)  # the test reviewer approves it (review_kit)
    before = run("check", "help-is-here", "--lang", "es", "--json")
    assert findings(before)["max-length"]["status"] == "fail"

    waived = run(
        "waive", "help-is-here", "--check", "max-length", "--lang", "es", "--message", "again",
        "--by", "Outreach lead", "--reason", "The station reads this line; it is not printed.",
    )  # fmt: skip
    assert waived.exit_code == 0, waived.stderr
    toml = config_path(root).read_text(encoding="utf-8")
    assert 'check = "max-length"' in toml and "accepted_sha256 = " in toml
    accepted = run("check", "help-is-here", "--lang", "es", "--json")
    assert accepted.exit_code == 0, accepted.stdout
    assert findings(accepted)["max-length"]["status"] == "waived"

    set_translation(root, "es", "again", LONGER)  # approved again, by the same process's reviewer
    after = run("check", "help-is-here", "--lang", "es", "--json")
    assert after.exit_code == 1
    finding = findings(after)["max-length"]
    assert finding["status"] == "fail" and "accepted an earlier text, not this one" in finding["text"]
    published = run("publish", "help-is-here", "--lang", "es", "--version", "1")
    assert published.exit_code == 1 and not (root / "releases" / "help-is-here" / "1").exists()


@pytest.mark.slow
def test_a_number_added_to_a_radio_only_line_is_never_waived(root):
    """The issue's case: a number of its own in a line only the spot says. Its contact-injection
    finding may be waived; the spot's `number` finding may not, so it never airs."""
    set_translation(root, "es", "again", ADDED)
    waived = run(
        "waive", "help-is-here", "--check", "contact-injection", "--lang", "es", "--message", "again",
        "--by", "Outreach lead", "--reason", "Checked by phone.",
    )  # fmt: skip
    assert waived.exit_code == 0, waived.stderr
    checked = run("check", "help-is-here", "--lang", "es", "--json")
    assert checked.exit_code == 1
    found = findings(checked)
    assert found["contact-injection"]["status"] == "waived"
    assert found["number"]["status"] == "fail" and found["number"]["code"] == "number.spoken-extra"
    assert found["number"]["target"] == "30s" and "5550100" in found["number"]["text"]
    refused = run(
        "waive", "help-is-here", "--check", "number", "--lang", "es", "--by", "Outreach lead", "--reason", "x"
    )
    assert refused.exit_code == 2 and "cannot be waived" in refused.stderr


def test_a_waiver_from_before_binding_still_covers_and_asks_to_be_confirmed(root):
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.checks.findings import ERROR, Finding
    from campaigngen.release.gate import report_of
    from campaigngen.sources.campaign import load_campaign

    with sample_config(root) as config:
        add_waiver(config, "contact-injection", language="es", message="again")
    snapshot = take_snapshot(load_campaign(config_path(root).parent))
    finding = Finding("contact-injection", "es", "again", "adds a number", severity=ERROR, code="number.added")
    report = report_of(snapshot, [finding], ("integrity",))
    [waived] = [f for f in report.findings if f.code == "number.added"]
    assert waived.status == "waived"
    [notice] = [f for f in report.findings if f.code == "waiver.unbound"]
    assert notice.severity == "warning" and "campaigngen waive help-is-here --check contact-injection" in notice.text
    assert report.publishable


def test_a_bound_waiver_covers_only_its_text(root):
    """The rule at the level of the report: the same finding over another text is not covered."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.checks.findings import ERROR, Finding
    from campaigngen.release.gate import report_of
    from campaigngen.release.waiving import finding_subject
    from campaigngen.sources.campaign import load_campaign

    set_translation(root, "es", "again", ADDED)
    folder = config_path(root).parent
    finding = Finding("contact-injection", "es", "again", "adds a number", severity=ERROR, code="number.added")
    accepted = finding_subject(take_snapshot(load_campaign(folder)), finding)
    with sample_config(root) as config:
        add_waiver(config, "contact-injection", language="es", message="again", accepted_sha256=accepted)
    covered = report_of(take_snapshot(load_campaign(folder)), [finding], ("integrity",))
    assert covered.publishable and not [f for f in covered.findings if f.code == "waiver.unbound"]
    set_translation(root, "es", "again", CHANGED)
    uncovered = report_of(take_snapshot(load_campaign(folder)), [finding], ("integrity",))
    assert not uncovered.publishable


def test_waive_refuses_what_cannot_be_waived_or_is_not_failing(root):
    refused = run("waive", "help-is-here", "--check", "review", "--lang", "es", "--by", "A", "--reason", "B")
    assert refused.exit_code == 2 and "cannot be waived" in refused.stderr
    nothing = run("waive", "help-is-here", "--check", "glyphs", "--lang", "es", "--by", "A", "--reason", "B")
    assert nothing.exit_code == 2 and "no failing 'glyphs' finding for es to waive" in nothing.stderr
    assert "[[waivers]]" not in config_path(root).read_text(encoding="utf-8")


def test_an_accepted_hash_that_is_not_one_is_a_clear_error(root):
    with sample_config(root) as config:
        add_waiver(config, "glyphs", language="es", accepted_sha256="abc")
    result = run("check", "help-is-here", "--lang", "es")
    assert result.exit_code == 2 and "accepted_sha256 that is not a SHA-256" in result.stderr
