"""campaigngen models list | models install FILE.argosmodel"""

from __future__ import annotations

from pathlib import Path

import click


@click.group("models")
def command() -> None:
    """Offline machine-translation models (Argos packages) for `campaigngen translate`."""


@command.command("list")
def list_models() -> None:
    """Show installed language pairs and where they live."""
    from campaigngen.catalogs.models import installed_models, models_dir

    models = installed_models()
    if not models:
        click.echo(f"no models in {models_dir()} - install one with: campaigngen models install FILE.argosmodel")
        return
    for model in models:
        click.echo(f"{model.pair:10} {model.name} {model.version}  {model.path}")


@command.command("install")
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False))
def install(archive: Path) -> None:
    """Check an .argosmodel file copied from a connected machine, then install it."""
    from campaigngen.catalogs.models import install_model

    model = install_model(archive)
    click.echo(f"installed {model.pair} {model.name} {model.version} in {model.path}")
