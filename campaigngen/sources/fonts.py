"""Fonts: which font files draw which script, read from ``fonts/fonts.toml``.

Pillow has no font fallback, so everything that draws text asks this module for a
language's chain of font families and for each family's character coverage, and splits
text into runs itself. Coverage comes from the font's own cmap (fontTools), never guessed.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from campaigngen.exceptions import BrokenFont, InputError, MissingDependency
from campaigngen.frozen import FrozenMap
from campaigngen.sources.languages import Language
from campaigngen.sources.registry import base_of

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
    path: Path = MANIFEST_PATH  # the fonts.toml it was read from

    def chain(self, language: Language) -> tuple[str, ...]:
        """Families for a language's text, preferred first; Latin always last as fallback.
        A language's own chain (Urdu in Nastaliq) wins over its script's."""
        own = self.languages.get(language.tag) or self.languages.get(base_of(language.tag))
        families = own or self.scripts.get(language.script, (LATIN,))
        return families if LATIN in families else (*families, LATIN)

    def face(self, family: str, bold: bool = False) -> Face:
        face = self.families[family]["bold" if bold else "regular"]
        if not _exists(face.path):
            raise MissingDependency(
                f"font file {face.path} ({family} {face.weight}) is missing - {INSTALL_HINT}, "
                f"or restore it in {self.path.parent}"
            )
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


@cache
def _exists(path: Path) -> bool:
    return path.is_file()  # asked thousands of times a page: fonts do not vanish mid-run


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            return frozenset(font.getBestCmap() or {})
        finally:
            font.close()
    except Exception as exc:  # fontTools raises many kinds on a damaged file; all mean one thing here
        raise BrokenFont(
            f"font file {path} (face {index}) cannot be read as a font ({type(exc).__name__}) - "
            f"restore it ({INSTALL_HINT}) or fix fonts/fonts.toml"
        ) from None


_FAMILY_KEYS = frozenset(WEIGHTS)
_FACE_KEYS = frozenset({"file", "index"})


def load_manifest(path: Path = MANIFEST_PATH) -> FontManifest:
    """Read and check fonts.toml: every family has both weights, every face a file name and a
    whole-number face index, every script chain names defined families, and 'latin' exists."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MissingDependency(f"font manifest {path} is missing - restore fonts/ from the repository") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(path, f"cannot be read ({type(exc).__name__})", hint="restore fonts/fonts.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}", hint="fix the font manifest") from None

    def bad(problem: str, hint: str = "fix the font manifest") -> InputError:
        return InputError(path, problem, hint=hint)

    unknown_tables = set(data) - {"families", "scripts", "languages"}
    if unknown_tables:
        raise bad(
            f"unknown table '{sorted(unknown_tables)[0]}'",
            hint="fonts.toml holds [families.*], [scripts] and [languages]",
        )
    families: dict[str, Mapping[str, Face]] = {}
    for family, weights in _table(data.get("families", {}), "families", bad).items():
        weights = _table(weights, f"families.{family}", bad)
        if set(weights) - _FAMILY_KEYS:
            raise bad(
                f"families.{family} has an unknown key '{sorted(set(weights) - _FAMILY_KEYS)[0]}'",
                hint="a family has regular = ... and bold = ...",
            )
        faces = {}
        for weight in WEIGHTS:
            entry = weights.get(weight)
            if entry is None:
                raise bad(f"font family '{family}' has no {weight} face", hint=f'add {weight} = "file"')
            if isinstance(entry, dict) and not set(entry) - _FACE_KEYS:
                file, index = entry.get("file"), entry.get("index", 0)
            else:
                file, index = entry, 0
            if (
                not isinstance(file, str)
                or not file
                or isinstance(index, bool)
                or not isinstance(index, int)
                or index < 0
            ):
                raise bad(
                    f'families.{family}.{weight} must be a file name, or {{ file = "...", index = N }} '
                    f"with a whole number N >= 0"
                )
            file_path = Path(file) if Path(file).is_absolute() else path.parent / file
            faces[weight] = Face(family=family, weight=weight, path=file_path, index=index)
        families[family] = FrozenMap(faces)
    scripts = {}
    for script, chain in _table(data.get("scripts", {}), "scripts", bad).items():
        if not isinstance(chain, list) or not all(isinstance(f, str) for f in chain):
            raise bad(f"scripts.{script} must be a list of family names")
        unknown = [family for family in chain if family not in families]
        if unknown:
            raise bad(
                f"script {script} names font family '{unknown[0]}', which is not defined",
                hint="add it under [families] or fix the name",
            )
        scripts[script] = tuple(chain)
    languages = {}
    for tag, chain in _table(data.get("languages", {}), "languages", bad).items():
        if not isinstance(chain, list) or not all(isinstance(f, str) for f in chain):
            raise bad(f"languages.{tag} must be a list of family names")
        unknown = [family for family in chain if family not in families]
        if unknown:
            raise bad(
                f"language {tag} names font family '{unknown[0]}', which is not defined",
                hint="add it under [families] or fix the name",
            )
        languages[tag] = tuple(chain)
    if LATIN not in families:
        raise bad("no 'latin' font family", hint="phone numbers and URLs are drawn with it; add one")
    return FontManifest(
        families=FrozenMap(families), scripts=FrozenMap(scripts), languages=FrozenMap(languages), path=path
    )


def _table(value, where: str, bad) -> dict:
    if not isinstance(value, dict):
        raise bad(f"{where} must be a table")
    return value


def project_manifest_path(project_root: Path) -> Path:
    """A project's own fonts/fonts.toml where it has one; else the one campaigngen ships."""
    own = project_root / "fonts" / "fonts.toml"
    return own if own.is_file() else MANIFEST_PATH


_active: FontManifest | None = None


def use_manifest(fonts: FontManifest) -> None:
    """Make fonts the manifest every renderer of this process draws with (a snapshot's)."""
    global _active
    _active = fonts


def manifest() -> FontManifest:
    """The manifest in use: the current snapshot's, else the one campaigngen ships."""
    global _active
    if _active is None:
        _active = load_manifest()
    return _active
