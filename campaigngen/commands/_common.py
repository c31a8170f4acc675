"""What several verbs share: the CAMPAIGN argument, the --lang option, the snapshot."""

from __future__ import annotations

import click

from campaigngen.sources.campaign import Campaign, load_campaign
from campaigngen.sources.languages import Language

campaign_argument = click.argument("campaign", metavar="CAMPAIGN")

lang_option = click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="TAG",
    help="Only these languages (repeat, or comma-separate). Default: all of the campaign's.",
)


def open_campaign(name_or_path: str) -> Campaign:
    return load_campaign(name_or_path)


def selected_languages(campaign: Campaign, langs: tuple[str, ...]) -> list[Language] | None:
    """None means every language; pseudo-locales may be asked for by name."""
    tags = [tag.strip() for value in langs for tag in value.split(",") if tag.strip()]
    if not tags:
        return None
    return list(dict.fromkeys(campaign.language(tag) for tag in tags))


def open_snapshot(name_or_path: str, langs: tuple[str, ...] = ()):
    """The campaign and its catalogs, read once: what every checking and making verb works on."""
    from campaigngen.catalogs.snapshot import take_snapshot

    campaign = open_campaign(name_or_path)
    return take_snapshot(campaign, selected_languages(campaign, langs))
