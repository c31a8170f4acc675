"""campaigngen verify RELEASE_DIR"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("verify")
@click.argument("release_dir", metavar="RELEASE_DIR", type=click.Path(path_type=Path))
def command(release_dir: Path) -> None:
    """Re-hash every file of a release against its manifest.

    Exit 0 when it matches, 1 when a file is missing, changed or extra, 2 when it is not a release.
    """
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.release.verify import verify_release

    result = verify_release(release_dir)
    for label, paths in (("missing", result.missing), ("changed", result.changed), ("extra", result.extra)):
        for rel in paths:
            click.echo(f"{label:<8} {rel}")
    if not result.ok:
        raise ChecksFailed(f"release {result.version} does not match its manifest: {len(result.missing)} missing, "
                           f"{len(result.changed)} changed, {len(result.extra)} extra")
    click.echo(f"ok: release {result.version}, {result.checked} files match manifest.json")
