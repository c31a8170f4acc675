"""campaigngen prune CAMPAIGN --keep N [--dry-run] [--store DIR] [--wait S]"""

from __future__ import annotations

from pathlib import Path

import click

from campaigngen.commands._common import campaign_argument, open_campaign, store_option, wait_option


@click.command("prune")
@campaign_argument
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    required=True,
    metavar="N",
    help="Keep the N newest releases still standing (latest among them).",
)
@click.option("--dry-run", is_flag=True, help="Say what would be removed, remove nothing.")
@store_option
@wait_option("a publish, withdraw or prune")
def command(campaign: str, keep: int, dry_run: bool, store: Path | None, wait_s: float) -> None:
    """Remove old releases: every one that is neither among the newest N, nor latest, nor
    withdrawn (withdrawn releases are kept for the record)."""
    from campaigngen.release.prune import prune
    from campaigngen.release.store import CampaignStore, store_root

    loaded = open_campaign(campaign)
    releases = CampaignStore(store_root(loaded, store), loaded.id)
    result = prune(releases, keep, wait_s, dry_run)
    verb = "would remove" if dry_run else "removed"
    for version in result.removed:
        click.echo(f"{verb:<12} {version}")
    for version, why in result.kept:
        click.echo(f"{'kept':<12} {version} ({why})")
    click.echo(f"{len(result.removed)} release(s) {verb}, {len(result.kept)} kept in {releases.folder}")
