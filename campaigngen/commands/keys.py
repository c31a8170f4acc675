"""campaigngen keys new | trust FILE.pub | list | export"""

from __future__ import annotations

from pathlib import Path

import click

from campaigngen.commands._common import signing_key_option

keyring_option = click.option(
    "--keyring",
    "keyring",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="The keyring (OpenSSH allowed_signers format). Default: $XDG_CONFIG_HOME/campaigngen/trusted-keys.",
)


@click.group("keys")
def command() -> None:
    """Signing keys and trusted keys, so partners can tell a changed release from yours."""


@command.command("new")
@click.option(
    "--out",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to keep the private key (default: your config folder, outside any project).",
)
@click.option(
    "--name",
    default="publisher",
    show_default=True,
    help="The signer's name partners check bundles against (ssh-keygen -Y verify -I NAME): no spaces.",
)
def new(path: Path | None, name: str) -> None:
    """Make a signing key pair; publish signs with it from then on, and your keyring trusts it."""
    from campaigngen.exceptions import InputError
    from campaigngen.release.keyring import add_trusted, default_keyring_path, entry
    from campaigngen.release.signing import check_signer_name, default_key_path, new_key, public_key_path

    check_signer_name(name)
    path = path or default_key_path()
    project = Path.cwd().resolve()
    if (project / "content").is_dir() and project in path.resolve().parents:
        raise InputError(
            path,
            "a private key inside the project would travel with it (and into backups, zips and repositories)",
            hint="keep it outside, e.g. the default location",
            code="output.refused",
        )
    public = new_key(path, name)
    add_trusted(default_keyring_path(), entry(public, name, "publisher", "your own release key"))
    click.echo(f"private key {path} (keep it secret, keep a backup)")
    click.echo(f"public key  {public_key_path(path)}")
    click.echo(f"fingerprint {public.fingerprint}")
    click.echo(f"trusted in  {default_keyring_path()} (so verify confirms your releases)")
    click.echo("for partners: campaigngen keys export > allowed_signers, and send them that file")


@command.command("trust")
@click.argument("public_key", metavar="FILE.pub", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--name", default=None, help="The signer's name (default: the comment in FILE.pub).")
@click.option(
    "--role",
    type=click.Choice(["publisher", "reviewer"]),
    default="publisher",
    show_default=True,
    help="What the key may sign: releases, bundles, withdrawals and key lists (publisher), or approvals (reviewer).",
)
@click.option("--comment", default="", help="A note for people (who, since when).")
@keyring_option
def trust(public_key: Path, name: str | None, role: str, comment: str, keyring: Path | None) -> None:
    """Add a public key to your trusted keys: verify then confirms what it signed."""
    from campaigngen.release.keyring import add_trusted, default_keyring_path, entry
    from campaigngen.release.signing import load_public_key

    key, named = load_public_key(public_key)
    keyring = keyring or default_keyring_path()
    added = add_trusted(keyring, entry(key, name or named, role, comment))
    click.echo(f"{'trusted' if added else 'already trusted'}: {name or named} ({role}) {key.fingerprint} in {keyring}")


@command.command("list")
@keyring_option
def list_keys(keyring: Path | None) -> None:
    """Show the trusted keys: name, role, fingerprint, comment."""
    from campaigngen.release.keyring import default_keyring_path, load_keyring

    keyring = keyring or default_keyring_path()
    if not keyring.is_file():
        click.echo(f"no trusted keys yet ({keyring}) - add one with: campaigngen keys trust FILE.pub")
        return
    for trusted in load_keyring(keyring).keys:
        click.echo(f"{','.join(trusted.principals):<24} {trusted.role:<10} {trusted.fingerprint}  {trusted.comment}")


@command.command("sign")
@click.argument("key_list", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@signing_key_option("of the publisher, who vouches for the keys listed")
def sign(key_list: Path, signing_key: Path | None) -> None:
    """Sign a list of keys (e.g. the project's `reviewers`): FILE.sig, so campaigngen and
    `ssh-keygen -Y verify -n campaigngen-keyring` know the publisher vouches for it."""
    from campaigngen.exceptions import InputError
    from campaigngen.release.keyring import load_keyring, sign_keyring
    from campaigngen.release.signing import default_key_path, signer_of

    signing_key = signing_key or default_key_path()
    if not signing_key.is_file():
        raise InputError(signing_key, "no signing key here", hint="make one with: campaigngen keys new")
    listed = load_keyring(key_list)  # a list that is not one is refused before it is signed
    signature = sign_keyring(key_list, signer_of(signing_key))
    click.echo(f"signed {len(listed.keys)} key(s) in {key_list}: {signature}")


@command.command("export")
@signing_key_option("whose public half is printed")
def export(signing_key: Path | None) -> None:
    """Print the line partners keep as their allowed_signers file (for ssh-keygen -Y verify and
    campaigngen verify --keyring): your name, role and public key."""
    from campaigngen.exceptions import InputError
    from campaigngen.release.keyring import entry
    from campaigngen.release.signing import default_key_path, signer_of

    signing_key = signing_key or default_key_path()
    if not signing_key.is_file():
        raise InputError(signing_key, "no signing key here", hint="make one with: campaigngen keys new")
    signer = signer_of(signing_key)
    click.echo(entry(signer.public, signer.name, "publisher", f"release key, {signer.public.fingerprint}").line())
