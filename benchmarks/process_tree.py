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
    total, stack = 0, [(root, None)]
    while stack:
        pid, parents = stack.pop()
        try:
            if proportional:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                    reading = b"".join(line for line in handle if line.startswith((b"Rss:", b"Pss:")))
                size = int(reading.split(b"Pss:")[1].split()[0]) * 1024
            else:
                with open(f"/proc/{pid}/statm", "rb") as handle:
                    reading = handle.read()
                size = int(reading.split()[1]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            reading, size = None, 0  # ended while we looked, or not ours to read: its children still count
        # A child between vfork and exec (subprocess starting ffmpeg) runs in its parent's
        # memory: it reads exactly as its parent does, and that memory is counted once.
        if reading is None or reading != parents:
            total += size
        stack += [(child, reading) for child in children.get(pid, [])]
    return total
