"""A configuration file's commented template, written from its declaration.

Every declared setting appears once: written with its example where the declaration says a
new file should have it (``scaffold``), else commented out with its example or default, so
a person finds each setting, what it means and how it is written without reading the docs.
``campaigngen new`` writes campaign.toml this way (``sources/scaffold.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaigngen.sources.schema import MISSING, ArrayOf, MapOf, Option, Schema, Table, Where, dotted, toml_key


def render(schema: Schema, values: Mapping[str, Any], header: str = "") -> str:
    """The file: header comment, then every setting in declared order. values: a top-level
    setting's value for this file (a new campaign's id, title and languages)."""
    root = schema.root
    assert isinstance(root, Table), "a template is written for a file of named settings"
    lines = header.splitlines()
    top = [(key, option) for key, option in root.settings.items() if not _is_section(option)]
    lines += [""] + _aligned([_setting(key, option, values.get(key, MISSING), True) for key, option in top])
    for key, option in root.settings.items():
        if _is_section(option):
            lines += _section((key,), option, True)
    return "\n".join(lines).strip("\n") + "\n"


def _is_section(option: Option) -> bool:
    """Written under a [header] of its own: a table, a table of entries, an array of tables."""
    return isinstance(option, (Table, MapOf, ArrayOf))


def _setting(key: str, option: Option, value: Any, written: bool) -> tuple[str, str]:
    """(the key = value text, commented out unless written; its doc). A value given for this
    file is written wherever its table is; otherwise the declaration's scaffold decides."""
    given = value is not MISSING
    if not given:
        value = option.example if option.example is not MISSING else option.default
    shown = "..." if value is None else option.shown(value)
    text = f"{toml_key(key)} = {shown}"
    write = written and (given or option.scaffold) and value is not None
    return (text if write else f"# {text}"), option.doc


def _aligned(settings: list[tuple[str, str]]) -> list[str]:
    """Docs as trailing comments, lined up within the block."""
    width = max((len(text) for text, _ in settings), default=0) + 2
    return [f"{text.ljust(width)}# {doc}" if doc else text for text, doc in settings]


def _comment(doc: str) -> list[str]:
    return [f"# {line}" if line else "#" for line in doc.splitlines()]


def _header(path: Where, written: bool, array: bool = False) -> str:
    brackets = ("[[", "]]") if array else ("[", "]")
    text = f"{brackets[0]}{dotted(path)}{brackets[1]}"
    return text if written else f"# {text}"


def _section(path: Where, option: Option, parent_written: bool) -> list[str]:
    written = parent_written and option.scaffold
    lines = [""] + _comment(option.doc)
    if isinstance(option, Table):
        return lines + _table(path, option, written)
    if isinstance(option, ArrayOf):
        return lines + _entries(path, option.table, written, option.example, array=True)
    assert isinstance(option, MapOf)
    if isinstance(option.value, Table):
        return lines + _entries(path, option.value, written, option.example)
    examples = option.example if isinstance(option.example, Mapping) else {}
    entries = [_setting(str(key), option.value, value, written) for key, value in examples.items()]
    return lines + [_header(path, written)] + _aligned(entries)


def _table(path: Where, table: Table, written: bool) -> list[str]:
    """A table's header and settings, then its own sections."""
    inline = [(key, option) for key, option in table.settings.items() if not _is_section(option)]
    lines = [_header(path, written)]
    lines += _aligned([_setting(key, option, MISSING, written) for key, option in inline])
    for key, option in table.settings.items():
        if _is_section(option):
            lines += _section((*path, key), option, written)
    return lines


def _entries(path: Where, table: Table, written: bool, examples: Any, *, array: bool = False) -> list[str]:
    """A table per entry ([messages.headline], [[spots]]): the example entries, or one commented
    entry showing each setting; what each setting is, listed once above them."""
    lines = [f"#   {key}: {option.doc}" for key, option in table.settings.items() if option.doc]
    if examples is MISSING or not examples:
        lines.append(_header(path if array else (*path, "<name>"), False, array))
        lines += _aligned([_setting(key, option, MISSING, False) for key, option in table.settings.items()])
        return lines
    items = examples if array else examples.items()
    for item in items:
        key, entry = (None, item) if array else item
        entry_path = path if array else (*path, str(key))
        lines.append(_header(entry_path, written, array))
        lines += [_setting(k, table.settings[k], v, written)[0] for k, v in entry.items() if k in table.settings]
        lines.append("")
    return lines[:-1]
