"""A cache entry is made once however many ask for it at once: threads of one process (the
studio's pages) and separate processes wait for the one making it and read what it kept; a
maker that never finishes holds nobody up past the wait; a folder that takes no file is
worked without."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from campaigngen import atomic
from campaigngen.atomic import kept_or_made

MAKING_S = 0.4


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _ask(entry: Path, made_in: Path) -> bytes:
    def make() -> bytes:
        (made_in / f"{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}").touch()
        time.sleep(MAKING_S)
        return b"the answer"

    return kept_or_made(entry, _read, make, lambda answer: answer, lambda: None)


def test_threads_asking_for_one_entry_at_once_make_it_once(tmp_path):
    entry, made_in = tmp_path / "cache" / "ab" / "entry.bin", tmp_path / "made"
    made_in.mkdir()
    answers: list[bytes] = []
    threads = [threading.Thread(target=lambda: answers.append(_ask(entry, made_in))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [b"the answer"] * 4
    assert len(list(made_in.iterdir())) == 1
    assert [p.name for p in entry.parent.iterdir()] == ["entry.bin"]  # no lock file left


def _ask_in_a_process(entry: Path, made_in: Path, answers: Path) -> None:
    (answers / str(os.getpid())).write_bytes(_ask(entry, made_in))


def test_processes_asking_for_one_entry_at_once_make_it_once(tmp_path):
    entry, made_in, answers = tmp_path / "cache" / "entry.bin", tmp_path / "made", tmp_path / "answers"
    made_in.mkdir()
    answers.mkdir()
    fork = multiprocessing.get_context("fork")
    processes = [fork.Process(target=_ask_in_a_process, args=(entry, made_in, answers)) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert sorted(p.read_bytes() for p in answers.iterdir()) == [b"the answer"] * 3
    assert len(list(made_in.iterdir())) == 1


def _hold_the_making_lock(lock_path: Path, held: multiprocessing.synchronize.Event) -> None:
    with open(lock_path, "a") as handle:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_EX)
        held.set()
        time.sleep(30)  # a maker that hangs


def test_a_maker_that_never_finishes_holds_the_others_up_only_for_the_wait(tmp_path, monkeypatch):
    entry, made_in = tmp_path / "entry.bin", tmp_path / "made"
    made_in.mkdir()
    fork = multiprocessing.get_context("fork")
    held = fork.Event()
    holder = fork.Process(target=_hold_the_making_lock, args=(entry.with_name("entry.bin.making"), held))
    holder.start()
    try:
        assert held.wait(10)
        monkeypatch.setattr(atomic, "MAKING_WAIT_S", 0.3)
        started = time.monotonic()
        assert _ask(entry, made_in) == b"the answer"
        assert 0.3 <= time.monotonic() - started < 0.3 + MAKING_S + 5
        assert len(list(made_in.iterdir())) == 1  # made here, after the wait
        assert _read(entry) == b"the answer"
    finally:
        holder.kill()
        holder.join()


def test_a_folder_that_takes_no_file_is_worked_without(tmp_path):
    not_a_folder, made_in = tmp_path / "cache", tmp_path / "made"
    not_a_folder.write_bytes(b"")  # where the cache folder should be: no lock file, no entry can go there
    made_in.mkdir()
    assert _ask(not_a_folder / "entry.bin", made_in) == b"the answer"
    assert _ask(not_a_folder / "entry.bin", made_in) == b"the answer"
    assert len(list(made_in.iterdir())) == 2  # nothing kept: made each time


def test_what_make_raises_is_raised_and_the_next_asker_makes_it(tmp_path):
    entry, made_in = tmp_path / "entry.bin", tmp_path / "made"
    made_in.mkdir()

    def fails() -> bytes:
        raise ValueError("cannot air")

    with pytest.raises(ValueError, match="cannot air"):
        kept_or_made(entry, _read, fails, lambda answer: answer, lambda: None)
    assert list(tmp_path.glob("entry.bin*")) == []
    assert _ask(entry, made_in) == b"the answer"


def test_a_waiter_that_locked_a_removed_lock_file_leaves_the_next_makers_alone(tmp_path):
    """The maker removes its lock file when done; a waiter that had opened it before then
    holds a file no longer in the folder, and must not remove the one a later maker holds."""
    from campaigngen.atomic import _remove_if_ours

    lock_path = tmp_path / "entry.bin.making"
    with open(lock_path, "a") as waiters:
        lock_path.unlink()  # its maker, done
        lock_path.write_bytes(b"")  # a later maker's
        _remove_if_ours(lock_path, waiters)
        assert lock_path.exists()
    with open(lock_path, "a") as later_makers:
        _remove_if_ours(lock_path, later_makers)
    assert not lock_path.exists()
