"""Four eyes: is every published line approved, over its exact text, by trusted reviewers?

Who is trusted never comes from the project alone. The trust roots are the keyrings of the
person running campaigngen (their own ``$XDG_CONFIG_HOME/campaigngen/trusted-keys`` and any
named in ``$CAMPAIGNGEN_KEYRING``); a reviewer counts when a root trusts their
key for approvals, or when the project's list of reviewers (``reviewers`` at the project
root, OpenSSH allowed_signers) names it *and* that list is signed (``reviewers.sig``) by a
key a root trusts to sign lists of keys, i.e. the publisher, whose private key lives outside
the project. Editing campaign.toml, the approvals files or the unsigned list adds nobody.

An approval counts when its signature verifies over its campaign, language, subject, hash and
time, its key is a trusted reviewer's, and its hash is the subject's content now. Each
subject needs ``[review] approvals`` (default 1) different keys. An unreviewed subject is a
``review`` finding, which no waiver accepts.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen import checknames
from campaigngen.catalogs.approvals import (
    CONTACT,
    MESSAGE_PREFIX,
    RECORDING,
    Approval,
    Subject,
    approvals_path,
    signed_payload,
    subjects,
    write_approvals,
)
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.po.paths import project_root
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import WARNING, Finding
from campaigngen.exceptions import InputError, SignatureInvalid
from campaigngen.release.keyring import Keyring, combine, default_keyring_path, load_keyring
from campaigngen.release.signing import REVIEW_NAMESPACE, PublicKey, Signer, armor, one_line, sshsig_verify
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language

KEYRING_ENV = "CAMPAIGNGEN_KEYRING"
REVIEWERS_NAME = "reviewers"
CAMPAIGN_WIDE = "*"


@dataclass(frozen=True)
class ReviewerTrust:
    keyring: Keyring | None  # every key trusted to approve; None: nobody
    problem: str | None = None  # why the project's list of reviewers does not count


def trust_roots() -> Keyring | None:
    """The keyrings of the person running this: their own keyring, if any, and those named in
    $CAMPAIGNGEN_KEYRING (paths separated by os.pathsep)."""
    paths = [default_keyring_path()] if default_keyring_path().is_file() else []
    paths += [Path(p) for p in os.environ.get(KEYRING_ENV, "").split(os.pathsep) if p]
    return combine([load_keyring(path) for path in paths])


def reviewers_path(project: Path) -> Path:
    return project / REVIEWERS_NAME


def reviewer_trust(project: Path) -> ReviewerTrust:
    roots = trust_roots()
    listed = reviewers_path(project)
    if not listed.is_file():
        return ReviewerTrust(roots)
    if roots is None:
        return ReviewerTrust(None, f"{REVIEWERS_NAME}: no keyring of yours trusts a publisher to vouch for it")
    try:
        signed = load_keyring(listed, signed_by=roots)
    except SignatureInvalid as exc:
        return ReviewerTrust(roots, str(exc))
    # The list vouches for reviewers only: a line in it can never make a publisher.
    reviewers = tuple(replace(key, namespaces=(REVIEW_NAMESPACE,)) for key in signed.keys)
    return ReviewerTrust(roots + Keyring(reviewers, signed.source, signed.closures))


@dataclass(frozen=True)
class Review:
    """One subject of one language: who approved it as it is now, and what did not count."""

    language: str
    subject: Subject
    counted: tuple[str, ...]  # names of the trusted reviewers whose approval counts
    older: tuple[Approval, ...]  # approvals of an earlier text
    refused: tuple[tuple[Approval, str], ...]  # approvals of this text that do not count, and why
    needed: int

    @property
    def approved(self) -> bool:
        return len(self.counted) >= self.needed


def reviews(snapshot: Snapshot, trust: ReviewerTrust | None = None) -> tuple[Review, ...]:
    """Every subject of every language of the snapshot (and the contact details), judged."""
    trust = trust or reviewer_trust(project_root(snapshot.campaign))
    campaign = snapshot.campaign
    found = []
    source_tag = campaign.source_language.tag
    editions = [(e, False) for e in snapshot.editions if not e.language.pseudo]
    if all(e.tag != source_tag for e, _ in editions):
        from campaigngen.catalogs.localized import source_edition

        editions.insert(0, (source_edition(campaign), True))  # a --lang run: only its contact details
    for edition, only_contact in editions:
        approvals = snapshot.approvals[edition.tag].approvals if edition.tag in snapshot.approvals else ()
        for subject in subjects(edition, with_contact=edition.tag == source_tag):
            if only_contact and subject.name != CONTACT:
                continue
            found.append(judge(campaign.id, edition.tag, subject, approvals, trust, campaign.reviewers_needed))
    return tuple(found)


def judge(
    campaign_id: str,
    tag: str,
    subject: Subject,
    approvals: Iterable[Approval],
    trust: ReviewerTrust,
    needed: int,
) -> Review:
    mine = [a for a in approvals if a.subject == subject.name]
    # Who wrote this very text (a save signed in the studio): their approval of it is no second pair of eyes.
    translators = {
        a.key
        for a in mine
        if a.kind == "translation" and a.sha256 == subject.sha256 and _signed_by(campaign_id, tag, a) is not None
    }
    counted: dict[str, str] = {}  # key fingerprint -> reviewer name
    older, refused = [], []
    for approval in mine:
        if approval.kind != "approval":
            continue
        if approval.sha256 != subject.sha256:
            older.append(approval)
            continue
        why = _why_not(campaign_id, tag, approval, trust)
        if why is None and approval.key in translators:
            why = "they wrote this text themselves (a second person must approve it)"
        if why is None:
            counted.setdefault(approval.key, approval.reviewer)
        else:
            refused.append((approval, why))
    return Review(tag, subject, tuple(counted.values()), tuple(older), tuple(refused), needed)


# Each entry's signature is verified once in a process: the answer is the entry's, the
# campaign's and the language's alone (the memo's key). A process that judges again meets the
# same entries: the studio, each time it shows the source language's approve page (which
# judges every language's contact block: the sample's 442 entries, 0.1 s of verifying), and
# the test suite, whose commands run in one process. A command run once judges once.
@functools.lru_cache(maxsize=8192)
def _signed_by(campaign_id: str, tag: str, approval: Approval) -> PublicKey | None:
    """The key that signed this entry, if its signature verifies and names that key."""
    try:
        key = sshsig_verify(armor(approval.signature), signed_payload(campaign_id, tag, approval), REVIEW_NAMESPACE)
    except SignatureInvalid:
        return None
    return key if key.fingerprint == approval.key else None


def _why_not(campaign_id: str, tag: str, approval: Approval, trust: ReviewerTrust) -> str | None:
    """None when the approval counts; else why not, in a few words."""
    key = _signed_by(campaign_id, tag, approval)
    if key is None:
        return "its signature does not match what it says it approved, or the key it names"
    try:
        when = dt.datetime.fromisoformat(approval.at)
    except ValueError:
        return "its time cannot be read"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    if trust.keyring is None:
        return "no keyring of yours trusts any reviewer"
    for closure in trust.keyring.closures_for(key.fingerprint):
        if when < closure.before and approval_digest(approval) not in closure.digests:
            # Its time is the signer's word: what a key signs after it stopped counting can say any time.
            return (
                f"it is dated before key {key.fingerprint} stopped counting, "
                "but it was not among the approvals the key had made by then"
            )
    trusted = trust.keyring.trusted(key, REVIEW_NAMESPACE, when)
    if trusted is None:
        return f"key {key.fingerprint} is not a trusted reviewer's"
    return None


def approval_digest(approval: Approval) -> str:
    """What names one signed approval: the SHA-256 of its signature, which covers its
    campaign, language, subject, text hash and time."""
    import hashlib

    return hashlib.sha256(approval.signature.encode("ascii", "replace")).hexdigest()


def approvals_by_key(project: Path, fingerprint: str) -> frozenset[str]:
    """The digests of every approval this key has signed in the project's approvals files
    (every campaign, every language), as they are now. A file that cannot be read adds none:
    what it held then needs approving again."""
    from campaigngen.catalogs.approvals import read_approvals
    from campaigngen.catalogs.po.paths import LOCALES_DIR

    files = [*(project / "content").glob("*/approvals.toml"), *(project / LOCALES_DIR).glob("*/*/*.approvals.toml")]
    found: set[str] = set()
    for path in sorted(files):
        try:
            approvals = read_approvals(path).approvals
        except InputError:
            continue
        found.update(approval_digest(a) for a in approvals if a.kind == "approval" and a.key == fingerprint)
    return frozenset(found)


# --------------------------------------------------------------------------- findings


def review_findings(snapshot: Snapshot, trust: ReviewerTrust | None = None) -> list[Finding]:
    """A `review` finding for each line, contact block or recording not yet approved as it is."""
    trust = trust or reviewer_trust(project_root(snapshot.campaign))
    findings = []
    if trust.problem:
        findings.append(
            Finding(
                checknames.REVIEW,
                CAMPAIGN_WIDE,
                None,
                f"{trust.problem} - its reviewers do not count; the publisher signs it: "
                f"campaigngen keys sign {REVIEWERS_NAME}",
                severity=WARNING,
                code="review.list-untrusted",
            )
        )
    for review in reviews(snapshot, trust):
        if not review.approved:
            findings.append(_finding(snapshot, review))
    return findings


def _finding(snapshot: Snapshot, review: Review) -> Finding:
    subject = review.subject
    campaign = snapshot.campaign
    language = CAMPAIGN_WIDE if subject.name == CONTACT else review.language
    what = f"message '{subject.message_id}'" if subject.message_id else subject.name
    said = [f"approved by {len(review.counted)} of {review.needed} trusted reviewer(s)"]
    if review.older:
        last = max(review.older, key=lambda a: a.at)
        was = f" (it was: '{last.text}')" if last.text else ""
        said.append(f"changed since {last.reviewer} approved it on {last.at[:10]}{was}")
    said += [f"{a.reviewer}'s approval does not count: {why}" for a, why in review.refused]
    option = f" --message {subject.message_id}" if subject.message_id else f" --{subject.name}"
    lang = campaign.source_language.tag if subject.name == CONTACT else review.language
    return Finding(
        checknames.REVIEW,
        language,
        subject.message_id,
        f"{review.language} {what}: {'; '.join(said)} - a second person who reads it approves it: "
        f"campaigngen approve {campaign.id} --lang {lang}{option}",
        detail={
            "subject": subject.name,
            "sha256": subject.sha256,
            "approved_by": list(review.counted),
            "needed": review.needed,
            "changed": bool(review.older),
        },
        code="review.unreviewed",
    )


# --------------------------------------------------------------------------- approving


def approve(
    snapshot: Snapshot, language_tag: str, chosen: Sequence[Subject], signer: Signer, now: dt.datetime | None = None
) -> Path:
    """Sign an approval of each chosen subject as it is now, replacing the signer's earlier
    approvals of the same subjects; the file is written whole, atomically."""
    campaign = snapshot.campaign
    language = (
        campaign.source_language
        if language_tag == campaign.source_language.tag
        else snapshot.edition(language_tag).language
    )
    path = approvals_path(campaign, language)
    existing = snapshot.approvals[language_tag].approvals if language_tag in snapshot.approvals else ()
    at = _utc(now)
    names = {subject.name for subject in chosen}
    kept = [
        a for a in existing if not (a.kind == "approval" and a.subject in names and a.key == signer.public.fingerprint)
    ]
    for subject in chosen:
        unsigned = Approval(subject.name, subject.sha256, signer.name, signer.public.fingerprint, at, "", subject.text)
        signature = signer.sign(signed_payload(campaign.id, language_tag, unsigned), REVIEW_NAMESPACE)
        kept.append(replace(unsigned, signature=one_line(signature)))
    write_approvals(path, kept, language.english_name, campaign.id)
    return path


def to_approve(
    snapshot: Snapshot,
    tag: str,
    signer_key: str,
    message_ids: Sequence[str] = (),
    contact: bool = False,
    recording: bool = False,
) -> tuple[Subject, ...]:
    """The subjects named (messages, the contact details, the recording), or else every
    subject of the language this key has not approved as it is now."""
    campaign = snapshot.campaign
    source_tag = campaign.source_language.tag
    unknown = [m for m in message_ids if m not in campaign.messages]
    if unknown:
        raise InputError(
            campaign.config_path,
            f"no message '{unknown[0]}' in this campaign",
            hint=f"use one of {', '.join(campaign.messages)}",
        )
    if contact and tag != source_tag:
        raise InputError(
            None, "the contact details are approved with the source language", hint=f"use --lang {source_tag}"
        )
    every = subjects(edition_for(snapshot, tag), with_contact=tag == source_tag)
    if message_ids or contact or recording:
        wanted = {f"{MESSAGE_PREFIX}{m}" for m in message_ids} | ({CONTACT} if contact else set())
        return tuple(s for s in every if s.name in wanted or (recording and s.name == RECORDING))
    mine = {
        a.subject: a.sha256 for a in snapshot.approvals[tag].approvals if a.key == signer_key and a.kind == "approval"
    }
    return tuple(s for s in every if mine.get(s.name) != s.sha256)


def record_translation(campaign: Campaign, language: Language, message_id: str, signer: Signer) -> None:
    """A studio save signed by its translator: the text as the catalog now holds it is theirs,
    so their own approval of it will not count."""
    from campaigngen.catalogs.approvals import read_approvals
    from campaigngen.catalogs.snapshot import take_snapshot

    snapshot = take_snapshot(campaign, [language])
    edition = snapshot.edition(language.tag)
    subject = next((s for s in subjects(edition) if s.message_id == message_id), None)
    if subject is None:
        return  # not a finished translation (a draft): nothing to approve, nothing to record
    path = approvals_path(campaign, language)
    at = _utc()
    unsigned = Approval(
        subject.name, subject.sha256, signer.name, signer.public.fingerprint, at, "", subject.text, kind="translation"
    )
    signature = signer.sign(signed_payload(campaign.id, language.tag, unsigned), REVIEW_NAMESPACE)
    kept = [
        a
        for a in read_approvals(path).approvals
        if not (a.kind == "translation" and a.subject == subject.name and a.key == signer.public.fingerprint)
    ]
    write_approvals(path, [*kept, replace(unsigned, signature=one_line(signature))], language.english_name, campaign.id)


def _utc(now: dt.datetime | None = None) -> str:
    """When an approval or a translation was signed, as its entry writes it."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def may_approve(signer_key: PublicKey, trust: ReviewerTrust) -> bool:
    return trust.keyring is not None and trust.keyring.trusted(signer_key, REVIEW_NAMESPACE) is not None


def edition_for(snapshot: Snapshot, tag: str) -> LocalizedCampaign:
    from campaigngen.catalogs.localized import source_edition

    if tag == snapshot.campaign.source_language.tag and tag not in snapshot.tags:
        return source_edition(snapshot.campaign)
    try:
        return snapshot.edition(tag)
    except KeyError:
        raise InputError(
            snapshot.campaign.config_path,
            f"'{tag}' is not a language of this campaign",
            hint="use one of its languages",
        ) from None


__all__ = ["review_findings", "reviews", "approve", "reviewer_trust", "trust_roots"]
