"""Forked worker processes that end with the process that made them, and give memory back."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

from campaigngen.exceptions import InvalidSetting
from campaigngen.renderers.memory import give_back_memory

T = TypeVar("T")

JOBS_VARIABLE = "CAMPAIGNGEN_JOBS"


def processes_allowed() -> int:
    """How many processes a command may work in at once: $CAMPAIGNGEN_JOBS where it is set,
    else one per core. With 1, no process of campaigngen's own is forked (ffmpeg and the
    other programs it runs still are): the checks and every job run in the command's own
    process, one after another, and make the same files byte for byte (what they load stays
    held to the end). For a machine with little memory to spare, or a program
    that runs many builds in one long-lived process of its own size, where each fork costs
    more than it saves (the test suite: a build forked three processes of 1-2 GB)."""
    given = os.environ.get(JOBS_VARIABLE, "").strip()
    if not given:
        return os.cpu_count() or 1
    if not re.fullmatch(r"[0-9]+", given) or int(given) < 1:
        raise InvalidSetting(
            f"${JOBS_VARIABLE} is {given!r}: give how many processes campaigngen may use at once "
            f"(1 or more), or unset it to use one per core",
            detail={"variable": JOBS_VARIABLE, "value": given},
        )
    return int(given)


def die_with_parent() -> None:
    """A killed build, publish or check must not leave workers running on, holding its files."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their queue closes instead


@contextmanager
def shared_heap() -> Iterator[None]:
    """Within it, the objects this process holds now are left out of its garbage collection
    (gc.freeze), and so out of the collections of every process it forks. A collection writes
    to the header of every object it visits: in a forked worker that copies each page of
    inherited objects (the imports, the snapshot) it had shared with this process, and that
    page is then held twice. Objects made from here on are collected as usual; at the end the
    frozen ones are collected again too (a test process builds many times)."""
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def inherited_left_out() -> None:
    """In a process just forked: what it inherited is left out of its garbage collection from
    now on (gc.freeze, which only moves the collector's lists, writing no object). A fork's
    collections would otherwise visit, and so copy, every page of inherited objects, however
    its parent was forked: a publish's workers, or any forked from a big process (a test's),
    spent up to a second a job collecting what they inherited. What it makes itself is
    collected as usual."""
    import gc

    gc.freeze()


def collect_and_give_back() -> None:
    """What a worker's last job left unreachable, collected and handed back at once. A CJK
    face's fontTools objects (the PDF's font subset), a page's layouts and read-back hold
    each other in cycles, which wait for the collector's next full pass: a render worker
    measured ~115 MB more after its first Chinese flyer without this. With the inherited
    heap frozen (shared_heap, inherited_left_out) a full pass visits only the worker's own
    objects: 10-30 ms a job, measured."""
    import gc

    gc.collect()
    give_back_memory()


