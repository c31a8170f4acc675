"""A spot too long because the voice says its digits slowly says so, and names the fix: the
voice's rate_scale in the language registry, not fewer words. espeak-ng's Tigrinya took 11.2 s
for the eleven digits of the hotline; the finding said only "shorten the script"."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from campaigngen.catalogs.load import localize
from campaigngen.exceptions import SpotTooLong
from campaigngen.renderers.radio import preset_named
from campaigngen.renderers.radio.compose import SLOW_DIGITS, compose
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.registry import builtin_registry, use_languages
from campaigngen.sources.spots import SpotSpec

SAMPLE = load_campaign(Path(__file__).resolve().parents[1] / "content" / "help-is-here")


def _too_long(tag: str) -> SpotTooLong:
    """The sample's 30 s script booked as a :10, which no voice can say in 10 s."""
    localized = localize(SAMPLE, tag)
    spot = SpotSpec("10s", 10, SAMPLE.spots[0].script)
    with pytest.raises(SpotTooLong) as refused:
        compose(localized, spot, preset_named(localized, None))
    return refused.value


@pytest.fixture
def faster_tigrinya():
    entry = builtin_registry()["ti"]
    use_languages({"ti": dataclasses.replace(entry, voice=dataclasses.replace(entry.voice, rate_scale=2.0))})
    yield
    use_languages({})


def test_slow_digits_name_the_voices_rate_scale():
    refused = _too_long("ti")
    number = refused.detail["number"]
    assert number["digits"] == 22  # the number said twice
    assert number["per_digit_s"] >= SLOW_DIGITS * number["plain_s"]
    message = refused.format_message()
    assert "rate_scale under [ti.voice] in languages.toml (now 1.3)" in message
    assert message.index("rate_scale") < message.index("shorten the script")


def test_a_voice_with_plain_digits_is_told_to_shorten_the_script():
    refused = _too_long("es")
    assert "number" not in refused.detail and "rate_scale" not in refused.format_message()
    assert "shorten the script" in refused.format_message()


def test_the_fix_it_names_is_the_fix(faster_tigrinya):
    """With the rate_scale raised, the same digits are said in plain time and the finding no
    longer blames them (the script is still too long for a :10)."""
    refused = _too_long("ti")
    assert "number" not in refused.detail and "rate_scale" not in refused.format_message()
