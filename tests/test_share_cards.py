"""Share cards (issue 31): a square and a story PNG per language, drawn by the flyers' page
plan, read back as a receiver would (the QR decoded from the card as posted, the number read
by OCR), the story's top and bottom left to the app, alt text beside each card, and the
QR code a setting."""

from __future__ import annotations

import json

import numpy as np
import pytest
from campaign_kit import sample_campaign, sample_config
from cli_kit import cli_runner
from flyer_measure import tesseract_text
from PIL import Image, ImageOps

from campaigngen.catalogs.snapshot import take_snapshot
from campaigngen.checks.qr import decode_qr
from campaigngen.cli import main
from campaigngen.renderers.flyer.card import CARD_FORMATS, card_fit_findings, render_share_cards
from campaigngen.sources.campaign import load_campaign

PHONE = "1-888-373-7888"
URL = "https://humantraffickinghotline.org"
LANGUAGES = ("ar", "zh-Hans", "hi", "th")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    folder = sample_campaign(tmp_path_factory.mktemp("cards"), languages=LANGUAGES, formats=("wallet",), spots=())
    return take_snapshot(load_campaign(folder))


@pytest.fixture(scope="module")
def cards(snapshot, tmp_path_factory):
    out = tmp_path_factory.mktemp("cards-out")
    return {tag: render_share_cards(snapshot.edition(tag), out / tag) for tag in ("en", *LANGUAGES)}


def _card(cards, tag, name):
    return next(a for a in cards[tag] if a.format == name and a.path.suffix == ".png")


@pytest.mark.parametrize("tag", ["en", *LANGUAGES])
def test_every_card_has_its_size_and_its_qr_code_reads_the_configured_address(cards, tag):
    for name, card in CARD_FORMATS.items():
        artifact = _card(cards, tag, name)
        with Image.open(artifact.path) as image:
            assert image.size == card.size
        assert decode_qr(artifact.path) == [URL], (tag, name)  # the whole card, as a phone's camera sees it
        assert artifact.facts.qr_decoded and artifact.facts.qr == URL


@pytest.mark.parametrize("tag", ["en", "ar", "hi"])
def test_tesseract_reads_the_number_off_each_card(cards, tag):
    for name in CARD_FORMATS:
        with Image.open(_card(cards, tag, name).path) as image:
            # The number is white on the panel colour: inverted, it is dark on light, as OCR reads best.
            inverted = ImageOps.invert(image.convert("L"))
        text = tesseract_text(inverted, psm=11)
        assert PHONE in text, (tag, name, text)


@pytest.mark.parametrize("tag", ["en", *LANGUAGES])
def test_the_story_leaves_its_top_and_bottom_to_the_app(cards, tag):
    story = CARD_FORMATS["card-story"]
    with Image.open(_card(cards, tag, "card-story").path) as image:
        pixels = np.asarray(image.convert("L"))
    top, bottom = pixels[: story.safe_top], pixels[story.size[1] - story.safe_bottom :]
    assert (top == top[0, 0]).all() and (bottom == bottom[0, 0]).all(), tag
    # ... and what is between them is not empty.
    assert (pixels[story.safe_top : story.size[1] - story.safe_bottom] < 128).any()


def test_the_number_is_the_largest_type_on_every_card(cards):
    for tag in ("en", *LANGUAGES):
        for name in CARD_FORMATS:
            facts = _card(cards, tag, name).facts
            assert facts.number_px >= 100, (tag, name)  # a tenth of the card's width, and more
            assert facts.min_text_px >= 32 - 0.05, (tag, name)


def test_the_alt_text_says_what_the_card_says_with_the_configured_number_and_address(snapshot, cards):
    for tag in ("en", *LANGUAGES):
        localized = snapshot.edition(tag)
        for name in CARD_FORMATS:
            alt = next(a for a in cards[tag] if a.format == name and a.path.suffix == ".txt")
            text = alt.path.read_text(encoding="utf-8")
            lines = text.splitlines()
            assert lines[0] == localized.text("headline"), (tag, name)
            assert PHONE in text and lines[-1] == URL, (tag, name)
            assert "\u2066" not in text and "\u2069" not in text  # no invisible direction marks to read aloud
            assert alt.facts.card == f"{name}.png"


def test_without_the_qr_code_the_card_has_none_and_says_so(tmp_path):
    folder = sample_campaign(tmp_path, languages=("ar",), formats=("wallet",), spots=())
    with sample_config(tmp_path) as config:
        config["share_cards"] = {"shapes": ["square"], "qr": False}
    snapshot = take_snapshot(load_campaign(folder))
    made = render_share_cards(snapshot.edition("ar"), tmp_path / "out")
    assert [a.path.name for a in made] == ["card-square.png", "card-square.txt"]
    assert decode_qr(made[0].path) == []
    assert made[0].facts.qr is None
    alt = made[1].path.read_text(encoding="utf-8")
    scan = snapshot.edition("ar").text("scan")
    assert scan not in alt and URL in alt  # no "scan the code" where there is none to scan


def test_a_card_that_cannot_fit_is_a_layout_finding_naming_it(tmp_path):
    folder = sample_campaign(tmp_path, languages=("es",), formats=("wallet",), spots=())
    with sample_config(tmp_path) as config:
        config["share_cards"] = {"shapes": ["story"]}
    from campaigngen.catalogs.load import localize

    localized = localize(load_campaign(folder), "es")
    long_word = "Ayuda" * 40  # one word wider than the card at its smallest type
    texts = dict(localized.texts)
    texts["help"] = long_word
    from dataclasses import replace

    findings = card_fit_findings(replace(localized, texts=texts))
    assert [(f.check, f.target, f.message_id) for f in findings] == [("layout-fit", "card-story", "help")]


@pytest.mark.slow
def test_a_release_lists_the_cards_bundles_them_for_phones_and_shows_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=("ar",), formats=("wallet",), spots=())
    runner = cli_runner()
    check = runner.invoke(main, ["check", "help-is-here"])
    assert check.exit_code == 0 and "card-" not in check.stdout, check.stdout + check.stderr
    result = runner.invoke(main, ["publish", "help-is-here", "--version", "1"])
    assert result.exit_code == 0, result.stdout + result.stderr
    release = tmp_path / "releases" / "help-is-here" / "1"
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    listed = {(a["language"], a["path"]): a for a in manifest["artifacts"]}
    for tag in ("en", "ar"):
        for name in CARD_FORMATS:
            card = listed[(tag, f"{tag}/{name}.png")]
            assert card["kind"] == "share-card" and card["qr_decoded"] and card["alt_text"] == f"{name}.txt"
            assert listed[(tag, f"{tag}/{name}.txt")]["kind"] == "share-card-alt"
    assert listed[("ar", "ar/card-story.png")]["direction"] == "rtl"
    # The bundle for phones: each card under its language's name, its alt text beside it, signed.
    cards = release / "digital" / "cards"
    assert sorted(p.name for p in cards.iterdir()) == [
        f"{tag}-{shape}.{ext}" for tag in ("ar", "en") for shape in ("square", "story") for ext in ("png", "txt")
    ]
    assert (cards / "ar-story.png").read_bytes() == (release / "ar" / "card-story.png").read_bytes()
    sums = (release / "digital" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "cards/ar-square.png" in sums and "cards/ar-square.txt" in sums
    assert "alt text" in (release / "digital" / "README.txt").read_text(encoding="utf-8")
    page = (release / "index.html").read_text(encoding="utf-8")
    assert "Share cards" in page and 'src="ar/card-story.png"' in page and PHONE in page
