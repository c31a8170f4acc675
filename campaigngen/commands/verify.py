"""campaigngen verify RELEASE_DIR [--key FILE.pub]"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("verify")
@click.argument("release_dir", metavar="RELEASE_DIR", type=click.Path(path_type=Path))
@click.option(
    "--key",
    "public_key",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE.pub",
    help="The publisher's public key: check the manifest's signature too.",
)
def command(release_dir: Path, public_key: Path | None) -> None:
    """Re-hash every file of a release against its manifest (and check its signature).

    Exit 0 when it matches, 1 when a file is missing, changed, extra or a link, or the
    signature does not hold, 2 when it is not a release.
    """
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.release.verify import verify_release

    result = verify_release(release_dir, public_key)
    for label, paths in (
        ("missing", result.missing),
        ("changed", result.changed),
        ("extra", result.extra),
        ("link", result.links),
    ):
        for rel in paths:
            click.echo(f"{label:<8} {rel}")
    if not result.ok:
        raise ChecksFailed(
            f"release {result.version} does not match its manifest: {len(result.missing)} missing, "
            f"{len(result.changed)} changed, {len(result.extra)} extra, {len(result.links)} link(s)",
            code="release.changed",
            detail={
                "missing": list(result.missing),
                "changed": list(result.changed),
                "extra": list(result.extra),
                "links": list(result.links),
            },
        )
    click.echo(f"ok: release {result.version}, {result.checked} files match manifest.json")
    if result.signature_checked:
        click.echo(f"signed: the manifest's signature holds for key {result.signed_by}")
    elif result.signed_by:
        click.echo(
            f"signed by key {result.signed_by} (not checked: pass --key FILE.pub to check it is the publisher's)"
        )
    else:
        click.echo("unsigned: anyone who can change the folder can change the manifest with it")
