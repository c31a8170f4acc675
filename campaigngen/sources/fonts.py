"""Fonts: which font files draw which script, read from ``fonts/fonts.toml``.

Pillow has no font fallback, so everything that draws text asks this module for a
language's chain of font families and for each family's character coverage, and splits
text into runs itself. Coverage comes from the font's own cmap (HarfBuzz), never guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from campaigngen.exceptions import BrokenFont, InputError, MissingDependency
from campaigngen.frozen import FrozenMap
from campaigngen.sources.input_files import CONFIG_LIMIT, read_input
from campaigngen.sources.languages import Language
from campaigngen.sources.reading import Reading, parse_toml
from campaigngen.sources.registry import base_of
from campaigngen.sources.schema import Integer, ListOf, MapOf, Pass, Schema, Table, Text, Where

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
    # chain() by (tag, script), its only inputs besides the manifest's own fields: every
    # paragraph a fit sets asks (~30,000 times a cold check), each through two FrozenMap.get
    _chains: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def chain(self, language: Language) -> tuple[str, ...]:
        """Families for a language's text, preferred first; Latin always last as fallback.
        A language's own chain (Urdu in Nastaliq) wins over its script's."""
        key = (language.tag, language.script)
        found = self._chains.get(key)
        if found is None:
            own = self.languages.get(language.tag) or self.languages.get(base_of(language.tag))
            families = own or self.scripts.get(language.script, (LATIN,))
            found = self._chains[key] = families if LATIN in families else (*families, LATIN)
        return found

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
        """Characters no family in the chain draws, in order of first appearance. Kept by
        (manifest, chain, text): every format and card checks the same messages again."""
        key = (id(self), chain, text)
        kept = _MISSING.get(key)
        if kept is not None and kept[0] is self:
            return list(kept[1])
        missing = self._missing_characters(text, chain)
        if len(_MISSING) >= _MISSING_MAX:
            _MISSING.clear()
        _MISSING[key] = (self, tuple(missing))
        return missing

    def _missing_characters(self, text: str, chain: tuple[str, ...]) -> list[str]:
        missing: list[str] = []
        for char in text:
            if is_ignorable(char) or char.isspace() or char in missing:
                continue
            if self.covering_family(char, chain) is None:
                missing.append(char)
        return missing


# missing_characters by (manifest, chain, text); the manifest is held in the value, so its id
# cannot be another manifest's while the entry lives.
_MISSING: dict[tuple[int, tuple[str, ...], str], tuple[FontManifest, tuple[str, ...]]] = {}
_MISSING_MAX = 20_000


def is_ignorable(char: str) -> bool:
    """Format and control characters (bidi isolates, ZWJ, soft hyphen) draw no glyph."""
    return unicodedata.category(char) in ("Cf", "Cc")


@cache
def _exists(path: Path) -> bool:
    return path.is_file()  # asked thousands of times a page: fonts do not vanish mid-run


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    """The code points the face's best cmap subtable maps. HarfBuzz reads a CJK collection's
    44,810 of them in 2 ms where fontTools took 70 ms (a cold check reads 14 such faces), and
    picks the same subtable fontTools' getBestCmap does (Unicode full, then BMP); every face
    fonts.toml and the system Noto name gives the same set either way (tests/test_fonts.py).
    A file HarfBuzz finds nothing in is read by fontTools, which says what is wrong with it."""
    try:
        import uharfbuzz as hb
    except ImportError:  # a dependency; without it (PDF text says so) fontTools still reads the cmap
        return _fonttools_cmap(path, index)
    found = frozenset(hb.Face(hb.Blob.from_file_path(path), index).unicodes)
    return found or _fonttools_cmap(path, index)


def _fonttools_cmap(path: str, index: int) -> frozenset[int]:
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


def _face(weight: str) -> Table:
    return Table(
        {
            "file": Text("the font file: a name in fonts/, or a path from /", required=True, blank="problem"),
            "index": Integer("the face in a .ttc collection", minimum=0, default=0),
        },
        f"the {weight} face",
        shorthand="file",
        required=True,
        problem='{path} must be a file name, or {{ file = "...", index = N }} with a whole number N >= 0',
        says={"missing": ("font family '{where[1]}' has no {key} face", 'add {key} = "file"')},
    )


def _chain(what: str) -> ListOf:
    return ListOf(
        Text(), f"font families for the {what}, preferred first", problem="{path} must be a list of family names"
    )


def _chains_name_families(manifest: dict[str, Any], where: Where, run: Pass) -> None:
    """Every chain names families the manifest defines, and 'latin' (numbers, URLs) is one."""
    for table, what in (("scripts", "script"), ("languages", "language")):
        for key, chain in manifest[table].items():
            unknown = [family for family in chain if family not in manifest["families"]]
            if unknown:
                run.problem(
                    (table, key),
                    f"{what} {key} names font family '{unknown[0]}', which is not defined",
                    "add it under [families] or fix the name",
                )
    if LATIN not in manifest["families"]:
        run.problem(("families",), f"no '{LATIN}' font family", "phone numbers and URLs are drawn with it; add one")


FONTS_SCHEMA = Schema(
    Table(
        {
            "families": MapOf(Table({weight: _face(weight) for weight in WEIGHTS}), "font families, by name"),
            "scripts": MapOf(_chain("script"), "families by ISO 15924 script code"),
            "languages": MapOf(_chain("language"), "a language's own families, before its script's"),
        },
        checks=(_chains_name_families,),
    )
)


def load_manifest(path: Path = MANIFEST_PATH) -> FontManifest:
    """Read and check fonts.toml: every family has both weights, every face a file name and a
    whole-number face index, every script chain names defined families, and 'latin' exists.
    Every mistake is reported, each with its line."""
    try:
        raw = read_input(path, "font list", CONFIG_LIMIT)
    except FileNotFoundError:
        raise MissingDependency(f"font manifest {path} is missing - restore fonts/ from the repository") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({type(exc).__name__})", hint="restore fonts/fonts.toml") from None
    key = (path, raw)
    if _last_read[0] != key:
        _last_read[:] = [key, _read_manifest(path, raw)]
    families, scripts, languages = _last_read[1]
    families, scripts = dict(families), dict(scripts)  # the system's Noto families are added to copies
    _add_system_noto(families, scripts)
    return FontManifest(families=FrozenMap(families), scripts=FrozenMap(scripts), languages=languages, path=path)


# The last fonts.toml read, by its path and bytes: every snapshot reads it (each build,
# check, publish and preview), and parsing and checking it cost more than the rest of a
# snapshot's reading; the families Debian installs are looked for again on every read.
_last_read: list[Any] = [None, None]


def _read_manifest(
    path: Path, raw: bytes
) -> tuple[dict[str, Mapping[str, Face]], dict[str, tuple[str, ...]], FrozenMap[str, tuple[str, ...]]]:
    text, data = parse_toml(path, raw)
    settings, run = FONTS_SCHEMA.check(data)
    Reading(path, text, run).raise_problems()
    families: dict[str, Mapping[str, Face]] = {
        family: FrozenMap({weight: _face_of(family, weight, face, path) for weight, face in weights.items()})
        for family, weights in settings["families"].items()
    }
    scripts = {script: tuple(chain) for script, chain in settings["scripts"].items()}
    return families, scripts, FrozenMap({tag: tuple(chain) for tag, chain in settings["languages"].items()})


# Debian's fonts-noto-core: one NotoSans<Script> family per script, where a registered
# language's script has no family in fonts.toml (a project language in Syriac, say).
SYSTEM_NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
LATIN_DRAWN = frozenset({"Latn", "Cyrl", "Grek"})  # the latin family draws these


def _add_system_noto(families: dict[str, Mapping[str, Face]], scripts: dict[str, tuple[str, ...]]) -> None:
    """The fonts.toml's families first; for a registered language's script it leaves out, the
    system's Noto family for that script where one is installed."""
    from fontTools import unicodedata

    from campaigngen.sources.registry import registry

    for script in dict.fromkeys(entry.script for entry in registry().values()):
        if script in scripts or script in LATIN_DRAWN:
            continue
        name = unicodedata.script_name(script, default=None)
        words = "".join(part.title() for part in (name or "").replace("_", " ").split())
        found = [SYSTEM_NOTO_DIR / f"Noto{style}{words}" for style in ("Sans", "Serif")]
        stem = next((path for path in found if path.with_name(f"{path.name}-Regular.ttf").is_file()), None)
        if not name or stem is None:
            continue
        regular, bold = (stem.with_name(f"{stem.name}-{weight}.ttf") for weight in ("Regular", "Bold"))
        family = f"system-{script.lower()}"
        families[family] = FrozenMap(
            {
                "regular": Face(family, "regular", regular),
                "bold": Face(family, "bold", bold if bold.is_file() else regular),
            }
        )
        scripts[script] = (family, LATIN)


def draws_script(fonts: FontManifest, script: str) -> bool:
    """Whether some family of the manifest is meant for the script (else only latin would try)."""
    return script in LATIN_DRAWN or script in fonts.scripts


def _face_of(family: str, weight: str, face: Mapping[str, Any], manifest: Path) -> Face:
    file = Path(face["file"])
    return Face(
        family=family, weight=weight, path=file if file.is_absolute() else manifest.parent / file, index=face["index"]
    )


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
