"""campaigngen publish CAMPAIGN [--version V] [--lang L ...] [--out DIR] [--store DIR] [--wait S] [--key FILE]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from campaigngen.commands._common import (
    campaign_argument,
    lang_option,
    open_snapshot,
    signing_key_option,
    store_option,
    wait_option,
)


@click.command("publish")
@campaign_argument
@click.option(
    "--version",
    "version",
    metavar="V",
    default=None,
    help="Release name. Default: today's date and the next free number, e.g. 2026.11.27-1.",
)
@lang_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder of the builds (<out>/<campaign>/): a build of exactly these inputs is reused, its files copied.",
)
@store_option
@wait_option("a build, another publish, a withdraw or a prune")
@signing_key_option("to sign the release with")
def command(
    campaign: str,
    version: str | None,
    langs: tuple[str, ...],
    out_dir: Path,
    store: Path | None,
    wait_s: float,
    signing_key: Path | None,
) -> None:
    """Check everything, then release flyers and spots as a new, signed, read-only, versioned
    folder in the release store (releases/CAMPAIGN/VERSION), with latest pointing at it.

    Refuses (exit 1) when any check fails that no waiver covers, or a language is DRAFT; exit 2
    when a release of a newer snapshot was published while this one waited.
    """
    from campaigngen.exceptions import GateRefused
    from campaigngen.release.publish import publish
    from campaigngen.release.reporting import format_report

    snapshot = open_snapshot(campaign, langs)
    interactive = sys.stderr.isatty()

    def progress(line: str) -> None:
        if interactive:
            click.echo(f"\r\033[K{line}", nl=False, err=True)

    try:
        result = publish(snapshot, out_dir, version, wait_s, progress, signing_key=signing_key, store=store)
    except GateRefused as refused:
        click.echo(format_report(refused.report))
        raise
    finally:
        if interactive:
            click.echo("\r\033[K", nl=False, err=True)
    data = result.manifest
    click.echo(
        f"published {result.version}: {len(data['languages'])} languages, {len(data['files'])} files, "
        f"{len(data['waivers'])} waived finding(s), {result.seconds:.1f} s"
    )
    for bundle in data["bundles"]:
        click.echo(f"bundle    {result.folder / bundle['zip']}")
    click.echo(f"review    {result.review_page}")
    if "signature" in data:
        signature = data["signature"]
        click.echo(f"signed    by {signature['signer']}, key {signature['public_key_fingerprint']}")
    else:
        click.echo("unsigned  (make a signing key with: campaigngen keys new)")
    click.echo(f"latest -> {result.folder}")
    old = Path(out_dir) / f".{snapshot.campaign.id}.releases"
    if old.is_dir():
        click.echo(
            f"note: releases made before the release store are still in {old} - they are left as they were; "
            f"check them with campaigngen verify, and move the ones you keep out of the output folder",
            err=True,
        )
