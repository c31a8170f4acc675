"""Every input file the user gives is opened here: regular files only, up to a stated size.

A FIFO, a device or a socket where a catalog, campaign.toml or a recording should be would
block `check` forever or feed it without end (a catalog linked to /dev/zero); a file far larger
than its kind ever is would be read whole into memory. So the file is opened without blocking,
its kind is checked on the open handle (no window between looking and opening), and at most one
byte more than its limit is read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from campaigngen.exceptions import InputError

MB = 1024 * 1024
CATALOG_LIMIT = 16 * MB  # a PO file of a few hundred messages is under 1 MB
CONFIG_LIMIT = 2 * MB  # campaign.toml, fonts.toml, languages.toml
FONT_LIMIT = 128 * MB  # the CJK collections are about 20 MB


@contextmanager
def open_input(path: Path, what: str, limit: int) -> Iterator[BinaryIO]:
    """The file at path, opened for reading once it is known to be a regular file of at most
    limit bytes. OSError (missing, no permission) is the caller's to word; a FIFO, a device,
    a directory or a file over the limit is an InputError naming the file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                path,
                f"is {_kind(info.st_mode)}, not an ordinary file",
                hint=f"put the real {what} there",
                code="input.not-a-file",
            )
        if info.st_size > limit:
            raise InputError(
                path,
                f"is {info.st_size / MB:.1f} MB, more than a {what} can be ({limit // MB} MB)",
                hint="check that this is the right file",
                code="input.too-large",
            )
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def read_input(path: Path, what: str, limit: int) -> bytes:
    """The whole file, read as open_input allows; a file that grows past its limit while it is
    read is refused too."""
    with open_input(path, what, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            path,
            f"is more than a {what} can be ({limit // MB} MB)",
            hint="check that this is the right file",
            code="input.too-large",
        )
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "something other than a file"


__all__ = ["CATALOG_LIMIT", "CONFIG_LIMIT", "FONT_LIMIT", "file_sha256", "open_input", "read_input"]


# Font files are large (the CJK collection is 19 MB): each is hashed once per process unless it
# changes (its size and modification time are part of the key). Render workers are forked
# after the snapshot hashed every font, so they inherit the hashes.
_HASHES: dict[tuple[Path, int, int], str] = {}


def file_sha256(path: Path, what: str = "font or input file", limit: int = FONT_LIMIT) -> str:
    """The SHA-256 of the file's bytes, read through open_input (what and limit name and bound
    the first read; a file hashed already is not read again while its size and time stand)."""
    info = path.stat()
    key = (path, info.st_size, info.st_mtime_ns)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with open_input(path, what, limit) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _HASHES[key] = digest.hexdigest()
    return _HASHES[key]
