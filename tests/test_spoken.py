"""The spoken script: the number digit by digit in the listener's language, twice, last."""

from __future__ import annotations

import pytest
from radio_kit import localized, write_campaign

from campaigngen.catalogs.spoken import (
    GROUP_BREAK,
    UnknownDigitWords,
    digit_groups,
    digit_words_table,
    spell_digits,
    spoken_number,
    spot_script,
)
from campaigngen.sources.languages import CORE_LANGUAGES, parse_language
from campaigngen.sources.registry import registry

EXPECTED_FIRST_FOUR = {  # 1-888: one eight eight eight
    "es": "uno, ocho, ocho, ocho",
    "vi": "một – tám, tám, tám",
    "fr": "un – huit, huit, huit",
    "ar": "وَاحِد – ثَمَانِيَة، ثَمَانِيَة، ثَمَانِيَة",
}


@pytest.fixture(scope="module")
def campaign_dir(tmp_path_factory):
    return write_campaign(tmp_path_factory.mktemp("campaign"))


def test_groups_follow_the_number():
    assert digit_groups("1-888-373-7888") == ["1", "888", "373", "7888"]
    assert digit_groups("233733") == ["233", "733"]
    assert digit_groups("5551234") == ["555", "1234"]
    assert digit_groups("+44 20 7946 0958") == ["44", "20", "7946", "0958"]


@pytest.mark.parametrize("tag", ["es", "vi", "fr", "ar"])
def test_script_says_the_number_digit_by_digit_in_the_language(campaign_dir, tag):
    script = spot_script(localized(campaign_dir, tag), localized(campaign_dir, tag).campaign.spots[0])
    words = digit_words_table()[tag]
    spelled = spoken_number("1-888-373-7888", tag)
    # Said twice, and the script ends with it.
    assert script.text.count(spelled) == 2
    assert script.segments[-1].rstrip(".。").endswith(spelled)
    # No numerals left for an engine to read as "one thousand eight hundred".
    assert not any(ch.isdigit() for ch in script.text if ch.isascii())
    assert spell_digits("1-888-373-7888", tag) == [words[int(d)] for d in "18883737888"]
    compact = script.text.replace(GROUP_BREAK, ", " if tag != "ar" else "، ")
    if tag == "es":
        assert "uno, ocho, ocho, ocho, tres, siete, tres, siete, ocho, ocho, ocho" in compact
    assert EXPECTED_FIRST_FOUR[tag].replace(GROUP_BREAK, ", " if tag != "ar" else "، ") in compact


def test_every_core_language_has_ten_digit_words_in_its_own_script():
    for tag in CORE_LANGUAGES:
        words = spell_digits("0123456789", tag)
        assert len(words) == 10 and len(set(words)) == 10, tag
        if registry()[tag].script != "Latn":
            assert not any("a" <= ch.lower() <= "z" for w in words for ch in w), tag


def test_unknown_language_is_refused_not_read_in_english():
    with pytest.raises(UnknownDigitWords):
        spell_digits("911", "de")


def test_number_is_appended_when_the_script_does_not_end_with_it(tmp_path):
    folder = write_campaign(tmp_path / "c", script=("headline", "call", "help"))
    loc = localized(folder, "es")
    script = spot_script(loc, loc.campaign.spots[0])
    spelled = spoken_number("1-888-373-7888", "es")
    assert script.segments[:3] == (
        "¿Alguien le obliga a trabajar?",
        f"Llame al {spelled}",
        "Usted puede recibir ayuda.",
    )
    assert script.segments[-1] == f"Llame al {spelled}"
    assert script.text.count(spelled) == 2


def test_number_said_once_is_said_twice(tmp_path):
    folder = write_campaign(tmp_path / "c", script=("headline", "call"))
    loc = localized(folder, "en")
    script = spot_script(loc, loc.campaign.spots[0])
    assert script.text.count(spoken_number("1-888-373-7888", "en")) == 2
    assert script.segments[-1].startswith("Call one")


def test_url_messages_are_left_out_of_speech(tmp_path):
    folder = write_campaign(
        tmp_path / "c",
        script=("headline", "web", "call", "again"),
        extra_messages='[messages.web]\ntext = "Visit {url}"\n',
    )
    loc = localized(folder, "en")
    script = spot_script(loc, loc.campaign.spots[0])
    assert "example" not in script.text and len(script.segments) == 3


def test_word_count_counts_each_digit(campaign_dir):
    loc = localized(campaign_dir, "en")
    script = spot_script(loc, loc.campaign.spots[0])
    # 6 + 4 + 6 + (1 + 11) + (2 + 11): every spoken digit is a word.
    assert script.word_count == 41
    zh = spoken_number("1-888", "zh-Hans")
    assert zh == "一 – 八、八、八"


def test_script_works_for_every_core_language(campaign_dir):
    for tag in CORE_LANGUAGES:
        loc = localized(campaign_dir, tag)
        loc = type(loc)(campaign=loc.campaign, language=parse_language(tag), texts=loc.texts, status=loc.status)
        script = spot_script(loc, loc.campaign.spots[0])
        assert script.text.count(spoken_number("1-888-373-7888", tag)) == 2, tag


def test_translator_typography_is_kept_and_the_number_is_spaced_off(tmp_path):
    folder = write_campaign(tmp_path / "c", script=("headline", "call"))
    loc = localized(folder, "fr", {"call": "Appelez le {phone}.", "headline": "Quelqu'un vous force à travailler ?"})
    script = spot_script(loc, loc.campaign.spots[0])
    assert script.segments[0] == "Quelqu'un vous force à travailler ?"  # French space before "?" kept
    assert script.segments[1] == f"Appelez le {spoken_number('1-888-373-7888', 'fr')}."
    zh = localized(folder, "zh-Hans", {"call": "请拨打{phone}。"})
    assert spot_script(zh, zh.campaign.spots[0]).segments[1] == f"请拨打 {spoken_number('1-888-373-7888', 'zh-Hans')}。"
