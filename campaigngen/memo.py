"""Answers of a pure function of a text, kept per process for the texts a campaign has.

Every language's translation of a message is judged against the same source, and every read
of every catalog asks about the same headers: kept, the same text is judged once. So are the
files a snapshot parses (catalogs, approvals), by their bytes: a process that reads the whole
campaign again (the studio's pages over every language; the test suite, whose commands run
in one process) parses only what changed. A command run once reads each file once. A text
longer than any real message (a hostile kilobyte line, say), or a file larger than any real
one, is judged afresh each time, so such input never fills the memory; the number of texts
kept is bounded too."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def kept_for_short_texts(longest: int, size: int) -> Callable[[F], F]:
    """Decorate a function whose answer depends on its arguments alone (a text or a file's
    bytes first, then hashable values, all positional) and is never changed by its callers
    (a tuple, not a list)."""

    def decorate(judge: F) -> F:
        kept = lru_cache(maxsize=size)(judge)

        @wraps(judge)
        def answer(text: str | bytes, *rest: Hashable) -> Any:
            return judge(text, *rest) if len(text) > longest else kept(text, *rest)

        return cast(F, answer)

    return decorate
