"""What a renderer hands to the release stage: one written file and the facts about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from campaigngen.renderers.facts import Facts


class ArtifactKind(StrEnum):
    """What a written file is for; the manifest's "kind" holds the value."""

    FLYER = "flyer"  # the print PDF of one language's flyer or of a multilingual sheet
    FLYER_IMAGE = "flyer-image"  # the same page as PNG
    AUDIO = "audio"  # the broadcast WAV
    AUDIO_MP3 = "audio-mp3"
    AUDIO_MP2 = "audio-mp2"  # MPEG-1 Layer II, where the campaign asks for it ([delivery] mp2)
    SCRIPT_SHEET = "script-sheet"  # what a spot says, for the station
    LIVE_READ_CARD = "live-read-card"  # the same, set for an announcer to read on air
    TEXT_MESSAGE = "text-message"  # the one-message text for SMS and WhatsApp (plain UTF-8)
    SHARE_CARD = "share-card"  # a PNG for chats and stories (square or story)
    SHARE_CARD_ALT = "share-card-alt"  # its alt text (plain UTF-8)
    VIDEO = "video"  # a spot's audio over a share card, captions burned in (H.264/AAC MP4)
    VIDEO_CAPTIONS = "video-captions"  # the same captions as WebVTT, beside the video

    @property
    def printed(self) -> bool:
        return self in (ArtifactKind.FLYER, ArtifactKind.FLYER_IMAGE)

    @property
    def for_radio(self) -> bool:
        return not self.printed and not self.digital

    @property
    def digital(self) -> bool:
        return self in (
            ArtifactKind.TEXT_MESSAGE,
            ArtifactKind.SHARE_CARD,
            ArtifactKind.SHARE_CARD_ALT,
            ArtifactKind.VIDEO,
            ArtifactKind.VIDEO_CAPTIONS,
        )

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> ArtifactKind | None:
        """The kind a manifest entry names; None for a kind this version does not know."""
        kind = entry.get("kind")
        if not isinstance(kind, str):  # missing or not text: no kind at all
            return None
        try:
            return cls(kind)
        except ValueError:
            return None


@dataclass(frozen=True)
class Artifact:
    path: Path  # absolute path of the written file
    kind: ArtifactKind
    language: str  # BCP 47 tag, or "+"-joined tags for a multilingual sheet
    format: str | None  # "letter", "a4", "30s", ...
    facts: Facts  # what was measured about it (renderers/facts.py): written into the manifest entry
    sha256: str | None = None  # known already (a file reused from the last build): not hashed again
