"""The campaign form: campaign.toml shown as fields, and fields written back into it.

The file stays the one the command line uses. It is edited with tomlkit, which keeps its
comments, order and spacing; only values that changed are touched. Nothing is written until
the loader (sources/campaign.py) accepts the new text; its one-line errors are placed next
to the field whose line they name. The write is atomic, and refused when the file changed
since the form was opened.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.po import file_sha256
from campaigngen.exceptions import CampaignGenError
from campaigngen.sources.campaign import CONFIG_NAME, Campaign, campaign_from_bytes
from campaigngen.sources.toml_lines import TomlLines
from campaigngen.studio.workspace import Problem, problems_of

ROLES = (
    ("headline", "Headline"),
    ("body", "Body line"),
    ("action", "Call to action"),
    ("qr_caption", "Caption under the QR code"),
    ("none", "Not on the flyer (radio only)"),
)
NEW = "new"  # the form's blank rows: a new message, a new spot


@dataclass
class MessageRow:
    id: str
    text: str = ""
    context: str = ""
    max_length: str = ""
    role: str = "none"
    remove: bool = False
    new: bool = False


@dataclass
class SpotRow:
    index: int | None  # place in [[spots]]; None for the new row
    id: str = ""
    seconds: str = "30"
    script: str = ""
    remove: bool = False


@dataclass
class SettingsValues:
    """The form's fields as text, from the file or as a person submitted them."""

    name: str = ""
    languages: list[str] = field(default_factory=list)
    phone: str = ""
    url: str = ""
    region: str = "US"
    text_number: str = ""
    text_keyword: str = ""
    text_languages: str = ""
    messages: list[MessageRow] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    spots: list[SpotRow] = field(default_factory=list)
    preset: str = "ebu-r128"


@dataclass(frozen=True)
class Outcome:
    saved: bool
    values: SettingsValues
    errors: Mapping[str, tuple[Problem, ...]]  # field name ("" for the whole form) -> problems
    campaign: Campaign | None = None
    sha256: str = ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _ids(value: str) -> list[str]:
    return [part for part in re.split(r"[,\s]+", value) if part]


def _dict_or_empty(value: Any) -> dict[str, Any]:
    """A table of the file, or an empty one where the file has something else in its place."""
    return value if isinstance(value, dict) else {}


def values_from_data(data: Mapping[str, Any]) -> SettingsValues:
    """The form as the file fills it (values of the wrong type are shown as written)."""
    contact = _dict_or_empty(data.get("contact"))
    line = _dict_or_empty(contact.get("text_line"))
    flyer = _dict_or_empty(data.get("flyer"))
    roles: dict[str, str] = {}
    for role in ("body", "action"):
        for mid in flyer.get(role) or []:
            roles.setdefault(str(mid), role)
    if flyer.get("headline"):
        roles[str(flyer["headline"])] = "headline"
    if flyer.get("qr_caption"):
        roles[str(flyer["qr_caption"])] = "qr_caption"
    messages = []
    for mid, entry in (data.get("messages") or {}).items():
        entry = entry if isinstance(entry, dict) else {"text": entry}
        messages.append(
            MessageRow(
                mid,
                _text(entry.get("text")),
                _text(entry.get("context")),
                _text(entry.get("max_length")),
                roles.get(mid, "none"),
            )
        )
    spots = [
        SpotRow(i, _text(s.get("id")), _text(s.get("seconds")), ", ".join(map(str, s.get("script") or [])))
        for i, s in enumerate(data.get("spots") or [])
        if isinstance(s, dict)
    ]
    radio = _dict_or_empty(data.get("radio"))
    return SettingsValues(
        name=_text(data.get("name")),
        languages=[str(t) for t in data.get("languages") or []],
        phone=_text(contact.get("phone")),
        url=_text(contact.get("url")),
        region=_text(contact.get("region") or "US"),
        text_number=_text(line.get("number")),
        text_keyword=_text(line.get("keyword")),
        text_languages=", ".join(map(str, line.get("languages") or [])),
        messages=messages,
        formats=[str(f) for f in flyer.get("formats") or []],
        spots=spots,
        preset=_text(radio.get("preset") or "ebu-r128"),
    )


def values_from_form(form, existing: SettingsValues) -> SettingsValues:
    """What a person submitted; existing says which messages and spots the form showed."""
    get = lambda name: str(form.get(name) or "").strip()  # noqa: E731 - a local shorthand
    messages = [
        MessageRow(
            m.id,
            get(f"msg.{m.id}.text"),
            get(f"msg.{m.id}.context"),
            get(f"msg.{m.id}.max_length"),
            get(f"msg.{m.id}.role") or "none",
            bool(form.get(f"msg.{m.id}.remove")),
        )
        for m in existing.messages
    ]
    if get("new.id") or get("new.text"):
        messages.append(
            MessageRow(
                get("new.id"),
                get("new.text"),
                get("new.context"),
                get("new.max_length"),
                get("new.role") or "none",
                new=True,
            )
        )
    spots = [
        SpotRow(
            s.index,
            s.id,
            get(f"spot.{s.index}.seconds"),
            get(f"spot.{s.index}.script"),
            bool(form.get(f"spot.{s.index}.remove")),
        )
        for s in existing.spots
    ]
    if get("newspot.script"):
        spots.append(SpotRow(None, get("newspot.id"), get("newspot.seconds") or "30", get("newspot.script")))
    return SettingsValues(
        name=get("name"),
        languages=[t for t in form.getlist("languages") if t],
        phone=get("contact.phone"),
        url=get("contact.url"),
        region=get("contact.region") or "US",
        text_number=get("text_line.number"),
        text_keyword=get("text_line.keyword"),
        text_languages=get("text_line.languages"),
        messages=messages,
        formats=[f for f in form.getlist("formats") if f],
        spots=spots,
        preset=get("radio.preset") or "ebu-r128",
    )


