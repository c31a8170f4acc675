"""Reports for people: a plain table on the terminal (JSON comes from Report.to_json)."""

from __future__ import annotations

from campaigngen.checks.findings import Report

_MARK = {"fail": "FAIL", "warn": "warn", "waived": "WAIVED"}


def format_report(report: Report) -> str:
    lines = []
    for tag in report.languages:
        findings = report.for_language(tag)
        if not findings:
            lines.append(f"{tag:<8} ok")
            continue
        for finding in findings:
            where = finding.message_id or "-"
            suffix = ""
            if finding.waived_by:
                suffix = f" (waived by {finding.waived_by}: {finding.waiver_reason})"
            lines.append(f"{tag:<8} {_MARK[finding.status]:<6} {finding.check:<20} {where:<12} {finding.text}{suffix}")
    counts = report.to_json()["counts"]
    verdict = "publishable" if report.publishable else "NOT publishable"
    lines.append(f"{verdict}: {counts['fail']} failing, {counts['warn']} warnings, {counts['waived']} waived "
                 f"across {len(report.languages)} languages")
    return "\n".join(lines)
