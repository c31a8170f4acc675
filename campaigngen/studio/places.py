"""Every path the studio touches comes from an id in an address; here each id is checked and
each path confined to the project, so no address can reach a file outside it.

An id is accepted only in its own spelling (a campaign id as `campaigngen new` allows it, a
language tag of the campaign, a format or spot the campaign has, a release version as
publish names it), and every path built from ids is resolved, links and all, and must still
lie inside the folder it belongs to.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from campaigngen.sources.campaign import CONFIG_NAME, CONTENT_DIR, MESSAGE_ID_RE

_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")


class NotHere(LookupError):
    """An id that names nothing of this project (or tries to name something outside it): 404."""


def inside(path: Path, folder: Path) -> Path:
    """path resolved (links followed), refused unless it is folder or lies under it."""
    real_folder = folder.resolve()
    real = path.resolve()
    if real != real_folder and real_folder not in real.parents:
        raise NotHere(str(path))
    return real


def campaign_folder(project: Path, campaign_id: str) -> Path:
    if not MESSAGE_ID_RE.fullmatch(campaign_id) or ".." in campaign_id:
        raise NotHere(campaign_id)
    content = project / CONTENT_DIR
    folder = inside(content / campaign_id, content)
    if folder.parent != content.resolve() or not (folder / CONFIG_NAME).is_file():
        raise NotHere(campaign_id)
    return folder


def new_campaign_id(campaign_id: str) -> str | None:
    """Why a name cannot be a new campaign, or None."""
    if not MESSAGE_ID_RE.fullmatch(campaign_id) or ".." in campaign_id or len(campaign_id) > 64:
        return "use lower-case letters, digits, '-', '_' or '.' (e.g. laundromat-2027)"
    return None


def language_tag(tag: str, allowed: tuple[str, ...]) -> str:
    """A tag of the campaign, exactly as the campaign spells it."""
    if not _TAG_RE.fullmatch(tag) or tag not in allowed:
        raise NotHere(tag)
    return tag


def one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise NotHere(value)
    return value


def release_version(version: str) -> str:
    if version != "latest" and (not _VERSION_RE.fullmatch(version) or ".." in version):
        raise NotHere(version)
    return version


def release_file(release: Path, relative: str) -> Path:
    """A file inside a release folder, named by its path in the manifest (print/README.txt)."""
    rel = PurePosixPath(relative)
    if not relative or rel.is_absolute() or any(part in ("", ".", "..") or part.startswith(".") for part in rel.parts):
        raise NotHere(relative)
    real = inside(release.joinpath(*rel.parts), release)
    if not real.is_file():
        raise NotHere(relative)
    return real