class ForkedWork(Generic[T]):
    """work() run in a process forked now, which ends when it is done: what the work loaded
    (the checks' word lists, dictionaries, ICU rules, hundreds of MB) is given back to the
    system then, instead of staying in this process for the rest of a build.

    A plain fork with a pipe, not a pool: this process starts no thread for it, so workers
    forked after it copy no half-held lock."""

    def __init__(self, work: Callable[[], T]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._answer, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_answer_with, args=(work, sending), daemon=True)
        self._process.start()
        sending.close()  # only the child writes: its end closing is how a dead child shows
        self._result: tuple[bool, Any] | None = None

    @property
    def ready(self):
        """What to wait on (multiprocessing.connection.wait) for result() to answer at once."""
        return self._answer

    def result(self) -> T:
        """What work() returned (or raises what it raised), waiting for it the first time."""
        if self._result is None:
            try:
                self._result = self._answer.recv()
            except EOFError:
                from campaigngen.exceptions import EnvironmentFailure

                self._process.join()
                raise EnvironmentFailure(
                    f"a process this command started ended without its answer (exit code {self._process.exitcode}): "
                    "the machine may be short of memory - close other programs and try again"
                ) from None
            finally:
                self._answer.close()
            self._process.join()
        ok, value = self._result
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the work if it is still running (the build it served failed or was stopped)."""
        if self._result is None and self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._answer.close()


def _answer_with(work: Callable[[], Any], sending) -> None:
    die_with_parent()
    inherited_left_out()
    try:
        answer: tuple[bool, Any] = (True, work())
    except Exception as exc:  # goes back to the parent, which raises it there
        answer = (False, exc)
    _send_answer(sending, answer)
    sending.close()


def _send_answer(conn, answer: tuple[bool, Any]) -> None:
    """(ok, value) down the pipe; an exception that does not pickle goes as its text."""
    try:
        conn.send(answer)
    except Exception:
        conn.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))


def private_mb() -> float:
    """Memory this process holds for itself alone (private pages, clean or dirty), in MB: what
    ending it would give back. Pages still shared with the process it was forked from do not
    count (they stay with that process); 0 where /proc cannot say."""
    try:
        with open("/proc/self/smaps_rollup", "rb") as rollup:
            kb = sum(int(line.split()[1]) for line in rollup if line.startswith((b"Private_Clean:", b"Private_Dirty:")))
    except (OSError, ValueError, IndexError):
        return 0.0
    return kb / 1024


class RecyclingPool(Generic[T]):
    """Forked workers that run tasks one at a time, each replaced by a fresh fork of this
    process once it has grown past a cap. A render worker keeps what its jobs loaded (fonts at
    every size, layouts, glyph tables, heap that Python will not hand back): measured from
    ~250 to ~700 MB over a 40-language build, and a sheet or a spot adds its own on top. A new
    fork starts from this process's pages (the imports, the snapshot), shared until written.

    ProcessPoolExecutor's max_tasks_per_child refuses the fork start method, and a pool run
    between phases would still let a worker grow through a phase: hence this small pool. It
    starts no thread, so a worker forked in the middle copies no half-held lock.

    start: run in each worker once, right after the fork. run: a task's work, in a worker;
    what it returns (or raises) comes back to the caller of results(). cap_mb: a worker whose
    private memory (private_mb) exceeds it when it is handed its next task hands that task
    back and ends, and a new one is forked for it. Measured then, not after every task: the
    kernel walks the worker's every page to answer (6 ms in a fork of a 0.4 GB process, 20
    in one of 1.2 GB), and a worker's last task needs no answer."""

    def __init__(self, workers: int, start: Callable[[], None], run: Callable[[Any], T], cap_mb: float) -> None:
        self._workers, self._start, self._run, self._cap_mb = workers, start, run, cap_mb
        self.forked = 0  # how many workers were started in all (a test sees recycling happen)

    def results(
        self, tasks: Sequence[Any], meanwhile: Callable[[], None] | None = None, ready: Any = None
    ) -> Iterator[tuple[Any, T]]:
        """(task, result) for every task, as they finish. meanwhile: this process's own work
        while the workers run, called once `ready` (a multiprocessing connection) has
        something to read, or at once without one; an error in it stops the workers."""
        import multiprocessing
        from collections import deque
        from multiprocessing.connection import Connection, wait

        context = multiprocessing.get_context("fork")
        waiting = deque(tasks)
        busy: dict[Any, tuple[Any, Any]] = {}  # connection -> (process, its task)
        pending_meanwhile = meanwhile

        def fork_with(task: Any) -> None:
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(
                target=_serve, args=(self._start, self._run, self._cap_mb, theirs, ours), daemon=True
            )
            process.start()
            self.forked += 1
            theirs.close()  # the worker's end: its closing is how a dead worker shows here
            ours.send(task)
            busy[ours] = (process, task)

        try:
            while waiting and len(busy) < self._workers:
                fork_with(waiting.popleft())
            if pending_meanwhile is not None and ready is None:
                call = pending_meanwhile
                pending_meanwhile = None
                call()
            while busy or pending_meanwhile is not None:
                watched = [*busy, ready] if pending_meanwhile is not None else list(busy)
                for answered in wait(watched):
                    if answered is ready:
                        assert pending_meanwhile is not None
                        call = pending_meanwhile
                        pending_meanwhile = None
                        call()
                        continue
                    conn = cast(Connection, answered)
                    process, task = busy.pop(conn)
                    try:
                        answer = conn.recv()
                    except EOFError:
                        from campaigngen.exceptions import EnvironmentFailure

                        process.join()
                        raise EnvironmentFailure(
                            f"a worker process ended without its answer (exit code {process.exitcode}): "
                            "the machine may be short of memory - close other programs and try again"
                        ) from None
                    if answer == _HANDED_BACK:  # grown past the cap: a fresh fork takes its task
                        conn.close()
                        process.join()
                        fork_with(task)
                        continue
                    ok, value = answer
                    if waiting:
                        following = waiting.popleft()
                        conn.send(following)
                        busy[conn] = (process, following)
                    else:
                        conn.send(None)  # nothing left: the worker ends
                        conn.close()
                        process.join()
                    if not ok:
                        raise value
                    yield task, value
        finally:
            for conn, (process, _) in busy.items():
                if process.is_alive():
                    process.kill()
                process.join()
                conn.close()


# What a worker grown past the cap answers when handed a task: it has not run it.
_HANDED_BACK = "handed back"


def _serve(start: Callable[[], None], run: Callable[[Any], Any], cap_mb: float, conn, parents_end) -> None:
    """A worker's life: tasks from the pipe one at a time, each answered with its result;
    a task that comes after the first while the worker holds more than cap_mb of its own is
    handed back unrun, and the worker ends."""
    parents_end.close()  # inherited by the fork: only the parent reads and writes it
    die_with_parent()
    inherited_left_out()
    start()
    first = True
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return  # the parent is gone or gave up on us
        if task is None:
            return
        if not first and private_mb() > cap_mb:
            conn.send(_HANDED_BACK)
            conn.close()
            return
        first = False
        try:
            answer: tuple[bool, Any] = (True, run(task))
        except Exception as exc:  # goes back to the parent, which raises it there
            answer = (False, exc)
        _send_answer(conn, answer)
