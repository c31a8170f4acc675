"""A manifest's artifact entries: the renderers' typed facts as JSON, and back.

The only place facts become JSON (when a manifest is written) and JSON becomes facts (where
a manifest is read: reuse, bundles, the traffic sheet, the review page). The form follows
the rules in renderers/facts.py; a manifest written by another version, or edited by hand,
may hold an entry whose facts this version cannot read: it is still listed, with no facts.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from campaigngen.frozen import FrozenMap
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import (
    AltTextFacts,
    CaptionFacts,
    CardFacts,
    Facts,
    FlyerFacts,
    Mp2Facts,
    Mp3Facts,
    ScriptSheetFacts,
    ShareCardFacts,
    SheetFacts,
    SpotFacts,
    TextMessageFacts,
    VideoFacts,
)
from campaigngen.sources.campaign import MULTILINGUAL


class UnreadableFacts(ValueError):
    """An entry's facts are not what this version writes (another version's, or edited)."""


@dataclass(frozen=True)
class ManifestEntry:
    """One file a manifest lists: where it is (relative to the manifest), what it is, its
    hash and size, and what was measured about it."""

    path: str  # POSIX, relative to the manifest's folder
    kind: ArtifactKind
    language: str  # a tag, or "+"-joined tags for a multilingual sheet
    format: str | None  # "letter", "multilingual", a spot id ("30s")
    sha256: str
    bytes: int
    facts: Facts | None  # None: facts this version cannot read

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()

    @property
    def draft(self) -> bool:
        return bool(self.facts is not None and self.facts.draft)

    @classmethod
    def of(cls, artifact: Artifact, root: Path, sha256: str) -> ManifestEntry:
        return cls(
            artifact.path.relative_to(root).as_posix(),
            ArtifactKind(artifact.kind),
            artifact.language,
            artifact.format,
            sha256,
            artifact.path.stat().st_size,
            artifact.facts,
        )

    def to_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"path": self.path, "kind": self.kind.value, "language": self.language}
        if self.format is not None:
            entry["format"] = self.format
        entry["sha256"] = self.sha256
        entry["bytes"] = self.bytes
        if self.facts is not None:
            entry.update(facts_json(self.facts))
        return entry

    @classmethod
    def from_json(cls, entry: Any) -> ManifestEntry | None:
        """The entry, or None when it is not one this version can list (no path, an unknown
        kind): skipped, as a reader skips a line it does not understand."""
        if not isinstance(entry, Mapping):
            return None
        kind = ArtifactKind.of(entry)
        path, language, fmt = entry.get("path"), entry.get("language"), entry.get("format")
        if kind is None or not isinstance(path, str) or not isinstance(language, str):
            return None
        fmt = fmt if isinstance(fmt, str) else None
        try:
            facts: Facts | None = facts_from_json(facts_class(kind, fmt), entry)
        except UnreadableFacts:
            facts = None
        sha256, size = entry.get("sha256"), entry.get("bytes")
        return cls(
            path,
            kind,
            language,
            fmt,
            sha256 if isinstance(sha256, str) else "",
            size if isinstance(size, int) and not isinstance(size, bool) else 0,
            facts,
        )


def read_entries(data: Mapping[str, Any]) -> tuple[ManifestEntry, ...]:
    """Every entry of a manifest's "artifacts" this version can list."""
    listed = data.get("artifacts")
    if not isinstance(listed, list):
        return ()
    return tuple(e for e in (ManifestEntry.from_json(item) for item in listed) if e is not None)


def facts_class(kind: ArtifactKind, fmt: str | None) -> type[Facts]:
    if kind.printed:
        return SheetFacts if fmt == MULTILINGUAL else FlyerFacts
    return {
        ArtifactKind.AUDIO: SpotFacts,
        ArtifactKind.AUDIO_MP3: Mp3Facts,
        ArtifactKind.AUDIO_MP2: Mp2Facts,
        ArtifactKind.SCRIPT_SHEET: ScriptSheetFacts,
        ArtifactKind.LIVE_READ_CARD: CardFacts,
        ArtifactKind.TEXT_MESSAGE: TextMessageFacts,
        ArtifactKind.SHARE_CARD: ShareCardFacts,
        ArtifactKind.SHARE_CARD_ALT: AltTextFacts,
        ArtifactKind.VIDEO: VideoFacts,
        ArtifactKind.VIDEO_CAPTIONS: CaptionFacts,
    }[kind]


# --------------------------------------------------------------------------- facts -> JSON


def _in_manifest(field: dataclasses.Field) -> bool:
    return field.metadata.get("manifest", True) is not False


