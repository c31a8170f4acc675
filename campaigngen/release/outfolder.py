"""The campaign's output folder: replaced whole and atomically, never over anything else.

``<out>/<campaign>/`` holds the latest build. A build is made in a hidden scratch folder
beside it and swapped in with one ``renameat2(RENAME_EXCHANGE)``: a reader, or a kill at any
moment, sees the old complete build or the new one, never a mix, and the old one is removed
only after the swap. The campaign's lock file is a sibling (a lock inside a folder that gets
swapped would lock nothing). Releases live in the release store (release/store.py), never
here: the swap takes away everything inside the old folder.

A folder that campaigngen did not make (no build manifest of ours) is never replaced, and
output may not land inside the project's sources (content/, locales/, fonts/, the package),
the release store or a release; the store may not sit inside a build folder or the
sources, and a build folder holding releases is not replaced: a typo in --out must not
delete a campaign or touch a release.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from campaigngen.atomic import fsync_path, fsync_tree
from campaigngen.exceptions import InputError, OutputRefused
from campaigngen.release.manifest import MANIFEST_NAME, read_build_manifest
from campaigngen.release.store import STORE_ENV, STORE_MARK, project_of, store_root
from campaigngen.sources.campaign import Campaign

OLD_RELEASES_LINK = "releases"  # builds before the release store linked releases in here
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CampaignOutput:
    out_root: Path
    campaign_id: str

    @property
    def folder(self) -> Path:
        return self.out_root / self.campaign_id

    @property
    def lock(self) -> Path:
        return self.out_root / f".{self.campaign_id}.lock"

    @property
    def scratch_prefix(self) -> str:
        return f".{self.campaign_id}.build-"


def output_for(campaign: Campaign, out_root: Path, store: Path | None = None) -> CampaignOutput:
    """Where a campaign's output goes, refusing places that hold sources or releases (store:
    the release store; default: the campaign's, as publish would use it)."""
    out_root = Path(out_root)
    if out_root.exists() and not out_root.is_dir():
        raise OutputRefused(f"--out {out_root} is a file, not a folder - give a folder for the output")
    resolved = out_root.resolve()
    project = campaign.root.parent.parent if campaign.root.parent.name == "content" else campaign.root.parent
    protected = [
        campaign.root.resolve(),
        project.resolve() / "content",
        project.resolve() / "locales",
        project.resolve() / "fonts",
        PACKAGE_DIR,
    ]
    for place in protected:
        if resolved == place or place in resolved.parents:
            raise OutputRefused(
                f"--out {out_root} is inside {place.name}/, which holds the project's sources - "
                f"write output elsewhere, e.g. --out output"
            )
    output = CampaignOutput(out_root, campaign.id)
    folder = output.folder
    store = store or store_root(campaign)
    refuse_output_in_store(out_root, folder, store)
    refuse_store_in_output(store, folder, campaign)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputRefused(f"{folder} is in the way (a file or a link) - move it, or choose another --out")
    if folder.is_dir() and not made_by_us(folder):
        raise OutputRefused(
            f"{folder} exists and was not made by campaigngen - it is never replaced; move it, or choose another --out"
        )
    return output


def made_by_us(folder: Path) -> bool:
    """A build folder (its manifest.json is the mark), or one an older publish made holding
    only the link to its releases."""
    if read_build_manifest(folder) is not None:
        return True
    return all(entry.name in (OLD_RELEASES_LINK, ".publish.lock") for entry in folder.iterdir())


def new_scratch(output: CampaignOutput) -> Path:
    output.out_root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=output.scratch_prefix, dir=output.out_root))
    scratch.chmod(0o755)  # mkdtemp makes it private; it becomes the output everyone reads
    return scratch


