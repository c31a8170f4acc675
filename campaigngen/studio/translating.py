"""The translate page: each message's source beside its translation, the checks' findings for
what is being typed, and saving into the language's PO file.

The PO file stays the translator's: Poedit, Weblate or `campaigngen extract` may change it
at any time, and two people (or two tabs) may have the same language open. The page
remembers the SHA-256 of the bytes it showed and, for each line, a hash of that line as it
showed it. A save into a file that changed since is still made when the line itself is as
the page showed it (someone else saved another line); when the line changed too, the save
is refused and both versions are shown, never overwritten unseen. The write itself names
the bytes it read, so a change landing between reading and writing is refused as well.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from campaigngen import checknames
from campaigngen.catalogs.load import with_translation
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.machine import DRAFT_COMMENT_PREFIX
from campaigngen.catalogs.po import (
    catalog_from_bytes,
    catalog_path,
    entries_by_id,
    file_sha256,
    write_catalog,
)
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import Finding
from campaigngen.sources.campaign import Campaign, Message
from campaigngen.sources.graphemes import grapheme_count
from campaigngen.studio import status as verdicts


@dataclass(frozen=True)
class Row:
    message: Message
    translation: str  # the msgstr as it stands in the file
    status: str  # translated / fuzzy / untranslated / broken
    needs_review: bool  # the entry's fuzzy flag
    machine_draft: str | None  # the draft comment, when a model wrote it
    findings: tuple[Finding, ...]
    length: int  # characters as the reader sees them
    awaiting_approval: bool = False  # no trusted reviewer approved the line as it is now
    line_sha256: str = ""  # the line as the page shows it (line_hash): what a save expects

    @property
    def id(self) -> str:
        return self.message.id

    @property
    def badge(self) -> verdicts.Badge:
        return verdicts.line_badge(self.status, self.findings, self.awaiting_approval)


@dataclass(frozen=True)
class Sheet:
    """One language's translate page."""

    edition: LocalizedCampaign
    path: Path
    sha256: str  # of the catalog bytes the page shows ("" when there is none yet)
    exists: bool
    rows: tuple[Row, ...]
    language_findings: tuple[Finding, ...]  # about the language as a whole (spots, the campaign)
    awaiting_approval: tuple[str, ...] = ()  # lines no trusted reviewer approved as they are now

    @property
    def verdict(self) -> verdicts.Verdict:
        return verdicts.language_verdict(
            self.edition.language.english_name,
            len(self.edition.unfinished),
            sum(1 for row in self.rows if verdicts.failing(row.findings)),
            len(verdicts.failing(self.language_findings)),
            len(self.awaiting_approval),
        )


def catalog_state(campaign: Campaign, tag: str) -> tuple[Path, bytes | None]:
    path = catalog_path(campaign, campaign.language(tag))
    return path, path.read_bytes() if path.is_file() else None


def _entries(path: Path, raw: bytes | None) -> dict:
    return entries_by_id(catalog_from_bytes(path, raw)) if raw is not None else {}


def line_hash(entry) -> str:
    """One catalog line as an editor showed it: its source, translation, review flag and
    machine-draft note ("" for a line the file does not hold)."""
    import hashlib
    import json

    if entry is None:
        return ""
    string = entry.string if isinstance(entry.string, str) else list(entry.string or ())
    shown = [entry.context, entry.id, string, "fuzzy" in entry.flags, _draft_note(entry)]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()


def _draft_note(entry) -> str | None:
    if entry is None:
        return None
    return next((c for c in entry.user_comments if c.startswith(DRAFT_COMMENT_PREFIX)), None)


def message_findings(findings, message_id: str) -> tuple[Finding, ...]:
    """The findings a check made about this message."""
    return tuple(f for f in findings if f.message_id == message_id)


def sheet(snapshot: Snapshot, tag: str, report_findings) -> Sheet:
    edition = snapshot.edition(tag)
    path, raw = catalog_state(snapshot.campaign, tag)
    entries = _entries(path, raw)
    # Approval is a second person's step, not something the translator can fix by typing:
    # said once for the language, not as a failure on each line.
    awaiting = tuple(f.message_id for f in report_findings if f.check == checknames.REVIEW and f.language == tag)
    findings = [f for f in report_findings if f.language in (tag, "*") and f.check != checknames.REVIEW]
    rows = []
    for message in edition.applicable:
        entry = entries.get(message.id)
        text = entry.string if entry is not None and isinstance(entry.string, str) else ""
        rows.append(
            Row(
                message,
                text,
                edition.status[message.id],
                entry is not None and "fuzzy" in entry.flags,
                _draft_note(entry),
                message_findings(findings, message.id),
                grapheme_count(text),
                message.id in awaiting,
                line_hash(entry),
            )
        )
    whole = tuple(f for f in findings if f.message_id is None)
    return Sheet(edition, path, file_sha256(raw), raw is not None, tuple(rows), whole, awaiting)


