"""The time written into files: now, or SOURCE_DATE_EPOCH when a build must be reproducible.

SOURCE_DATE_EPOCH is the reproducible-builds convention (reproducible-builds.org): with it
set, the same input gives byte-identical files on any day.
"""

from __future__ import annotations

import datetime as dt
import os


def made_at() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
