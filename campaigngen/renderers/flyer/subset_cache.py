"""Font subsets kept by content key, so a glyph set is subset once, not once per page.

A PDF embeds, for each face it uses, a subset made by fontTools of the glyphs the page
draws (pdf_fonts.py). The Letter, A4, Tabloid and wallet pages of a language draw the same
glyphs, but a build hands them to whichever worker is free, and each worker is a new process
that would subset the same faces again (20-50 ms a TrueType face, ~0.1 s a CJK one). A
subset depends only on the font file's bytes, the face in it, the glyphs asked for, the
options it is made with (pdf_fonts.py, in the code key) and fontTools: those are the key, and
the program is kept in the user's cache folder, where a changed input is a new key. (In front
of it, pdf_fonts keeps a process's last subsets by the font's path: a process that lives on,
such as the studio's, sees a font file replaced at the same path once it starts again.) A
cache that cannot be read or written is not used, and an entry whose bytes are not the ones
written is made again. The folder is kept under MAX_BYTES, the least
recently used entries removed first.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from campaigngen import atomic
from campaigngen.sources.input_files import file_sha256

MAX_BYTES = 256 << 20  # a CJK subset is 0.1-0.5 MB, a TrueType one 10-60 KB
_MAGIC = b"campaigngen subset 1\n"
_CODE_FILES = ("pdf_fonts.py", "subset_cache.py")

Subset = tuple[bytes, tuple[str, ...]]  # the font program, and its glyph order


@lru_cache(maxsize=1)
def code_key() -> str:
    """The code that makes a subset (its options are in pdf_fonts.py) and fontTools' version."""
    import fontTools

    hasher = hashlib.sha256(f"fonttools={fontTools.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        hasher.update(name.encode() + (here / name).read_bytes())
    return hasher.hexdigest()


def subset_key(path: str, index: int, is_cff: bool, gids: tuple[int, ...]) -> str:
    parts = {"code": code_key(), "font": file_sha256(Path(path)), "index": index, "cff": is_cff, "gids": list(gids)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cache_dir() -> Path:
    return atomic.user_cache_dir("fonts")


_pruned: list[bool] = []  # once a process (a forked worker inherits its parent's)


def kept_or_made(
    path: str,
    index: int,
    is_cff: bool,
    gids: tuple[int, ...],
    make: Callable[[str, int, bool, tuple[int, ...]], Subset],
) -> Subset:
    """make()'s subset for these glyphs of the face: read back when kept, else made and kept."""
    key = subset_key(path, index, is_cff, gids)
    return atomic.kept_or_made(
        cache_dir() / key[:2] / f"{key}.subset", _read, lambda: make(path, index, is_cff, gids), _packed, _prune_once
    )


def _prune_once() -> None:
    # Once a process: globbing the folder at every subset written would cost more than a
    # subset; a process adds a few hundred KB between prunes.
    if not _pruned:
        atomic.prune_least_recent(cache_dir(), "*/*.subset", MAX_BYTES)
        _pruned.append(True)


def _packed(subset: Subset) -> bytes:
    program, order = subset
    header = json.dumps({"order": list(order), "sha256": hashlib.sha256(program).hexdigest()}).encode()
    return _MAGIC + struct.pack(">I", len(header)) + header + program


def _read(entry: Path) -> Subset | None:
    try:
        data = entry.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + 4
        (length,) = struct.unpack(">I", data[len(_MAGIC) : start])
        header = json.loads(data[start : start + length])
        program = data[start + length :]
        if hashlib.sha256(program).hexdigest() != header["sha256"]:
            return None
        return program, tuple(header["order"])
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return None  # not there, or not whole: made again
