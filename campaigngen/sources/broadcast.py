"""Broadcast delivery vocabulary a campaign may name: loudness presets and voice engines.

The numbers are the standards' own; checks/audio.py measures spots against them and
renderers/radio normalises to them. They live here so campaign.toml is validated against
the same table the renderers use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class LoudnessPreset:
    """A delivery standard: the loudness a station normalises to and the peak it allows."""

    name: str
    target_lufs: float
    tolerance_lu: float
    true_peak_max_dbtp: float
    sample_rate: int
    standard: str  # the document, for messages and the script sheet
    max_short_term_lufs: float | None = None  # EBU R128 s1: short-form content


# Tolerances are the standards' own: R128 +-0.5 LU where a file can be normalised exactly
# (+-1 LU is for live); A/85 and PRSS allow +-2; ad and streaming networks +-1.
PRESETS: Mapping[str, LoudnessPreset] = MappingProxyType({
    "ebu-r128": LoudnessPreset("ebu-r128", -23.0, 0.5, -1.0, 48000, "EBU R128 / Tech 3341", -18.0),
    "atsc-a85": LoudnessPreset("atsc-a85", -24.0, 2.0, -2.0, 48000, "ATSC A/85 (CALM Act)"),
    "prss": LoudnessPreset("prss", -24.0, 2.0, -2.0, 48000, "PRSS (US public radio)"),
    "streaming": LoudnessPreset("streaming", -16.0, 1.0, -1.0, 44100, "streaming / ad networks"),
})

ESPEAK = "espeak"  # offline synthesis, always there
GTTS = "gtts"  # online (Google Translate's speech endpoint)
RECORDED = "recorded"  # a person's reading, imported per language
ENGINES = (ESPEAK, GTTS, RECORDED)
