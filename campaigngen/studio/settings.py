"""The campaign form: campaign.toml shown as fields, and fields written back into it.

The form is drawn from the declaration (``studio/campaign_form.py``), filled from the file or
from what a person submitted (``studio/settings_values.py``) and written into the file with
its comments kept (``studio/settings_toml.py``). Nothing is written until the loader
(sources/campaign.py) accepts the new text; its one-line errors are placed next to the field
whose line they name. The write is atomic, and refused when the file changed since the form
was opened.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.po import file_sha256
from campaigngen.exceptions import CampaignGenError
from campaigngen.sources.campaign import CONFIG_NAME, Campaign, campaign_from_bytes
from campaigngen.studio.settings_toml import apply_values, set_value, table_in
from campaigngen.studio.settings_values import (
    NEW,
    ROLES,
    MessageRow,
    SettingsValues,
    SpotRow,
    field_paths,
    place_problems,
    values_from_data,
    values_from_form,
)
from campaigngen.studio.workspace import Problem, problems_of

__all__ = [
    "NEW",
    "ROLES",
    "MessageRow",
    "Outcome",
    "SettingsValues",
    "SpotRow",
    "add_waiver",
    "apply_values",
    "field_paths",
    "place_problems",
    "propose",
    "read_config",
    "remove_recording",
    "remove_waiver",
    "set_logo",
    "set_recording",
    "validate_and_write",
    "values_from_data",
    "values_from_form",
]


@dataclass(frozen=True)
class Outcome:
    saved: bool
    values: SettingsValues
    errors: Mapping[str, tuple[Problem, ...]]  # field name ("" for the whole form) -> problems
    campaign: Campaign | None = None
    sha256: str = ""


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
    recordings = table_in(table_in(doc, "radio"), "recordings")
    set_value(recordings, tag, relative)
    new = tomlkit.dumps(doc).encode("utf-8")
    values = values_from_data(tomllib.loads(new.decode("utf-8")))
    return validate_and_write(config, new, values, {}, file_sha256(raw))


def _edit(config: Path, change, expect_sha256: str | None = None) -> Outcome:
    """campaign.toml changed by change(document), validated and written like any edit (refused
    when the file is no longer what the page showed, expect_sha256)."""
    import tomlkit

    raw = config.read_bytes()
    doc = tomlkit.parse(raw.decode("utf-8-sig"))
    change(doc)
    new = tomlkit.dumps(doc).encode("utf-8")
    values = values_from_data(tomllib.loads(new.decode("utf-8")))
    return validate_and_write(config, new, values, {}, expect_sha256 if expect_sha256 is not None else file_sha256(raw))


def remove_recording(config: Path, tag: str) -> Outcome:
    """[radio.recordings] loses tag: the language's spot is spoken by its voice again."""

    def change(doc) -> None:
        recordings = doc.get("radio", {}).get("recordings")
        if recordings is not None and tag in recordings:
            del recordings[tag]
            if not recordings:
                del doc["radio"]["recordings"]

    return _edit(config, change)


def remove_waiver(config: Path, index: int, expect_sha256: str) -> Outcome:
    """The index-th [[waivers]] table goes (the page named the file's hash, so the index is its)."""

    def change(doc) -> None:
        waivers = doc.get("waivers")
        if waivers is not None and 0 <= index < len(waivers):
            del waivers[index]
            if not len(waivers):
                del doc["waivers"]

    return _edit(config, change, expect_sha256)


def set_logo(config: Path, relative: str) -> Outcome:
    """[brand] logo = relative (the uploaded file, stored beside campaign.toml)."""
    return _edit(config, lambda doc: set_value(table_in(doc, "brand"), "logo", relative))
