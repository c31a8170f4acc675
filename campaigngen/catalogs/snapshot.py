"""The snapshot: every input of a run, read once, immutable, hashed.

check, status, build and publish each take one snapshot and use nothing else: the checks
judge it, the renderers draw it (render workers receive it, never a path to read again),
and the manifest records the hash of every byte it was made from. A catalog saved while a
publish runs cannot slip into the release: the release is drawn from the text that was
checked.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from campaigngen.catalogs.approvals import ApprovalFile, read_for
from campaigngen.catalogs.load import catalog_bytes, localize_bytes
from campaigngen.catalogs.localized import LocalizedCampaign, project_relative
from campaigngen.catalogs.po import project_root
from campaigngen.frozen import FrozenMap
from campaigngen.sources.campaign import CONFIG_NAME, Campaign
from campaigngen.sources.fonts import FontManifest, load_manifest, project_manifest_path, use_manifest
from campaigngen.sources.input_files import file_sha256
from campaigngen.sources.languages import Language
from campaigngen.sources.registry import PROJECT_LANGUAGES, LanguageFacts, use_languages


@dataclass(frozen=True)
class Snapshot:
    campaign: Campaign
    editions: tuple[LocalizedCampaign, ...]  # in the order asked for; source language first by default
    fonts: FontManifest
    inputs: Mapping[str, str]  # input as the project names it -> SHA-256 of the bytes read
    # When reading began (wall clock, ns): publishes are ordered by it, so the release of the
    # newest snapshot is the latest whichever publish finishes first.
    read_at_ns: int = field(default_factory=time.time_ns)
    # language tag -> the approvals of its text (the source language's hold the contact details)
    approvals: Mapping[str, ApprovalFile] = field(default_factory=FrozenMap)
    # the project's own languages.toml entries (render workers use them as this process does)
    languages: Mapping[str, LanguageFacts] = field(default_factory=FrozenMap)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(e.tag for e in self.editions)

    def edition(self, tag: str) -> LocalizedCampaign:
        for edition in self.editions:
            if edition.tag == tag:
                return edition
        raise KeyError(tag)

    def sheets(self) -> tuple[tuple[LocalizedCampaign, ...], ...]:
        """The campaign's multilingual sheets, each with the languages of this run it holds;
        a sheet left with fewer than two (a --lang run) is not made. Each once: two sheets can
        shrink to the same languages."""
        present = set(self.tags)
        kept = dict.fromkeys(tuple(t for t in sheet if t in present) for sheet in self.campaign.multilingual_sheets)
        return tuple(tuple(self.edition(t) for t in tags) for tags in kept if len(tags) >= 2)


def take_snapshot(
    campaign: Campaign,
    languages: Sequence[Language] | None = None,
    base: Path | None = None,
    read_at_ns: int | None = None,
) -> Snapshot:
    """Read every catalog first: a broken file stops everything before anything is checked or
    written. read_at_ns: when reading began (before campaign.toml was read, if the caller
    read it); default now."""
    read_at_ns = read_at_ns or time.time_ns()
    inputs: dict[str, str] = {CONFIG_NAME: campaign.config_sha256}
    use_languages(campaign.project_languages)  # the languages this campaign was read with
    if campaign.project_languages_sha256 is not None:
        inputs[PROJECT_LANGUAGES] = campaign.project_languages_sha256
    editions = []
    for language in languages or campaign.all_languages:
        path, raw = catalog_bytes(campaign, language, base)
        if raw is not None:
            inputs[project_relative(path, campaign)] = hashlib.sha256(raw).hexdigest()
        editions.append(localize_bytes(campaign, language, path, raw))
    for media in (
        *campaign.radio.recordings.values(),
        campaign.radio.music_bed,
        *(logo.media for logo in campaign.brand.logos),
    ):
        if media is not None and media.sha256 is not None:
            inputs[project_relative(media.path, campaign)] = media.sha256
    fonts = load_manifest(project_manifest_path(project_root(campaign)))
    use_manifest(fonts)  # what every renderer of this process draws with
    inputs.update(font_hashes(fonts))
    approvals = read_for(campaign, [e.language for e in editions])
    for found in approvals.values():
        if found.sha256 is not None:
            inputs[project_relative(found.path, campaign)] = found.sha256
    return Snapshot(
        campaign,
        tuple(editions),
        fonts,
        FrozenMap(inputs),
        read_at_ns,
        FrozenMap(approvals),
        campaign.project_languages,
    )


# Where an operating system keeps its fonts: a path there says nothing about the person.
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("/System/Library/Fonts"))


def font_key(face_path: Path, fonts_dir: Path) -> str:
    """How the manifest names a font: by file name in the project's fonts/, by path in the
    system's font folders, and otherwise by file name only (a path such as /home/ana/fonts/ or
    /tmp/ would publish where someone keeps their files, which the privacy gate refuses)."""
    if face_path.parent == fonts_dir:
        return f"fonts/{face_path.name}"
    if any(face_path.is_relative_to(system) for system in SYSTEM_FONT_DIRS):
        return str(face_path)
    return f"fonts (outside the project)/{face_path.name}"


def font_hashes(fonts: FontManifest) -> dict[str, str]:
    """fonts/fonts.toml and every face it names, keyed by font_key."""
    hashes = {"fonts/fonts.toml": file_sha256(fonts.path)}
    for faces in fonts.families.values():
        for face in faces.values():
            key = font_key(face.path, fonts.path.parent)
            if key not in hashes and face.path.is_file():
                hashes[key] = file_sha256(face.path)
    return hashes
