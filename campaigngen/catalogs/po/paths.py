"""Where a campaign's catalogs live: ``locales/<campaign>.pot`` and
``locales/<locale>/LC_MESSAGES/<campaign>.po`` beside the ``content/`` folder, as gettext
tools and Weblate expect them."""

from __future__ import annotations

from pathlib import Path

from campaigngen.sources.campaign import Campaign, project_root_of
from campaigngen.sources.languages import Language

LOCALES_DIR = "locales"


def project_root(campaign: Campaign) -> Path:
    """``<root>/content/<campaign>`` -> ``<root>``; a campaign elsewhere keeps its files beside it."""
    return project_root_of(campaign.root)


def locales_dir(campaign: Campaign) -> Path:
    return project_root(campaign) / LOCALES_DIR


def template_path(campaign: Campaign, base: Path | None = None) -> Path:
    return (base or locales_dir(campaign)) / f"{campaign.id}.pot"


def catalog_path(campaign: Campaign, language: Language, base: Path | None = None) -> Path:
    return (base or locales_dir(campaign)) / language.locale_id / "LC_MESSAGES" / f"{campaign.id}.po"
