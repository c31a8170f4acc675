"""campaigngen publish CAMPAIGN [--version V] [--lang L ...] [--out DIR] [--wait S]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_snapshot


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
    help="Folder holding <campaign>/releases/.",
)
@click.option(
    "--wait",
    "wait_s",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    metavar="SECONDS",
    help="When another publish of this campaign is running, wait this long for it.",
)
@click.option(
    "--key",
    "signing_key",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Private key to sign the release with (default: the one `keys new` made, if any).",
)
def command(
    campaign: str, version: str | None, langs: tuple[str, ...], out_dir: Path, wait_s: float, signing_key: Path | None
) -> None:
    """Check everything, then release flyers and spots as a new, verified, versioned folder.

    Refuses (exit 1) when any check fails that no waiver covers, or a language is DRAFT.
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
        result = publish(snapshot, out_dir, version, wait_s, progress, signing_key=signing_key)
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
        click.echo(f"signed    by key {data['signature']['public_key_fingerprint']}")
    click.echo(f"latest -> {result.folder}")
