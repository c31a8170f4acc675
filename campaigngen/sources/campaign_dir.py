"""Where a campaign lives: its folder, found from a name or a path, and its project.

Kept apart from the campaign's reader (sources/campaign.py, with its schema and language
registry) so a command can find the folder without reading the campaign: a no-op build
answers from the folder's files alone.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from campaigngen.exceptions import CampaignNotFound

CONFIG_NAME = "campaign.toml"
CONTENT_DIR = "content"


def resolve_campaign_dir(name_or_path: str | Path, project_root: Path | None = None) -> Path:
    """CAMPAIGN is a folder (``content/<campaign>``) or just the campaign's name."""
    candidate = Path(name_or_path)
    if (candidate / CONFIG_NAME).is_file():
        return candidate
    if candidate.name == CONFIG_NAME and candidate.is_file():
        return candidate.parent
    root = project_root or Path.cwd()
    by_name = root / CONTENT_DIR / str(name_or_path)
    if (by_name / CONFIG_NAME).is_file():
        return by_name
    raise CampaignNotFound(
        candidate,
        f"no {CONFIG_NAME} here or in {root / CONTENT_DIR / str(name_or_path)}",
        hint="give a campaign folder or a name under content/ (campaigngen new NAME makes one)",
    )


def project_root_of(campaign_dir: Path) -> Path:
    """``<root>/content/<campaign>`` -> ``<root>``; a campaign elsewhere keeps its files beside it."""
    return campaign_dir.parent.parent if campaign_dir.parent.name == CONTENT_DIR else campaign_dir


def declared_id(campaign_dir: Path) -> str | None:
    """The id campaign.toml gives, read without judging the rest (None: none to read);
    sources/campaign.py is what validates it."""
    try:
        data = tomllib.loads((campaign_dir / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    value = data.get("id")
    return value if isinstance(value, str) and value else None


__all__ = ["CONFIG_NAME", "CONTENT_DIR", "declared_id", "project_root_of", "resolve_campaign_dir"]
