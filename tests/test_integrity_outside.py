"""Hostile edits written outside the team's lists (issue 22, tests/data/integrity/attacks-outside.toml):
each must be caught by the specific finding that names what it adds, by rules that flag none of
the project's honest text (tests/honest_text.py: the reading-level corpora, every catalog, the
honest translations). benchmarks/integrity_classes.py prints the table by class."""

from __future__ import annotations

import json

import pytest
from attack_corpus import Attack, attacks, campaign_with_attacks
from campaign_kit import translated_edition
from cli_kit import cli_runner
from honest_text import honest_texts

from campaigngen.checks.integrity import contact_findings, homoglyph_findings, integrity_findings
from campaigngen.cli import main
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.languages import parse_language

OUTSIDE = attacks("attacks-outside.toml")
CAUGHT_BY = ("contact-injection", "invisible-characters")
# Not caught yet, and why (the test fails when one starts being caught: move it out then).
GAPS: dict[tuple[str, str], str] = {}


def _params():
    for attack in OUTSIDE:
        gap = GAPS.get((attack.language, attack.kind))
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        yield pytest.param(attack, id=str(attack), marks=marks)


@pytest.fixture(scope="module")
def campaign():
    from attack_corpus import CORPUS

    return load_campaign(CORPUS.parents[2] / "content" / "help-is-here")


def caught(campaign, attack: Attack) -> bool:
    found = [
        f
        for f in integrity_findings(translated_edition(campaign, attack.language, attack.translations))
        if f.check in CAUGHT_BY and (f.language, f.message_id) == attack.slot and f.severity == "error"
    ]
    return bool(found) and all(any(name in f.text for f in found) for name in attack.names)


def test_the_outside_corpus_is_broad():
    assert len(OUTSIDE) >= 80
    assert len({a.language for a in OUTSIDE}) >= 15
    assert len({a.kind for a in OUTSIDE}) >= 14
    for round_ in {a.round for a in OUTSIDE}:
        slots = [s for a in OUTSIDE if a.round == round_ for s in [a.slot, *((a.language, m) for m, _ in a.parts)]]
        assert len(slots) == len(set(slots)), f"one attack per language and message in round {round_}"


@pytest.mark.parametrize("attack", list(_params()))
def test_each_outside_attack_is_caught_by_its_specific_finding(campaign, attack):
    assert caught(campaign, attack), attack


def test_no_honest_text_the_project_has_is_flagged():
    """1,939 texts: the reading-level corpora, every catalog (the new languages' too), the
    forty-language message drafts and the honest translations."""
    texts = list(honest_texts())
    assert len(texts) >= 1200
    flagged = []
    for honest in texts:
        try:
            script = parse_language(honest.language).script
        except ValueError:
            script = "Latn"
        findings = contact_findings(honest.language, "m", honest.source, honest.text) + [
            f for f in homoglyph_findings(honest.language, "m", honest.text, script) if f.severity == "error"
        ]
        if findings:
            flagged.append((honest.origin, findings[0].text))
    assert flagged == []


@pytest.mark.slow
@pytest.mark.parametrize("round_", sorted({a.round for a in OUTSIDE}))
def test_campaigngen_check_catches_the_outside_corpus_from_the_po_files(tmp_path, monkeypatch, round_):
    monkeypatch.chdir(tmp_path)
    corpus = [a for a in OUTSIDE if a.round == round_]
    campaign_with_attacks(tmp_path, corpus)
    result = cli_runner().invoke(main, ["check", "help-is-here", "--json"])
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    missed = []
    for attack in corpus:
        found = [
            f
            for f in findings
            if (f["language"], f["message_id"]) == attack.slot and f["check"] in CAUGHT_BY and f["status"] == "fail"
        ]
        if not (found and all(any(name in f["text"] for f in found) for name in attack.names)):
            missed.append((attack.language, attack.kind))
    assert sorted(missed) == sorted(
        gap for gap in GAPS if any(a.round == round_ and (a.language, a.kind) == gap for a in corpus)
    )
