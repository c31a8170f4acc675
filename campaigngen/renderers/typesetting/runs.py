"""Runs: stretches of text drawn with one font in one direction.

Two splits. By glyph coverage: each character goes to the first family of the language's
chain whose font has it (Latin letters and digits prefer the Latin font, so a phone number
inside Arabic or Burmese looks like a phone number); spaces, punctuation and combining marks
stay with their neighbours so shaping (Arabic joining, Indic conjuncts) sees whole words.
By direction: ICU's bidi algorithm orders the runs of one line visually; each run is then
shaped by raqm with an explicit override so raqm never reorders it a second time.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import icu

from campaigngen.renderers.typesetting.breaking import utf16_index_map
from campaigngen.sources.fonts import LATIN, FontManifest, is_ignorable

LRI, PDI = "\u2066", "\u2069"
LRO, RLO, PDF = "\u202d", "\u202e", "\u202c"
# Marks, embeddings, overrides and isolates: they order text and mean nothing once it is laid out.
# (ZWJ and ZWNJ are not among them: Persian and Indic spelling depends on them.)
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def without_bidi_controls(text: str) -> str:
    """Text as a reader copies it from a page."""
    return "".join(c for c in text if c not in BIDI_CONTROLS)


@dataclass(frozen=True)
class Run:
    text: str
    family: str
    rtl: bool = False


def _sticks_to_neighbour(char: str) -> bool:
    return unicodedata.category(char)[0] in "ZPSM" or is_ignorable(char)


# assign_families by (manifest, chain, text): a layout measures the same line at many sizes
# (a cold check asked 66,000 times for a few thousand texts). The manifest is held in the value,
# so its id cannot be reused by another manifest while the entry lives.
_FAMILIES: dict[tuple[int, tuple[str, ...], str], tuple[FontManifest, tuple[str | None, ...]]] = {}
_FAMILIES_MAX = 50_000


def assign_families(text: str, manifest: FontManifest, chain: tuple[str, ...]) -> list[str | None]:
    """The family drawing each character (None where nothing covers it)."""
    key = (id(manifest), chain, text)
    kept = _FAMILIES.get(key)
    if kept is not None and kept[0] is manifest:
        return list(kept[1])
    families = _assign_families(text, manifest, chain)
    if len(_FAMILIES) >= _FAMILIES_MAX:
        _FAMILIES.clear()
    _FAMILIES[key] = (manifest, tuple(families))
    return families


def _assign_families(text: str, manifest: FontManifest, chain: tuple[str, ...]) -> list[str | None]:
    cover = {family: manifest.coverage(family) for family in chain}
    families: list[str | None] = []
    current: str | None = None
    for char in text:
        family = _family_of(char, current, cover, chain, manifest)
        families.append(family)
        if family is not None:
            current = family
    # Leading neutrals take the family of the first visible character after them.
    following = next((f for f in families if f is not None), chain[0])
    for index, family in enumerate(families):
        if family is not None:
            break
        if is_ignorable(text[index]) or text[index].isspace():
            families[index] = following
    return families


def _family_of(
    char: str,
    current: str | None,
    cover: dict[str, frozenset[int]],
    chain: tuple[str, ...],
    manifest: FontManifest,
) -> str | None:
    """The family for one character, after the one before it drew in `current`."""
    point = ord(char)
    if _sticks_to_neighbour(char) and current is not None:
        if is_ignorable(char) or point in (cover[current] if current in cover else manifest.coverage(current)):
            return current
    latin = cover.get(LATIN)
    if point < 0x80 and char.isalnum() and latin is not None and point in latin:
        return LATIN
    if is_ignorable(char) or char.isspace():
        return current  # decided by the caller once a visible neighbour is known
    return next((family for family in chain if point in cover[family]), None)


def coverage_runs(text: str, manifest: FontManifest, chain: tuple[str, ...], rtl: bool = False) -> list[Run]:
    """Text split where the drawing family changes, in logical order."""
    runs: list[Run] = []
    families = assign_families(text, manifest, chain)
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or families[index] != families[start]:
            family = families[start]
            if family is None:
                raise ValueError(f"no font draws {text[start]!r}")  # callers check coverage first
            runs.append(Run(text[start:index], family, rtl))
            start = index
    return runs


# visual_runs by (manifest, chain, direction, line): a fit sets the same lines at many sizes,
# and ICU's bidi pass does not depend on the size. The manifest is held in the value, as above.
_VISUAL: dict[tuple[int, tuple[str, ...], bool, str], tuple[FontManifest, tuple[Run, ...]]] = {}
_VISUAL_MAX = 50_000


def visual_runs(line: str, manifest: FontManifest, chain: tuple[str, ...], rtl_paragraph: bool) -> list[Run]:
    """A line's runs left to right as they appear on paper."""
    key = (id(manifest), chain, rtl_paragraph, line)
    kept = _VISUAL.get(key)
    if kept is not None and kept[0] is manifest:
        return list(kept[1])
    runs = _visual_runs(line, manifest, chain, rtl_paragraph)
    if len(_VISUAL) >= _VISUAL_MAX:
        _VISUAL.clear()
    _VISUAL[key] = (manifest, tuple(runs))
    return runs


def _visual_runs(line: str, manifest: FontManifest, chain: tuple[str, ...], rtl_paragraph: bool) -> list[Run]:
    if not line:
        return []
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(line), 1 if rtl_paragraph else 0)
    to_index = utf16_index_map(line)
    ordered: list[Run] = []
    for number in range(bidi.countRuns()):
        start16, length16, direction = bidi.getVisualRun(number)
        start, end = to_index[start16], to_index[start16 + length16]
        rtl = direction == 1
        pieces = coverage_runs(line[start:end], manifest, chain, rtl)
        ordered.extend(reversed(pieces) if rtl else pieces)
    return [run for run in ordered if any(not is_ignorable(c) for c in run.text)]


def shaping_text(run: Run) -> str:
    """What raqm gets: the run wrapped in a direction override, so its order is final."""
    return f"{RLO if run.rtl else LRO}{run.text}{PDF}"
