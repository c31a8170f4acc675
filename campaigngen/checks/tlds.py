"""Top-level domains from the Public Suffix List (the `publicsuffixlist` package ships it and is
released as the list changes), so an address ending in `.bond`, `.online` or `.рф` is read as
one, not only those someone thought of.

A spelled-out or disguised address ("ayuda punto shop", "ayuda , xyz") is read with every
top-level domain but those that are everyday words of the text's language ("el punto de vista"
is not a German address): wordfreq's frequency decides, not a list of exceptions.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from campaigngen.checks.word_frequency import zipf

# The endings most addresses use: always read, even where they are words too (Portuguese
# "com" is "with", yet "ajuda ponto com" is an address).
COMMON = frozenset({"com", "net", "org", "info", "biz", "app", "online", "site", "xyz", "top", "live", "shop"})
# A top-level domain this frequent in the text's language (Zipf scale: about once in 10,000
# words) is read as the word it also is.
EVERYDAY_ZIPF = 4.0


@cache
def top_level_domains() -> frozenset[str]:
    """Every ICANN top-level domain in the Public Suffix List, lower case, IDNs in Unicode."""
    import publicsuffixlist

    listing = Path(publicsuffixlist.__file__).with_name("public_suffix_list.dat")
    found = set()
    for line in listing.read_text(encoding="utf-8").splitlines():
        if "===END ICANN DOMAINS===" in line:
            break
        entry = line.strip().lstrip("*!.")
        if entry and not entry.startswith("//") and "." not in entry:
            found.add(entry.lower())
    return frozenset(found)


def is_top_level_domain(word: str, language: str) -> bool:
    """Is `word`, where a domain's ending would stand, read as one in a text in `language`?"""
    word = word.lower()
    if word not in top_level_domains():
        return False
    return word in COMMON or not _everyday_word(word, language)


@cache
def _everyday_word(word: str, language: str) -> bool:
    # A language wordfreq has no list for is judged by English, the other language its
    # readers' texts most often mix in.
    here = zipf(word, language)
    return (here if here is not None else zipf(word, "en") or 0.0) >= EVERYDAY_ZIPF
