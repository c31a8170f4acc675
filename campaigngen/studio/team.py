"""What making an account changes beyond the accounts file: who is trusted to sign what.

The four-eyes rule (release/approvals.py) counts an approval when a trust root (the keyring of
whoever runs campaigngen) trusts its key as a reviewer's, directly or through the project's
`reviewers` list signed by a publisher the root trusts. The studio keeps to that rule:
- a coordinator's key is trusted as a publisher in the keyring of the person running the
  studio (as `campaigngen keys new` does for one's own key): they made it at first run, or
  a coordinator signed in made it;
- a reviewer's or coordinator's key is added to the project's `reviewers` list, which the
  coordinator signed in signs again with their own key (`campaigngen keys sign reviewers`);
- a translator's key is in neither: it signs the lines they save, so their own approval of
  a line they wrote would not count even if their role changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from campaigngen.release.signing import Signer
from campaigngen.studio.accounts import Account


def trust_as_publisher(account: Account) -> None:
    from campaigngen.release.keyring import add_trusted, default_keyring_path, entry

    add_trusted(
        default_keyring_path(),
        entry(account.public, account.signer_name, "publisher", "coordinator made in campaigngen studio"),
    )


def vouch_for(project: Path, account: Account, coordinator: Signer) -> None:
    """Add the account's key to the project's reviewers and sign the list as the coordinator."""
    from campaigngen.release.approvals import reviewers_path
    from campaigngen.release.keyring import add_trusted, entry, sign_keyring

    listed = reviewers_path(project)
    add_trusted(listed, entry(account.public, account.signer_name, "reviewer", f"{account.role}, campaigngen studio"))
    sign_keyring(listed, coordinator)


def welcome(project: Path, account: Account, own: Signer | None, by: Signer | None) -> None:
    """Trust for a new account, as its role needs: by is the coordinator signed in; the first
    coordinator (by None) vouches for themselves with their own key."""
    if account.role == "coordinator":
        trust_as_publisher(account)
    voucher = by or own
    if account.role in ("coordinator", "reviewer") and voucher is not None:
        vouch_for(project, account, voucher)


def retire(project: Path, account: Account, coordinator: Signer, now: dt.datetime | None = None) -> None:
    """Someone leaves the team: their key stops counting as a reviewer's from now on
    (`valid-before` in the project's list, signed again by the coordinator), so what they
    approved while on the team still counts and nothing they sign later does."""
    from campaigngen.atomic import write_bytes_atomic
    from campaigngen.release.approvals import reviewers_path
    from campaigngen.release.keyring import load_keyring, sign_keyring

    listed = reviewers_path(project)
    if not listed.is_file():
        return
    # The next whole second: an approval's time is kept to the second, and one made in the
    # second they left was made while they were on the team.
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0) + dt.timedelta(seconds=1)
    keys = load_keyring(listed).keys
    if not any(k.key == account.public for k in keys):
        return
    kept = [
        replace(k, valid_before=min(k.valid_before or moment, moment)) if k.key == account.public else k for k in keys
    ]
    header = "# campaigngen trusted keys - OpenSSH allowed_signers format (ssh-keygen -Y verify -f)\n"
    write_bytes_atomic(listed, (header + "".join(k.line() + "\n" for k in kept)).encode("utf-8"))
    sign_keyring(listed, coordinator)
