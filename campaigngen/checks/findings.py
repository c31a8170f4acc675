"""What a check says: a Finding, and the Report that gathers them with waivers applied.

A finding says the same thing three ways: ``text``, the technical line the terminal prints
(with the file and line, the message id, the measured values); ``plain``, the sentence a
translator or outreach worker reads (from its ``code``, campaigngen/codes.py); and
``detail``, the same facts as data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from campaigngen import codes
from campaigngen.frozen import EMPTY, FrozenMap

if TYPE_CHECKING:
    from campaigngen.exceptions import ChecksFailed

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    check: str  # short stable name, e.g. "untranslated", "placeholders", "reading-level"
    language: str  # BCP 47 tag
    message_id: str | None  # None when the finding is about a whole language or file
    text: str  # one sentence a translator or coordinator can act on
    severity: str = ERROR  # ERROR blocks publishing, WARNING is shown only
    detail: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    waived_by: str | None = None  # set when a recorded waiver accepted it
    waiver_reason: str | None = None
    target: str | None = None  # the format ("wallet", "multilingual") or spot id ("30s") it is about
    code: str = field(kw_only=True)  # stable, finer than the check: "number.added", "layout.too-long"

    @property
    def plain(self) -> str:
        """The sentence for the person who acts on it: the language and the piece by name."""
        return codes.plain(self.code, {"language": language_names(self.language), "where": piece_name(self.target)})

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR and self.waived_by is None

    @property
    def status(self) -> str:
        if self.waived_by is not None:
            return "waived"
        return "fail" if self.severity == ERROR else "warn"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        """The inverse of to_json, waivers left out (they are applied afresh)."""
        if data["code"] not in codes.CODES:
            raise KeyError(data["code"])  # kept by another version: not this one's to read
        return cls(
            check=data["check"],
            language=data["language"],
            message_id=data.get("message_id"),
            text=data["text"],
            severity=data["severity"],
            detail=FrozenMap(data.get("detail") or {}),
            target=data.get("target"),
            code=data["code"],
        )

    def to_json(self) -> dict[str, Any]:
        data = {
            "check": self.check,
            "code": self.code,
            "language": self.language,
            "message_id": self.message_id,
            "severity": self.severity,
            "status": self.status,
            "text": self.text,
            "plain": self.plain,
            "detail": dict(self.detail),
        }
        if self.target is not None:
            data["target"] = self.target
        if self.waived_by is not None:
            data["waiver"] = {"by": self.waived_by, "reason": self.waiver_reason}
        return data


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    checks_run: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waived_by is not None)

    @property
    def publishable(self) -> bool:
        return not self.blocking

    def for_language(self, tag: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.language == tag)

    def to_json(self) -> dict[str, Any]:
        return {
            "publishable": self.publishable,
            "languages": list(self.languages),
            "checks": list(self.checks_run),
            "counts": {
                "fail": sum(1 for f in self.findings if f.status == "fail"),
                "warn": sum(1 for f in self.findings if f.status == "warn"),
                "waived": sum(1 for f in self.findings if f.status == "waived"),
            },
            "findings": [f.to_json() for f in self.findings],
        }


def finding_of(
    failure: ChecksFailed, language: str | None = None, target: str | None = None, message_id: str | None = None
) -> Finding:
    """The finding a check that failed while rendering (or laying out, or speaking) becomes:
    its check, code, line and detail, for a language and target the caller may supply."""
    return Finding(
        failure.check,
        failure.language or language or "*",
        failure.message_id or message_id,
        failure.format_message(),
        detail=failure.detail,
        target=failure.target or target,
        code=failure.code,
    )


# --------------------------------------------------------------------------- plain words

CAMPAIGN_WIDE = "*"
_PIECES = {
    "letter": "the Letter poster",
    "a4": "the A4 poster",
    "tabloid": "the Tabloid poster",
    "tearoff": "the tear-off flyer",
    "wallet": "the wallet card",
    "multilingual": "the multilingual sheet",
}


@cache
def language_name(tag: str) -> str:
    """A language as a reader names it ("Spanish"); never the bare tag."""
    from campaigngen.sources.languages import parse_language

    try:
        return parse_language(tag).english_name
    except ValueError:
        return "this language"


def language_names(group: str) -> str:
    """A finding's language: one name, the languages of a sheet ("English, Spanish and
    Vietnamese"), or, for the whole campaign, every language."""
    if group == CAMPAIGN_WIDE or not group:
        return "every language"
    names = [language_name(tag) for tag in group.split("+")]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def piece_name(target: str | None) -> str:
    """A format or spot as the people who print and air it say it."""
    from campaigngen.sources.paper import FORMATS

    if target is None:
        return "the flyer"
    if target in _PIECES:
        return _PIECES[target]
    return f"the {FORMATS[target].description}" if target in FORMATS else "the radio spot"


def apply_waivers(
    findings: Iterable[Finding],
    waivers: Iterable[Any],
    subject_of: Callable[[Finding], str | None] | None = None,
) -> tuple[Finding, ...]:
    """Mark findings a person accepted; waivers are sources.waivers.Waiver objects (duck-typed
    here). subject_of gives the SHA-256 of a finding's text now: a waiver bound to another
    text does not cover it, and the finding says a waiver accepted an earlier text."""
    waivers = tuple(waivers)
    result = []
    for finding in findings:
        if finding.severity != ERROR or finding.waived_by is not None:
            result.append(finding)
            continue
        scope = (finding.check, finding.language, finding.message_id, finding.target)
        named = [w for w in waivers if w.names(*scope)]
        subject = subject_of(finding) if subject_of and any(w.accepted_sha256 for w in named) else None
        waiver = next((w for w in named if w.covers(*scope, subject)), None)
        if waiver is not None:
            finding = replace(finding, waived_by=waiver.by, waiver_reason=waiver.reason)
        elif named:
            earlier = named[0]
            finding = replace(
                finding,
                text=f"{finding.text} (a waiver by {earlier.by} of {earlier.date} accepted an earlier text, "
                "not this one: if this one is acceptable too, waive it again with campaigngen waive)",
            )
        result.append(finding)
    return tuple(result)
