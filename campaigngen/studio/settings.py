"""The campaign form: campaign.toml shown as fields, and fields written back into it.

The form is drawn from campaign.toml's declaration (``sources/campaign_schema.py``): each
setting of a simple type is a field in its table's section (text, a number, a choice,
checkboxes, a date, a colour), the languages a picker, messages and spots tables of rows
whose columns are their settings. A setting added to the declaration is on the form with
nothing written here; ``Form(...)`` in the declaration names its label and widget, and
``HIDDEN`` keeps off what the studio edits elsewhere (waivers, recordings) or cannot show.

The file stays the one the command line uses. It is edited with tomlkit, which keeps its
comments, order and spacing; only fields a person changed are written. Nothing is written
until the loader (sources/campaign.py) accepts the new text; its one-line errors are placed
next to the field whose line they name. The write is atomic, and refused when the file
changed since the form was opened.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.po import file_sha256
from campaigngen.exceptions import CampaignGenError
from campaigngen.sources import campaign_schema
from campaigngen.sources.campaign import CONFIG_NAME, Campaign, campaign_from_bytes
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
    Table,
    Text,
    dotted,
)
from campaigngen.sources.toml_lines import TomlLines
from campaigngen.studio.workspace import Problem, problems_of

ROLES = (
    ("headline", "Headline"),
    ("body", "Body line"),
    ("action", "Call to action"),
    ("qr_caption", "Caption under the QR code"),
    ("none", "Not on the flyer (radio only)"),
)
ROLE_SETTINGS = ("flyer", "flyer.headline", "flyer.body", "flyer.action", "flyer.qr_caption")  # set by the role column
NEW = "new"  # the form's blank rows: a new message, a new spot
FormValue = str | list[str]


# --------------------------------------------------------------------------- the form, from the declaration


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

    def choices(self, current: FormValue = "") -> list[tuple[str, str]]:
        """(value, label) of a choice or a list of choices; a value the file has outside them is kept."""
        option = self.option.item if isinstance(self.option, ListOf) else self.option
        if isinstance(option, Choice):
            pairs = [(c, option.label(c)) for c in option.choices]
        elif isinstance(option, Integer):
            pairs = [(str(c), f"{c} s" if self.key == "seconds" else str(c)) for c in option.choices]
        else:
            return []
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
        if self.widget == "list":
            return _ids(text)
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
        return str(form.get(self.name) or "").strip()


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


def sections(schema: Any = None) -> list[Section]:
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


# --------------------------------------------------------------------------- values


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

    def filled(self, section: Section) -> bool:
        """Whether any of the section's fields has a value (a text line in use is shown open)."""
        return any(self.fields.get(f.name) for f in section.fields)

    @property
    def message_columns(self) -> list[Field]:
        return row_columns("messages")

    @property
    def spot_columns(self) -> list[Field]:
        return row_columns("spots")


@dataclass(frozen=True)
class Outcome:
    saved: bool
    values: SettingsValues
    errors: Mapping[str, tuple[Problem, ...]]  # field name ("" for the whole form) -> problems
    campaign: Campaign | None = None
    sha256: str = ""


