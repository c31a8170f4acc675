"""Time flyer rendering: layout (auto-fit), drawing, PNG + PDF writing, per format and language.

    .venv/bin/python benchmarks/bench_flyer.py [--repeat N] [LANG ...]

Uses the sample campaign (content/help-is-here) and its catalogs; writes into a temp folder.
The first run of each language includes loading its fonts; the median of the repeats is shown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigngen.catalogs.load import localize  # noqa: E402
from campaigngen.renderers.flyer import FORMATS, render_flyer, render_multilingual_sheet  # noqa: E402
from campaigngen.renderers.flyer.content import flyer_content  # noqa: E402
from campaigngen.renderers.flyer.decor import draft_watermark  # noqa: E402
from campaigngen.renderers.flyer.output import write_page  # noqa: E402
from campaigngen.renderers.flyer.pages import compose, plan_page  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["en", "ar", "th", "my", "zh-Hans", "hi"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    campaign = load_campaign(ROOT / "content" / "help-is-here")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        print(f"{'language':9} {'format':8} {'layout':>7} {'draw':>7} {'png+pdf':>7} {'total':>7}  (ms, median of {args.repeat})")
        for tag in args.languages:
            localized = localize(campaign, tag)
            content = flyer_content(localized)
            render_flyer(localized, "wallet", out / "warm")  # fonts loaded once, as in a build
            for name, fmt in FORMATS.items():
                layout, draw, write, total = [], [], [], []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    plan_page(localized, content, fmt)
                    t1 = time.perf_counter()
                    page, _ = compose(localized, content, fmt)
                    if localized.draft:
                        draft_watermark(page)
                    t2 = time.perf_counter()
                    write_page(page, out / tag / f"flyer-{name}", fmt.page_pt)
                    t3 = time.perf_counter()
                    render_flyer(localized, name, out / tag)
                    t4 = time.perf_counter()
                    layout.append(t1 - t0)
                    draw.append(t2 - t1)  # compose plans again, then draws
                    write.append(t3 - t2)
                    total.append(t4 - t3)
                med = statistics.median
                print(f"{tag:9} {name:8} {ms(med(layout))} {ms(med(draw))} {ms(med(write))} {ms(med(total))}")
        editions = [localize(campaign, t) for t in ("en", "es", "zh-Hans", "ko")]
        t0 = time.perf_counter()
        render_multilingual_sheet(editions, out / "multi")
        print(f"{'en+es+zh-Hans+ko':18} multilingual sheet total {ms(time.perf_counter() - t0)}")


if __name__ == "__main__":
    main()