# --------------------------------------------------------------------------- into the TOML document


def _set(table, key: str, value: Any) -> None:
    """Set only what changed, so untouched lines keep their spelling and comments."""
    if key not in table or table[key] != value:
        table[key] = value


def _set_or_drop(table, key: str, value: Any) -> None:
    if value in ("", None, []):
        if key in table:
            del table[key]
    else:
        _set(table, key, value)


def _number(text: str) -> int | str:
    """A whole number where one was typed; otherwise the text, for the loader to refuse."""
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text


def _table(container, key: str):
    import tomlkit

    if key not in container or not hasattr(container[key], "keys"):
        container[key] = tomlkit.table()
    return container[key]


def _ordered(old: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """Keep the file's order for what stays; new ones follow in the form's order."""
    return [m for m in old if m in chosen] + [m for m in chosen if m not in old]


def apply_values(doc, values: SettingsValues) -> dict[str, str]:
    """Write the form into the tomlkit document; returns the form's own errors (field -> text),
    for what the loader cannot see (a new message id that is taken)."""
    import tomlkit

    errors: dict[str, str] = {}
    _set(doc, "name", values.name)
    _set(doc, "languages", list(values.languages))
    contact = _table(doc, "contact")
    _set(contact, "phone", values.phone)
    _set(contact, "url", values.url)
    _set(contact, "region", values.region)
    if values.text_number or values.text_keyword or values.text_languages:
        line = _table(contact, "text_line")
        _set(line, "number", values.text_number)
        _set(line, "keyword", values.text_keyword)
        _set(line, "languages", _ids(values.text_languages))
    elif "text_line" in contact:
        del contact["text_line"]

    messages = _table(doc, "messages")
    kept: list[MessageRow] = []
    for row in values.messages:
        if row.new:
            if not row.id:
                errors["new.id"] = "give the new message an id, e.g. hours"
                continue
            if row.id in messages:
                errors["new.id"] = f"a message '{row.id}' already exists - pick another id"
                continue
            created = tomlkit.table()
            created["text"] = row.text
            messages[row.id] = created
        elif row.remove:
            if row.id in messages:
                del messages[row.id]
            continue
        entry = messages[row.id] if row.id in messages else None
        if entry is None:
            continue
        if not hasattr(entry, "keys"):  # `id = "text"` shorthand: becomes a table when edited
            entry = messages[row.id] = tomlkit.inline_table()
        _set(entry, "text", row.text)
        _set_or_drop(entry, "context", row.context)
        _set_or_drop(entry, "max_length", _number(row.max_length) if row.max_length else "")
        kept.append(row)

    flyer = _table(doc, "flyer")
    _set(flyer, "formats", list(values.formats))
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

    spots = doc.get("spots")
    if spots is None and any(s.index is None for s in values.spots):
        spots = doc["spots"] = tomlkit.aot()
    listed = [(spot.index, spot) for spot in values.spots if spot.index is not None]
    for index, spot in sorted(listed, key=lambda pair: -pair[0]):  # from the end: removals keep indexes valid
        if spot.remove:
            del spots[index]
            continue
        _set(spots[index], "seconds", _number(spot.seconds))
        _set(spots[index], "script", _ids(spot.script))
    for spot in values.spots:
        if spot.index is None:
            added = tomlkit.table()
            if spot.id:
                added["id"] = spot.id
            added["seconds"] = _number(spot.seconds)
            added["script"] = _ids(spot.script)
            spots.append(added)
    if spots is not None and not len(spots):
        del doc["spots"]
    _set(_table(doc, "radio"), "preset", values.preset)
    return errors


def field_paths(values: SettingsValues) -> dict[str, tuple[str | int, ...]]:
    """Form field -> where it is in campaign.toml, to place the loader's errors."""
    paths: dict[str, tuple[str | int, ...]] = {
        "name": ("name",),
        "languages": ("languages",),
        "contact.phone": ("contact", "phone"),
        "contact.url": ("contact", "url"),
        "contact.region": ("contact", "region"),
        "text_line": ("contact", "text_line"),
        "text_line.number": ("contact", "text_line", "number"),
        "text_line.keyword": ("contact", "text_line", "keyword"),
        "text_line.languages": ("contact", "text_line", "languages"),
        "formats": ("flyer", "formats"),
        "flyer": ("flyer",),
        "flyer.headline": ("flyer", "headline"),
        "flyer.body": ("flyer", "body"),
        "flyer.action": ("flyer", "action"),
        "flyer.qr_caption": ("flyer", "qr_caption"),
        "flyer.multilingual": ("flyer", "multilingual"),
        "radio.preset": ("radio", "preset"),
    }
    for row in values.messages:
        base = "new" if row.new else f"msg.{row.id}"
        paths[base] = ("messages", row.id)
        for key in ("text", "context", "max_length"):
            paths[f"{base}.{key}"] = ("messages", row.id, key)
    for position, spot in enumerate(s for s in values.spots if not s.remove):
        base = "newspot" if spot.index is None else f"spot.{spot.index}"
        paths[base] = ("spots", position)
        for key in ("id", "seconds", "script"):
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
    import tomlkit

    doc = tomlkit.parse(raw.decode("utf-8-sig"))
    own = apply_values(doc, values)
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
        return Outcome(
            False,
            values,
            {
                "": (
                    Problem(
                        None,
                        f"{CONFIG_NAME} was changed elsewhere since this page was "
                        f"opened - nothing was saved; reload the page to see it",
                    ),
                )
            },
        )
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
