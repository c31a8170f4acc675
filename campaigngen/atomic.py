"""Writing a file so no reader, and no crash, ever sees half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umasked(mode: int) -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


_FILE_MODE = _umasked(0o644)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, then rename: the old file or the new, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(data)
        os.chmod(tmp_name, _FILE_MODE)  # mkstemp makes 0600; what we write is meant to be read
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
