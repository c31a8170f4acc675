"""Approvals: a second person's signed word that they read one exact text and it is right.

Each language has its own approvals file beside its catalog (the source language's beside
campaign.toml), so translators never edit it and a diff shows who approved what::

    locales/es/LC_MESSAGES/help-is-here.approvals.toml
    content/help-is-here/approvals.toml      (the source messages and the contact details)

An approval names its *subject* (``message headline``, ``contact``, ``recording``) and the
SHA-256 of the subject's exact content: for a message its id, source text and this
language's text; for the contact block every value a flyer or spot prints; for a recording
its bytes. Any change to the content gives another hash, so the approval no longer covers
it. The signature (SSHSIG, the reviewer's own key) is over the campaign, the language, the
subject, the hash and the time, so an approval cannot be moved to another line, language or
campaign. Whether the key is one the publisher trusts is decided later (release/approvals.py):
this module reads, hashes and writes, and trusts nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.localized import SOURCE, TRANSLATED, LocalizedCampaign, project_relative
from campaigngen.catalogs.po.paths import catalog_path
from campaigngen.exceptions import InputError
from campaigngen.memo import kept_for_short_texts
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.input_files import CONFIG_LIMIT, read_input
from campaigngen.sources.languages import Language
from campaigngen.sources.reading import parse_toml

CONTACT = "contact"
RECORDING = "recording"
MESSAGE_PREFIX = "message "
_FIELDS = ("subject", "sha256", "reviewer", "key", "at", "signature")
_HEADER = """\
# Approvals of the {language} text of campaign "{campaign}": who read which exact text.
# Written by `campaigngen approve`; each entry is signed with its reviewer's key, over the
# SHA-256 of the text it approved. Do not edit by hand: a changed entry counts for nothing,
# and a changed text needs a new approval. `text` is shown to people; the hash is what counts.
# [[translation]] entries say who wrote a text (a studio save): their approval of it does not count.
"""


@dataclass(frozen=True)
class Approval:
    subject: str  # "message headline", "contact", "recording"
    sha256: str  # of the subject's exact content (content_hash)
    reviewer: str  # the name the reviewer signs as
    key: str  # the reviewer key's fingerprint, as ssh-keygen -l prints it
    at: str  # when, UTC, e.g. 2026-12-05T09:30:00Z
    signature: str  # the SSHSIG blob, base64 on one line
    text: str = ""  # what was approved, for people (never trusted: the hash is)
    # "approval"; or "translation": the signer wrote this text (a studio save), so their own
    # approval of it does not count
    kind: str = "approval"


@dataclass(frozen=True)
class Subject:
    """One thing a reviewer approves, and the hash of its exact content now."""

    name: str
    sha256: str
    source: str  # what the source language says (for a message), for the reviewer
    text: str  # what this language says, or a description of the contact block or recording
    message_id: str | None = None


def approvals_path(campaign: Campaign, language: Language) -> Path:
    if language.tag == campaign.source_language.tag:
        return campaign.root / "approvals.toml"
    return catalog_path(campaign, language).with_suffix(".approvals.toml")


KINDS = ("approval", "translation")


def signed_payload(campaign_id: str, language_tag: str, approval: Approval) -> bytes:
    """What the reviewer's key signs: everything that says what was approved (or translated),
    where and when."""
    return (
        f"campaigngen {approval.kind} v1\n"
        f"campaign {campaign_id}\nlanguage {language_tag}\nsubject {approval.subject}\n"
        f"sha256 {approval.sha256}\nat {approval.at}\n"
    ).encode()


def _hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def message_hash(message_id: str, source_text: str, text: str) -> str:
    """msgctxt, msgid and msgstr, as the catalog holds them."""
    return _hash("message", message_id, source_text, text)


def contact_values(campaign: Campaign) -> dict[str, object]:
    contact = campaign.contact
    line = contact.text_line
    return {
        "phone": contact.phone,
        "url": contact.url,
        "region": contact.region,
        "text_number": line.number if line else "",
        "text_keyword": line.keyword if line else "",
        "text_languages": list(line.languages) if line else [],
    }


def subjects(localized: LocalizedCampaign, with_contact: bool = False) -> tuple[Subject, ...]:
    """What must be approved in this language: every message it uses in its own words (the
    source language: every message), its imported recording, and (with_contact, for the
    source language) the contact details."""
    campaign = localized.campaign
    found = []
    for message in localized.applicable:
        if localized.status[message.id] not in (TRANSLATED, SOURCE):
            continue  # untranslated, draft or broken: other checks hold it back already
        text = localized.texts[message.id]
        found.append(
            Subject(
                MESSAGE_PREFIX + message.id,
                message_hash(message.id, message.text, text),
                message.text,
                text,
                message.id,
            )
        )
    recording = campaign.radio.recordings.get(localized.tag)
    if recording is not None and recording.sha256 is not None:
        shown = project_relative(recording.path, campaign)
        found.append(Subject(RECORDING, recording.sha256, "", f"the recording {shown} (listen to all of it)"))
    if with_contact:
        values = contact_values(campaign)
        shown = ", ".join(f"{k} {v}" for k, v in values.items() if v)
        found.append(Subject(CONTACT, _hash("contact", values), "", shown))
    return tuple(found)


@dataclass(frozen=True)
class ApprovalFile:
    path: Path
    approvals: tuple[Approval, ...] = ()
    sha256: str | None = None  # of the bytes read; None when there is no file yet


def read_approvals(path: Path) -> ApprovalFile:
    """The approvals in a file (none when it does not exist); a file that is not an approvals
    file stops the run with one line naming it."""
    if not path.exists():
        return ApprovalFile(path)
    raw = read_input(path, "approvals file", CONFIG_LIMIT)
    return ApprovalFile(path, parse_approvals(raw, path), hashlib.sha256(raw).hexdigest())


# Kept by bytes and path (memo.py; the path only names the file in an error, and bytes first
# is the memo's order): the sample's 40 files of 7 KB are ~50 ms of TOML in a snapshot of the
# whole campaign. With the catalogs kept too, the studio's approve page of the source
# language (every language's contact block) took 65 ms instead of 358, warm.
@kept_for_short_texts(256 * 1024, 128)
def parse_approvals(raw: bytes, path: Path) -> tuple[Approval, ...]:
    text, data = parse_toml(path, raw)
    if set(data) - set(KINDS) or not all(isinstance(data.get(kind, []), list) for kind in KINDS):
        raise InputError(
            path,
            "not an approvals file (it holds only [[approval]] and [[translation]] entries)",
            hint="restore it from version control",
        )
    approvals = []
    for kind in KINDS:
        for index, entry in enumerate(data.get(kind, []), start=1):
            if not isinstance(entry, dict) or any(not isinstance(entry.get(name), str) for name in _FIELDS):
                raise InputError(
                    path,
                    f"{kind} {index} is incomplete (it needs {', '.join(_FIELDS)} as text)",
                    line=_line_of(text, kind, index),
                    hint="remove it and approve again with campaigngen approve",
                )
            shown = entry.get("text", "")
            approvals.append(
                Approval(
                    **{name: entry[name] for name in _FIELDS},
                    text=shown if isinstance(shown, str) else "",
                    kind=kind,
                )
            )
    return tuple(approvals)


def _line_of(text: str, kind: str, index: int) -> int | None:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"[[{kind}]]":
            seen += 1
            if seen == index:
                return number
    return None


def write_approvals(path: Path, approvals: Sequence[Approval], language: str, campaign: str) -> None:
    """The whole file, sorted by subject and reviewer, written atomically (diffs stay small)."""
    lines = [_HEADER.format(language=language, campaign=campaign)]
    for approval in sorted(approvals, key=lambda a: (a.kind, a.subject, a.reviewer, a.at)):
        lines.append(f"[[{approval.kind}]]")
        for name in ("subject", "text", "sha256", "reviewer", "key", "at", "signature"):
            lines.append(f"{name} = {_toml_string(getattr(approval, name))}")
        lines.append("")
    write_bytes_atomic(path, "\n".join(lines).encode("utf-8"))


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except DEL, which TOML wants escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def read_for(campaign: Campaign, languages: Sequence[Language]) -> Mapping[str, ApprovalFile]:
    """The approvals of these languages and of the source language (which holds the contact
    details), by tag."""
    tags = {campaign.source_language.tag: campaign.source_language}
    tags.update({language.tag: language for language in languages if not language.pseudo})
    return {tag: read_approvals(approvals_path(campaign, language)) for tag, language in tags.items()}
