"""The project the studio serves: its campaigns, each read the way the command line reads it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.snapshot import Snapshot, take_snapshot
from campaigngen.exceptions import CampaignGenError, InputError, InvalidCampaign
from campaigngen.sources.campaign import CONFIG_NAME, CONTENT_DIR, Campaign, load_campaign
from campaigngen.studio.places import NotHere, campaign_folder


@dataclass(frozen=True)
class Problem:
    """One line of what is wrong with a file, as the loader said it."""

    line: int | None
    text: str

    @property
    def plain(self) -> str:
        """The line as the form shows it beside its field (studio/wording.py)."""
        from campaigngen.studio.wording import plain_problem

        return plain_problem(self.text)


def problems_of(error: CampaignGenError) -> tuple[Problem, ...]:
    """The loader's one-line errors, without the path (the page already names the file)."""
    errors = error.problems if isinstance(error, InvalidCampaign) else (error,)
    out = []
    for item in errors:
        if isinstance(item, InputError):
            out.append(Problem(item.line, item.problem + (f" - {item.hint}" if item.hint else "")))
        else:
            out.append(Problem(None, item.format_message()))
    return tuple(out)


@dataclass(frozen=True)
class Listed:
    """A campaign as the list shows it; problems when its campaign.toml cannot be used."""

    id: str
    campaign: Campaign | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Workspace:
    root: Path  # the project: content/, locales/, fonts/
    out: Path  # where builds and releases go (the command line's --out)

    @property
    def content(self) -> Path:
        return self.root / CONTENT_DIR

    def said(self, error: Exception) -> str:
        """An error's line as the studio shows it: paths inside the project relative to it (a
        page may be seen by anyone on the team; where the project lives is nobody's business)."""
        text = error.format_message() if hasattr(error, "format_message") else str(error)
        for root in {str(self.root.resolve()), str(self.root)}:
            text = text.replace(root.rstrip("/") + "/", "")
        return text

    def campaigns(self) -> list[Listed]:
        listed: list[Listed] = []
        if not self.content.is_dir():
            return listed
        for config in sorted(self.content.glob(f"*/{CONFIG_NAME}")):
            campaign_id = config.parent.name
            try:
                folder = campaign_folder(self.root, campaign_id)
            except NotHere:
                continue  # a folder name no campaign may have, or a link out of the project
            try:
                listed.append(Listed(campaign_id, load_campaign(folder)))
            except CampaignGenError as error:
                listed.append(Listed(campaign_id, None, problems_of(error)))
        return listed

    def folder(self, campaign_id: str) -> Path:
        return campaign_folder(self.root, campaign_id)

    def campaign(self, campaign_id: str) -> Campaign:
        """Raises NotHere for an id that names no campaign, CampaignGenError for a broken one."""
        return load_campaign(self.folder(campaign_id))

    def snapshot(self, campaign: Campaign, tags: tuple[str, ...] | None = None) -> Snapshot:
        languages = [campaign.language(tag) for tag in tags] if tags else None
        return take_snapshot(campaign, languages)

    def edition(self, campaign: Campaign, tag: str) -> tuple[Snapshot, LocalizedCampaign]:
        snapshot = self.snapshot(campaign, (tag,))
        return snapshot, snapshot.edition(tag)


def language_matrix() -> tuple[dict, ...]:
    """What every language has (font, reading gate, voice): `campaigngen languages`' table,
    drawn again when the installed voices change (a voice added here or from the terminal)."""
    return _language_matrix(_voices_state())


def _voices_state() -> tuple[tuple[str, int, int], ...]:
    from campaigngen.renderers.radio.piper import voices_dir

    found = []
    for path in sorted(voices_dir().glob("*/*.onnx*")):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@lru_cache(maxsize=2)
def _language_matrix(voices: tuple[tuple[str, int, int], ...]) -> tuple[dict, ...]:
    from campaigngen.release.language_support import support_matrix
    from campaigngen.sources.languages import PSEUDO_LOCALES

    return tuple(row for row in support_matrix() if row["tag"] not in PSEUDO_LOCALES)  # never picked: layout tests
