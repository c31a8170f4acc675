"""Fonts: which font files draw which script, read from ``fonts/fonts.toml``.

Pillow has no font fallback, so everything that draws text asks this module for a
language's chain of font families and for each family's character coverage, and splits
text into runs itself. Coverage comes from the font's own cmap (fontTools), never guessed.
"""

from __future__ import annotations

import unicodedata

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from campaigngen.frozen import FrozenMap

from campaigngen.exceptions import InputError, MissingDependency
from campaigngen.sources.languages import Language

FONTS_DIR = Path(__file__).resolve().parents[2] / "fonts"
MANIFEST_PATH = FONTS_DIR / "fonts.toml"
INSTALL_HINT = "apt-get install fonts-noto-core fonts-noto-cjk"
LATIN = "latin"
WEIGHTS = ("regular", "bold")


@dataclass(frozen=True)
class Face:
    family: str
    weight: str  # "regular" or "bold"
    path: Path
    index: int = 0  # face number inside a .ttc collection


@dataclass(frozen=True)
class FontManifest:
    families: Mapping[str, Mapping[str, Face]]  # family -> weight -> Face
    scripts: Mapping[str, tuple[str, ...]]  # ISO 15924 -> families, preferred first
    languages: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)  # tag -> families, before its script's

    def chain(self, language: Language) -> tuple[str, ...]:
        """Families for a language's text, preferred first; Latin always last as fallback.
        A language's own chain (Urdu in Nastaliq) wins over its script's."""
        own = self.languages.get(language.tag) or self.languages.get(language.tag.split("-")[0])
        families = own or self.scripts.get(language.script, (LATIN,))
        return families if LATIN in families else (*families, LATIN)

    def face(self, family: str, bold: bool = False) -> Face:
        face = self.families[family]["bold" if bold else "regular"]
        if not _exists(face.path):
            raise MissingDependency(
                f"font file {face.path} ({family} {face.weight}) is missing - {INSTALL_HINT}, "
                f"or restore it in {FONTS_DIR}")
        return face

    def coverage(self, family: str) -> frozenset[int]:
        """Code points the family's regular face draws (bold faces share the cmap in Noto)."""
        face = self.face(family)
        return _cmap(str(face.path), face.index)

    def covering_family(self, char: str, chain: tuple[str, ...]) -> str | None:
        point = ord(char)
        return next((family for family in chain if point in self.coverage(family)), None)

    def missing_characters(self, text: str, chain: tuple[str, ...]) -> list[str]:
        """Characters no family in the chain draws, in order of first appearance."""
        missing: list[str] = []
        for char in text:
            if is_ignorable(char) or char.isspace() or char in missing:
                continue
            if self.covering_family(char, chain) is None:
                missing.append(char)
        return missing


def is_ignorable(char: str) -> bool:
    """Format and control characters (bidi isolates, ZWJ, soft hyphen) draw no glyph."""
    return unicodedata.category(char) in ("Cf", "Cc")


@lru_cache(maxsize=None)
def _exists(path: Path) -> bool:
    return path.is_file()  # asked thousands of times a page: fonts do not vanish mid-run


@lru_cache(maxsize=None)
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def load_manifest(path: Path = MANIFEST_PATH) -> FontManifest:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MissingDependency(f"font manifest {path} is missing - restore fonts/ from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}", hint="fix the font manifest") from None
    families: dict[str, Mapping[str, Face]] = {}
    for family, weights in data.get("families", {}).items():
        faces = {}
        for weight in WEIGHTS:
            entry = weights.get(weight)
            if entry is None:
                raise InputError(path, f"font family '{family}' has no {weight} face", hint=f"add {weight} = \"file\"")
            file, index = (entry, 0) if isinstance(entry, str) else (entry.get("file", ""), int(entry.get("index", 0)))
            file_path = Path(file) if Path(file).is_absolute() else path.parent / file
            faces[weight] = Face(family=family, weight=weight, path=file_path, index=index)
        families[family] = FrozenMap(faces)
    scripts = {}
    for script, chain in data.get("scripts", {}).items():
        unknown = [family for family in chain if family not in families]
        if unknown:
            raise InputError(path, f"script {script} names font family '{unknown[0]}', which is not defined",
                             hint="add it under [families] or fix the name")
        scripts[script] = tuple(chain)
    languages = {}
    for tag, chain in data.get("languages", {}).items():
        unknown = [family for family in chain if family not in families]
        if unknown:
            raise InputError(path, f"language {tag} names font family '{unknown[0]}', which is not defined",
                             hint="add it under [families] or fix the name")
        languages[tag] = tuple(chain)
    if LATIN not in families:
        raise InputError(path, "no 'latin' font family", hint="phone numbers and URLs are drawn with it; add one")
    return FontManifest(families=FrozenMap(families), scripts=FrozenMap(scripts), languages=FrozenMap(languages))


@lru_cache(maxsize=1)
def manifest() -> FontManifest:
    """The project's manifest, read once per process."""
    return load_manifest()
