"""The studio's campaign form, drawn from campaign.toml's declaration (``sources/campaign_schema.py``).

Each setting of a simple type is a field in its table's section (text, a number, a choice,
checkboxes, a date, a colour), the languages a picker, messages and spots tables of rows
whose columns are their settings. A setting added to the declaration is on the form with
nothing written here; ``Form(...)`` in the declaration names its label and widget, and
``HIDDEN`` keeps off what the studio edits elsewhere (waivers, recordings) or cannot show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from campaigngen.sources import campaign_schema
from campaigngen.sources.schema import (
    ArrayOf,
    Boolean,
    Choice,
    Date,
    Integer,
    ListOf,
    MapOf,
    Number,
    Option,
    Schema,
    Table,
    Text,
    dotted,
)

FormValue = str | list[str]


def ids(value: str) -> list[str]:
    """Ids typed as a list: "headline, call" or one per line."""
    return [part for part in re.split(r"[,\s]+", value) if part]


@dataclass(frozen=True)
class Field:
    """One setting on the form: its name there is its dotted path in campaign.toml."""

    path: tuple[str, ...]
    option: Option
    label: str
    widget: str  # text, textarea, number, select, checkboxes, checkbox, date, colour, list, languages
    placeholder: str = ""
    size: int | None = None
    fixed: bool = False

    @property
    def name(self) -> str:
        return dotted(self.path)

    @property
    def key(self) -> str:
        return self.path[-1]

    @property
    def to_fill(self) -> bool:
        """A setting the declaration marks FILL IN: every campaign must say it (the new file
        carries it empty), so the form marks it while it is empty."""
        return self.option.doc.startswith("FILL IN")

    def choices(self, current: FormValue = "") -> list[tuple[str, str]]:
        """(value, label) of a choice or a list of choices; a value the file has outside them is kept."""
        option = self.option.item if isinstance(self.option, ListOf) else self.option
        if isinstance(option, Choice):
            pairs = [(c, option.label(c)) for c in option.choices]
        elif isinstance(option, Integer):
            pairs = [(str(c), f"{c} s" if self.key == "seconds" else str(c)) for c in option.choices]
            if option.default is None and not option.required:  # optional: leaving it out is a choice too
                pairs = [("", "(the usual)"), *pairs]
        else:
            return []
        from campaigngen.studio.choices import choice_label

        pairs = [(value, choice_label(self.name, value, label)) for value, label in pairs]
        known = {value for value, _ in pairs}
        extra = [current] if isinstance(current, str) else list(current)
        return pairs + [(value, value) for value in extra if value and value not in known]

    def input_type(self, value: FormValue) -> str:
        """The browser's own control where the value fits it (a date picker, a colour well)."""
        if self.widget == "date" and re.fullmatch(r"(\d{4}-\d\d-\d\d)?", str(value)):
            return "date"
        if self.widget == "colour" and re.fullmatch(r"#[0-9a-fA-F]{6}", str(value)):
            return "color"
        return "text"

    # -- values
    def shown(self, value: Any) -> FormValue:
        """A value of the file as the form shows it (a value of the wrong type as written)."""
        if self.widget == "sheets":
            return _sheets_shown(value)
        if self.widget in ("checkboxes", "languages"):
            return [str(v) for v in value] if isinstance(value, list) else []
        if value is None:
            return ""
        if self.widget == "list" and isinstance(value, list):
            return ", ".join(map(str, value))
        if isinstance(value, bool):
            return "true" if value else ""
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def written(self, value: FormValue) -> Any:
        """What a person typed, as the TOML value to write (text the loader will refuse stays text,
        so its error names this field)."""
        if self.widget in ("checkboxes", "languages"):
            return list(value)
        text = str(value)
        if self.widget == "sheets":
            return _sheets_written(text)
        if self.widget == "list":
            return ids(text)
        if self.widget == "checkbox":
            return bool(text)
        if isinstance(self.option, Integer):
            return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
        if isinstance(self.option, Number):
            return float(text) if re.fullmatch(r"-?\d{1,9}(\.\d+)?", text) else text
        if isinstance(self.option, Date) and re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        return text

    def read(self, form: Any) -> FormValue:
        if self.widget in ("checkboxes", "languages"):
            return [str(v) for v in form.getlist(self.name) if v]
        return str(form.get(self.name) or "").replace("\r\n", "\n").strip()


def _language_names() -> dict[str, str]:
    """A language's English name (lower case) -> its tag, for languages typed by name."""
    from campaigngen.release.language_support import support_matrix
    from campaigngen.sources.languages import parse_language

    names = {row["name"].lower(): row["tag"] for row in support_matrix()}
    names.setdefault(parse_language("en").english_name.lower(), "en")
    return names


