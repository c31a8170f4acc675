"""[share_cards]: the square and story cards drawn for chats, groups and stories in every
language, and whether they carry the QR code (on the phone that would scan it, a card posted
in a chat is better read than scanned; a card shown on another screen or printed scans)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SHAPES = ("square", "story")


@dataclass(frozen=True)
class ShareCardSpec:
    shapes: tuple[str, ...]  # "square", "story"; empty: no cards
    qr: bool
    video: bool = False  # a captioned video of each spot (up to 60 s) on each card shape


def read_share_cards(table: Mapping[str, Any]) -> ShareCardSpec:
    return ShareCardSpec(shapes=tuple(dict.fromkeys(table["shapes"])), qr=table["qr"], video=table["video"])
