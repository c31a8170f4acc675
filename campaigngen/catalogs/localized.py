"""One campaign in one language: what renderers and checks receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from campaigngen.frozen import EMPTY
from campaigngen.sources.campaign import Campaign, Message
from campaigngen.sources.languages import Language
from campaigngen.sources.placeholders import fill, split_placeholders

TRANSLATED = "translated"
FUZZY = "fuzzy"
UNTRANSLATED = "untranslated"
SOURCE = "source"  # the campaign's own language: the text is the source
# The translation's placeholders differ from the source's ({phon}, a lost {phone}, a stray
# brace): it cannot be filled safely, so the source stands in and the integrity check says why.
BROKEN = "broken"
UNFINISHED = frozenset({FUZZY, UNTRANSLATED, BROKEN})
OWN_TEXT = frozenset({TRANSLATED, FUZZY, SOURCE})  # the text in use is this language's own


@dataclass(frozen=True)
class LocalizedCampaign:
    campaign: Campaign
    language: Language
    # message id -> template text in this language. Where there is no usable translation
    # (fuzzy or untranslated) the source text stands in and the material is a DRAFT.
    texts: Mapping[str, str]
    status: Mapping[str, str]  # message id -> TRANSLATED / FUZZY / UNTRANSLATED / BROKEN / SOURCE
    catalog_path: Path | None = None
    # msgstr as the translator wrote it (also where it is BROKEN and not used), and its line
    submitted: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    lines: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    credits: frozenset[str] = frozenset()  # translators' names and e-mails from the catalog header

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
        """What this language's flyer prints, in reading order (a 'text us' line only where
        served; the line asking for an interpreter under the number, before the QR caption)."""
        flyer, ask = self.campaign.flyer, self.campaign.contact.ask_language
        ids = list(flyer.message_ids)
        if ask and ask not in ids:
            ids.insert(ids.index(flyer.qr_caption) if flyer.qr_caption in ids else len(ids), ask)
        return tuple(mid for mid in ids if self.applies(mid))

    @property
    def unfinished(self) -> tuple[str, ...]:
        """Applicable message ids without a reviewed, usable translation."""
        return tuple(m.id for m in self.applicable if self.status[m.id] in UNFINISHED)

    @property
    def draft(self) -> bool:
        return bool(self.unfinished) or self.language.pseudo

    def own_text(self, message_id: str) -> bool:
        """Is the text in use written in this language (not the source standing in)?"""
        return self.status[message_id] in OWN_TEXT

    def stand_in(self, message_id: str) -> str | None:
        """Why the message's text is the source language's rather than this language's, or
        None. Such text must not be measured with this language's rules."""
        status = self.status.get(message_id)
        if status == UNTRANSLATED:
            return "untranslated"
        if status == BROKEN:
            return "a translation that cannot be used (the source stands in)"
        text = self.texts[message_id]
        if (
            status != SOURCE
            and not self.language.pseudo
            and _has_words(text)
            and text.strip() == self.campaign.messages[message_id].text.strip()
        ):
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

    def where(self, message_id: str | None = None) -> str:
        """The catalog (and line) as a translator finds it in the project, never an absolute path."""
        if self.catalog_path is None:
            return "no catalog yet: run campaigngen extract"
        shown = project_relative(self.catalog_path, self.campaign)
        line = self.lines.get(message_id) if message_id else None
        return f"{shown}:{line}" if line else shown

    def place(self, message_id: str | None = None) -> dict[str, str | int | None]:
        """The same as data, for a finding's detail: {"file": ..., "line": ...}."""
        if self.catalog_path is None:
            return {"file": None, "line": None}
        line = self.lines.get(message_id) if message_id else None
        return {"file": project_relative(self.catalog_path, self.campaign), "line": line}


def source_edition(campaign: Campaign) -> LocalizedCampaign:
    """The campaign in its own language: what a translation says, for the people (a station,
    a reviewer) who read the source language."""
    texts = {mid: message.text for mid, message in campaign.messages.items()}
    return LocalizedCampaign(campaign, campaign.source_language, texts, {mid: SOURCE for mid in texts})


def project_relative(path: Path, campaign: Campaign) -> str:
    """A path as the project names it (locales/es/...), so no local folder leaks into a report."""
    for root in (campaign.root.parent.parent, campaign.root):
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.name


def _has_words(template: str) -> bool:
    return any(ch.isalpha() for piece, is_name in split_placeholders(template) if not is_name for ch in piece)
