"""Is a release folder exactly what its manifest says? Re-hash every file and compare."""

from __future__ import annotations

import getpass
import json
import re
import socket
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.exceptions import NotARelease, PersonalDataFound
from campaigngen.release.manifest import MANIFEST_NAME, sha256_of
from campaigngen.sources.campaign import Campaign


@dataclass(frozen=True)
class Verification:
    root: Path
    version: str
    checked: int
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def file_entry(path: Path, root: Path) -> dict[str, Any]:
    """The manifest's record of one published file: relative path, size and SHA-256."""
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": sha256_of(path)}


def list_files(root: Path) -> list[Path]:
    """Every regular file under root except the manifest itself, in a stable order."""
    manifest = root / MANIFEST_NAME
    files = (p for p in root.rglob("*") if p != manifest and (p.is_file() or p.is_symlink()))
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def load_release_manifest(root: Path) -> dict[str, Any]:
    manifest_path = root / MANIFEST_NAME
    if not root.is_dir():
        raise NotARelease(f"{root}: not a folder - give a release folder, e.g. output/<campaign>/releases/latest")
    if not manifest_path.is_file():
        raise NotARelease(f"{root}: no {MANIFEST_NAME} here, so this is not a release folder")
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotARelease(f"{manifest_path}: unreadable manifest ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or "release" not in data or not isinstance(data.get("files"), list):
        raise NotARelease(f"{manifest_path}: a build manifest, not a release one - "
                          f"only folders made by 'campaigngen publish' can be verified")
    return data


def verify_release(root: Path) -> Verification:
    """Compare root's files with its manifest; a symlink like releases/latest is followed."""
    root = Path(root)
    data = load_release_manifest(root)
    real_root = root.resolve()
    expected = {entry["path"]: entry for entry in data["files"]}
    present = {p.relative_to(real_root).as_posix(): p for p in list_files(real_root)}
    missing = tuple(sorted(set(expected) - set(present)))
    extra = tuple(sorted(set(present) - set(expected)))
    changed = tuple(
        rel for rel in sorted(set(expected) & set(present))
        # Size first: cheap, and a truncated file is the common damage.
        if present[rel].stat().st_size != expected[rel]["bytes"] or sha256_of(present[rel]) != expected[rel]["sha256"]
    )
    return Verification(root, str(data["release"].get("version", "?")), len(expected), missing, changed, extra)


# --------------------------------------------------------------------------- personal data

_PO_PLACEHOLDERS = {"full name", "email@address", "language", "ll@li.org", "automatically generated", ""}
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PERSON_HEADERS = ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To")


def translator_strings(catalog: Path) -> set[str]:
    """Names and e-mails in a PO file's header (fields and the leading comment block)."""
    try:
        text = catalog.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    # The header is everything up to the first entry with a non-empty msgid.
    head = re.split(r'\n\s*(?:msgctxt|msgid\s+"[^"])', text, maxsplit=1)[0]
    found: set[str] = set(_EMAIL_RE.findall(head))
    for field in _PERSON_HEADERS:
        for value in re.findall(rf"{field}:\s*([^\\\"\n]*)", head):
            name = _EMAIL_RE.sub("", value).replace("<>", "").strip(" <>,")
            found.add(name)
    for comment in re.findall(r"^#[ \t]+(.+)$", head, flags=re.M):
        # gettext's credit line: "# Jane Roe <jane@example.org>, 2026."
        match = re.match(r"([^<>,#]{3,}?)\s*<[^>]*@[^>]*>", comment)
        if match:
            found.add(match.group(1).strip())
    return {s for s in found if len(s) >= 4 and s.lower() not in _PO_PLACEHOLDERS and "FIRST AUTHOR" not in s}


def local_strings(campaign: Campaign, extra_paths: Sequence[Path] = ()) -> tuple[set[str], set[str]]:
    """Where this machine keeps things, and what it is called: (paths, names)."""
    from campaigngen.catalogs.po import project_root

    candidates = {project_root(campaign).resolve(), campaign.root.resolve(), Path.cwd().resolve(), Path.home(),
                  Path(tempfile.gettempdir()), *extra_paths}
    paths = {str(p).rstrip("/") + "/" for p in candidates if str(p) not in ("/", "")}
    names: set[str] = set()
    try:
        user, host = getpass.getuser(), socket.gethostname()
    except (KeyError, OSError):
        user, host = "", ""
    if user and host:
        names.add(f"{user}@{host}")
    if len(host) >= 6:  # shorter names would match random bytes in compressed data
        names.add(host)
    return paths, names


_WORDLIKE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.~-")


@dataclass(frozen=True)
class _Needle:
    """text in UTF-8 and UTF-16; a path must not be the tail of a longer word or URL
    ("https://example.org/tmp/" is not the temp folder)."""

    text: str
    why: str
    path_like: bool

    def found_in(self, blob: bytes) -> bool:
        # bytes.find is a fast literal search; regexes with a look-behind were 100x slower on MBs of audio.
        for encoding, width, offset in (("utf-8", 1, 0), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1)):
            needle = self.text.encode(encoding)
            at = blob.find(needle)
            while at >= 0:
                before = at - width + offset
                if not self.path_like or before < 0 or blob[before] not in _WORDLIKE or (
                        width == 2 and blob[at - 2 + (1 - offset)] != 0):
                    return True
                at = blob.find(needle, at + 1)
        return False


def scan_for_personal_data(folder: Path, campaign: Campaign, editions: Sequence[LocalizedCampaign],
                           only: Sequence[Path] | None = None) -> None:
    """Refuse to publish when any file's bytes hold a translator's name or e-mail (from the PO
    headers), a local path, or the user or host name: metadata writers put these in silently."""
    personal: set[str] = set()
    for loc in editions:
        if loc.catalog_path is not None:
            personal |= translator_strings(loc.catalog_path)
    paths, names = local_strings(campaign, [folder.resolve()])
    needles = [_Needle(s, "a translator's name or e-mail from a PO header", False) for s in personal]
    needles += [_Needle(s, "a local path", True) for s in paths]
    needles += [_Needle(s, "the user or machine name", False) for s in names]
    for path in (only or list_files(folder)):
        blob = path.read_bytes()
        for needle in needles:
            if needle.found_in(blob):
                raise PersonalDataFound(f"{path.relative_to(folder).as_posix()} contains {needle.why} "
                                        f"('{needle.text}') - nothing was published; report it as a renderer bug")
