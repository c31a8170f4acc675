"""campaigngen waive CAMPAIGN --check C --lang L [--message ID] [--target T] --by NAME --reason TEXT"""

from __future__ import annotations

import click

from campaigngen.commands._common import campaign_argument, open_snapshot


@click.command("waive")
@campaign_argument
@click.option("--check", "check", required=True, help="The check's name, as `campaigngen check` shows it.")
@click.option("--lang", "language", required=True, metavar="TAG", help="The language, a sheet like en+es+vi, or '*'.")
@click.option("--message", default=None, metavar="ID", help="Only this message's finding.")
@click.option("--target", default=None, metavar="FORMAT|SPOT", help="Only this format's or spot's finding.")
@click.option("--by", required=True, help="Who accepts it (a name or role).")
@click.option("--reason", required=True, help="Why it is acceptable.")
def command(
    campaign: str, check: str, language: str, message: str | None, target: str | None, by: str, reason: str
) -> None:
    """Accept a failing finding, bound to the exact text it is about: the waiver is added to
    campaign.toml with that text's SHA-256, so a later, different text fails again."""
    import datetime as dt

    from campaigngen.atomic import write_bytes_atomic
    from campaigngen.exceptions import InputError
    from campaigngen.release.gate import run_checks
    from campaigngen.release.waiving import WaiverRequest, refuse_unusable, to_waive, waiver_entries
    from campaigngen.sources.campaign import campaign_from_bytes

    request = WaiverRequest(check, language, message, target, by, reason)
    refuse_unusable(request)  # before the checks run, which take seconds
    langs = () if language == "*" else tuple(language.split("+"))
    snapshot = open_snapshot(campaign, langs)
    findings = to_waive(run_checks(snapshot).findings, request)
    path = snapshot.campaign.config_path
    before = path.read_bytes()
    added = waiver_entries(snapshot, findings, request, dt.date.today())
    after = before + (b"" if before.endswith(b"\n") else b"\n") + added.encode("utf-8")
    try:
        campaign_from_bytes(path, after)  # the file must still load, waivers and all
    except InputError as exc:
        raise InputError(
            path,
            f"the waiver cannot be added to this file ({exc.message})",
            hint="add the [[waivers]] entry by hand",
        ) from None
    write_bytes_atomic(path, after)
    count = added.count("[[waivers]]")
    click.echo(f"waived {count} finding(s) of '{check}' in {language}, bound to the text they are about: {path}")
