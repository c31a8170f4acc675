"""Findings kept by content key, so check, status and build reuse what did not change.

A dry layout of every format and the speech of every spot cost seconds; their findings
depend only on what the key covers (release/keys.py), so they are stored under it in the
user's cache folder and read back on the next run. Nothing here is ever stale: a changed
input is a new key. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from campaigngen.atomic import user_cache_dir, write_bytes_atomic
from campaigngen.checks.findings import Finding

_memory: dict[tuple[str, str], tuple[Finding, ...]] = {}
_MEMORY_LIMIT = 20_000


def cache_dir() -> Path:
    return user_cache_dir("findings")


def is_kept(check: str, key: str) -> bool:
    """Whether cached_findings(check, key, ...) would read its answer back, not compute it
    (a kept file that turns out unreadable is computed then, as cached_findings does)."""
    return (check, key) in _memory or _path(check, key).is_file()


def _path(check: str, key: str) -> Path:
    return cache_dir() / key[:2] / f"{check}-{key}.json"


def cached_findings(check: str, key: str, compute: Callable[[], list[Finding]]) -> list[Finding]:
    """compute()'s findings for (check, key): from memory, else from disk, else computed and kept."""
    slot = (check, key)
    if slot in _memory:
        return list(_memory[slot])
    path = _path(check, key)
    try:
        found = tuple(Finding.from_json(item) for item in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        found = tuple(compute())
        try:
            write_bytes_atomic(path, json.dumps([f.to_json() for f in found], ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only home: work without the cache
    if len(_memory) >= _MEMORY_LIMIT:
        _memory.clear()
    _memory[slot] = found
    return list(found)
