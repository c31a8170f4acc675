"""Multilingual sheet layout: the time to plan five sheets of the sample campaign (the dry
layout `check` runs for each sheet, the same `sheet_plan` a build draws), cold caches.

    .venv/bin/python benchmarks/bench_sheets.py [--repeat N]

Each sheet is planned in a fresh process state (the shaping and measuring caches cleared),
so the number is what one `check` pays per sheet.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigngen.catalogs.load import localize  # noqa: E402
from campaigngen.renderers.flyer import FORMATS  # noqa: E402
from campaigngen.renderers.flyer.pages import poster_rules  # noqa: E402
from campaigngen.renderers.flyer.sheet import sheet_plan  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402

SHEETS = (
    ("en", "es", "vi"),
    ("en", "es", "zh-Hans", "ko"),
    ("th", "my", "am", "zh-Hans"),
    ("th", "am", "zh-Hant", "vi"),
    ("ar", "fa", "ur", "hi"),
)


def _clear_caches() -> None:
    import gc
    from functools import _lru_cache_wrapper

    for obj in gc.get_objects():
        if isinstance(obj, _lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("campaigngen.renderers"):
            obj.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    campaign = load_campaign(ROOT / "content" / "help-is-here")
    rules = poster_rules(campaign)
    totals = []
    for _ in range(args.repeat):
        total = 0.0
        for tags in SHEETS:
            editions = [localize(campaign, tag) for tag in tags]
            _clear_caches()
            start = time.perf_counter()
            sheet = sheet_plan(editions, FORMATS["letter"], rules)
            spent = time.perf_counter() - start
            total += spent
            print(f"{'+'.join(tags):24} {spent:6.2f} s  pages {len(sheet.pages)}  columns {sheet.columns}")
        totals.append(total)
        print(f"{'five sheets':24} {total:6.2f} s")
    if len(totals) > 1:
        print(f"median of {len(totals)}: {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
