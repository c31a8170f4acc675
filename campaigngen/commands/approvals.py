"""campaigngen approvals CAMPAIGN [--lang L]"""

from __future__ import annotations

import click

from campaigngen.commands._common import campaign_argument, lang_option, open_snapshot


@click.command("approvals")
@campaign_argument
@lang_option
def command(campaign: str, langs: tuple[str, ...]) -> None:
    """Show which lines are approved by trusted reviewers over their exact text, and which are
    not (and why: changed since approved, too few reviewers, a key nobody trusts)."""
    from campaigngen.catalogs.po.paths import project_root
    from campaigngen.release.approvals import reviewer_trust, reviews

    snapshot = open_snapshot(campaign, langs)
    trust = reviewer_trust(project_root(snapshot.campaign))
    if trust.problem:
        click.echo(f"note: {trust.problem}")
    if trust.keyring is None:
        click.echo("note: no keyring of yours trusts any reviewer, so nothing counts as approved here")
    found = reviews(snapshot, trust)
    for tag in dict.fromkeys(r.language for r in found):
        mine = [r for r in found if r.language == tag]
        open_ = [r for r in mine if not r.approved]
        click.echo(f"{tag:<8} {len(mine) - len(open_)} of {len(mine)} approved")
        for review in open_:
            why = f"approved by {len(review.counted)} of {review.needed}"
            if review.older:
                last = max(review.older, key=lambda a: a.at)
                why += f"; changed since {last.reviewer} approved it on {last.at[:10]}"
            why += "".join(f"; {a.reviewer}: {reason}" for a, reason in review.refused)
            click.echo(f"         unreviewed {review.subject.name}: {why}")
    total = sum(1 for r in found if not r.approved)
    click.echo(f"{total} unreviewed" if total else "every line approved")
