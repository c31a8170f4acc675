"""The template (.pot) a campaign's messages make: one entry per message, msgctxt = message id,
its context and limits as ``#.`` comments and Weblate flags."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from campaigngen import __version__
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.placeholders import LANGUAGE_EN

HEADER_COMMENT = """\
# Translations of the campaigngen campaign PROJECT.
# Translate msgstr only. Keep {placeholders} exactly as written: they become
# the hotline's contact details when flyers and spots are made.
#"""


def build_template(campaign: Campaign) -> Catalog:
    """The .pot: one entry per message, msgctxt = message id."""
    template = Catalog(
        header_comment=HEADER_COMMENT,
        project=campaign.id,
        version=__version__,
        charset="utf-8",
        fuzzy=False,
        language_team=None,
        last_translator=None,
    )
    template.locale = None
    for message in campaign.messages.values():
        comments = []
        if message.context:
            comments.append(message.context)
        if message.max_length:
            comments.append(f"Max length: {message.max_length} characters.")
        if message.placeholders:
            names = dict.fromkeys(message.placeholders)
            become = (
                "it becomes this language's name in English, which the caller says"
                if list(names) == [LANGUAGE_EN]
                else "they become the contact details"
            )
            comments.append("Keep " + ", ".join("{" + p + "}" for p in names) + f" exactly as written: {become}.")
        flags = []
        if message.max_length:
            flags.append(f"max-length:{message.max_length}")
        if message.placeholders:
            flags.append("python-brace-format")
        template.add(
            message.text,
            string="",
            context=message.id,
            auto_comments=comments,
            flags=flags,
        )
    return template
