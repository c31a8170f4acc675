"""campaigngen check CAMPAIGN [--lang L] [--json]"""

from __future__ import annotations

import json

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_campaign, selected_languages


@click.command("check")
@campaign_argument
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(campaign: str, langs: tuple[str, ...], as_json: bool) -> None:
    """Run every check. Exit 0 when publishable, 1 when a check fails, 2 for unusable input."""
    from campaigngen.release.gate import localize_all, run_checks
    from campaigngen.release.reporting import format_report

    loaded = open_campaign(campaign)
    report = run_checks(loaded, localize_all(loaded, selected_languages(loaded, langs)))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
    if not report.publishable:
        raise SystemExit(1)
