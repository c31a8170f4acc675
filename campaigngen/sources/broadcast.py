"""Broadcast delivery vocabulary a campaign may name: loudness presets and voice engines.

The numbers are the standards' own; checks/audio.py measures spots against them and
renderers/radio normalises to them (both read levels with `campaigngen/loudness.py`). They
live here so campaign.toml is validated against the same table the renderers use.
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
    # Dead air, as stations' silence detectors see it (below -50 dBFS for 0.3 s or more):
    # speech starts within head_max_s, ends within tail_max_s of the end, and never pauses
    # longer than gap_max_s. Long silence trips transmitter silence alarms, and automation
    # that trims it turns a :30 into an :18 that breaks the program log.
    head_max_s: float = 0.5
    tail_max_s: float = 1.0
    gap_max_s: float = 1.5

    @property
    def promise(self) -> str:
        """What a station checks the files against, in one line."""
        return (
            f"{self.standard}: {self.target_lufs:g} LUFS +-{self.tolerance_lu:g} LU integrated, "
            f"true peak <= {self.true_peak_max_dbtp:g} dBTP"
        )


# Tolerances are the standards' own: R128 +-0.5 LU where a file can be normalised exactly
# (+-1 LU is for live); A/85 and PRSS allow +-2; ad and streaming networks +-1.
PRESETS: Mapping[str, LoudnessPreset] = MappingProxyType(
    {
        "ebu-r128": LoudnessPreset("ebu-r128", -23.0, 0.5, -1.0, 48000, "EBU R128 / Tech 3341", -18.0),
        "atsc-a85": LoudnessPreset("atsc-a85", -24.0, 2.0, -2.0, 48000, "ATSC A/85 (CALM Act)"),
        "prss": LoudnessPreset("prss", -24.0, 2.0, -2.0, 48000, "PRSS (US public radio)"),
        "streaming": LoudnessPreset("streaming", -16.0, 1.0, -1.0, 44100, "streaming / ad networks"),
    }
)
# Captioned videos (renderers/digital/video.py) are played where platforms normalise to
# -14 LUFS (YouTube, Spotify; Instagram and TikTok play near it): louder is turned down,
# quieter plays quieter than the posts around it. Not a radio preset: stations never get it.
VIDEO_PRESET = LoudnessPreset("streaming-video", -14.0, 1.0, -1.0, 48000, "streaming platforms (video)")

ESPEAK = "espeak"  # offline synthesis, always there
GTTS = "gtts"  # online (Google Translate's speech endpoint)
RECORDED = "recorded"  # a person's reading, imported per language
PIPER = "piper"  # offline neural voices, installed from files (campaigngen voices install)
ENGINES = (ESPEAK, GTTS, RECORDED, PIPER)

# How a spot is delivered: one channel, or the same channel twice (stations whose playout
# takes only stereo files). Dual-mono is normalised so the stereo file measures the target.
MONO = "mono"
DUAL_MONO = "dual-mono"
CHANNEL_LAYOUTS = {MONO: 1, DUAL_MONO: 2}

# What a campaign may let the composer add when the script alone cannot fill the booking,
# in the order it is tried: the number said once more, a closing line, the whole script said
# again (only where the campaign lists it), the music bed carrying the last seconds.
FILL_NUMBER = "number"
FILL_CLOSING = "closing"
FILL_SCRIPT = "script"
FILL_BED = "bed"
FILLERS = (FILL_NUMBER, FILL_CLOSING, FILL_SCRIPT, FILL_BED)
DEFAULT_FILL = (FILL_NUMBER, FILL_CLOSING, FILL_BED)
