"""Installed machine-translation models: where they live and which language pairs they cover.

Read from each package's metadata.json, without importing Argos.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from campaigngen.exceptions import MissingDependency
from campaigngen.sources.registry import base_of, facts


@dataclass(frozen=True)
class ModelInfo:
    from_code: str
    to_code: str
    name: str  # the package folder, e.g. "translate-en_es-1_9"
    version: str
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"


def argos_code(tag: str) -> str:
    """The model's code for a campaign tag: the registry's (Argos calls Traditional Chinese
    "zt"), else the base language."""
    entry = facts(tag)
    return entry.argos if entry is not None else base_of(tag)


def models_dir() -> Path:
    """Argos's own rule, read at call time (Argos reads it once, at import).

    ARGOS_PACKAGES_DIR, else $XDG_DATA_HOME/argos-translate/packages, else
    ~/.local/share/argos-translate/packages.
    """
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def installed_models(directory: Path | None = None) -> list[ModelInfo]:
    """Installed translation packages, read from their metadata.json (no Argos import needed)."""
    directory = directory or models_dir()
    found: list[ModelInfo] = []
    if not directory.is_dir():
        return found
    for folder in sorted(directory.iterdir()):
        meta_path = folder / "metadata.json"
        if folder.name.startswith(".") or not meta_path.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a broken folder is not a model; `models list` simply does not show it
        if meta.get("type", "translate") != "translate" or not meta.get("from_code") or not meta.get("to_code"):
            continue
        found.append(
            ModelInfo(
                str(meta["from_code"]), str(meta["to_code"]), folder.name, str(meta.get("package_version", "")), folder
            )
        )
    return found


def find_model(from_code: str, to_code: str, directory: Path | None = None) -> ModelInfo:
    directory = directory or models_dir()
    for model in installed_models(directory):
        if model.from_code == from_code and model.to_code == to_code:
            return model
    raise MissingModels([f"{from_code}->{to_code}"], directory)


class MissingModels(MissingDependency):
    """Every language pair without an installed model, with the way to get each one."""

    def __init__(self, pairs: list[str], directory: Path | None = None):
        directory = directory or models_dir()
        names = ", ".join(f"translate-{p.replace('->', '_')}" for p in pairs)
        super().__init__(
            f"no machine translation model for {', '.join(pairs)} in {directory} - on a connected machine run "
            f"`campaigngen models download {' '.join(p.split('->')[1] for p in pairs)}` (it keeps the "
            f".argosmodel files: {names}), copy them here and run: campaigngen models install FILE.argosmodel"
        )
        self.pairs = tuple(pairs)
