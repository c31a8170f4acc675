"""The campaign form's values: as campaign.toml fills them, as a person submitted them, and
where in the file each field is (so the loader's errors stand next to their fields)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from campaigngen.sources.schema import Option
from campaigngen.sources.toml_lines import TomlLines
from campaigngen.studio.campaign_form import Field, FormValue, Section, all_sections, form_fields, row_columns, sections
from campaigngen.studio.workspace import Problem

ROLES = (
    ("headline", "Headline"),
    ("body", "Body line"),
    ("action", "Call to action"),
    ("qr_caption", "Caption under the QR code"),
    ("none", "Not on the flyer (radio only)"),
)
ROLE_SETTINGS = ("flyer", "flyer.headline", "flyer.body", "flyer.action", "flyer.qr_caption")  # set by the role column
NEW = "new"  # the form's blank rows: a new message, a new spot


@dataclass
class MessageRow:
    id: str
    cells: dict[str, str] = field(default_factory=dict)  # column (a message's setting) -> text
    role: str = "none"
    remove: bool = False
    new: bool = False


@dataclass
class SpotRow:
    index: int | None  # place in [[spots]]; None for the new row
    id: str = ""
    cells: dict[str, str] = field(default_factory=dict)
    remove: bool = False


class _Alias:
    """A field by an older attribute name (``values.phone``), as studio/routes.py sets them."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, values: SettingsValues, owner: type) -> Any:
        return values.fields.get(self.name, "")

    def __set__(self, values: SettingsValues, value: Any) -> None:
        values.fields[self.name] = value


@dataclass
class SettingsValues:
    """The form's fields as text, from the file or as a person submitted them."""

    fields: dict[str, FormValue] = field(default_factory=dict)  # a setting's dotted path -> its text
    messages: list[MessageRow] = field(default_factory=list)
    spots: list[SpotRow] = field(default_factory=list)

    name = _Alias("name")
    languages = _Alias("languages")
    formats = _Alias("flyer.formats")
    phone = _Alias("contact.phone")
    url = _Alias("contact.url")
    region = _Alias("contact.region")

    @property
    def sections(self) -> list[Section]:
        return sections()

    @property
    def role_settings(self) -> tuple[str, ...]:
        return ROLE_SETTINGS

    def unfilled(self, section: Section | None = None) -> list[Field]:
        """The fields marked FILL IN that are still empty (in section, or on the whole form)."""
        fields = section.fields if section is not None else form_fields()
        return [f for f in fields if f.to_fill and not self.fields.get(f.name)]

    def filled(self, section: Section) -> bool:
        """Whether any of the section's fields has a value (a text line in use is shown open)."""
        return any(self.fields.get(f.name) for f in section.fields)

    @property
    def message_columns(self) -> list[Field]:
        return row_columns("messages")

    @property
    def spot_columns(self) -> list[Field]:
        return row_columns("spots")


def _lookup(data: Mapping[str, Any], path: Sequence[str], option: Option) -> Any:
    """The value at path in the file, or the setting's default where the file has none."""
    value: Any = data
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return option.fallback()
        value = value[key]
    return value


def values_from_data(data: Mapping[str, Any]) -> SettingsValues:
    """The form as the file fills it (values of the wrong type are shown as written)."""
    fields = {f.name: f.shown(_lookup(data, f.path, f.option)) for f in form_fields()}
    flyer = data.get("flyer")
    roles = _roles(flyer if isinstance(flyer, dict) else {})
    columns = row_columns("messages")
    messages = []
    for mid, entry in (data.get("messages") or {}).items():
        entry = entry if isinstance(entry, dict) else {"text": entry}
        cells = {c.key: str(c.shown(entry.get(c.key))) for c in columns}
        messages.append(MessageRow(mid, cells, roles.get(mid, "none")))
    spot_columns = row_columns("spots")
    spots = [
        SpotRow(i, str(s.get("id") or ""), {c.key: str(c.shown(s.get(c.key))) for c in spot_columns if not c.fixed})
        for i, s in enumerate(data.get("spots") or [])
        if isinstance(s, dict)
    ]
    return SettingsValues(fields, messages, spots)


