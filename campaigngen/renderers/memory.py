"""Handing freed heap back to the system, for processes that render one job after another."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc: nothing to ask


def give_back_memory() -> None:
    """Return the heap's free pages to the system. glibc keeps what Python, Pillow and numpy
    freed (a page raster, a PDF read back, a spot's samples) inside the process for reuse,
    and after large buffers it stops unmapping them (its mmap threshold rises): a render
    worker measured 503 MB resident after ten languages' flyers, 261 MB after this call.
    Called between jobs, it costs a few milliseconds; what the next job needs it maps again."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
