"""A language no corpus calibrated gets one reading-level error, cleared only by a named
waiver; the person who reads the text gets numbers to judge by beside it: the flyer's own
sentence and word lengths, and what the calibrated languages of the same script allow."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from campaigngen.catalogs.load import localize
from campaigngen.checks.findings import ERROR
from campaigngen.checks.readability.measures import sentence_measures
from campaigngen.checks.readability.print_check import print_findings, script_advice
from campaigngen.checks.readability.resolve import profile_for
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.registry import registry

SAMPLE = load_campaign(Path(__file__).resolve().parents[1] / "content" / "help-is-here")


def _uncalibrated(localized):
    found = print_findings(localized)
    assert [f.code for f in found if f.severity == ERROR] == ["reading.uncalibrated"]
    return next(f for f in found if f.code == "reading.uncalibrated")


def test_the_flyers_own_lengths_beside_its_scripts_calibrated_languages():
    mam = localize(SAMPLE, "mam")
    finding = _uncalibrated(mam)
    advice = finding.detail["advice"]
    printed = [s for mid in mam.flyer_message_ids for s in sentence_measures(mam.text(mid), "mam")]
    assert advice["longest"] == max(s.word_count for s in printed)
    latin = {t for t, e in registry().items() if e.script == "Latn" and profile_for(t).calibration and t != "mam"}
    assert set(advice["languages"]) == latin and len(latin) >= 10
    assert advice["text"] in finding.text and not advice["over"]


def test_a_sentence_longer_than_its_script_allows_anywhere_is_said_so_and_still_one_error():
    mam = localize(SAMPLE, "mam")
    long = " ".join([mam.text("help").rstrip(".")] * 12) + "."
    edition = dataclasses.replace(mam, texts={**mam.texts, "help": long})
    advice = _uncalibrated(edition).detail["advice"]
    assert advice["over"] and "longer than any of them allows" in advice["text"]


def test_karen_is_compared_with_burmese_in_syllables():
    advice = _uncalibrated(localize(SAMPLE, "ksw")).detail["advice"]
    assert advice["languages"] == ["my"] and advice["unit"] == "syllables"
    assert "Burmese, the calibrated language in its script, allows" in advice["text"]


def test_a_script_without_a_calibrated_language_gives_the_measures_alone():
    karen = profile_for("ksw")
    lonely = dataclasses.replace(karen, unit="words")  # no calibrated Myanmar-script language counts words
    sentences = list(sentence_measures("ပှၤတဂၤ ဒုးမၤတၢ်နၤ ဖဲနသးတအဲၣ်ဒိးဘၣ်ဧါ?", "ksw"))
    advice = script_advice(lonely, "ksw", sentences)
    assert advice["languages"] == [] and "no calibrated language is written in its script" in advice["text"]
    assert script_advice(karen, "ksw", []) == {}
