"""Where a setting sits in a TOML file, so an error can name its line.

tomllib gives values, not positions. A light scan of the text is enough to point a person
at the right line: table headers (``[a.b]``, ``[[spots]]``) and ``key =`` lines, each
recorded under its dotted path. Arrays of tables are numbered in order (``spots.0``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

Path_ = tuple[str, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*((?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_.\- ]+?))\s*=')


def _split_key(key: str) -> list[str]:
    """``a."b.c".d`` -> ["a", "b.c", "d"]."""
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', key)
    return [next(p for p in group if p) if any(group) else "" for group in parts]


class TomlLines:
    """Maps dotted paths to the first line (1-based) that defines them."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path_, int] = {}
        self._moved: dict[Path_, Path_] = {}
        arrays: dict[Path_, int] = {}
        table: Path_ = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            header = _HEADER.match(line)
            if header and "=" not in line.split("]")[0]:
                path = tuple(_split_key(header.group(2)))
                if header.group(1) == "[[":
                    index = arrays.get(path, -1) + 1
                    arrays[path] = index
                    self._lines.setdefault(path, number)
                    path = (*path, str(index))
                table = path
                for size in range(1, len(path) + 1):  # [a.b] is where an otherwise unwritten [a] starts
                    self._lines.setdefault(path[:size], number)
                continue
            key = _KEY.match(line)
            if key:
                self._lines.setdefault((*table, *_split_key(key.group(1))), number)

    def moved(self, renamed: Mapping[tuple[str | int, ...], tuple[str | int, ...]]) -> None:
        """Settings read under a new name (new path -> the old path written in the file): their
        lines, and their children's, are the old name's."""
        self._moved.update({_key(new): _key(old) for new, old in renamed.items()})

    def _written(self, parts: Path_) -> Path_:
        for size in range(len(parts), 0, -1):
            if parts[:size] in self._moved:
                return self._moved[parts[:size]] + parts[size:]
        return parts

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of path, or of its nearest ancestor that has one."""
        parts = self._written(_key(path))
        while parts:
            if parts in self._lines:
                return self._lines[parts]
            parts = parts[:-1]
        return None

    def exact(self, path: Sequence[str | int]) -> int | None:
        """The line that defines path itself, or None (no falling back to its table)."""
        return self._lines.get(self._written(_key(path)))


def _key(path: Sequence[str | int]) -> Path_:
    return tuple(str(p) for p in path)
