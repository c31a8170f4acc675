"""What a check says: a Finding, and the Report that gathers them with waivers applied."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from campaigngen.frozen import EMPTY, FrozenMap

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
        return cls(
            check=data["check"],
            language=data["language"],
            message_id=data.get("message_id"),
            text=data["text"],
            severity=data["severity"],
            detail=FrozenMap(data.get("detail") or {}),
            target=data.get("target"),
        )

    def to_json(self) -> dict[str, Any]:
        data = {
            "check": self.check,
            "language": self.language,
            "message_id": self.message_id,
            "severity": self.severity,
            "status": self.status,
            "text": self.text,
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


def apply_waivers(findings: Iterable[Finding], waivers: Iterable[Any]) -> tuple[Finding, ...]:
    """Mark findings a person accepted; waivers are campaign.Waiver objects (duck-typed here)."""
    waivers = tuple(waivers)
    result = []
    for finding in findings:
        waiver = next(
            (w for w in waivers if w.covers(finding.check, finding.language, finding.message_id, finding.target)), None
        )
        if waiver is not None and finding.severity == ERROR:
            finding = replace(finding, waived_by=waiver.by, waiver_reason=waiver.reason)
        result.append(finding)
    return tuple(result)