def _roles(flyer: Mapping[str, Any]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for role in ("body", "action"):
        listed = flyer.get(role)
        for mid in listed if isinstance(listed, list) else []:
            roles.setdefault(str(mid), role)
    for role in ("headline", "qr_caption"):
        if flyer.get(role):
            roles[str(flyer[role])] = role
    return roles


def _typed(form: Any, name: str) -> str:
    return str(form.get(name) or "").strip()


def values_from_form(form: Any, existing: SettingsValues) -> SettingsValues:
    """What a person submitted; existing says which messages and spots the form showed."""
    fields = {f.name: f.read(form) for f in form_fields()}
    return SettingsValues(fields, _messages_from_form(form, existing), _spots_from_form(form, existing))


def _messages_from_form(form: Any, existing: SettingsValues) -> list[MessageRow]:
    columns = [c.key for c in row_columns("messages")]
    rows = [
        MessageRow(
            m.id,
            {key: _typed(form, f"msg.{m.id}.{key}") for key in columns},
            _typed(form, f"msg.{m.id}.role") or "none",
            bool(form.get(f"msg.{m.id}.remove")),
        )
        for m in existing.messages
    ]
    typed = {key: _typed(form, f"{NEW}.{key}") for key in columns}
    if _typed(form, f"{NEW}.id") or any(typed.values()):
        rows.append(MessageRow(_typed(form, f"{NEW}.id"), typed, _typed(form, f"{NEW}.role") or "none", new=True))
    return rows


def _spots_from_form(form: Any, existing: SettingsValues) -> list[SpotRow]:
    columns = [c for c in row_columns("spots") if not c.fixed]
    rows = [
        SpotRow(
            s.index,
            s.id,
            {c.key: _typed(form, f"spot.{s.index}.{c.key}") for c in columns},
            bool(form.get(f"spot.{s.index}.remove")),
        )
        for s in existing.spots
    ]
    typed = {c.key: _typed(form, f"newspot.{c.key}") for c in columns}
    # A new spot is one whose id or text was typed (a length is always chosen).
    if _typed(form, "newspot.id") or any(typed[c.key] for c in columns if c.widget != "select"):
        rows.append(SpotRow(None, _typed(form, "newspot.id"), typed))
    return rows


def field_paths(values: SettingsValues) -> dict[str, tuple[str | int, ...]]:
    """Form field (or section) -> where it is in campaign.toml, to place the loader's errors."""
    paths: dict[str, tuple[str | int, ...]] = {f.name: f.path for f in form_fields()}
    for section in all_sections(sections()):
        if section.name:
            paths[section.name] = tuple(section.name.split("."))
        paths.update({name: tuple(name.split(".")) for name in section.others})
    message_columns = [c.key for c in row_columns("messages")]
    for row in values.messages:
        base = NEW if row.new else f"msg.{row.id}"
        paths[base] = ("messages", row.id)
        for key in message_columns:
            paths[f"{base}.{key}"] = ("messages", row.id, key)
    spot_columns = [c.key for c in row_columns("spots")]
    for position, spot in enumerate(s for s in values.spots if not s.remove):
        base = "newspot" if spot.index is None else f"spot.{spot.index}"
        paths[base] = ("spots", position)
        for key in spot_columns:
            paths[f"{base}.{key}"] = ("spots", position, key)
    return paths


def place_problems(problems: Sequence[Problem], text: str, values: SettingsValues) -> dict[str, list[Problem]]:
    """Each problem next to the field on its line (the most specific one); the rest go to ""."""
    lines = TomlLines(text)
    by_line: dict[int, tuple[int, str]] = {}
    for name, path in field_paths(values).items():
        line = lines.exact(path)
        if line is not None and (line not in by_line or len(path) > by_line[line][0]):
            by_line[line] = (len(path), name)
    placed: dict[str, list[Problem]] = {}
    for problem in problems:
        name = by_line.get(problem.line, (0, ""))[1] if problem.line else ""
        placed.setdefault(name, []).append(problem)
    return placed
