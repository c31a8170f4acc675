"""The sample campaign, cut down for a test: chosen languages, formats, sheets and spots.

Everything else (messages, contact details, the reviewed sample translations) is the real
sample's, so a test campaign reads like the one users start from.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = "help-is-here"
SAMPLE_CONFIG = PROJECT / "content" / SAMPLE / "campaign.toml"


def write_config(folder: Path, text: str) -> Path:
    """The one place a test writes a campaign.toml: into folder (made if missing); returns folder.
    Every helper that builds a test campaign (this module's, conftest's, the flyer, publish,
    radio and reading-level kits) writes through here."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "campaign.toml").write_text(text, encoding="utf-8")
    return folder


def config_path(root: Path) -> Path:
    return root / "content" / SAMPLE / "campaign.toml"


def catalog(root: Path, tag: str) -> Path:
    return root / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{SAMPLE}.po"


def sample_campaign(
    root: Path,
    *,
    languages: Sequence[str] = ("es",),
    formats: Sequence[str] = ("letter",),
    sheets: Sequence[Sequence[str]] = (),
    spots: str | None = None,
    extra: str = "",
) -> Path:
    """content/help-is-here/campaign.toml and the sample catalogs of `languages` under root.

    spots: TOML for the [[spots]] tables (None keeps the sample's 30 s spot, "" has none).
    Returns the campaign folder.
    """
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"^languages = \[.*?\]", f"languages = {json.dumps(list(languages))}", text, flags=re.M | re.S)
    text = re.sub(r"^formats = \[.*\]$", f"formats = {json.dumps(list(formats))}", text, flags=re.M)
    text = re.sub(
        r"^multilingual = \[.*\]$", f"multilingual = {json.dumps([list(s) for s in sheets])}", text, flags=re.M
    )
    # Pronunciation notes for languages the cut-down campaign leaves out would name
    # languages it does not have (an error, as in a real campaign.toml).
    kept = {*languages, "en"}
    text = re.sub(
        r"^([A-Za-z-]+) = .*\n",
        lambda m: m.group(0) if m.group(1) in kept or not _in_pronunciation(text, m.start()) else "",
        text,
        flags=re.M,
    )
    # Likewise live reads of languages the campaign leaves out.
    text = re.sub(
        r"^live_reads = \[(.*)\]$",
        lambda m: f"live_reads = {json.dumps([t for t in json.loads('[' + m.group(1) + ']') if t in kept])}",
        text,
        flags=re.M,
    )
    if spots is not None:
        text = re.sub(r"\[\[spots\]\].*?(?=\n\[radio\])", spots.strip() + "\n", text, flags=re.S)
    folder = write_config(config_path(root).parent, text + "\n" + extra)
    for item in SAMPLE_CONFIG.parent.iterdir():  # the files the config points at (the logo)
        if item.is_dir():
            shutil.copytree(item, folder / item.name, dirs_exist_ok=True)
    for tag in languages:
        if tag != "en":
            catalog(root, tag).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(
                PROJECT / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / f"{SAMPLE}.po", catalog(root, tag)
            )
    return folder


def _in_pronunciation(text: str, at: int) -> bool:
    headers = re.findall(r"^\[[^\]\n]+\]", text[:at], flags=re.M)
    return bool(headers) and headers[-1] == "[delivery.pronunciation]"


def set_translation(
    root: Path, tag: str, message_id: str, text: str, *, fuzzy: bool = False, raw: bool = False
) -> None:
    """Replace one msgstr in a catalog, as a translator's tool would save it; raw: text is the
    msgstr exactly as it stands between the quotes in the file (escapes and all)."""
    path = catalog(root, tag)
    po = path.read_text(encoding="utf-8")
    escaped = text if raw else text.replace("\\", "\\\\").replace('"', '\\"')
    pattern = re.compile(
        rf'((?:#[^\n]*\n)*)(msgctxt "{re.escape(message_id)}"\nmsgid (?:"[^"\n]*"\n)+)msgstr (?:"[^\n]*"\n?)+'
    )
    match = pattern.search(po)
    assert match, f"{message_id} not in {path}"
    comments = match.group(1)
    if fuzzy and "#, fuzzy" not in comments:
        comments += "#, fuzzy\n"
    po = po[: match.start()] + comments + match.group(2) + f'msgstr "{escaped}"\n' + po[match.end() :]
    path.write_text(po, encoding="utf-8")


def replace_in_config(root: Path, old: str, new: str, count: int = 1) -> None:
    path = config_path(root)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def translated_edition(campaign, tag: str, translations: dict[str, str], state: str = "translated"):
    """A language of `campaign` in which the given messages carry these translations (in
    `state`) and the rest are untranslated: a translator's catalog, without a file."""
    from campaigngen.catalogs.localized import UNTRANSLATED, LocalizedCampaign

    texts = {mid: m.text for mid, m in campaign.messages.items()}
    status = {mid: UNTRANSLATED for mid in campaign.messages}
    for mid, text in translations.items():
        texts[mid], status[mid] = text, state
    return LocalizedCampaign(campaign, campaign.language(tag), texts, status, submitted=dict(translations))
