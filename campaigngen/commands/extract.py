"""campaigngen extract CAMPAIGN"""

from __future__ import annotations

import click

from campaigngen.commands._common import campaign_argument, open_campaign


@click.command("extract")
@campaign_argument
def command(campaign: str) -> None:
    """Write the .pot template and create or update every language's .po catalog."""
    from campaigngen.catalogs.extract import extract

    loaded = open_campaign(campaign)
    result = extract(loaded)
    click.echo(f"{'template' if result.template_changed else 'unchanged'} {result.template}")
    for label, paths in (("created", result.created), ("updated", result.updated), ("unchanged", result.unchanged)):
        for path in paths:
            click.echo(f"{label:<9} {path}")
    for tag, message_id in result.newly_fuzzy:
        click.echo(f"fuzzy     {tag}: '{message_id}' - its source text changed; a translator must review it")
