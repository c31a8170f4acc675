"""One publish per campaign at a time: an advisory ``flock`` on ``<out>/<campaign>/.publish.lock``.

flock is released by the kernel when the holder dies (even by SIGKILL), so a crashed
publish never leaves a stale lock behind; the pid written inside is only for the message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaigngen.exceptions import CampaignGenError

LOCK_NAME = ".publish.lock"
_POLL_S = 0.05


class PublishBusy(CampaignGenError):
    """Another publish of the same campaign holds the lock (exit 2: try again later)."""


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
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
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
            # Closing the file releases the lock; unlink is avoided on purpose (a waiter may
            # already hold the old inode open, and two inodes would mean two locks).
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
