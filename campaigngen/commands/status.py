"""campaigngen status CAMPAIGN [--json]"""

from __future__ import annotations

import json
from collections import Counter

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_snapshot


@click.command("status")
@campaign_argument
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def command(campaign: str, langs: tuple[str, ...], as_json: bool) -> None:
    """Translation progress per language: translated, fuzzy, untranslated, failing checks."""
    from campaigngen.catalogs.localized import BROKEN, FUZZY, SOURCE, TRANSLATED, UNTRANSLATED
    from campaigngen.release.gate import run_checks

    snapshot = open_snapshot(campaign, langs)
    report = run_checks(snapshot)
    rows = []
    for loc in snapshot.editions:
        counts = Counter(loc.status[m.id] for m in loc.applicable)
        failing = [f for f in report.findings if f.status == "fail" and loc.tag in f.language.split("+")]
        rows.append(
            {
                "language": loc.tag,
                "name": loc.language.english_name,
                "messages": len(loc.applicable),
                "translated": counts[TRANSLATED] + counts[SOURCE],
                "fuzzy": counts[FUZZY],
                "untranslated": counts[UNTRANSLATED] + counts[BROKEN],
                "failing_checks": len(failing),
                "publishable": not failing and not [f for f in report.findings if f.language == "*" and f.blocking],
            }
        )
    if as_json:
        click.echo(json.dumps({"campaign": snapshot.campaign.id, "languages": rows}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'language':<10}{'name':<24}{'done':>6}{'fuzzy':>7}{'todo':>6}{'fails':>7}")
    for row in rows:
        done = f"{row['translated']}/{row['messages']}"
        click.echo(
            f"{row['language']:<10}{row['name'][:23]:<24}{done:>6}{row['fuzzy']:>7}{row['untranslated']:>6}"
            f"{row['failing_checks']:>7}  {'ready' if row['publishable'] else ''}"
        )
    for finding in report.findings:
        if finding.language == "*" and finding.blocking:
            click.echo(f"campaign  FAIL {finding.text}")