def _ids(value: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", value) if part]


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


def values_from_form(form: Any, existing: SettingsValues) -> SettingsValues:
    """What a person submitted; existing says which messages and spots the form showed."""
    get = lambda name: str(form.get(name) or "").strip()  # noqa: E731 - a local shorthand
    fields = {f.name: f.read(form) for f in form_fields()}
    columns = [c.key for c in row_columns("messages")]
    messages = [
        MessageRow(
            m.id,
            {key: get(f"msg.{m.id}.{key}") for key in columns},
            get(f"msg.{m.id}.role") or "none",
            bool(form.get(f"msg.{m.id}.remove")),
        )
        for m in existing.messages
    ]
    typed = {key: get(f"{NEW}.{key}") for key in columns}
    if get(f"{NEW}.id") or any(typed.values()):
        messages.append(MessageRow(get(f"{NEW}.id"), typed, get(f"{NEW}.role") or "none", new=True))
    spot_columns = row_columns("spots")
    spots = [
        SpotRow(
            s.index,
            s.id,
            {c.key: get(f"spot.{s.index}.{c.key}") for c in spot_columns if not c.fixed},
            bool(form.get(f"spot.{s.index}.remove")),
        )
        for s in existing.spots
    ]
    new_cells = {c.key: get(f"newspot.{c.key}") for c in spot_columns if not c.fixed}
    if get("newspot.id") or any(
        new_cells[c.key] for c in spot_columns if c.widget not in ("select", "fixed") and not c.fixed
    ):
        spots.append(SpotRow(None, get("newspot.id"), new_cells))
    return SettingsValues(fields, messages, spots)


# --------------------------------------------------------------------------- into the TOML document


def _set(table: Any, key: str, value: Any) -> None:
    """Set only what changed, so untouched lines keep their spelling and comments."""
    if key not in table or table[key] != value:
        table[key] = value


def _set_or_drop(table: Any, key: str, value: Any) -> None:
    if value in ("", None, []):
        if key in table:
            del table[key]
    else:
        _set(table, key, value)


def _table(container: Any, key: str) -> Any:
    import tomlkit

    if key not in container or not hasattr(container[key], "keys"):
        container[key] = tomlkit.table()
    return container[key]


def _ordered(old: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """Keep the file's order for what stays; new ones follow in the form's order."""
    return [m for m in old if m in chosen] + [m for m in chosen if m not in old]


def _put(doc: Any, f: Field, value: FormValue) -> None:
    """One changed field into the document: a required setting is always written (empty text
    for the loader to name), an optional one left out when emptied."""
    table = doc
    for key in f.path[:-1]:
        table = _table(table, key)
    written = f.written(value)
    if f.widget in ("checkboxes", "languages"):
        old = table.get(f.key)
        written = _ordered([str(v) for v in old] if isinstance(old, list) else [], written)
    if f.option.required or isinstance(written, list):
        _set(table, f.key, written)
    else:
        _set_or_drop(table, f.key, written)


def _emptied_tables(doc: Any, values: SettingsValues) -> None:
    """An optional table whose every field was emptied (the text line) is removed whole."""
    for section in sections():
        for part in section.parts:
            option = campaign_schema.CAMPAIGN.table(*part.name.split("."))
            if option.default is None and part.fields and all(not values.fields.get(f.name) for f in part.fields):
                parent = doc
                for key in part.name.split(".")[:-1]:
                    parent = parent.get(key, {})
                if part.name.split(".")[-1] in parent:
                    del parent[part.name.split(".")[-1]]


def apply_values(doc: Any, values: SettingsValues, existing: SettingsValues | None = None) -> dict[str, str]:
    """Write the form into the tomlkit document; returns the form's own errors (field -> text),
    for what the loader cannot see (a new message id that is taken). Only fields that differ
    from existing (the form as the file filled it) are written."""
    shown = existing.fields if existing is not None else {}
    for f in form_fields():
        if f.name in values.fields and values.fields[f.name] != shown.get(f.name):
            _put(doc, f, values.fields[f.name])
    _emptied_tables(doc, values)
    errors, kept = _apply_messages(doc, values)
    errors.update(_apply_roles(doc, kept))
    _apply_spots(doc, values)
    return errors


def _cells_into(entry: Any, cells: Mapping[str, str], columns: Sequence[Field]) -> None:
    for column in columns:
        if column.key in cells:
            value = column.written(cells[column.key])
            (_set if column.option.required or isinstance(value, list) else _set_or_drop)(entry, column.key, value)


def _apply_messages(doc: Any, values: SettingsValues) -> tuple[dict[str, str], list[MessageRow]]:
    import tomlkit

    errors: dict[str, str] = {}
    messages = _table(doc, "messages")
    columns = row_columns("messages")
    kept: list[MessageRow] = []
    for row in values.messages:
        if row.new:
            if not row.id:
                errors[f"{NEW}.id"] = "give the new message an id, e.g. hours"
                continue
            if row.id in messages:
                errors[f"{NEW}.id"] = f"a message '{row.id}' already exists - pick another id"
                continue
            messages[row.id] = tomlkit.table()
        elif row.remove:
            if row.id in messages:
                del messages[row.id]
            continue
        if row.id not in messages:
            continue
        if not hasattr(messages[row.id], "keys"):  # `id = "text"` shorthand: becomes a table when edited
            messages[row.id] = tomlkit.inline_table()
        _cells_into(messages[row.id], row.cells, columns)
        kept.append(row)
    return errors, kept


def _apply_roles(doc: Any, kept: Sequence[MessageRow]) -> dict[str, str]:
    """The role column: which message is the flyer's headline, body, call to action, caption."""
    errors = {}
    flyer = _table(doc, "flyer")
    headlines = [r.id for r in kept if r.role == "headline"]
    if len(headlines) > 1:
        errors["flyer"] = f"one headline only: {', '.join(headlines)} are all marked as the headline"
    _set_or_drop(flyer, "headline", headlines[0] if headlines else "")
    for role in ("body", "action"):
        chosen = [r.id for r in kept if r.role == role]
        old = [str(m) for m in flyer.get(role, [])]
        _set(flyer, role, _ordered(old, chosen))
    captions = [r.id for r in kept if r.role == "qr_caption"]
    _set_or_drop(flyer, "qr_caption", captions[0] if captions else "")
    return errors


def _apply_spots(doc: Any, values: SettingsValues) -> None:
    import tomlkit

    columns = [c for c in row_columns("spots") if not c.fixed]
    spots = doc.get("spots")
    if spots is None and any(s.index is None for s in values.spots):
        spots = doc["spots"] = tomlkit.aot()
    listed = [(spot.index, spot) for spot in values.spots if spot.index is not None]
    for index, spot in sorted(listed, key=lambda pair: -pair[0]):  # from the end: removals keep indexes valid
        if spot.remove:
            del spots[index]
        else:
            _cells_into(spots[index], spot.cells, columns)
    for spot in values.spots:
        if spot.index is None:
            added = tomlkit.table()
            if spot.id:
                added["id"] = spot.id
            _cells_into(added, spot.cells, columns)
            spots.append(added)
    if spots is not None and not len(spots):
        del doc["spots"]


def field_paths(values: SettingsValues) -> dict[str, tuple[str | int, ...]]:
    """Form field (or section) -> where it is in campaign.toml, to place the loader's errors."""
    paths: dict[str, tuple[str | int, ...]] = {f.name: f.path for f in form_fields()}
    for section in _all_sections(sections()):
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


def _all_sections(found: Sequence[Section]) -> Iterator[Section]:
    for section in found:
        yield section
        yield from _all_sections(section.parts)


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


# --------------------------------------------------------------------------- saving


def read_config(folder: Path) -> tuple[bytes, SettingsValues | None, tuple[Problem, ...]]:
    """The file's bytes, the form it fills, and why it cannot be shown as a form (TOML syntax)."""
    raw = (folder / CONFIG_NAME).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        try:
            campaign_from_bytes(folder / CONFIG_NAME, raw)
        except CampaignGenError as error:
            return raw, None, problems_of(error)
        raise
    return raw, values_from_data(data), ()


def propose(raw: bytes, values: SettingsValues) -> tuple[bytes, dict[str, str]]:
    """The file with the form's changes in it (raw is what the form was filled from)."""
    import tomlkit

    text = raw.decode("utf-8-sig")
    doc = tomlkit.parse(text)
    own = apply_values(doc, values, values_from_data(tomllib.loads(text)))
    return tomlkit.dumps(doc).encode("utf-8"), own


def validate_and_write(
    config: Path,
    new: bytes,
    values: SettingsValues,
    own_errors: Mapping[str, str],
    expect_sha256: str | None,
    *,
    create: bool = False,
) -> Outcome:
    """Write new as config when the loader accepts it (and nothing changed it meanwhile)."""
    errors: dict[str, list[Problem]] = {name: [Problem(None, text)] for name, text in own_errors.items()}
    campaign = None
    try:
        campaign = campaign_from_bytes(config, new)
    except CampaignGenError as error:
        for name, found in place_problems(problems_of(error), new.decode("utf-8"), values).items():
            errors.setdefault(name, []).extend(found)
    if errors:
        return Outcome(False, values, {k: tuple(v) for k, v in errors.items()})
    current = config.read_bytes() if config.exists() else None
    if create and current is not None:
        return Outcome(False, values, {"id": (Problem(None, "a campaign with this name already exists"),)})
    if expect_sha256 is not None and file_sha256(current) != expect_sha256:
        changed = Problem(
            None,
            f"{CONFIG_NAME} was changed elsewhere since this page was opened - nothing was saved; "
            f"reload the page to see it",
        )
        return Outcome(False, values, {"": (changed,)})
    write_bytes_atomic(config, new)
    return Outcome(True, values, {}, campaign, file_sha256(new))


def add_waiver(config: Path, expect_sha256: str, entry: Mapping[str, Any]) -> Outcome:
    """Append a [[waivers]] table (check, language, message, target, by, reason, date)."""
    import tomlkit

    raw = config.read_bytes()
    doc = tomlkit.parse(raw.decode("utf-8-sig"))
    table = tomlkit.table()
    for key, value in entry.items():
        if value not in (None, ""):
            table[key] = value
    if "waivers" not in doc:
        doc.add(tomlkit.nl())
        doc["waivers"] = tomlkit.aot()
    doc["waivers"].append(table)
    new = tomlkit.dumps(doc).encode("utf-8")
    values = values_from_data(tomllib.loads(new.decode("utf-8")))
    return validate_and_write(config, new, values, {}, expect_sha256)


def set_recording(config: Path, tag: str, relative: str) -> Outcome:
    """[radio.recordings] tag = "recordings/<tag>.wav" (validated like any edit)."""
    raw = config.read_bytes()
    import tomlkit

    doc = tomlkit.parse(raw.decode("utf-8-sig"))
    recordings = _table(_table(doc, "radio"), "recordings")
    _set(recordings, tag, relative)
    new = tomlkit.dumps(doc).encode("utf-8")
    values = values_from_data(tomllib.loads(new.decode("utf-8")))
    return validate_and_write(config, new, values, {}, file_sha256(raw))