def _tag_name(tag: str) -> str:
    from campaigngen.checks.findings import language_name

    name = language_name(str(tag))
    return name if name != "this language" else str(tag)


def _sheets_shown(value: Any) -> str:
    """[["en", "es"], ["en", "vi"]] -> "English, Spanish" and "English, Vietnamese" on two lines."""
    if not isinstance(value, list):
        return "" if value is None else str(value)
    lines = []
    for sheet in value:
        items = sheet if isinstance(sheet, list) else [sheet]
        lines.append(", ".join(_tag_name(item) for item in items))
    return "\n".join(lines)


def _sheets_written(text: str) -> list[list[str]]:
    """The lines typed, each a sheet; a language by name or tag; a word that is neither is kept
    as typed, so the loader's error names it."""
    names = _language_names()
    sheets = []
    for line in text.splitlines():
        items = [item.strip() for item in line.split(",") if item.strip()]
        if items:
            sheets.append([names.get(item.lower(), item) for item in items])
    return sheets


def _widget(option: Option) -> str:
    """How a setting is shown when the declaration does not say."""
    if isinstance(option, Choice) or (isinstance(option, Integer) and option.choices):
        return "select"
    kinds: list[tuple[type, str]] = [(Integer, "number"), (Number, "number"), (Boolean, "checkbox"), (Date, "date")]
    for kind, widget in kinds:
        if isinstance(option, kind):
            return widget
    if isinstance(option, ListOf):
        return "checkboxes" if isinstance(option.item, Choice) else "list" if isinstance(option.item, Text) else ""
    return "text" if isinstance(option, Text) else ""


def _field(path: tuple[str, ...], option: Option) -> Field | None:
    form = option.form
    widget = (form.widget if form else "") or _widget(option)
    if widget in ("", "none", "rows"):
        return None
    label = form.label if form and form.label else (option.doc[:1].upper() + option.doc[1:] if option.doc else path[-1])
    return Field(
        path,
        option,
        label,
        widget,
        form.placeholder if form else "",
        form.size if form else None,
        bool(form and form.fixed),
    )


@dataclass(frozen=True)
class Section:
    """A fieldset: a table's settings (its sub-tables as parts), one top-level setting, or rows."""

    name: str  # the table's dotted path ("" for a top-level setting's own section)
    title: str
    fields: tuple[Field, ...] = ()
    parts: tuple[Section, ...] = ()
    folded: bool = False  # an optional table: shown folded until opened
    rows: str = ""  # "messages" or "spots": a table of rows
    others: tuple[str, ...] = ()  # its settings the form does not show: their problems are shown here


def sections(schema: Schema | None = None) -> list[Section]:
    """The form, in the declaration's order."""
    root = (schema or campaign_schema.CAMPAIGN).root
    assert isinstance(root, Table)
    found: list[Section] = []
    for key, option in root.settings.items():
        if isinstance(option, Table):
            found.append(_table_section((key,), option, folded=not option.scaffold))
        elif isinstance(option, (MapOf, ArrayOf)) and option.form and option.form.widget == "rows":
            found.append(Section(key, option.form.label, rows=key))
        else:
            single = _field((key,), option)
            if single is not None:
                title = key.replace("_", " ").capitalize()
                found.append(Section("", title, fields=(single,)))
    return found


def _table_section(path: tuple[str, ...], table: Table, folded: bool) -> Section:
    fields, parts, others = [], [], []
    for key, option in table.settings.items():
        if isinstance(option, Table):
            parts.append(_table_section((*path, key), option, folded=not folded and not option.scaffold))
            continue
        made = _field((*path, key), option)
        if made is None:
            others.append(dotted((*path, key)))
        else:
            fields.append(made)
    title = table.title or path[-1].capitalize()
    return Section(dotted(path), title, tuple(fields), tuple(parts), folded, others=tuple(others))


def _all_fields(found: Sequence[Section]) -> Iterator[Field]:
    for section in found:
        yield from section.fields
        yield from _all_fields(section.parts)


def form_fields() -> list[Field]:
    return list(_all_fields(sections()))


def row_columns(kind: str) -> list[Field]:
    """The columns of the messages or spots table: the settings of one message or spot."""
    table = campaign_schema.CAMPAIGN.table(kind)
    return [f for key, option in table.settings.items() if (f := _field((key,), option)) is not None]


def all_sections(found: Sequence[Section]) -> Iterator[Section]:
    for section in found:
        yield section
        yield from all_sections(section.parts)
