"""Waivers bound to what they accepted.

A waiver says a person accepted one failing finding; since issue 22 it also holds the SHA-256
of the text that finding was about, so a later, different text is not covered by it:

- a finding about one message: that message's text in that language;
- a finding about a spot: the spot's script as it is spoken (every number spelled out);
- a finding about a multilingual sheet: the texts of every language on it;
- a finding about a whole language: every text of that language;
- a finding about the whole campaign (no language): nothing to bind to (None).

`campaigngen waive` runs the checks, finds the failing findings the person names and writes
one [[waivers]] entry per finding with that hash. A waiver written before this (no hash)
still covers its finding, and every check says it needs confirming.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import ERROR, WARNING, Finding
from campaigngen.exceptions import InputError
from campaigngen.release.keys import digest

CAMPAIGN_WIDE = "*"


def _texts(edition: LocalizedCampaign) -> list[tuple[str, str]]:
    return [(m.id, edition.texts[m.id]) for m in edition.applicable]


def finding_subject(snapshot: Snapshot, finding: Finding) -> str | None:
    return subject_hash(snapshot, finding.language, finding.message_id, finding.target)


def subject_hash(snapshot: Snapshot, language: str, message_id: str | None, target: str | None) -> str | None:
    """The SHA-256 of the text a finding (in this language, of this message, format or spot)
    is about, as the snapshot has it now."""
    if language == CAMPAIGN_WIDE or not language:
        return None
    if "+" in language:
        editions = [_edition(snapshot, tag) for tag in language.split("+")]
        if any(e is None for e in editions):
            return None
        return digest("sheet", [(e.tag, _texts(e)) for e in editions if e is not None])
    edition = _edition(snapshot, language)
    if edition is None:
        return None
    spot = next((s for s in snapshot.campaign.spots if s.id == target), None)
    if spot is not None:
        from campaigngen.catalogs.spoken import spot_script

        return digest("spot", spot_script(edition, spot).text)
    if message_id is not None and message_id in edition.texts:
        return digest("message", edition.texts[message_id])
    return digest("language", _texts(edition))


def _edition(snapshot: Snapshot, tag: str) -> LocalizedCampaign | None:
    try:
        return snapshot.edition(tag)
    except KeyError:
        return None


def unbound_findings(snapshot: Snapshot, findings: Iterable[Finding]) -> list[Finding]:
    """A notice for each waiver from before waivers were bound to text that still covers a
    finding: it works, and needs a person to confirm it is for the text there now."""
    notices = []
    for waiver in snapshot.campaign.waivers:
        if waiver.accepted_sha256 is not None:
            continue
        covered = [
            f for f in findings if f.waived_by is not None and waiver.names(f.check, f.language, f.message_id, f.target)
        ]
        if not covered:
            continue
        scope = " ".join(
            f"--{name} {value}"
            for name, value in (("lang", waiver.language), ("message", waiver.message), ("target", waiver.target))
            if value is not None
        )
        notices.append(
            Finding(
                waiver.check,
                covered[0].language,
                waiver.message,
                f"a waiver by {waiver.by} of {waiver.date} is not bound to the text it accepted, so it would "
                f"also accept a different text - confirm it for the text there now: campaigngen waive "
                f"{snapshot.campaign.id} --check {waiver.check} {scope} --by NAME --reason TEXT, then remove "
                f"the old entry",
                severity=WARNING,
                target=waiver.target,
                code="waiver.unbound",
            )
        )
    return notices


# --------------------------------------------------------------------------- writing a waiver


@dataclass(frozen=True)
class WaiverRequest:
    check: str
    language: str
    message: str | None
    target: str | None
    by: str
    reason: str


def refuse_unusable(request: WaiverRequest) -> None:
    """A check that does not exist or may not be waived, or a waiver without who and why, is
    refused with one line, before any check is run."""
    if request.check in checknames.NOT_WAIVABLE:
        raise InputError(
            None,
            f"the '{request.check}' check cannot be waived",
            hint="fix the cause: unreviewed text, a missing hotline or personal data is never published",
        )
    if request.check not in checknames.ALL:
        close = difflib.get_close_matches(request.check, checknames.WAIVABLE, n=1)
        raise InputError(
            None,
            f"there is no check named '{request.check}'",
            hint=f"did you mean '{close[0]}'?" if close else "use a check name as campaigngen check shows it",
        )
    if not request.by.strip() or not request.reason.strip():
        raise InputError(None, "a waiver needs who accepts it and why", hint="give --by NAME and --reason TEXT")


def to_waive(findings: Iterable[Finding], request: WaiverRequest) -> list[Finding]:
    """The failing findings the request names; a request that names none is refused."""
    refuse_unusable(request)
    named = [
        f
        for f in findings
        if f.severity == ERROR
        and f.check == request.check
        and request.language in (f.language, CAMPAIGN_WIDE)
        and (request.message is None or f.message_id == request.message)
        and (request.target is None or f.target == request.target)
    ]
    if not named:
        raise InputError(
            None,
            f"no failing '{request.check}' finding for {request.language}"
            + (f" message '{request.message}'" if request.message else "")
            + (f" {request.target}" if request.target else "")
            + " to waive",
            hint="run campaigngen check and copy the check, language and message of the finding",
        )
    return named


def waiver_entries(snapshot: Snapshot, findings: Sequence[Finding], request: WaiverRequest, today: dt.date) -> str:
    """[[waivers]] tables, one per distinct finding, each bound to its text, as TOML to append."""
    blocks = []
    seen = set()
    for finding in findings:
        key = (finding.language, finding.message_id, finding.target)
        if key in seen:
            continue
        seen.add(key)
        digest = finding_subject(snapshot, finding)
        lines = [
            "",
            f"# Written by campaigngen waive: {' '.join(finding.text.split())[:160]}",
            "[[waivers]]",
            f"check = {json.dumps(request.check)}",
            f"language = {json.dumps(finding.language)}",
        ]
        if finding.message_id is not None:
            lines.append(f"message = {json.dumps(finding.message_id)}")
        if finding.target is not None:
            lines.append(f"target = {json.dumps(finding.target)}")
        lines += [
            f"by = {json.dumps(request.by, ensure_ascii=False)}",
            f"reason = {json.dumps(request.reason, ensure_ascii=False)}",
            f"date = {today.isoformat()}",
        ]
        if digest is not None:
            lines.append(f'accepted_sha256 = "{digest}"')
        blocks.append("\n".join(lines) + "\n")
    return "".join(blocks).replace("\x7f", "\\u007f")
