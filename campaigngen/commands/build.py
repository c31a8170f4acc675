"""campaigngen build CAMPAIGN [--lang L ...] [--out DIR]"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_snapshot, wait_option


@click.command("build")
@campaign_argument
@lang_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write <campaign>/<lang>/... into.",
)
@wait_option("a publish or another build")
def command(campaign: str, langs: tuple[str, ...], out_dir: Path, wait_s: float) -> None:
    """Render flyers and radio spots (draft build: unfinished languages carry a DRAFT mark)."""
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.release.build import build

    snapshot = open_snapshot(campaign, langs)
    interactive = sys.stderr.isatty()

    def progress(line: str) -> None:
        if interactive:
            click.echo(f"\r\033[K{line}", nl=False, err=True)

    targets = [e for e in snapshot.editions if e.tag != snapshot.campaign.source_language.tag and not e.language.pseudo]
    if targets and all(e.catalog_path is None for e in targets):
        click.echo(
            f"note: no catalogs yet, so every language is the {snapshot.campaign.source_language.english_name} "
            f"text marked DRAFT - run 'campaigngen extract {campaign}' and translate",
            err=True,
        )
    result = build(snapshot, out_dir, progress=progress, wait_s=wait_s)
    if interactive:
        click.echo("\r\033[K", nl=False, err=True)
    for line in _language_lines(result, campaign):
        click.echo(line)
    for skipped in result.manifest.data["skipped"]:
        click.echo(f"{skipped['language']:<8} skipped {skipped['kind']} {skipped['format']}: {skipped['reason']}")
    click.echo(f"manifest  {result.manifest_path}")
    failures = result.render_failures
    for failure in failures:
        click.echo(f"{failure.language:<8} FAIL {failure.text}", err=True)
    if failures:
        raise ChecksFailed(
            f"{len(failures)} item(s) could not be made; the rest are in {result.out_dir}",
            code="build.incomplete",
            detail={"failed": [{"code": f.code, "language": f.language, "target": f.target} for f in failures]},
        )


def _language_lines(result, campaign: str) -> list[str]:
    """One line per language: how many files, and whether it is ready, a draft or waiting for
    a reviewer's approval."""
    unapproved = {
        language["language"]: sum(1 for m in language["messages"] if not m.get("approved_by"))
        for language in result.manifest.data["languages"]
    }
    lines = []
    for edition in result.editions:
        count = sum(1 for entry in result.manifest.entries if entry.language == edition.tag)
        if edition.language.pseudo:
            state = "DRAFT (pseudo-locale, for layout testing)"
        elif edition.draft:
            state = f"DRAFT ({len(edition.unfinished)} unfinished)"
        else:
            state = "ready"
            if unapproved.get(edition.tag):
                state += (
                    f", {unapproved[edition.tag]} line(s) not yet approved by a reviewer "
                    f"(campaigngen approvals {campaign})"
                )
        lines.append(f"{edition.tag:<8} {count:>3} files  {state}")
    return lines
