"""Forked worker processes that end with the process that made them, and give memory back."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def die_with_parent() -> None:
    """A killed build, publish or check must not leave workers running on, holding its files."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their queue closes instead


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
    try:
        answer: tuple[bool, Any] = (True, work())
    except Exception as exc:  # goes back to the parent, which raises it there
        answer = (False, exc)
    try:
        sending.send(answer)
    except Exception:  # an exception that does not pickle: its text still does
        sending.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
    sending.close()
