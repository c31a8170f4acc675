"""campaigngen check CAMPAIGN [--lang L] [--json]"""

from __future__ import annotations

import json

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_snapshot


@click.command("check")
@campaign_argument
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(campaign: str, langs: tuple[str, ...], as_json: bool) -> None:
    """Run every check. Exit 0 when publishable, 1 when a check fails, 2 for unusable input.

    Exit 0 means build and publish will succeed: layout of every format and multilingual
    sheet, and each spot's real speech against its booking, are checked too. The last lines
    say which languages get audio, which a live-read card, and which spots are not made.
    """
    from campaigngen.release.gate import run_checks
    from campaigngen.release.radio_plan import plan_lines, radio_plan
    from campaigngen.release.reporting import format_report
    from campaigngen.release.workers import processes_allowed

    processes = processes_allowed()
    snapshot = open_snapshot(campaign, langs)
    report = run_checks(snapshot, workers=processes)
    plans = radio_plan(snapshot, report)
    if as_json:
        data = report.to_json()
        data["radio"] = [plan.to_json() for plan in plans]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
        for line in plan_lines(plans):
            click.echo(line)
    if not report.publishable:
        raise SystemExit(1)
