"""campaigngen new NAME [--languages es,vi]"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("new")
@click.argument("name")
@click.option("--languages", default="es", show_default=True, help="Comma-separated BCP 47 tags.")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder that holds campaigns.",
)
def command(name: str, languages: str, content_dir: Path) -> None:
    """Start a new campaign: content/NAME/campaign.toml with comments to fill in."""
    from campaigngen.sources.campaign import load_campaign
    from campaigngen.sources.registry import use_project_languages
    from campaigngen.sources.scaffold import scaffold

    use_project_languages(content_dir.parent)  # a project's own languages.toml names languages too
    tags = [t.strip() for t in languages.split(",") if t.strip()]
    config = scaffold(content_dir, name, tags)
    load_campaign(config.parent)  # the scaffold must itself be a valid campaign
    click.echo(f"created {config}")
    click.echo(f"next: edit it, then run  campaigngen extract {config.parent}")
