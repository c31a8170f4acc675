"""campaigngen translate CAMPAIGN --to LANG[,LANG] [--engine argos]"""

from __future__ import annotations

import click

from campaigngen.commands._common import campaign_argument, open_campaign, selected_languages


@click.command("translate")
@campaign_argument
@click.option(
    "--to",
    "targets",
    multiple=True,
    required=True,
    metavar="LANG[,LANG]",
    help="Languages to draft (repeat, or comma-separate).",
)
@click.option(
    "--engine",
    default="argos",
    show_default=True,
    type=click.Choice(["argos"]),
    help="Offline machine-translation engine.",
)
def command(campaign: str, targets: tuple[str, ...], engine: str) -> None:
    """Fill untranslated entries with machine drafts, marked fuzzy for a translator to review.

    Needs the optional extra (pip install 'campaigngen[mt]') and an installed model for
    each language pair (campaigngen models install FILE.argosmodel). Drafts are never
    published until a person clears the fuzzy flag in Poedit or Weblate.
    """
    from campaigngen.mt.argos import require_argos

    require_argos()  # one line, exit 2, before any work
    from campaigngen.catalogs.machine import translate_languages

    loaded = open_campaign(campaign)
    languages = selected_languages(loaded, targets) or []
    for result in translate_languages(loaded, languages, engine):
        if result.drafted:
            model = result.model
            assert model is not None  # drafts are only ever made by a model
            click.echo(
                f"{result.language}: {len(result.drafted)} machine drafts (fuzzy) written to {result.path} "
                f"- argos {model.pair} ({model.name} {model.version}); "
                "review each one in Poedit/Weblate, then clear fuzzy"
            )
        else:
            click.echo(f"{result.language}: nothing to translate ({len(result.kept)} entries already have text)")
