"""[text_message]: the one-message text for SMS and WhatsApp, made of the campaign's own lines.

Which messages it says (the flyer's headline and action lines unless listed), whether the
campaign's web address ends it, the message that opens the discreet variant (a first line,
which is what a lock-screen preview shows, that says nothing of trafficking or help), and
how many SMS segments each text may take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from campaigngen.sources.messages import FlyerSpec, MessageRefs


@dataclass(frozen=True)
class TextMessageSpec:
    messages: tuple[str, ...]  # message ids, in order
    url: bool  # the campaign's web address as the last line
    discreet: str | None  # message id of the discreet variant's first line; None: no such variant
    segments: int  # the most SMS segments a text may take; 0: no limit


def read_text_message(table: Mapping[str, Any], flyer: FlyerSpec, refs: MessageRefs) -> TextMessageSpec:
    where = ("text_message",)
    listed = table["messages"]
    messages = refs.each(listed, (*where, "messages")) if listed else (flyer.headline, *flyer.action)
    discreet = refs(table["discreet"], (*where, "discreet")) if table["discreet"] is not None else None
    return TextMessageSpec(
        messages=tuple(m for m in messages if m),
        url=table["url"],
        discreet=discreet,
        segments=table["segments"],
    )
