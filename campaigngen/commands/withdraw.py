"""campaigngen withdraw CAMPAIGN VERSION --reason TEXT [--key FILE] [--store DIR] [--wait S]"""

from __future__ import annotations

from pathlib import Path

import click

from campaigngen.commands._common import (
    campaign_argument,
    open_campaign,
    signing_key_option,
    store_option,
    wait_option,
)


@click.command("withdraw")
@campaign_argument
@click.argument("version", metavar="VERSION")
@click.option("--reason", required=True, help="Why: kept with the record and shown by verify.")
@signing_key_option("that signed the release, to sign its withdrawal with")
@store_option
@wait_option("a publish, withdraw or prune")
def command(
    campaign: str, version: str, reason: str, signing_key: Path | None, store: Path | None, wait_s: float
) -> None:
    """Withdraw a release: a record signed by its key says when and why; the release is kept for
    the record, latest moves back to the newest release still standing, and verify reports it."""
    from campaigngen.release.signing import default_key_path, signer_of
    from campaigngen.release.store import CampaignStore, store_root
    from campaigngen.release.withdraw import withdraw

    loaded = open_campaign(campaign)
    if signing_key is None and default_key_path().is_file():
        signing_key = default_key_path()
    signer = signer_of(signing_key) if signing_key is not None else None
    releases = CampaignStore(store_root(loaded, store), loaded.id)
    record, latest = withdraw(releases, version, reason, signer, wait_s)
    click.echo(f"withdrawn {version} ({record.withdrawn_at}): {record.reason}")
    click.echo(f"record    {record.path}" + ("" if signer else " (unsigned: the release was unsigned)"))
    click.echo(f"latest -> {releases.release(latest) if latest else 'none (every release is withdrawn)'}")
