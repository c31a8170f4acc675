"""One publish per campaign at a time: an advisory lock on ``<out>/<campaign>/.publish.lock``.

A POSIX record lock (``fcntl.lockf``), not ``flock``: rendering forks worker processes, and
an flock is shared with every forked child, so workers orphaned by a SIGKILLed publish kept
the campaign locked forever (seen in testing). A record lock belongs to the process that
took it and the kernel drops it the moment that process dies. The pid written inside is
only for the message. (Record locks are per process: one publish per process, as the CLI does.)
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaigngen.exceptions import PublishBusy

LOCK_NAME = ".publish.lock"
_POLL_S = 0.05


def _holder(handle) -> str:
    try:
        handle.seek(0)
        pid = handle.read().strip()
    except OSError:
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def publish_lock(campaign_dir: Path, campaign_id: str, wait_s: float = 0.0) -> Iterator[Path]:
    """Hold the campaign's publish lock; wait up to wait_s seconds for it, then fail in one line."""
    campaign_dir.mkdir(parents=True, exist_ok=True)
    path = campaign_dir / LOCK_NAME
    # "a+" never truncates on open: truncating would wipe the holder's pid before we know we own it.
    with open(path, "a+", encoding="ascii") as handle:
        deadline = time.monotonic() + max(wait_s, 0.0)
        while True:
            try:
                fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                if time.monotonic() >= deadline:
                    waited = f" after waiting {wait_s:g} s" if wait_s > 0 else ""
                    raise PublishBusy(
                        f"another publish of '{campaign_id}' is running{_holder(handle)}{waited} - "
                        f"let it finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(_POLL_S)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield path
        finally:
            # The file is never unlinked: a waiter may already hold the old inode open, and
            # two inodes would mean two locks.
            fcntl.lockf(handle.fileno(), fcntl.LOCK_UN)
