"""Time the gate's layout-fit of the five flyer formats per language, Urdu (Nastaliq) against Arabic.

    .venv/bin/python benchmarks/bench_layout_fit.py [--repeat N] [LANG ...]

Each language is measured in a fresh process, as `campaigngen check --lang L` meets it: the
first run includes opening its fonts (cold); the repeats then show what a process that has
laid the language out once pays (warm). Uses the sample campaign and its catalogs.
Nastaliq is costly to shape; shaping goes through a cached HarfBuzz font object and every
run and line width is measured once per (text, fonts, size), which this script keeps honest:
Urdu's cold layout-fit must stay within 2x Arabic's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from campaigngen.catalogs.load import localize
from campaigngen.renderers.flyer import FORMATS, fit_findings
from campaigngen.sources.campaign import load_campaign
campaign = load_campaign(sys.argv[1] + "/content/help-is-here")
localized = localize(campaign, sys.argv[2])
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    findings = [f for fmt in FORMATS for f in fit_findings(localized, fmt)]
    times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "findings": len(findings)}))
"""


def measure(tag: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), tag, str(repeat)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["en", "ar", "fa", "ur", "my", "ko"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    formats = ", ".join(["letter", "a4", "tabloid", "tearoff", "wallet"])
    print(f"{'language':9} {'cold s':>7} {'warm s':>7} findings   (layout-fit of {formats})")
    cold = {}
    for tag in args.languages:
        result = measure(tag, args.repeat + 1)
        cold[tag] = result["times"][0]
        warm = statistics.median(result["times"][1:]) if len(result["times"]) > 1 else float("nan")
        print(f"{tag:9} {cold[tag]:7.2f} {warm:7.3f} {result['findings']:8}")
    if "ur" in cold and "ar" in cold:
        print(f"Urdu / Arabic, cold: {cold['ur'] / cold['ar']:.2f}x (at most 2x)")


if __name__ == "__main__":
    main()