def swap_in(scratch: Path, output: CampaignOutput) -> None:
    """Make scratch the campaign's output folder in one atomic step; the old build goes."""
    fsync_tree(scratch)
    target = output.folder
    if target.exists():
        if not _exchange(scratch, target):
            # A filesystem without RENAME_EXCHANGE: two renames, with the old build aside
            # for the instant between them (the next run removes it if we are killed there).
            aside = Path(tempfile.mkdtemp(prefix=output.scratch_prefix, dir=output.out_root))
            os.rename(target, aside / "old")
            os.rename(scratch, target)
            scratch = aside
        shutil.rmtree(scratch, ignore_errors=True)
    else:
        os.rename(scratch, target)
    fsync_path(output.out_root, directory=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(b))


def clean_leftovers(output: CampaignOutput) -> list[str]:
    """Scratch folders of builds that were killed (call only under the campaign's lock)."""
    removed = []
    if output.out_root.is_dir():
        for path in output.out_root.iterdir():
            if path.name.startswith(output.scratch_prefix) and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
    return removed


def check_writable(out_root: Path) -> None:
    """One clear line when the output folder cannot be written (read-only, no permission)."""
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".campaigngen-probe-", dir=out_root)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(
            out_root, f"cannot write output here ({exc.strerror})", hint="choose a folder you can write to with --out"
        ) from None


# --------------------------------------------------------------------------- releases are out of reach


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _is_release(folder: Path) -> bool:
    try:
        with (folder / MANIFEST_NAME).open("rb") as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("release"), dict)


def _store_above(path: Path) -> Path | None:
    """The store or release that path is in or under (by the store's mark or a release manifest)."""
    for folder in (path, *path.parents):
        if (folder / STORE_MARK).is_file() or _is_release(folder):
            return folder
    return None


def refuse_output_in_store(out_root: Path, build_folder: Path, store: Path) -> None:
    """A build writes only outside every release store and release (exit 2, one line)."""
    out = Path(out_root).resolve()
    for place in (out, build_folder.resolve()):
        found = store if _inside(place, store) else _store_above(place)
        if found is not None:
            raise OutputRefused(
                f"--out {out_root} is inside the release store {found} - builds never write where releases "
                f"are kept; choose another --out, e.g. --out output"
            )


def refuse_store_in_output(store: Path, build_folder: Path, campaign: Campaign) -> None:
    """The store may not be inside a folder a build replaces, nor among the project's sources."""
    build_folder = build_folder.resolve()
    if _inside(store, build_folder):
        raise OutputRefused(
            f"the release store {store} is inside {build_folder}, which every build of '{campaign.id}' replaces - "
            f"keep releases elsewhere (--store DIR or ${STORE_ENV})"
        )
    project = project_of(campaign).resolve()
    for place in (campaign.root.resolve(), project / "content", project / "locales", project / "fonts", PACKAGE_DIR):
        if _inside(store, place):
            raise OutputRefused(
                f"the release store {store} is inside {place.name}/, which holds the project's sources - "
                f"keep releases elsewhere (--store DIR or ${STORE_ENV})"
            )
    for folder in (store, *store.parents):
        if read_build_manifest(folder) is not None and not _is_release(folder):
            raise OutputRefused(
                f"the release store {store} is inside the build folder {folder}, which a build replaces - "
                f"keep releases elsewhere (--store DIR or ${STORE_ENV})"
            )


def refuse_releases_inside(folder: Path) -> None:
    """A build folder about to be replaced must hold no store or release (moved in by hand,
    or made by an older campaigngen): the swap would take it away."""
    if not folder.is_dir():
        return
    for path, dirs, files in os.walk(folder):
        here = Path(path)
        if STORE_MARK in files or (here != folder and MANIFEST_NAME in files and _is_release(here)):
            raise OutputRefused(
                f"{folder} holds releases ({here}) and a build replaces it whole - move them out first "
                f"(releases belong in the release store, e.g. releases/)"
            )
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]


def refuse_release_target(folder: Path) -> None:
    """Nothing writes into a release or the store (the review page of a build, for one)."""
    found = _store_above(Path(folder).resolve())
    if found is not None:
        raise OutputRefused(f"{folder} is inside the release {found} - a release is never written into")
