"""Reports for people: a plain table on the terminal (JSON comes from Report.to_json)."""

from __future__ import annotations

from campaigngen.checks.findings import Finding, Report

_MARK = {"fail": "FAIL", "warn": "warn", "waived": "WAIVED"}


def _group_name(language: str) -> str:
    return "campaign" if language == "*" else language


def _line(finding: Finding) -> str:
    where = finding.message_id or finding.target or "-"
    suffix = f" (waived by {finding.waived_by}: {finding.waiver_reason})" if finding.waived_by else ""
    return (
        f"{_group_name(finding.language):<8} {_MARK[finding.status]:<6} {finding.check:<20} {where:<12} "
        f"{finding.text}{suffix}"
    )


def format_report(report: Report) -> str:
    """Every finding, grouped by language (and sheet, and the campaign as a whole); a
    language with none says ok."""
    lines = []
    groups = list(dict.fromkeys([*report.languages, *(f.language for f in report.findings)]))
    for group in groups:
        findings = report.for_language(group)
        if not findings:
            lines.append(f"{_group_name(group):<8} ok")
        lines += [_line(finding) for finding in findings]
    counts = report.to_json()["counts"]
    verdict = "publishable" if report.publishable else "NOT publishable"
    languages = sum(1 for g in report.languages if g != "*" and "+" not in g)
    lines.append(
        f"{verdict}: {counts['fail']} failing, {counts['warn']} warnings, {counts['waived']} waived "
        f"across {languages} languages"
    )
    return "\n".join(lines)
