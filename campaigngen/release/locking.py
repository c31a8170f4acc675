"""One writer at a time: an advisory lock on ``<out>/.<campaign>.lock`` (a campaign's build
folder) or ``<store>/.<campaign>.lock`` (a campaign's releases).

A POSIX record lock (``fcntl.lockf``), not ``flock``: rendering forks worker processes, and
an flock is shared with every forked child, so workers orphaned by a SIGKILLed publish kept
the campaign locked forever (seen in testing). A record lock belongs to the process that
took it and the kernel drops it the moment that process dies. The pid written inside is
only for the message. (Record locks are per process: one publish per process, as the CLI does.)

The lock file is removed when the holder is done, so nothing is left behind. A waiter may
have opened the file just before it was removed and then lock an inode nobody else sees:
after taking the lock, the holder checks that the path still names the inode it locked,
and starts over if not.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from campaigngen.atomic import same_file
from campaigngen.exceptions import PublishBusy

_POLL_S = 0.05


def _holder(handle) -> str:
    try:
        handle.seek(0)
        pid = handle.read().strip()
    except OSError:
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def campaign_lock(path: Path, campaign_id: str, wait_s: float = 0.0, doing: str = "build or publish") -> Iterator[Path]:
    """Hold the campaign's lock; wait up to wait_s seconds for it, then fail in one line.
    doing: what else takes this lock, for the message."""
    deadline = time.monotonic() + max(wait_s, 0.0)
    while True:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # "a+" never truncates on open: truncating would wipe the holder's pid before we know we own it.
            handle = open(path, "a+", encoding="ascii")
        except FileNotFoundError:
            continue  # its folder was removed (an empty one, by a refused first publish): make it again
        try:
            fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _holder(handle)
            handle.close()
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            if time.monotonic() >= deadline:
                waited = f" after waiting {wait_s:g} s" if wait_s > 0 else ""
                raise PublishBusy(
                    f"another {doing} of '{campaign_id}' is running{holder}{waited} - "
                    f"let it finish, or pass --wait SECONDS"
                ) from None
            time.sleep(_POLL_S)
            continue
        if not same_file(handle, path):
            handle.close()  # locked a file its holder already removed: try the current one
            continue
        break
    try:
        # Emptied only when a killed holder left its pid: a truncate to zero makes ext4
        # (auto_da_alloc) write the file out when it is closed, 4-5 ms of waiting per lock
        # for a file that is removed right then. ("a+" writes at the end.)
        if os.fstat(handle.fileno()).st_size:
            handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield path
    finally:
        path.unlink(missing_ok=True)
        fcntl.lockf(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
