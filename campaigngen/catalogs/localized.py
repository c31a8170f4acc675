"""One campaign in one language: what renderers and checks receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from campaigngen.sources.campaign import Campaign, Message
from campaigngen.sources.languages import Language
from campaigngen.sources.placeholders import fill, split_placeholders

TRANSLATED = "translated"
FUZZY = "fuzzy"
UNTRANSLATED = "untranslated"
SOURCE = "source"  # the campaign's own language: the text is the source


@dataclass(frozen=True)
class LocalizedCampaign:
    campaign: Campaign
    language: Language
    # message id -> template text in this language. Where there is no usable translation
    # (fuzzy or untranslated) the source text stands in and the material is a DRAFT.
    texts: Mapping[str, str]
    status: Mapping[str, str]  # message id -> TRANSLATED / FUZZY / UNTRANSLATED / SOURCE
    catalog_path: Path | None = None

    @property
    def tag(self) -> str:
        return self.language.tag

    def applies(self, message_id: str) -> bool:
        return self.campaign.messages[message_id].applies_to(self.campaign.contact, self.tag)

    @property
    def applicable(self) -> tuple[Message, ...]:
        return tuple(m for m in self.campaign.messages.values() if self.applies(m.id))

    @property
    def flyer_message_ids(self) -> tuple[str, ...]:
        """What this language's flyer prints, in reading order (a 'text us' line only where served)."""
        return tuple(mid for mid in self.campaign.flyer.message_ids if self.applies(mid))

    @property
    def unfinished(self) -> tuple[str, ...]:
        """Applicable message ids without a reviewed translation."""
        return tuple(m.id for m in self.applicable if self.status[m.id] in (FUZZY, UNTRANSLATED))

    @property
    def draft(self) -> bool:
        return bool(self.unfinished) or self.language.pseudo

    def stand_in(self, message_id: str) -> str | None:
        """Why the message's text is the source language's rather than this language's
        ("untranslated", "a copy of the source text"), or None. Such text must not be
        measured with this language's rules."""
        status = self.status.get(message_id)
        if status == UNTRANSLATED:
            return "untranslated"
        text = self.texts[message_id]
        if status != SOURCE and not self.language.pseudo and _has_words(text) and \
                text.strip() == self.campaign.messages[message_id].text.strip():
            return "a copy of the source text"
        return None

    def text(self, message_id: str) -> str:
        """Template text, placeholders still in place."""
        return self.texts[message_id]

    def filled(self, message_id: str) -> str:
        """Text with contact details put in; for speech use the radio script instead."""
        return fill(self.texts[message_id], self.contact_values)

    @property
    def contact_values(self) -> dict[str, str]:
        return self.campaign.contact.values_for(self.tag)


def _has_words(template: str) -> bool:
    return any(ch.isalpha() for piece, is_name in split_placeholders(template) if not is_name for ch in piece)
