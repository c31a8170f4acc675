"""A new campaign an outreach worker can fill in without reading the docs.

The file is written from campaign.toml's declaration (``campaign_schema.py``): every
setting appears with what it means, the ones a new campaign needs filled in with examples,
the rest commented out with their defaults.
"""

from __future__ import annotations

from pathlib import Path

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError
from campaigngen.sources import campaign_schema
from campaigngen.sources.campaign import CONFIG_NAME, MESSAGE_ID_RE
from campaigngen.sources.languages import language
from campaigngen.sources.template import render

__all__ = ["TAG_SCRIPT", "TEMPLATE_LENGTHS", "scaffold", "scaffold_text"]
TAG_SCRIPT, TEMPLATE_LENGTHS = campaign_schema.TAG_SCRIPT, campaign_schema.TEMPLATE_LENGTHS

HEADER = """\
# Campaign "{name}". Fill in the parts marked FILL IN, then run:
#   campaigngen extract {name}     (makes the files translators edit, in locales/)
#   campaigngen check {name}       (says what is missing)
#   campaigngen build {name}       (makes flyers and radio spots in output/)
#
# Every setting is listed below; the ones starting with "# " are optional: remove the "# "
# to use one.
"""


def scaffold_text(name: str, languages: list[str]) -> str:
    """The commented campaign.toml a new campaign starts from."""
    if not MESSAGE_ID_RE.match(name):
        raise InputError(
            None,
            f"campaign name '{name}' may use only lower-case letters, digits, '-', '_', '.'",
            hint="e.g. campaigngen new laundromat-2027",
        )
    for tag in languages:
        language(tag)
    title = name.replace("-", " ").replace("_", " ").capitalize()
    values = {"id": name, "name": title, "languages": list(languages)}
    return render(campaign_schema.CAMPAIGN, values, HEADER.format(name=name))


def scaffold(content_dir: Path, name: str, languages: list[str]) -> Path:
    text = scaffold_text(name, languages)
    folder = content_dir / name
    config = folder / CONFIG_NAME
    if config.exists():
        raise InputError(config, "already exists", hint="pick another name or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(config, text.encode("utf-8"))
    return config
