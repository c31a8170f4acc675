"""Memory of a process tree, read from /proc: the benchmarks' peak-memory rows."""

from __future__ import annotations

import os
import resource


def tree_rss(root: int, proportional: bool = False) -> int:
    """Resident bytes of a process and all its descendants, now (proportional: PSS)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended while we looked
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            if proportional:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                    pss = next(line for line in handle if line.startswith(b"Pss:"))
                total += int(pss.split()[1]) * 1024
            else:
                with open(f"/proc/{pid}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * resource.getpagesize()
        except (OSError, IndexError, ValueError, StopIteration):
            pass
        stack += children.get(pid, [])
    return total