def facts_json(facts: Any) -> dict[str, Any]:
    """A facts object as manifest keys: parts flattened, a field at its default left out,
    tuples as lists, measured values to 3 decimals."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(facts):
        value = getattr(facts, field.name)
        if not _in_manifest(field) or (field.default is not dataclasses.MISSING and value == field.default):
            continue
        if dataclasses.is_dataclass(value):
            out.update(facts_json(value))
        else:
            out[field.name] = _json_value(value)
    return out


def _json_value(value: Any, rounded: bool = True) -> Any:
    """Measured values to 3 decimals; a table's values (page boxes, colour shifts) as they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _json_value(getattr(value, field.name), rounded) for field in dataclasses.fields(value)}
    if isinstance(value, float):
        return round(value, 3) if rounded else value
    if isinstance(value, (tuple, list)):
        return [_json_value(v, rounded) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _json_value(v, rounded=False) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


# --------------------------------------------------------------------------- JSON -> facts


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _part_class(hint: Any) -> type | None:
    """The dataclass a field holds as a part (written flattened), if it holds one."""
    options = typing.get_args(hint) if _is_union(hint) else (hint,)
    parts = [o for o in options if isinstance(o, type) and dataclasses.is_dataclass(o)]
    return parts[0] if parts else None


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _keys(cls: type) -> set[str]:
    """Every manifest key a class's fields (and their parts') are written under."""
    keys = set()
    for field in dataclasses.fields(cls):
        if not _in_manifest(field):
            continue
        part = _part_class(_hints(cls)[field.name])
        keys |= _keys(part) if part is not None else {field.name}
    return keys


def facts_from_json(cls: type, data: Mapping[str, Any]) -> Any:
    """An instance of cls from manifest keys; UnreadableFacts when a key is missing or of
    the wrong type. Keys cls does not have are ignored (a newer version's)."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if not _in_manifest(field):
            continue
        hint = _hints(cls)[field.name]
        part = _part_class(hint)
        if part is not None:
            if _keys(part) & data.keys():
                values[field.name] = facts_from_json(part, data)
            elif field.default is dataclasses.MISSING:
                raise UnreadableFacts(f"{cls.__name__}: no {field.name}")
        elif field.name in data:
            values[field.name] = _value(hint, data[field.name], field.name)
        elif field.default is dataclasses.MISSING:
            raise UnreadableFacts(f"{cls.__name__}: no {field.name}")
    return cls(**values)


def _value(hint: Any, value: Any, name: str) -> Any:
    """value (from JSON) as the type hint says, or UnreadableFacts."""
    origin = typing.get_origin(hint)
    if _is_union(hint):
        return _one_of(typing.get_args(hint), value, name)
    if origin is tuple:
        return _tuple(typing.get_args(hint), value, name)
    if origin in (Mapping, dict):
        if not isinstance(value, dict):
            raise UnreadableFacts(f"{name}: not a table")
        return FrozenMap({str(k): _value(typing.get_args(hint)[1], v, name) for k, v in value.items()})
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise UnreadableFacts(f"{name}: not a table")
        return facts_from_json(hint, value)
    if _is_a(hint, value):
        return value
    raise UnreadableFacts(f"{name}: {value!r} is not {getattr(hint, '__name__', hint)}")


def _one_of(options: tuple[Any, ...], value: Any, name: str) -> Any:
    if value is None and type(None) in options:
        return None
    for option in (o for o in options if o is not type(None)):
        try:
            return _value(option, value, name)
        except UnreadableFacts:
            continue
    raise UnreadableFacts(f"{name}: {value!r}")


def _tuple(items: tuple[Any, ...], value: Any, name: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise UnreadableFacts(f"{name}: not a list")
    if len(items) == 2 and items[1] is Ellipsis:
        return tuple(_value(items[0], v, name) for v in value)
    if len(value) != len(items):
        raise UnreadableFacts(f"{name}: {len(value)} values, not {len(items)}")
    return tuple(_value(item, v, name) for item, v in zip(items, value))


def _is_a(hint: Any, value: Any) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:  # JSON writes 30.0 and 30 alike; either is kept as written
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    return hint is Any


__all__ = ["ManifestEntry", "UnreadableFacts", "facts_class", "facts_from_json", "facts_json", "read_entries"]


Placed = Sequence[tuple[str, ManifestEntry]]  # (name in a partner bundle, the release's entry)


def measured(entry: ManifestEntry | None) -> SpotFacts | None:
    """A spot file's measured facts, or None (a script sheet, facts that could not be read)."""
    facts = entry.facts if entry is not None else None
    return facts if isinstance(facts, SpotFacts) else None
