"""Writing a file so no reader, and no crash, ever sees half of it."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


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


def user_cache_dir(name: str) -> Path:
    """The folder one of campaigngen's caches keeps its files in: $XDG_CACHE_HOME/campaigngen/name
    (~/.cache when XDG_CACHE_HOME is unset or empty)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "campaigngen" / name


# How long a process waits for another that is making the same cache entry before it makes
# its own: far longer than any entry takes (a 60 s spot is mastered in ~5 s), and bounded, so
# that a maker that hangs holds nobody up for ever.
MAKING_WAIT_S = 120.0
_MAKING_POLL_S = 0.02


def kept_or_made(
    entry: Path,
    read: Callable[[Path], T | None],
    make: Callable[[], T],
    packed: Callable[[T], bytes],
    prune: Callable[[], None],
) -> T:
    """A cache entry's answer: read(entry) when it gives one (the entry is then marked
    recently used, so it is pruned last), else make()'s, written whole to entry and the
    folder pruned. A cache folder that cannot be written (read-only or full) is worked
    without; what make() raises is raised, and nothing is kept.

    One maker at a time per entry: a thread or process that finds another making the same
    entry (the studio's pages asking for the same spot at once, two commands run together)
    waits for it, up to MAKING_WAIT_S, and reads what it kept, instead of making it too."""
    kept = _read_and_mark(entry, read)
    if kept is not None:
        return kept
    with _making(entry):
        kept = _read_and_mark(entry, read)  # made by the one waited for
        if kept is not None:
            return kept
        made = make()
        try:
            write_bytes_atomic(entry, packed(made))
            prune()
        except OSError:
            pass
    return made


def _read_and_mark(entry: Path, read: Callable[[Path], T | None]) -> T | None:
    kept = read(entry)
    if kept is not None:
        try:
            os.utime(entry)
        except OSError:
            pass
    return kept


@contextmanager
def _making(entry: Path) -> Iterator[None]:
    """Hold entry's making lock, waiting up to MAKING_WAIT_S for it; without it after that,
    or where the folder takes no file. Two locks: one of this process's (its threads) and a
    POSIX record lock on a file beside the entry (other processes). A record lock is the
    process's own: a process forked meanwhile does not hold it, and it goes when its holder
    dies."""
    deadline = time.monotonic() + MAKING_WAIT_S
    with _thread_lock(_THREAD_LOCKS[hash(str(entry)) % len(_THREAD_LOCKS)], deadline):
        with _record_lock(entry.with_name(entry.name + ".making"), deadline):
            yield


@contextmanager
def _thread_lock(lock: threading.RLock, deadline: float) -> Iterator[None]:
    held = lock.acquire(timeout=max(deadline - time.monotonic(), 0.0))
    try:
        yield
    finally:
        if held:
            lock.release()


@contextmanager
def _record_lock(lock_path: Path, deadline: float) -> Iterator[None]:
    """The file goes when its holder is done: a waiter that then locks the removed file
    reads the entry first, so it makes nothing twice. Where the holder made nothing (its
    make() raised), that waiter and a newcomer locking a new file can both make the entry:
    the same bytes, each written whole, so only the work is done twice, on a failure path.
    (release/locking.campaign_lock retries on the current file instead: a publish must be
    alone, a cache entry need not be.)"""
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a")
    except OSError:
        yield
        return
    with handle:  # closing it lets go of the record lock
        held = _locked(handle, deadline)
        try:
            yield
        finally:
            if held:
                _remove_if_ours(lock_path, handle)


def same_file(handle, path: Path) -> bool:
    """Does path still name the file handle has open? (Not when it was removed, or removed
    and made again, since it was opened.)"""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


def _remove_if_ours(lock_path: Path, handle) -> None:
    """Remove the lock file, unless it is another's: a waiter that locked the file its maker
    had removed must not remove the one a later maker is holding."""
    try:
        if same_file(handle, lock_path):
            lock_path.unlink()
    except OSError:
        pass


def _locked(handle, deadline: float) -> bool:
    while True:
        try:
            fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                return False
        time.sleep(_MAKING_POLL_S)


def _new_thread_locks() -> None:
    global _THREAD_LOCKS
    # A few locks for any number of entries: two entries that share one wait for each other
    # in a process (1 in 64), never for long; re-entrant, so that a make() that keeps an
    # entry of its own under the same lock goes on.
    _THREAD_LOCKS = tuple(threading.RLock() for _ in range(64))


_THREAD_LOCKS: tuple[threading.RLock, ...] = ()
_new_thread_locks()
# A lock held by another thread when the process forks would never be released in the child.
os.register_at_fork(after_in_child=_new_thread_locks)


def prune_least_recent(folder: Path, pattern: str, limit: int) -> None:
    """A cache folder's files matching pattern, least recently used (oldest modification time)
    first, removed until those left hold at most limit bytes. A file another process removed
    or is replacing meanwhile is passed over."""
    entries = []
    for path in folder.glob(pattern):
        try:
            info = path.stat()
        except OSError:
            continue
        entries.append((info.st_mtime_ns, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            path.unlink()
            total -= size
        except OSError:
            pass


def fsync_path(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Data on disk before a folder is renamed into view, so even a power cut cannot expose
    a half-written file (links are skipped: what they point at is not ours to sync).

    Each file's data is synced once, whatever number of names it has: a release's bundles
    (print/, radio/, digital/) are hard links to the release's own files, one inode each.
    A file with a name outside root too is one reused from the build being replaced, synced
    when that build was swapped in: only its new directory entry needs syncing (a no-op
    rebuild of the sample synced 342 files, 0.64 s, for nothing). Links are counted, not
    guessed from st_nlink alone: a release file with its bundle twin has two names, both
    inside the release, and was written by this publish, so it is synced."""
    inside: dict[tuple[int, int], tuple[Path, int, int]] = {}  # inode -> (a name, names in root, st_nlink)
    folders = []
    for where, _, files in os.walk(root):
        folders.append(Path(where))
        for name in files:
            path = Path(where) / name
            status = path.lstat()
            if stat.S_ISLNK(status.st_mode):
                continue
            key = (status.st_dev, status.st_ino)
            first, seen, links = inside.get(key, (path, 0, status.st_nlink))
            inside[key] = (first, seen + 1, links)
    for path, seen, links in inside.values():
        if seen >= links:
            fsync_path(path)
    for folder in folders:
        fsync_path(folder, directory=True)
