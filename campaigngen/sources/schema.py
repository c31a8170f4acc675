"""Configuration declared once: option objects for every file campaigngen reads.

A file (campaign.toml, fonts/fonts.toml, the language registry, a Piper voice's .onnx.json)
is declared as a ``Table`` of options: what each setting accepts, its default, a line of
documentation, whether it was renamed or is deprecated, and how the studio shows it. One
pass (``Schema.check``) reads a parsed file against its declaration: it moves renamed
settings to their new names, notes deprecated ones, collects every mistake at any depth
(each with where it is, which the caller turns into a line number) and returns plain data
with the defaults filled in, for the readers to build their frozen dataclasses from.

The same declarations write ``campaigngen new``'s commented template (``sources/template.py``)
and the studio's campaign form (``studio/settings.py``): a new setting is one entry.

Messages never echo a value that could hide or reorder text: text is screened for invisible
and direction characters before any message quotes it.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaigngen.sources.text_safety import describe, unsafe_characters

Where = tuple[str | int, ...]


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING: Any = _Marker("MISSING")  # no example / no value given
INVALID: Any = _Marker("INVALID")  # a value that failed its check: the default stands in


def dotted(where: Sequence[str | int]) -> str:
    return ".".join(str(part) for part in where)


def value_kind(value: Any) -> str:
    """What a person wrote, in their words ("a number"), never the value itself."""
    kinds = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a table"}
    return kinds.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class Problem:
    where: Where
    text: str
    hint: str | None = None


@dataclass(frozen=True)
class Form:
    """How the studio's campaign form shows a setting. widget "" means: by the option's type."""

    label: str
    widget: str = ""
    placeholder: str = ""
    size: int | None = None
    fixed: bool = False  # in a row editor: typed in a new row only, shown (not edited) after


class _Fields(dict):
    """Message fields; a name a message uses but this failure lacks formats as ''."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Pass:
    """One reading of one file: the problems and notices found, and where renamed settings were."""

    missing_hint: str = "add {key} = ..."
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    moved: dict[Where, Where] = field(default_factory=dict)  # new path -> where it is written (old path)
    data: dict[str, Any] = field(default_factory=dict)  # the file as written, renamed settings moved

    def problem(self, where: Where, text: str, hint: str | None = None) -> None:
        self.problems.append(Problem(tuple(where), text, hint))

    def notice(self, where: Where, text: str, hint: str | None = None) -> None:
        self.notices.append(Problem(tuple(where), text, hint))


Says = Mapping[str, "str | tuple[str, str | None]"]


