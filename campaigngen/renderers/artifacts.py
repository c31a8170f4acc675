"""What a renderer hands to the release stage: one written file and the facts about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Artifact:
    path: Path  # absolute path of the written file
    kind: str  # "flyer", "flyer-image", "audio", "script-sheet", ...
    language: str  # BCP 47 tag, or "+"-joined tags for a multilingual sheet
    format: str | None = None  # "letter", "a4", "30s", ...
    # Measured facts for the manifest: qr, draft, duration_s, loudness_lufs, true_peak_dbtp ...
    facts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    sha256: str | None = None  # known already (a file reused from the last build): not hashed again
