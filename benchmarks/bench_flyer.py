"""Time flyer rendering: layout (auto-fit), PNG (draw + save), PDF, the PDF read-back check.

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
from campaigngen.renderers.flyer import FORMATS, check_pdf, render_flyer, render_multilingual_sheet  # noqa: E402
from campaigngen.renderers.flyer.content import flyer_content  # noqa: E402
from campaigngen.renderers.flyer.pages import plan_page  # noqa: E402
from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec, write_pdf  # noqa: E402
from campaigngen.renderers.flyer.plan import display_list  # noqa: E402
from campaigngen.renderers.flyer.png_writer import render_page_png  # noqa: E402
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
        print(
            f"{'language':9} {'format':8} {'layout':>7} {'png':>7} {'pdf':>7} {'check':>7} {'total':>7} {'KiB':>5}"
            f"  (ms, median of {args.repeat}; total = render_flyer + check, as in a build)"
        )
        for tag in args.languages:
            localized = localize(campaign, tag)
            content = flyer_content(localized)
            render_flyer(localized, "wallet", out / "warm")  # fonts loaded once, as in a build
            for name, fmt in FORMATS.items():
                layout, png, pdf, check, total = [], [], [], [], []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    plan = plan_page(localized, content, fmt)
                    items = display_list(plan, localized.draft)
                    t1 = time.perf_counter()
                    render_page_png(fmt.page_px, items).save(
                        out / "p.png", format="PNG", dpi=(300, 300), compress_level=6
                    )
                    t2 = time.perf_counter()
                    write_pdf(
                        out / "p.pdf", items, PdfPageSpec(fmt.page_px, fmt.page_pt, fmt.bleed_in * 72, tag, "bench")
                    )
                    t3 = time.perf_counter()
                    made = render_flyer(localized, name, out / tag)
                    t4 = time.perf_counter()
                    check_pdf(made[0], made[1].path)
                    t5 = time.perf_counter()
                    layout.append(t1 - t0)
                    png.append(t2 - t1)
                    pdf.append(t3 - t2)
                    check.append(t5 - t4)
                    total.append(t5 - t3)
                med = statistics.median
                size = made[0].path.stat().st_size / 1024
                print(
                    f"{tag:9} {name:8} {ms(med(layout))} {ms(med(png))} {ms(med(pdf))} {ms(med(check))} "
                    f"{ms(med(total))} {size:5.0f}"
                )
        editions = [localize(campaign, t) for t in ("en", "es", "zh-Hans", "ko")]
        t0 = time.perf_counter()
        render_multilingual_sheet(editions, out / "multi")
        print(f"{'en+es+zh-Hans+ko':18} multilingual sheet total {ms(time.perf_counter() - t0)}")


if __name__ == "__main__":
    main()
