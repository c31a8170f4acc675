"""The campaign form written into campaign.toml with tomlkit: comments, order and spacing kept,
only the fields a person changed touched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from campaigngen.sources import campaign_schema
from campaigngen.studio.campaign_form import Field, FormValue, form_fields, row_columns, sections
from campaigngen.studio.settings_values import NEW, MessageRow, SettingsValues


def set_value(table: Any, key: str, value: Any) -> None:
    """Set only what changed, so untouched lines keep their spelling and comments."""
    if key not in table or table[key] != value:
        table[key] = value


def _set_or_drop(table: Any, key: str, value: Any) -> None:
    if value in ("", None, []):
        if key in table:
            del table[key]
    else:
        set_value(table, key, value)


def table_in(container: Any, key: str) -> Any:
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
        table = table_in(table, key)
    written = f.written(value)
    if f.widget in ("checkboxes", "languages"):
        old = table.get(f.key)
        written = _ordered([str(v) for v in old] if isinstance(old, list) else [], written)
    if f.option.required or isinstance(written, list):
        set_value(table, f.key, written)
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
            (set_value if column.option.required or isinstance(value, list) else _set_or_drop)(entry, column.key, value)


def _apply_messages(doc: Any, values: SettingsValues) -> tuple[dict[str, str], list[MessageRow]]:
    import tomlkit

    errors: dict[str, str] = {}
    messages = table_in(doc, "messages")
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
    flyer = table_in(doc, "flyer")
    headlines = [r.id for r in kept if r.role == "headline"]
    if len(headlines) > 1:
        errors["flyer"] = f"one headline only: {', '.join(headlines)} are all marked as the headline"
    _set_or_drop(flyer, "headline", headlines[0] if headlines else "")
    for role in ("body", "action"):
        chosen = [r.id for r in kept if r.role == role]
        old = [str(m) for m in flyer.get(role, [])]
        set_value(flyer, role, _ordered(old, chosen))
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
