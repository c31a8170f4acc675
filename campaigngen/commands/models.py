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
    from campaigngen.mt.models import installed_models, models_dir

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
    from campaigngen.mt.archive import install_model

    model = install_model(archive)
    click.echo(f"installed {model.pair} {model.name} {model.version} in {model.path}")


@command.command("download")
@click.argument("languages", nargs=-1, required=True, metavar="LANG...")
@click.option("--from", "from_code", default="en", show_default=True, help="Source language of the models.")
@click.option(
    "--to-dir",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to keep the .argosmodel files in (a USB stick, say).",
)
@click.option("--index", "index_url", default=None, metavar="URL", help="Package index (default: Argos's own).")
def download(languages: tuple[str, ...], from_code: str, target: Path, index_url: str | None) -> None:
    """On a connected machine: download models and keep the files, to carry to an offline one."""
    from campaigngen.mt.download import INDEX_URL, download_models

    for item in download_models(list(languages), from_code, target, index_url or INDEX_URL):
        click.echo(
            f"downloaded {item.pair}: {item.path}  - copy it over, then: campaigngen models install {item.path.name}"
        )
