"""campaigngen keys new [--out FILE]"""

from __future__ import annotations

from pathlib import Path

import click


@click.group("keys")
def command() -> None:
    """The key that signs releases, so partners can tell a changed release from yours."""


@command.command("new")
@click.option(
    "--out",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to keep the private key (default: your config folder, outside any project).",
)
def new(path: Path | None) -> None:
    """Make a signing key pair; publish signs with it from then on."""
    from campaigngen.exceptions import InputError
    from campaigngen.release.signing import default_key_path, new_key, public_key_path

    path = path or default_key_path()
    project = Path.cwd().resolve()
    if (project / "content").is_dir() and project in path.resolve().parents:
        raise InputError(
            path,
            "a private key inside the project would travel with it (and into backups, zips and repositories)",
            hint="keep it outside, e.g. the default location",
            code="output.refused",
        )
    public = new_key(path)
    click.echo(f"private key {path} (keep it secret, keep a backup)")
    click.echo(f"public key  {public_key_path(path)} - give this file to print shops and stations")
    click.echo(f"fingerprint {public.fingerprint}")