TYPED_SKIPS = ("radio", checknames.REVIEW)


def typed_findings(snapshot: Snapshot, tag: str, message_id: str, text: str, needs_review: bool) -> tuple[Finding, ...]:
    """Every check of the language on the text as typed (not saved): what saving it would show.
    Layout-fit findings on other lines are included: a longer line can push another off the page."""
    from campaigngen.release.gate import run_checks

    edited = with_translation(snapshot.edition(tag), message_id, text, needs_review)
    # Only what can be about this line is run: a spot's findings (its length, dead air) are
    # about the whole spot, never a line, and approvals are a second person's step, so
    # neither is shown here; speaking every spot at each keystroke was a third of the work.
    report = run_checks(replace(snapshot, editions=(edited,)), skip=TYPED_SKIPS)
    return tuple(
        f
        for f in report.findings
        if f.language == tag
        and (f.message_id == message_id or f.check == checknames.LAYOUT_FIT)
        and f.check != checknames.REVIEW
    )


def save(
    campaign: Campaign,
    tag: str,
    message_id: str,
    text: str,
    needs_review: bool,
    expect_sha256: str,
    expect_line: str | None = None,
) -> str:
    """Write one translation into the catalog; returns the file's new hash. Raises
    CatalogChanged when the file is no longer what the page showed, unless expect_line (the
    line_hash the page showed) says this line is still as it was: then only other lines
    changed, and this one is written into the file as it now is."""
    controls = [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t"]
    if controls:
        # A catalog cannot keep them: msgfmt ends the line at a NUL, and the reader refuses them.
        from campaigngen.exceptions import InputError
        from campaigngen.sources.text_safety import describe

        raise InputError(
            None,
            f"the translation of '{message_id}' holds {describe(controls[0])}, a control character no catalog can keep",
            hint="delete it (it may have come in with a paste); nothing was saved",
        )
    from campaigngen.exceptions import CatalogChanged

    path, raw = catalog_state(campaign, tag)
    catalog = catalog_from_bytes(path, raw) if raw is not None else None
    if catalog is None:
        raise CatalogChanged(path, file_sha256(raw))
    entry = entries_by_id(catalog).get(message_id)
    if file_sha256(raw) != expect_sha256 and not (
        expect_line and entry is not None and line_hash(entry) == expect_line
    ):
        raise CatalogChanged(path, file_sha256(raw))
    if entry is None:
        from campaigngen.exceptions import InputError

        raise InputError(
            path,
            f"message '{message_id}' is not in the catalog",
            hint=f"run campaigngen extract {campaign.id}",
            code="catalog.out-of-date",
        )
    entry.string = text
    if needs_review:
        entry.flags.add("fuzzy")
    else:
        # Reviewed: gettext's review signal, the old source and the machine-draft note go,
        # as Poedit drops them when "Needs work" is cleared.
        entry.flags.discard("fuzzy")
        entry.previous_id = []  # Babel keeps previous_id a list
        entry.user_comments = [c for c in entry.user_comments if not c.startswith(DRAFT_COMMENT_PREFIX)]
    # The bytes just read, not the page's: a write landing in between is refused, not lost.
    write_catalog(path, catalog, expect_sha256=file_sha256(raw))
    return file_sha256(path.read_bytes())


def file_version(campaign: Campaign, tag: str, message_id: str) -> tuple[str, bool, str]:
    """(msgstr, needs review, hash) of a message as the file holds it now."""
    path, raw = catalog_state(campaign, tag)
    entry = _entries(path, raw).get(message_id)
    text = entry.string if entry is not None and isinstance(entry.string, str) else ""
    return text, entry is not None and "fuzzy" in entry.flags, file_sha256(raw)


def drafts_available(campaign: Campaign, tag: str) -> str | None:
    """The installed model that can draft this language, or None (no extra, no model)."""
    from campaigngen.exceptions import MissingDependency
    from campaigngen.mt.models import MissingModels, argos_code, find_model

    try:
        import importlib.util

        if importlib.util.find_spec("argostranslate") is None:
            return None
        model = find_model(argos_code(campaign.source_language.tag), argos_code(tag))
    except (MissingModels, MissingDependency, OSError):
        return None
    return f"{model.name} {model.version}"


def draft(campaign: Campaign, tag: str, expect_sha256: str) -> tuple[str, ...]:
    """Machine drafts (fuzzy) for the untranslated lines; CatalogChanged if the page is stale."""
    from campaigngen.catalogs.machine import translate_catalog
    from campaigngen.exceptions import CatalogChanged

    path, raw = catalog_state(campaign, tag)
    if file_sha256(raw) != expect_sha256:
        raise CatalogChanged(path, file_sha256(raw))
    return translate_catalog(campaign, campaign.language(tag)).drafted
