"""campaigngen review CAMPAIGN [--out DIR]"""

from __future__ import annotations

from pathlib import Path

import click

from campaigngen.commands._common import campaign_argument, open_campaign


@click.command("review")
@campaign_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder holding the build (<out>/<campaign>/).",
)
def command(campaign: str, out_dir: Path) -> None:
    """Write the review page (index.html) for the latest build and print its path."""
    from campaigngen.exceptions import CampaignGenError
    from campaigngen.release.manifest import MANIFEST_NAME, read_build_manifest
    from campaigngen.release.outfolder import refuse_release_target
    from campaigngen.release.review import write_review

    loaded = open_campaign(campaign)
    folder = out_dir / loaded.id
    refuse_release_target(folder)
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        raise CampaignGenError(
            f"no build of '{loaded.id}' in {folder} - run 'campaigngen build {campaign}' first",
            code="build.missing",
            detail={"folder": str(folder)},
        )
    built = read_build_manifest(folder)
    if built is None:
        raise CampaignGenError(
            f"{manifest}: not a build manifest that can be read - run 'campaigngen build {campaign}' again",
            code="build.missing",
            detail={"file": str(manifest)},
        )
    page = write_review(folder, built)
    click.echo(str(page.index.resolve()))