class Option:
    """One setting. Subclasses say which TOML values it accepts and how they are checked.

    says: a failure's own message (and hint), by failure name ("missing", "type", ...); the
    text may use {path}, {key}, {value}, {kind}, {where[N]} and {entry[KEY]} (a sibling's value).
    problem: one message for every failure of this option, however deep (voice configs use it).
    example: a value for the commented template; scaffold: `campaigngen new` writes the setting
    (with its example) instead of showing it commented out. form: how the studio shows it.
    """

    kinds: tuple[type, ...] = (object,)
    expected = "a value"
    failures: Mapping[str, tuple[str, str | None]] = {
        "missing": ("'{path}' is missing", "{missing_hint}"),
        "type": ("'{path}' must be {expected}, not {kind}", None),
    }

    def __init__(
        self,
        doc: str = "",
        *,
        default: Any = None,
        required: bool = False,
        deprecated: str | None = None,
        form: Form | None = None,
        example: Any = MISSING,
        scaffold: bool | None = None,
        says: Says | None = None,
        problem: str | tuple[str, str | None] | None = None,
    ) -> None:
        self.doc = doc
        self.default = default
        self.required = required
        self.deprecated = deprecated
        self.form = form
        self.example = example
        self.scaffold = required if scaffold is None else scaffold  # written (not commented out) by `new`
        self.says = dict(says or {})
        self.problem = problem

    # -- reading
    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) and bool not in self.kinds:
            return False
        return isinstance(value, self.kinds)

    def read(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        """The checked value, or INVALID (the problem is recorded in run)."""
        if self.problem is None:
            return self._read(value, where, entry, run)
        inner = Pass(run.missing_hint, moved=run.moved)
        result = self._read(value, where, entry, inner)
        run.notices.extend(inner.notices)
        if inner.problems:
            text, hint = self.problem if isinstance(self.problem, tuple) else (self.problem, None)
            run.problem(where, *self._format(text, hint, where, entry, {}))
            return INVALID
        return result

    def _read(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if not self.accepts(value):
            return self.fail(run, "type", where, entry, kind=value_kind(value))
        return self.check(value, where, entry, run)

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        return value

    def missing(self, run: Pass, where: Where, entry: Mapping[str, Any], table: Where) -> None:
        """A required setting is absent: said at its table's line."""
        if self.problem is None or "missing" in self.says:
            self.fail(run, "missing", where, entry, at=table)
            return
        text, hint = self.problem if isinstance(self.problem, tuple) else (self.problem, None)
        run.problem(table, *self._format(text, hint, where, entry, {}))

    def fallback(self) -> Any:
        """What stands in when the setting is absent or wrong (a fresh copy: readers may keep it)."""
        return copy.copy(self.default)

    # -- messages
    def fail(self, run: Pass, failure: str, where: Where, entry: Mapping[str, Any], **fields: Any) -> Any:
        said = self.says.get(failure) or self.failures[failure]
        text, hint = said if isinstance(said, tuple) else (said, self.failures[failure][1])
        if "hint" in fields:
            hint = fields.pop("hint")
        place = fields.pop("at", where)
        fields["missing_hint"] = run.missing_hint.replace("{key}", str(where[-1]) if where else "")
        run.problem(place, *self._format(text, hint, where, entry, fields))
        return INVALID

    def _format(
        self, text: str, hint: str | None, where: Where, entry: Mapping[str, Any], fields: Mapping[str, Any]
    ) -> tuple[str, str | None]:
        values = _Fields(
            {
                "path": dotted(where),
                "key": str(where[-1]) if where else "",
                "where": [str(part) for part in where],
                "entry": _Fields({str(k): v for k, v in entry.items()}) if isinstance(entry, Mapping) else _Fields(),
                "expected": self.expected,
                **self.describe(),
                **fields,
            }
        )
        if "value" in values and isinstance(values["value"], str) and unsafe_characters(values["value"]):
            values["value"] = "(hidden characters)"
        return text.format_map(values), hint.format_map(values) if hint else None

    def describe(self) -> dict[str, Any]:
        """Fields an option adds to its messages (its choices, its limits)."""
        return {}

    # -- for forms and templates
    def shown(self, value: Any) -> str:
        """A value as TOML writes it (the template's right-hand side)."""
        return toml_value(value)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare where it can be, quoted otherwise (\"es/30s\")."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_value(key)


class Raw(Option):
    """Anything: a setting its reader checks itself."""


class Text(Option):
    """Text in quotes, screened for invisible and direction characters.

    strip: surrounding white space is not part of the value. blank: what an empty value
    is: "keep" (""), "none" (None), "problem" (a failure), or "check" (the pattern decides).
    """

    kinds: tuple[type, ...] = (str,)
    expected = "text in quotes"
    refines_blank = False  # an empty value goes through refine() too (a choice, a language tag)
    failures = {
        **Option.failures,
        "unsafe": (
            "'{path}' contains invisible, control or direction characters ({chars})",
            "retype the value: such characters can reorder or hide what is printed",
        ),
        "too_long": ("'{path}' is {length} characters, more than {limit}", "shorten it"),
        "empty": ("'{path}' is empty", None),
        "pattern": ("'{path}' is not written as expected", None),
    }

    def __init__(
        self,
        doc: str = "",
        *,
        strip: bool = False,
        limit: int | None = None,
        allowed: frozenset[str] = frozenset(),
        pattern: str | re.Pattern[str] | None = None,
        blank: str = "",
        **options: Any,
    ) -> None:
        super().__init__(doc, **options)
        self.strip = strip
        self.limit = limit
        self.allowed = allowed
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        self.blank = blank or ("check" if self.pattern is not None or self.refines_blank else "keep")

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        text = self.as_text(value)
        bad = unsafe_characters(text, self.allowed)
        if bad:
            return self.fail(run, "unsafe", where, entry, chars=", ".join(describe(c) for c in bad))
        if self.strip:
            text = text.strip()
        if not text.strip() and self.blank != "check":
            if self.blank == "problem":
                return self.fail(run, "empty", where, entry, value=text)
            return None if self.blank == "none" else text
        if self.limit is not None and len(text) > self.limit:
            return self.fail(run, "too_long", where, entry, length=len(text))
        if self.pattern is not None and not self.pattern.fullmatch(text):
            return self.fail(run, "pattern", where, entry, value=text)
        return self.refine(text, where, entry, run)

    def as_text(self, value: Any) -> str:
        return value

    def refine(self, text: str, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        """A subclass's own check of text already screened."""
        return text

    def describe(self) -> dict[str, Any]:
        return {"limit": self.limit}


class Digits(Text):
    """A number written with or without quotes (a short code: 233733 or "233733")."""

    kinds: tuple[type, ...] = (str, int)
    expected = "text in quotes or a whole number"

    def as_text(self, value: Any) -> str:
        return str(value)


class Choice(Text):
    """One of a fixed set of words. suggest: a near miss gets "did you mean"."""

    failures = {**Text.failures, "choice": ("'{path}' is '{value}'", "use {choices}")}
    refines_blank = True

    def __init__(
        self,
        choices: Sequence[str] | Mapping[str, Any],
        doc: str = "",
        *,
        suggest: bool = True,
        labels: Callable[[str], str] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(doc, **options)
        self.choices = tuple(choices)
        self.suggest = suggest
        self.labels = labels

    def refine(self, text: str, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if text in self.choices:
            return text
        close = difflib.get_close_matches(text, self.choices, n=1) if self.suggest else []
        if close:
            return self.fail(run, "choice", where, entry, value=text, hint=f"did you mean '{close[0]}'?")
        return self.fail(run, "choice", where, entry, value=text)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "choices": ", ".join(self.choices)}

    def label(self, choice: str) -> str:
        return self.labels(choice) if self.labels else choice


class Integer(Option):
    """A whole number, optionally one of a set or within limits."""

    kinds = (int,)
    expected = "a whole number"
    failures = {
        **Option.failures,
        "choice": ("'{path}' is {value}", "use {choices}"),
        "range": ("'{path}' must be between {minimum} and {maximum}", None),
    }

    def __init__(
        self,
        doc: str = "",
        *,
        choices: Sequence[int] = (),
        minimum: int | None = None,
        maximum: int | None = None,
        **options: Any,
    ) -> None:
        super().__init__(doc, **options)
        self.choices = tuple(choices)
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if self.choices and value not in self.choices:
            return self.fail(run, "choice", where, entry, value=value)
        too_small = self.minimum is not None and value < self.minimum
        if too_small or (self.maximum is not None and value > self.maximum):
            return self.fail(run, "range", where, entry, value=value)
        return value

    def describe(self) -> dict[str, Any]:
        return {"choices": ", ".join(map(str, self.choices)), "minimum": self.minimum, "maximum": self.maximum}


class Number(Option):
    kinds = (int, float)
    expected = "a number"


class Boolean(Option):
    kinds = (bool,)
    expected = "true or false"


class Date(Option):
    """A TOML date (2026-12-01, no quotes); a date with a time is not one."""

    kinds = (dt.date,)
    expected = "a date (YYYY-MM-DD)"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


class StationTime(Date):
    """A TOML date (the whole day), or a local date-time with no offset (a station's clock)."""

    kinds = (dt.date,)
    expected = "a date (YYYY-MM-DD) or a station time (YYYY-MM-DDTHH:MM:SS)"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dt.date) and not (isinstance(value, dt.datetime) and value.tzinfo is not None)


class ListOf(Option):
    """A list of one kind of item. Item problems are reported at the list.

    unique: "error" (a repeat is a mistake), "drop" (a repeat is ignored) or None.
    single: a lone item stands for a list of one. nonempty: [] is a mistake.
    """

    kinds = (list,)
    expected = "a list [...]"
    failures = {
        **Option.failures,
        "repeated": ("'{path}' lists '{value}' twice", None),
        "empty": ("'{path}' is empty", None),
    }

    def __init__(
        self,
        item: Option,
        doc: str = "",
        *,
        unique: str | None = None,
        single: bool = False,
        nonempty: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(doc, **options)
        self.item = item
        self.unique = unique
        self.single = single
        self.nonempty = nonempty

    def _read(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if self.single and not isinstance(value, list) and self.item.accepts(value):
            value = [value]
        return super()._read(value, where, entry, run)

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if self.nonempty and not value:
            return self.fail(run, "empty", where, entry)
        items: list[Any] = []
        for raw in value:
            item = self.item.read(raw, where, entry, run)
            if item is INVALID:
                continue
            if self.unique and item in items:
                if self.unique == "error":
                    self.fail(run, "repeated", where, entry, value=item)
                continue
            items.append(item)
        return items

    def fallback(self) -> Any:
        return list(self.default) if self.default is not None else None


class Table(Option):
    """A table of named settings (``[name]`` or an inline ``{ ... }``).

    extra: "forbid" (an unknown key is a mistake, with "did you mean") or "allow".
    shorthand: a bare value stands for a table with only this key (``call = "Call {phone}"``).
    checks: functions (table, where, pass) for what involves several of its settings.
    """

    kinds = (dict,)
    expected = "a table"

    def __init__(
        self,
        options: Mapping[str, Option],
        doc: str = "",
        *,
        title: str = "",
        extra: str = "forbid",
        shorthand: str | None = None,
        checks: Sequence[Callable[[dict[str, Any], Where, Pass], None]] = (),
        **rest: Any,
    ) -> None:
        rest.setdefault("default", {})
        super().__init__(doc, **rest)
        self.options = dict(options)
        self.title = title
        self.extra = extra
        self.shorthand = shorthand
        self.checks = tuple(checks)

    @property
    def settings(self) -> dict[str, Option]:
        """The options in force (renamed names left out), in declared order."""
        return {key: option for key, option in self.options.items() if not isinstance(option, Renamed)}

    def _read(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if self.shorthand is not None and not isinstance(value, dict) and self.options[self.shorthand].accepts(value):
            value = {self.shorthand: value}
        return super()._read(value, where, entry, run)

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        settings = self.settings
        if self.extra == "forbid":
            self._unknown_keys(value, list(settings), where, run)
        table: dict[str, Any] = {}
        for key, option in settings.items():
            path = (*where, key)
            if key not in value:
                if option.required:
                    option.missing(run, path, value, where)
                table[key] = option.fallback()
                continue
            if option.deprecated:
                run.notice(run.moved.get(path, path), f"'{dotted(path)}' is deprecated", option.deprecated)
            checked = option.read(value[key], path, value, run)
            table[key] = option.fallback() if checked is INVALID else checked
        if self.extra == "allow":
            table.update({key: item for key, item in value.items() if key not in settings})
        for check in self.checks:
            check(table, where, run)
        return table

    @staticmethod
    def _unknown_keys(value: Mapping[str, Any], allowed: list[str], where: Where, run: Pass) -> None:
        """A misspelt key would be silently ignored ([[spot]] would mean "no radio spots")."""
        for key in value:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
            run.problem((*where, key), f"unknown setting '{dotted((*where, key))}'", hint)

    def fallback(self) -> Any:
        """Absent or wrong, a table reads as its settings' defaults (an optional table: None)."""
        if self.default is None:
            return None
        return {**{key: option.fallback() for key, option in self.settings.items()}, **self.default}


class MapOf(Option):
    """A table whose keys the file chooses (message ids, language tags), each value one kind.

    key: a Text option each key must pass. nonempty: an empty table is a mistake.
    """

    kinds = (dict,)
    expected = "a table"
    failures = {**Option.failures, "empty": ("[{path}] is empty", None)}

    def __init__(
        self, value: Option, doc: str = "", *, key: Text | None = None, nonempty: bool = False, **options: Any
    ) -> None:
        options.setdefault("default", {})
        super().__init__(doc, **options)
        self.value = value
        self.key = key
        self.nonempty = nonempty

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        if self.nonempty and not value:
            self.fail(run, "empty", where, entry)
        entries: dict[str, Any] = {}
        for key, item in value.items():
            path = (*where, key)
            if self.key is not None and self.key.read(key, path, value, run) is INVALID:
                continue
            checked = self.value.read(item, path, value, run)
            if checked is not INVALID:
                entries[key] = checked
        return entries

    def fallback(self) -> Any:
        return dict(self.default)


class ArrayOf(Option):
    """An array of tables (``[[spots]]``). The result keeps each entry's place; an entry that
    is not a table is None there."""

    kinds = (list,)
    expected = "a list [...]"
    failures = {**Option.failures, "entry": ("each [[{path}]] entry must be a table", None)}

    def __init__(self, table: Table, doc: str = "", **options: Any) -> None:
        options.setdefault("default", [])
        super().__init__(doc, **options)
        self.table = table

    def check(self, value: Any, where: Where, entry: Mapping[str, Any], run: Pass) -> Any:
        entries: list[dict[str, Any] | None] = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(run, "entry", where, entry)
                entries.append(None)
                continue
            checked = self.table.read(item, (*where, index), item, run)
            entries.append(None if checked is INVALID else checked)
        return entries

    def fallback(self) -> Any:
        return list(self.default)


class Renamed(Option):
    """An old name of a setting: a file that uses it still loads, with a one-line notice.

    to: the new name, a sibling key ("qr_caption") or a dotted path from the file's top
    ("delivery.channels").
    """

    def __init__(self, to: str, doc: str = "") -> None:
        super().__init__(doc)
        self.to = to


# --------------------------------------------------------------------------- the file


@dataclass(frozen=True)
class Schema:
    """A file's declaration: its top table, and how a missing setting's hint reads."""

    root: Table | MapOf  # a file of named settings, or of entries by name (the language registry)
    missing_hint: str = "add {key} = ..."

    def check(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], Pass]:
        """The file's settings with defaults filled in, and what was found on the way."""
        run = Pass(self.missing_hint)
        run.data = copy.deepcopy(dict(data))
        _move_inside(self.root, run.data, (), run.data, run)
        return self.root.check(run.data, (), {}, run), run

    def table(self, *path: str) -> Table:
        """The declaration of a nested table ("radio", or "messages" for each message's)."""
        option: Option = self.root
        for key in path:
            table = _inner(option)
            assert isinstance(table, Table), f"{dotted(path)} is not a table"
            option = table.settings[key]
        inner = _inner(option)
        assert isinstance(inner, Table), f"{dotted(path)} is not a table"
        return inner

    def walk(self) -> Iterator[tuple[Where, Option]]:
        """Every option with its path, in declared order ("*" stands for a map's or array's entry)."""
        inner = _inner(self.root)
        if isinstance(inner, Table):
            yield from _walk(inner, ("*",) if inner is not self.root else ())


def _inner(option: Option) -> Option:
    """The table inside a map or array of tables; the option itself otherwise."""
    while isinstance(option, (MapOf, ArrayOf)):
        option = option.value if isinstance(option, MapOf) else option.table
    return option


def _walk(table: Table, where: Where) -> Iterator[tuple[Where, Option]]:
    for key, option in table.settings.items():
        path = (*where, key)
        yield path, option
        inner = _inner(option)
        if isinstance(inner, Table):
            yield from _walk(inner, (*path, "*") if inner is not option else path)


def _move_renamed(table: Table, value: Any, where: Where, root: dict[str, Any], run: Pass) -> None:
    """Renamed settings moved to their new names before anything is checked (the line numbers
    still point at the old names)."""
    if not isinstance(value, dict):
        return
    for key, option in table.options.items():
        if isinstance(option, Renamed) and key in value:
            _move(value, key, option.to, where, root, run)
    for key, option in table.settings.items():
        _move_inside(option, value.get(key), (*where, key), root, run)


def _move_inside(option: Option, value: Any, where: Where, root: dict[str, Any], run: Pass) -> None:
    if isinstance(option, Table):
        _move_renamed(option, value, where, root, run)
    elif isinstance(option, MapOf) and isinstance(value, dict):
        for key, item in value.items():
            _move_inside(option.value, item, (*where, key), root, run)
    elif isinstance(option, ArrayOf) and isinstance(value, list):
        for index, item in enumerate(value):
            _move_renamed(option.table, item, (*where, index), root, run)


def _move(table: dict[str, Any], old: str, to: str, where: Where, root: dict[str, Any], run: Pass) -> None:
    old_path = (*where, old)
    new_path: Where = tuple(to.split(".")) if "." in to else (*where, to)
    holder: Any = root if "." in to else table
    for part in new_path[:-1] if "." in to else ():
        holder = holder.setdefault(part, {}) if isinstance(holder, dict) else None
    if not isinstance(holder, dict) or new_path[-1] in holder:
        run.problem(
            old_path,
            f"'{dotted(old_path)}' is the old name of '{dotted(new_path)}', which is set too",
            f"remove '{old}'",
        )
        del table[old]
        return
    holder[new_path[-1]] = table.pop(old)
    run.moved[new_path] = old_path
    run.notice(
        old_path, f"'{dotted(old_path)}' is now called '{dotted(new_path)}'", "rename it; the old name still works"
    )
