"""Waivers: a person's recorded acceptance of a failing check ([[waivers]] in campaign.toml)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from campaigngen import checknames
from campaigngen.sources.messages import MULTILINGUAL, FlyerSpec, MessageRefs, sheet_key
from campaigngen.sources.reading import Reading
from campaigngen.sources.spots import SpotSpec


@dataclass(frozen=True)
class Waiver:
    check: str
    language: str  # a tag, "*", or a multilingual sheet's 'en+es+vi'
    message: str | None
    by: str
    reason: str
    date: dt.date
    target: str | None = None  # a format ("wallet", "multilingual") or a spot id ("30s")
    # The SHA-256 of the text it accepted (written by `campaigngen waive`): a changed text is
    # not covered. None: a waiver written before waivers were bound to text.
    accepted_sha256: str | None = None

    def names(self, check: str, language_tag: str, message_id: str | None, target: str | None = None) -> bool:
        """Does the waiver name this finding (whatever its text is now)?"""
        return (
            self.check == check
            and self.language in (language_tag, "*")
            and (self.message is None or self.message == message_id)
            and (self.target is None or self.target == target)
        )

    def covers(
        self,
        check: str,
        language_tag: str,
        message_id: str | None,
        target: str | None = None,
        subject_sha256: str | None = None,
    ) -> bool:
        """It names the finding and, when bound to a text, that text is the finding's now."""
        return self.names(check, language_tag, message_id, target) and (
            self.accepted_sha256 is None or self.accepted_sha256 == subject_sha256
        )


@dataclass(frozen=True)
class Waivable:
    """What a waiver of this campaign may name: its languages, sheets, formats and spots."""

    languages: frozenset[str]
    targets: frozenset[str]

    @classmethod
    def of(
        cls, tags: Sequence[str], flyer: FlyerSpec, sheets: Sequence[tuple[str, ...]], spots: Sequence[SpotSpec]
    ) -> Waivable:
        return cls(
            languages=frozenset({"*", *tags, *(sheet_key(s) for s in sheets)}),
            targets=frozenset({*flyer.formats, *([MULTILINGUAL] if sheets else []), *(s.id for s in spots)}),
        )


def read_waivers(
    entries: Sequence[Mapping[str, Any] | None], waivable: Waivable, refs: MessageRefs, reading: Reading
) -> tuple[Waiver, ...]:
    """[[waivers]]: each names a check that exists and may be waived, and what it covers."""
    waivers = []
    for index, entry in enumerate(entries):
        if entry is None:
            continue  # not a table: reported
        where = ("waivers", index)
        _check_name(entry["check"], (*where, "check"), reading)
        if entry["language"] not in waivable.languages:
            reading.problem(
                (*where, "language"),
                f"waiver language '{entry['language']}' is not a campaign language",
                hint="use a language tag of the campaign, '*' for all, or a multilingual sheet like 'en+es+vi'",
            )
        if entry["message"] is not None:
            refs(entry["message"], (*where, "message"))
        target = entry["target"]
        if target is not None and target not in waivable.targets:
            reading.problem(
                (*where, "target"),
                f"waiver target '{target}' is not a format or spot of this campaign",
                hint=f"use one of {', '.join(sorted(waivable.targets))}",
            )
        waivers.append(
            Waiver(
                check=entry["check"],
                language=entry["language"],
                message=entry["message"],
                by=entry["by"] or "",
                reason=entry["reason"] or "",
                date=entry["date"] or dt.date.min,
                target=target,
                accepted_sha256=entry["accepted_sha256"],
            )
        )
    return tuple(waivers)


def _check_name(check: str, where: Sequence[str | int], reading: Reading) -> None:
    if check in checknames.NOT_WAIVABLE:
        reading.problem(
            where,
            f"the '{check}' check cannot be waived",
            hint="fix the cause: unreviewed text, a missing hotline or personal data is never published",
        )
    elif check and check not in checknames.ALL:
        close = difflib.get_close_matches(check, checknames.WAIVABLE, n=1)
        reading.problem(
            where,
            f"waiver names check '{check}', which does not exist",
            hint=f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(checknames.WAIVABLE)}",
        )
