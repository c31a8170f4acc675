"""Pseudo-locales: longer accented text and forced right-to-left, placeholders untouched."""

from __future__ import annotations

import pytest

from campaigngen.catalogs.pseudo import pseudo_translate
from campaigngen.sources.placeholders import find_placeholders

SOURCES = [
    "Call {phone}",
    "Or text {text_keyword} to {text_number}",
    "Is someone forcing you to work?",
    "Scan for more help at {url}",
]


@pytest.mark.parametrize("text", SOURCES)
def test_en_xa_is_accented_longer_and_keeps_placeholders(text):
    pseudo = pseudo_translate(text, "en-XA")
    assert find_placeholders(pseudo) == find_placeholders(text)
    assert len(pseudo) >= 1.4 * len(text)
    assert pseudo.startswith("[") and pseudo.endswith("]")
    plain = text
    for name in find_placeholders(text):
        plain = plain.replace("{" + name + "}", "")
        pseudo = pseudo.replace("{" + name + "}", "")
    assert not any(c.isascii() and c.isalpha() for c in pseudo.split(" öñé")[0])


@pytest.mark.parametrize("text", SOURCES)
def test_ar_xb_forces_right_to_left_outside_placeholders(text):
    pseudo = pseudo_translate(text, "ar-XB")
    assert find_placeholders(pseudo) == find_placeholders(text)
    for name in find_placeholders(text):
        index = pseudo.index("{" + name + "}")
        # The placeholder is outside every override, so the number is laid out left to right.
        assert pseudo[:index].count("\u202e") == pseudo[:index].count("\u202c")
    assert pseudo.replace("\u202e", "").replace("\u202c", "") == text


def test_unknown_tag_is_refused():
    with pytest.raises(ValueError):
        pseudo_translate("Hello", "de-XY")
