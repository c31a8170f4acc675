"""What several verbs share: the CAMPAIGN argument, the --lang and --store options, the snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # read when a verb runs: a no-op build answers without them
    from campaigngen.sources.campaign import Campaign
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
    from campaigngen.sources.campaign import load_campaign

    return load_campaign(name_or_path)


def selected_languages(campaign: Campaign, langs: tuple[str, ...]) -> list[Language] | None:
    """None means every language; pseudo-locales may be asked for by name."""
    tags = [tag.strip() for value in langs for tag in value.split(",") if tag.strip()]
    if not tags:
        return None
    return list(dict.fromkeys(campaign.language(tag) for tag in tags))


def open_snapshot(name_or_path: str, langs: tuple[str, ...] = ()):
    """The campaign and its catalogs, read once: what every checking and making verb works on."""
    import time

    from campaigngen.catalogs.snapshot import take_snapshot

    started = time.time_ns()  # before campaign.toml is read: publishes are ordered by it
    campaign = open_campaign(name_or_path)
    return take_snapshot(campaign, selected_languages(campaign, langs), read_at_ns=started)


store_option = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="The release store. Default: $CAMPAIGNGEN_RELEASES, else releases/ in the campaign's project.",
)


def wait_option(others: str):
    """--wait SECONDS; others: what else of the campaign may be running, e.g. 'a publish'."""
    return click.option(
        "--wait",
        "wait_s",
        type=click.FloatRange(min=0),
        default=0.0,
        show_default=True,
        metavar="SECONDS",
        help=f"When {others} of this campaign is running, wait this long for it.",
    )


def signing_key_option(purpose: str):
    """--key FILE, a private key; purpose completes 'Private key ...'."""
    return click.option(
        "--key",
        "signing_key",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help=f"Private key {purpose} (default: the one `keys new` made, if any).",
    )
