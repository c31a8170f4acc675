"""memo.kept_for_short_texts: a text's answer is judged once while kept, a text longer than
the bound every time, and nothing else changes what a caller gets."""

from __future__ import annotations

from campaigngen.memo import kept_for_short_texts


def test_a_short_text_is_judged_once_and_a_long_one_every_time():
    judged: list[str] = []

    @kept_for_short_texts(longest=5, size=8)
    def judge(text: str, language: str) -> tuple[str, ...]:
        judged.append(text)
        return (text.upper(), language)

    assert judge("abc", "es") == judge("abc", "es") == ("ABC", "es")
    assert judge("abc", "ar") == ("ABC", "ar")  # every argument keys it
    assert judged == ["abc", "abc"]
    long_text = "x" * 6
    assert judge(long_text, "es") == judge(long_text, "es") == ("XXXXXX", "es")
    assert judged == ["abc", "abc", long_text, long_text]


def test_no_more_than_size_texts_are_kept():
    judged: list[str] = []

    @kept_for_short_texts(longest=100, size=2)
    def judge(text: str) -> str:
        judged.append(text)
        return text

    for text in ("a", "b", "c", "a"):  # "a" was pushed out by "c"
        judge(text)
    assert judged == ["a", "b", "c", "a"]
