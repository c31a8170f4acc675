"""One configuration file's reading: its problems and notices, each with the line it is on.

A schema pass (``sources/schema.py``) finds what one setting alone can get wrong; the readers
of each concept (messages, spots, waivers ...) find what involves several. Both report here,
so every mistake in the file comes out together, in the order of its lines.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from campaigngen.exceptions import InputError, InvalidCampaign, InvalidConfig
from campaigngen.sources.schema import Pass, dotted
from campaigngen.sources.toml_lines import TomlLines


class Reading:
    """Problems found in one file, in the words a person fixes them by."""

    def __init__(self, path: Path, text: str | None, run: Pass | None = None) -> None:
        self.path = path
        self.lines = TomlLines(text or "")
        self.problems: list[InputError] = []
        self.notices: list[str] = []
        self.data: dict[str, Any] = run.data if run is not None else {}
        if run is not None:
            self.take(run)

    def line(self, where: Sequence[str | int]) -> int | None:
        return self.lines.line(where) if where else None

    def problem(self, where: Sequence[str | int], text: str, hint: str | None = None) -> None:
        self.problems.append(InputError(self.path, text, line=self.line(where), hint=hint))

    def take(self, run: Pass) -> None:
        """A schema pass's findings, placed on the lines that hold them."""
        self.lines.moved(run.moved)
        for found in run.problems:
            self.problem(found.where, found.text, found.hint)
        for found in run.notices:
            self.notices.append(
                InputError(self.path, found.text, line=self.line(found.where), hint=found.hint).format_message()
            )

    def raw(self, *path: str) -> dict[str, Any]:
        """The table at path as written (renamed settings already moved), or {}."""
        table: Any = self.data
        for key in path:
            table = table.get(key) if isinstance(table, dict) else None
        return table if isinstance(table, dict) else {}

    def errors(self) -> list[InputError]:
        """The problems in the order of the file's lines (a problem of the whole file first)."""
        return sorted(self.problems, key=lambda problem: problem.line or 0)

    def raise_problems(self, many: type[InvalidCampaign] = InvalidConfig) -> None:
        errors = self.errors()
        if errors:
            raise errors[0] if len(errors) == 1 else many(errors)

    @staticmethod
    def dotted(where: Sequence[str | int]) -> str:
        return dotted(where)


_announced: set[str] = set()


def announce(notices: Iterable[str]) -> None:
    """Each notice (a renamed or deprecated setting) once per run, on stderr: the file still
    loads, and the person who can fix it sees why it should be changed."""
    for notice in notices:
        if notice not in _announced:
            _announced.add(notice)
            sys.stderr.write(f"notice: {notice}\n")
            sys.stderr.flush()


def parse_toml(path: Path, raw: bytes) -> tuple[str, dict[str, Any]]:
    """The text and the tables of a TOML file, or one line saying where it is broken."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not UTF-8 text (byte {exc.start})",
            line=line,
            hint="save the file as UTF-8 (TOML files are always UTF-8)",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            path,
            f"not valid TOML: {_strip_position(str(exc))}",
            line=_toml_error_line(exc),
            hint="fix the syntax at that line",
        ) from None
    except RecursionError:  # tomllib descends once per nested array or inline table
        data = None
    if data is None or _depth(data) > MAX_TOML_DEPTH:
        raise InputError(
            path,
            f"lists or tables nested more than {MAX_TOML_DEPTH} levels deep",
            hint="no setting nests that deep: look for a run of [ or { and remove it",
        )
    return text, data


# The deepest setting nests four levels ([[spots]] script lists, [readability.ru] limits);
# the cap leaves room and keeps every later walk over the data far from Python's recursion limit.
MAX_TOML_DEPTH = 32


def _depth(data: Any) -> int:
    """How deep lists and tables nest, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_TOML_DEPTH:
            break
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
