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
    from campaigngen.release.unchanged import Request, requested_tags, unchanged_build
    from campaigngen.sources.campaign_dir import resolve_campaign_dir

    tags = requested_tags(langs)
    campaign_dir = resolve_campaign_dir(campaign)
    # Nothing it was made from changed and its files are as it left them: the last build stands.
    last = unchanged_build(campaign_dir, out_dir, tags)
    if last is not None:
        said = last.said
        for note in said.get("notes") or ():
            click.echo(note, err=True)
        entries = last.manifest.get("artifacts") or []
        _report(last.manifest, entries, set(said.get("pseudo") or ()), campaign, last.manifest_path)
        return
    rebuild = Request.now(campaign_dir, tags)  # before anything is read: an edit during the build shows next time
    _build(campaign, langs, out_dir, wait_s, rebuild)


def _build(campaign: str, langs: tuple[str, ...], out_dir: Path, wait_s: float, rebuild) -> None:
    from dataclasses import replace

    from campaigngen.exceptions import ChecksFailed
    from campaigngen.release.build import build

    snapshot = open_snapshot(campaign, langs)
    interactive = sys.stderr.isatty()

    def progress(line: str) -> None:
        if interactive:
            click.echo(f"\r\033[K{line}", nl=False, err=True)

    targets = [e for e in snapshot.editions if e.tag != snapshot.campaign.source_language.tag and not e.language.pseudo]
    notes = []
    if targets and all(e.catalog_path is None for e in targets):
        notes.append(
            f"note: no catalogs yet, so every language is the {snapshot.campaign.source_language.english_name} "
            f"text marked DRAFT - run 'campaigngen extract {campaign}' and translate"
        )
    for note in notes:
        click.echo(note, err=True)
    result = build(snapshot, out_dir, progress=progress, wait_s=wait_s, rebuild=replace(rebuild, notes=tuple(notes)))
    if interactive:
        click.echo("\r\033[K", nl=False, err=True)
    pseudo = {e.tag for e in result.editions if e.language.pseudo}
    entries = [{"language": entry.language} for entry in result.manifest.entries]
    _report(result.manifest.data, entries, pseudo, campaign, result.manifest_path)
    failures = result.render_failures
    for failure in failures:
        click.echo(f"{failure.language:<8} FAIL {failure.text}", err=True)
    if failures:
        raise ChecksFailed(
            f"{len(failures)} item(s) could not be made; the rest are in {result.out_dir}",
            code="build.incomplete",
            detail={"failed": [{"code": f.code, "language": f.language, "target": f.target} for f in failures]},
        )


def _report(data, entries, pseudo: set[str], campaign: str, manifest_path: Path) -> None:
    """What a build says: a line per language, what it skipped, where the manifest is."""
    for line in _language_lines(data, entries, pseudo, campaign):
        click.echo(line)
    for skipped in data["skipped"]:
        click.echo(f"{skipped['language']:<8} skipped {skipped['kind']} {skipped['format']}: {skipped['reason']}")
    click.echo(f"manifest  {manifest_path}")


def _language_lines(data, entries, pseudo: set[str], campaign: str) -> list[str]:
    """One line per language (from the manifest: a no-op build says the same as the build it
    stands on): how many files, and whether it is ready, a draft or waiting for a
    reviewer's approval."""
    from collections import Counter

    counts = Counter(entry.get("language") for entry in entries)
    lines = []
    for language in data["languages"]:
        tag = language["language"]
        unapproved = sum(1 for m in language["messages"] if not m.get("approved_by"))
        if tag in pseudo:
            state = "DRAFT (pseudo-locale, for layout testing)"
        elif language["draft"]:
            state = f"DRAFT ({len(language['unfinished'])} unfinished)"
        else:
            state = "ready"
            if unapproved:
                state += f", {unapproved} line(s) not yet approved by a reviewer (campaigngen approvals {campaign})"
        lines.append(f"{tag:<8} {counts[tag]:>3} files  {state}")
    return lines
