"""Every check on every language, with waivers applied: the one place that decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from campaigngen.catalogs.load import localize
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding, Report, apply_waivers
from campaigngen.checks.translation import completeness_findings, length_findings
from campaigngen.sources.campaign import Campaign
from campaigngen.sources.languages import Language

TextCheck = Callable[[LocalizedCampaign], list[Finding]]


def _text_checks() -> dict[str, TextCheck]:
    """Name -> check over one language's text. Order is the order of the report."""
    from campaigngen.checks.glyphs import glyph_findings
    from campaigngen.checks.integrity import integrity_findings
    from campaigngen.checks.readability import print_findings

    def speech(loc: LocalizedCampaign) -> list[Finding]:
        from campaigngen.catalogs.spoken import spot_script
        from campaigngen.checks.readability import speech_findings

        return [
            finding
            for spot in loc.campaign.spots
            for finding in speech_findings(spot_script(loc, spot), readability_overrides(loc),
                                           language_tag=loc.tag, spot_id=spot.id,
                                           config_path=loc.campaign.config_path)
        ]

    return {
        "translation": lambda loc: completeness_findings(loc) + length_findings(loc),
        "integrity": integrity_findings,
        "reading-level": lambda loc: print_findings(loc, readability_overrides(loc)),
        "reading-level-speech": speech,
        "glyphs": glyph_findings,
        "layout-fit": layout_fit,
    }


def layout_fit(localized: LocalizedCampaign) -> list[Finding]:
    """A dry layout of every format the campaign prints: nothing is written."""
    from campaigngen.renderers.flyer import fit_findings

    return [f for fmt in localized.campaign.flyer.formats for f in fit_findings(localized, fmt)]


def readability_overrides(localized: LocalizedCampaign):
    """[readability.es] applies to es-419 too, unless es-419 has its own table."""
    table = localized.campaign.readability
    return table.get(localized.tag) or table.get(localized.tag.split("-")[0])


def localize_all(campaign: Campaign, languages: Sequence[Language] | None = None,
                 base: Path | None = None) -> list[LocalizedCampaign]:
    """Read every catalog first: a broken file stops everything before anything is written."""
    return [localize(campaign, lang, base) for lang in (languages or campaign.all_languages)]


def run_checks(campaign: Campaign, editions: Iterable[LocalizedCampaign], skip: Iterable[str] = ()) -> Report:
    """skip names checks the caller measures for real instead (a build lays every page out)."""
    editions = list(editions)
    skipped = set(skip)
    checks = {name: check for name, check in _text_checks().items() if name not in skipped}
    findings: list[Finding] = []
    for localized in editions:
        for check in checks.values():
            findings.extend(check(localized))
    return Report(
        findings=apply_waivers(findings, campaign.waivers),
        checks_run=tuple(checks),
        languages=tuple(loc.tag for loc in editions),
    )
