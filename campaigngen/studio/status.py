"""What the studio says a line, a language or a page is: always worked out from the findings
of the text as it stands, so a badge or a banner can never call ready what a check fails.

A line's status in the catalog (translated, needs review, ...) is only what the translator
said of it; the checks say whether it can print. The worst of the two is what is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from campaigngen.checks.findings import Finding

OK, WARN, FAIL = "ok", "warn", "fail"
_WORST = {OK: 0, WARN: 1, FAIL: 2}

# The catalog's word for a line, as a translator reads it.
_CATALOG_STATUS = {
    "translated": ("translated", OK),
    "fuzzy": ("needs review", WARN),
    "untranslated": ("not translated", WARN),
    "broken": ("placeholders broken", FAIL),
    "source": ("source", OK),
}


@dataclass(frozen=True)
class Badge:
    label: str
    tone: str  # ok / warn / fail: the colour, never greener than the findings allow


def failing(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings that stop publishing (errors nobody waived)."""
    return tuple(f for f in findings if f.status == FAIL)


def line_badge(status: str, findings: Iterable[Finding], awaiting_approval: bool = False) -> Badge:
    """One line's badge: a failing check outranks what the catalog says of the line."""
    label, tone = _CATALOG_STATUS.get(status, (status, WARN))
    fails = failing(findings)
    if fails and tone != FAIL:
        return Badge("fails a check" if len(fails) == 1 else f"fails {len(fails)} checks", FAIL)
    if tone == OK and status == "translated" and awaiting_approval:
        return Badge("translated, not yet approved", WARN)
    return Badge(label, tone)


@dataclass(frozen=True)
class Verdict:
    """A banner: its tone, a short headline and the sentences after it."""

    tone: str
    headline: str
    details: tuple[str, ...] = ()


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def language_verdict(
    language_name: str,
    unfinished: int,
    failing_lines: int,
    failing_whole: int,
    awaiting_approval: int,
) -> Verdict:
    """The translate page's banner for one language, from the counts the findings give."""
    details: list[str] = []
    tone = OK
    if failing_lines or failing_whole:
        tone = FAIL
        if failing_lines:
            details.append(
                f"{_lines(failing_lines)} {'fails' if failing_lines == 1 else 'fail'} a check: fix what is marked under each"
            )
        if failing_whole:
            details.append(
                f"{failing_whole} check{'s' if failing_whole != 1 else ''} about the whole language "
                f"{'fail' if failing_whole != 1 else 'fails'}: see the list below"
            )
    if unfinished:
        tone = tone if tone == FAIL else WARN
        details.append(f"{_lines(unfinished)} not translated or not reviewed yet: it prints stamped DRAFT")
    if awaiting_approval:
        tone = tone if tone == FAIL else WARN
        details.append(
            f"{_lines(awaiting_approval)} {'waits' if awaiting_approval == 1 else 'wait'} for a second person to approve "
            f"{'it' if awaiting_approval == 1 else 'them'} before {language_name} can be published"
        )
    if tone == FAIL:
        return Verdict(FAIL, f"{language_name} is not ready", tuple(details))
    if unfinished:
        return Verdict(WARN, "DRAFT", tuple(details))
    if awaiting_approval:
        return Verdict(WARN, "Every line translated, not yet approved", tuple(details))
    return Verdict(OK, "Every line translated and approved", ("every check passes",))


def preview_verdict(
    language_name: str,
    drawn: bool,
    unfinished: tuple[str, ...],
    fails: tuple[Finding, ...],
    awaiting_approval: int,
) -> Verdict:
    """The caption under a flyer preview: "Ready to print" only when nothing stands in the way."""
    if not drawn:  # the words that say why stand where the page would be
        return Verdict(FAIL, "Not ready to print: the page cannot be drawn")
    details: list[str] = []
    if fails:
        details.extend(dict.fromkeys(f.plain for f in fails))
    if unfinished:
        details.append(f"{_lines(len(unfinished))} not translated or not reviewed yet, so it prints stamped DRAFT")
    if awaiting_approval:
        details.append(f"{_lines(awaiting_approval)} not yet approved by a second person, so it cannot be published")
    if fails:
        return Verdict(
            FAIL, f"Not ready: {len(fails)} {'check fails' if len(fails) == 1 else 'checks fail'}", tuple(details)
        )
    if unfinished:
        return Verdict(WARN, "DRAFT as it will print", tuple(details))
    if awaiting_approval:
        return Verdict(WARN, "Prints like this, not yet approved", tuple(details))
    return Verdict(OK, f"Ready to print: every line of {language_name} translated, approved and checked")
