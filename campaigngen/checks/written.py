"""Pages a writer has just written, kept in memory for their read-back.

The read-back compares a flyer's PDF with its PNG and reads the QR codes of both right after
they are written, in the same process: decoding a 300-dpi PNG again costs more than the
comparison itself. The writer hands its greyscale over here, under the file's identity (path,
inode, size, modification time); a file changed or replaced since is read from disk again.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

KEPT_PAGES = 4  # a job writes one page, a sheet two; each is read back right after


_kept: OrderedDict[tuple, object] = OrderedDict()


def _identity(path: Path) -> tuple:
    stat = os.stat(path)
    return (str(Path(path).resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns)


def remember_page(path: Path, image) -> None:
    """The page just written to path (a Pillow image), kept as greyscale for its read-back."""
    import numpy as np

    _kept[_identity(path)] = np.asarray(image.convert("L"))
    while len(_kept) > KEPT_PAGES:
        _kept.popitem(last=False)


def forget_pages() -> None:
    """Let go of every kept page: a render worker calls it after each job, whose pages were
    read back within it (a Tabloid page's greyscale alone is ~17 MB)."""
    _kept.clear()


def page_grey(path: Path):
    """The image file's greyscale as a numpy array: as its writer kept it, or read from disk."""
    import numpy as np
    from PIL import Image

    kept = _kept.get(_identity(path))
    if kept is not None:
        return kept
    with Image.open(path) as image:
        return np.asarray(image.convert("L"))
