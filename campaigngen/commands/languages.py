"""campaigngen languages [--json]"""

from __future__ import annotations

import json
from pathlib import Path

import click

from campaigngen.release.language_support import support_matrix
from campaigngen.sources.languages import PSEUDO_LOCALES

PSEUDO_TAGS = frozenset(PSEUDO_LOCALES)


@click.command("languages")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def command(as_json: bool) -> None:
    """What each language has: script, reading-level measures, fonts and voices (the built-in
    languages, then those of the project's own languages.toml in this folder)."""
    from campaigngen.sources.fonts import load_manifest, project_manifest_path, use_manifest
    from campaigngen.sources.registry import use_project_languages

    use_project_languages(Path.cwd())
    use_manifest(load_manifest(project_manifest_path(Path.cwd())))
    rows = support_matrix()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{'tag':<8}{'language':<22}{'script':<7}{'dir':<4}{'font':<30}{'line breaking':<27}"
        f"{'voice (engine)':<22}{'corpus':<10}reading level"
    )
    for row in rows:
        measures = ", ".join(m for m in row["reading_measures"] if m != "rare words")
        if row["word_list"] == "yes":
            measures += " + rare words"
        if not row["reading_calibrated"] and row["tag"] not in PSEUDO_TAGS:
            # Limits no corpus set judge nothing: the gate fails it until a reader waives it.
            measures = "not calibrated: needs a reader's waiver"
        voice = f"{row['voice_engine']} {row['voice']}" if row["voice"] else "recording"
        agreed = row["reading_agreement"]
        # plain texts accepted / hard texts rejected, in percent of the labelled corpus
        corpus = (
            f"{agreed['plain_accepted_share']:.0%}/{agreed['hard_rejected_share']:.0%}".replace("%", "", 1)
            if agreed
            else "uncalib."
            if row["tag"] not in PSEUDO_TAGS
            else "-"
        )
        click.echo(
            f"{row['tag']:<8}{row['name'][:21]:<22}{row['script']:<7}{row['direction']:<4}"
            f"{row['font'][:29]:<30}{row['line_breaking']:<27}{voice[:21]:<22}{corpus:<10}{measures}"
        )
    for row in rows:
        if not row["font_for_script"]:
            click.echo(
                f"warning: {row['tag']} ({row['name']}): no font for the {row['script']} script - add one to "
                f"fonts/fonts.toml, or install Debian's fonts-noto-core",
                err=True,
            )
