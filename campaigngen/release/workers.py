"""Forked worker processes that end with the process that made them."""

from __future__ import annotations


def die_with_parent() -> None:
    """A killed build, publish or check must not leave workers running on, holding its files."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their queue closes instead
