"""Helpers for the readability tests: a flyer in any language, without catalogs on disk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from campaign_kit import write_config

from campaigngen.catalogs.localized import TRANSLATED, LocalizedCampaign
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.languages import parse_language


def flyer(
    tmp_path: Path,
    tag: str,
    headline: str,
    body: Sequence[str],
    action: Sequence[str] = ("Call {phone}",),
    readability: str = "",
) -> LocalizedCampaign:
    """A one-language flyer: headline, body lines b1..bn, action lines a1..an, all translated."""
    texts = {"headline": headline}
    texts.update({f"b{i}": line for i, line in enumerate(body, 1)})
    texts.update({f"a{i}": line for i, line in enumerate(action, 1)})
    messages = "\n".join(f'[messages.{mid}]\ntext = "placeholder {mid}"\n' for mid in texts if not mid.startswith("a"))
    messages += "\n".join(f'[messages.{mid}]\ntext = "Call {{phone}} {mid}"\n' for mid in texts if mid.startswith("a"))
    body_ids = ", ".join(f'"b{i}"' for i in range(1, len(body) + 1))
    action_ids = ", ".join(f'"a{i}"' for i in range(1, len(action) + 1))
    languages = (
        "" if tag == "en" or tag.endswith(("-XA", "-XB")) else f'"{tag}"'
    )  # pseudo-locales are asked for, not listed
    folder = write_config(
        tmp_path / "content" / "demo",
        f"""\
id = "demo"
source_language = "en"
languages = [{languages}]

[contact]
phone = "1-888-373-7888"
url = "https://example.org/help"

{messages}

[flyer]
formats = ["letter"]
headline = "headline"
body = [{body_ids}]
action = [{action_ids}]

{readability}
""",
    )
    campaign = load_campaign(folder)
    return LocalizedCampaign(
        campaign=campaign, language=parse_language(tag), texts=texts, status={mid: TRANSLATED for mid in texts}
    )


@dataclass(frozen=True)
class Script:
    """Stands in for catalogs/spoken.py's SpotScript (same attribute names)."""

    segments: tuple[str, ...]
    booked_seconds: float
    language_tag: str
    spot_id: str = "30s"

    @property
    def text(self) -> str:
        return " ".join(self.segments)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def errors(findings) -> list:
    return [f for f in findings if f.severity == "error"]


def overrides_of(localized: LocalizedCampaign) -> Mapping:
    return localized.campaign.readability.get(localized.tag, {})
