"""campaigngen approve CAMPAIGN --lang L [--message ID] [--contact] [--recording] [--key FILE] [--yes]"""

from __future__ import annotations

from pathlib import Path

import click

from campaigngen.commands._common import campaign_argument, signing_key_option


@click.command("approve")
@campaign_argument
@click.option("--lang", "tag", required=True, metavar="TAG", help="The language whose text you read and approve.")
@click.option("--message", "message_ids", multiple=True, metavar="ID", help="Only this message (repeat for more).")
@click.option("--contact", is_flag=True, help="The contact details (with --lang of the source language).")
@click.option("--recording", is_flag=True, help="The language's imported recording (listen to all of it first).")
@click.option("--yes", is_flag=True, help="Approve everything shown without asking line by line.")
@signing_key_option("you sign approvals with, your own")
def command(
    campaign: str,
    tag: str,
    message_ids: tuple[str, ...],
    contact: bool,
    recording: bool,
    yes: bool,
    signing_key: Path | None,
) -> None:
    """Read a language's lines (source, translation and, where a model is installed, a machine
    back-translation) and sign your approval of each exact text.

    Only lines not yet approved by you as they are now are shown, unless named. A changed
    line needs a new approval. Your approval counts once a publisher trusts your key as a
    reviewer (their keyring, or the project's signed `reviewers` list).
    """
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.commands._common import open_campaign, selected_languages
    from campaigngen.exceptions import InputError
    from campaigngen.release.approvals import approve, edition_for, may_approve, reviewer_trust, to_approve
    from campaigngen.release.signing import default_key_path, signer_of

    loaded = open_campaign(campaign)
    # The source language's lines are every language's msgid: read them all; else just one.
    langs = () if tag == loaded.source_language.tag else (tag,)
    snapshot = take_snapshot(loaded, selected_languages(loaded, langs))
    edition = edition_for(snapshot, tag)
    signing_key = signing_key or default_key_path()
    if not signing_key.is_file():
        raise InputError(
            signing_key,
            "no signing key here to approve with",
            hint="make your own: campaigngen keys new --name YOUR-NAME --out FILE, then pass --key FILE",
        )
    signer = signer_of(signing_key)
    chosen = to_approve(snapshot, tag, signer.public.fingerprint, message_ids, contact, recording)
    if not chosen:
        click.echo(f"nothing to approve in {tag}: every line is approved by you as it is now")
        return
    back = _back_translator(edition, snapshot) if tag != snapshot.campaign.source_language.tag else None
    approved = []
    for subject in chosen:
        click.echo(f"\n{subject.name}")
        if subject.source:
            click.echo(f"  source       {subject.source}")
        click.echo(f"  {'text' if subject.source else 'what':<12} {subject.text}")
        if back is not None and subject.message_id:
            click.echo(f"  machine back {back(subject.text)}  (a rough check of the meaning, not a judge)")
        if yes or click.confirm("  approve this exact text?", default=False):
            approved.append(subject)
    if not approved:
        click.echo("nothing approved")
        return
    path = approve(snapshot, tag, approved, signer)
    click.echo(f"\napproved {len(approved)} in {tag} as {signer.name} ({signer.public.fingerprint}): {path}")
    if not may_approve(signer.public, reviewer_trust(_project(snapshot))):
        click.echo(
            "note: your key is not a trusted reviewer here, so check does not count it yet - the publisher "
            "adds it: campaigngen keys trust YOUR.pub --role reviewer --keyring reviewers, then keys sign reviewers"
        )


def _project(snapshot):
    from campaigngen.catalogs.po.paths import project_root

    return project_root(snapshot.campaign)


def _back_translator(edition, snapshot):
    from campaigngen.catalogs.machine import back_translator

    return back_translator(edition.language, snapshot.campaign.source_language)
