"""Previews: a flyer page and a radio spot as they will be made, kept by content key.

A flyer preview is the page the PNG writer draws (DRAFT stamp and all), scaled for a
screen, without the PDF and the 300-dpi PNG a build writes; a spot preview is the real
spot (WAV, MP3, script sheet and the measured facts). Both are kept under the same
content key a build uses for that job (release/keys.py), so an unchanged language costs a
file read, and a one-line edit redraws only the pages and spots that line is on.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.snapshot import Snapshot
from campaigngen.checks.findings import finding_of
from campaigngen.exceptions import ChecksFailed
from campaigngen.release.findings_cache import cache_dir
from campaigngen.release.keys import digest, job_key

SCREEN_WIDTH = 900  # px: sharp in a preview column, a tenth of the bytes of the print PNG
_VERSION = "preview-1"  # bump when the preview's own drawing changes


def previews_dir() -> Path:
    return cache_dir().parent / "studio"


def flyer_key(snapshot: Snapshot, tag: str, format_name: str) -> str:
    return digest(_VERSION, job_key("flyer", format_name, snapshot, [snapshot.edition(tag)]))


def spot_key(snapshot: Snapshot, tag: str, spot_id: str) -> str:
    return digest(_VERSION, job_key("spot", spot_id, snapshot, [snapshot.edition(tag)]))


@dataclass(frozen=True)
class FlyerPreview:
    key: str
    png: Path | None  # None when the page cannot be laid out (problem says why)
    problem: str | None = None  # the technical line
    draft: bool = False
    plain: str | None = None  # why, in the reader's words


def flyer_preview(snapshot: Snapshot, tag: str, format_name: str) -> FlyerPreview:
    """The page, from the cache or drawn now."""
    import io

    from campaigngen.renderers.flyer import preview_image

    key = flyer_key(snapshot, tag, format_name)
    edition = snapshot.edition(tag)
    path = previews_dir() / key[:2] / f"flyer-{key}.png"
    if path.is_file():
        return FlyerPreview(key, path, draft=edition.draft)
    try:
        page = preview_image(edition, format_name)
    except ChecksFailed as exc:
        plain = finding_of(exc, tag, format_name).plain
        return FlyerPreview(key, None, exc.format_message(), edition.draft, plain)
    factor = max(1, round(page.width / SCREEN_WIDTH))
    screen = page.reduce(factor) if factor > 1 else page
    buffer = io.BytesIO()
    screen.save(buffer, format="PNG", compress_level=1)  # speed over size: it never leaves this machine
    write_bytes_atomic(path, buffer.getvalue())
    return FlyerPreview(key, path, draft=edition.draft)


@dataclass(frozen=True)
class SpotPreview:
    key: str
    folder: Path | None  # holds spot.wav, spot.mp3, script.txt and facts.json
    facts: dict[str, Any]
    problem: str | None = None  # why there is no audio: the technical line

    @property
    def plain(self) -> str | None:
        """The same in the reader's words."""
        return self.facts.get("plain")

    @property
    def script(self) -> str:
        return (self.folder / "script.txt").read_text(encoding="utf-8") if self.folder else ""


def spot_preview(snapshot: Snapshot, tag: str, spot_id: str) -> SpotPreview:
    """The spot as a build makes it, measured; or the reason it cannot be made (then the
    script sheet a station would get instead)."""
    from campaigngen.renderers.radio import SheetOnly, render_script_sheet, render_spot

    key = spot_key(snapshot, tag, spot_id)
    folder = previews_dir() / key[:2] / f"spot-{key}"
    if (folder / "facts.json").is_file():
        facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
        return SpotPreview(key, folder, facts, facts.get("problem"))
    edition = snapshot.edition(tag)
    spot = next(s for s in snapshot.campaign.spots if s.id == spot_id)
    scratch = Path(tempfile.mkdtemp(prefix=".spot-", dir=_ensure(folder.parent)))
    try:
        problem = None
        try:
            made = render_spot(edition, spot, scratch)
            facts = asdict(next(a.facts for a in made if a.kind == "audio"))
            for artifact in made:
                suffix = {"audio": "spot.wav", "audio-mp3": "spot.mp3", "script-sheet": "script.txt"}.get(artifact.kind)
                if suffix:  # the preview plays the WAV and the MP3 and shows the script
                    artifact.path.rename(scratch / suffix)
        except ChecksFailed as exc:
            problem = exc.format_message()
            try:
                sheet = render_script_sheet(edition, spot, scratch, reason=f"no audio: {problem}")
            except SheetOnly as partial:
                sheet = partial.artifacts
            sheet[0].path.rename(scratch / "script.txt")
            facts = {"draft": edition.draft, "problem": problem, "plain": finding_of(exc, tag, spot_id).plain}
        (scratch / "facts.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
        try:
            scratch.rename(folder)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)  # made meanwhile by another request: same content
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return SpotPreview(key, folder, facts, problem)


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder
