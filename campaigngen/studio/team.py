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


APPROVERS = ("reviewer", "coordinator")


def _moment(now: dt.datetime | None) -> dt.datetime:
    # The next whole second: an approval's time is kept to the second, and one made in the
    # second the role ended was made while the person had it.
    return (now or dt.datetime.now(dt.UTC)).replace(microsecond=0) + dt.timedelta(seconds=1)


def stop_reviewing(project: Path, account: Account, coordinator: Signer, now: dt.datetime | None = None) -> None:
    """The key stops counting as a reviewer's from now on (`valid-before` in the project's
    list, signed again by the coordinator): what it approved before still counts, and only
    that (the list records those approvals' digests: a back-dated one is not among them)."""
    from campaigngen.release.approvals import approvals_by_key, reviewers_path
    from campaigngen.release.keyring import Closure, close_signed, end_trust, sign_keyring

    listed = reviewers_path(project)
    moment = _moment(now)
    if end_trust(listed, account.public, moment):
        # What the key approved so far is fixed in the signed list: anything it signs later
        # and dates earlier is not among it, and does not count.
        close_signed(listed, Closure(account.fingerprint, moment, approvals_by_key(project, account.fingerprint)))
        sign_keyring(listed, coordinator)


def stop_publishing(account: Account, now: dt.datetime | None = None) -> None:
    """A coordinator no more: their key stops vouching for lists of reviewers and signing
    releases in the keyring of the person running the studio."""
    from campaigngen.release.keyring import ROLES, default_keyring_path, end_trust

    end_trust(default_keyring_path(), account.public, _moment(now), ROLES["publisher"])


def retire(project: Path, account: Account, coordinator: Signer, now: dt.datetime | None = None) -> None:
    """Someone leaves the team: their key stops counting as a reviewer's, and as a
    publisher's if they coordinated, from now on; what they approved while on the team still
    counts and nothing they sign later does."""
    stop_reviewing(project, account, coordinator, now)
    if account.role == "coordinator":
        stop_publishing(account, now)


def change_role(project: Path, before: Account, after: Account, coordinator: Signer) -> None:
    """Trust follows a new role from this moment: a reviewer made translator can no longer
    approve (their earlier approvals stand), a translator made reviewer can; a coordinator
    no more stops vouching for reviewers, a new coordinator starts."""
    if before.role == "coordinator" and after.role != "coordinator":
        stop_publishing(before)
    if after.role == "coordinator" and before.role != "coordinator":
        trust_as_publisher(after)
    if before.role in APPROVERS and after.role not in APPROVERS:
        stop_reviewing(project, before, coordinator)
    elif after.role in APPROVERS and before.role not in APPROVERS:
        vouch_for(project, after, coordinator)
    from campaigngen.release.approvals import reviewers_path
    from campaigngen.release.keyring import sign_keyring

    if before.role == "coordinator" and reviewers_path(project).is_file():
        # The list may carry the signature of the one who stops coordinating: signed again
        # by a coordinator, its reviewers keep counting.
        sign_keyring(reviewers_path(project), coordinator)
