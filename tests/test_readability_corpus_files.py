"""Every reading-level corpus file, whether or not its language has a profile yet: what a
reviewer checks before the calibration reads it (counts, topics and flyer length are in
test_readability_corpus.py). NFC text in one writing system, no text written twice, plain
sentences clearly shorter than hard ones."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from campaigngen.checks.readability.corpus import HARD, PLAIN, load_corpus
from campaigngen.checks.readability.segmentation import segment_with

CORPUS = Path(__file__).resolve().parent / "data" / "readability"
TAGS = sorted(path.stem for path in CORPUS.glob("*.toml"))

# ICU script codes that belong to no one writing system (punctuation, combining marks).
SHARED_SCRIPTS = {"Zyyy", "Zinh", "Zzzz"}
# Writing systems that mix scripts by rule (ISO 15924 Jpan and Kore).
MIXED = ({"Hani", "Hira", "Kana"}, {"Hang", "Hani"})


def _scripts(text: str) -> set[str]:
    import icu

    letters = (ch for ch in re.sub(r"\{[^{}]*\}", "", text) if ch.isalpha())
    return {icu.Script.getScript(ch).getShortName() for ch in letters} - SHARED_SCRIPTS


def _sentences(text: str, tag: str) -> tuple[tuple[str, ...], ...]:
    return segment_with(text, tag, tag, thai_spaces=tag == "th").sentences


@pytest.mark.parametrize("tag", TAGS)
def test_every_corpus_file_is_nfc_in_one_writing_system(tag):
    path = CORPUS / f"{tag}.toml"
    raw = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw, f"{path.name} is not NFC"
    used = set().union(*(_scripts(t.text) for t in load_corpus(CORPUS, tag)))
    assert len(used) == 1 or any(used <= mixed for mixed in MIXED), f"{path.name} mixes scripts: {sorted(used)}"


@pytest.mark.parametrize("tag", TAGS)
def test_plain_sentences_are_clearly_shorter_than_hard_ones(tag):
    """A label swapped by mistake, or a 'plain' set written in legal sentences, shows here
    before any limit is derived from it."""

    def mean_sentence(label: str) -> float:
        means = [
            sum(map(len, sentences)) / len(sentences)
            for t in load_corpus(CORPUS, tag)
            if t.label == label
            for sentences in [_sentences(t.text, tag)]
        ]
        return sum(means) / len(means)

    plain, hard = mean_sentence(PLAIN), mean_sentence(HARD)
    assert 2 * plain < hard, f"{tag}: plain {plain:.1f} words a sentence against hard {hard:.1f}"


def test_no_text_is_written_twice_in_the_whole_corpus():
    seen: dict[str, str] = {}
    for tag in TAGS:
        for text in load_corpus(CORPUS, tag):
            assert text.text not in seen, f"{text.name} repeats {seen[text.text]}"
            seen[text.text] = text.name
