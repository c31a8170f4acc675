"""How fast the studio answers after a one-line edit: the preview and the findings as typed.

Copies the sample campaign (every format) into a temporary project, warms the studio up once
(imports, fonts, the first render), then N times: edits one line of a catalog as Poedit
would save it, and times through the studio's own routes (Starlette's TestClient, so the
numbers include routing, templates and the guard):
- the preview panel noticing the change (snapshot + content key),
- the flyer image for the new key (one page laid out and drawn, scaled, PNG-encoded),
- the same image again (cache hit),
- the findings for a line as typed (every check of the language on the unsaved text),
- saving a line (the write, then the saved row with its findings and the language's banner),
and, for comparison, a full render of the same flyer (300-dpi PNG + vector PDF).
Prints the median and the worst of each.

    .venv/bin/python benchmarks/bench_studio.py [--lang es] [--format letter] [--runs 10] [--load 2]

--load N keeps N processes busy (a tight loop each) while measuring: the machine as it is when
the test suite or another helper runs beside the studio.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))


_CPU: dict[int, float] = {}


def _timed(fn):
    """Wall time (what the person waits), with this process's CPU time kept beside it by the
    result's identity: the work itself, whatever else the machine is doing."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    spent = time.perf_counter() - started
    _CPU[id(result)] = time.process_time() - cpu
    return spent, result


def _busy() -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="es")
    parser.add_argument("--format", default="letter")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=0, help="busy processes beside the studio")
    args = parser.parse_args()
    import multiprocessing

    load = [multiprocessing.Process(target=_busy, daemon=True) for _ in range(args.load)]
    for process in load:
        process.start()
    try:
        return _measure(args)
    finally:
        for process in load:
            process.terminate()
            process.join()


def _measure(args) -> int:
    import os

    from campaign_kit import sample_campaign, set_translation
    from studio_helpers import catalog_hash_of, csrf_of, studio_client

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.renderers.flyer import render_flyer
    from campaigngen.sources.campaign import load_campaign

    with tempfile.TemporaryDirectory(prefix="bench-studio-") as tmp:
        root = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")  # a cold cache of our own
        sample_campaign(root, languages=(args.lang,), formats=("letter", "a4", "tabloid", "tearoff", "wallet"))
        base = f"/c/help-is-here/preview?lang={args.lang}&format={args.format}"
        times: dict[str, list[float]] = {
            k: [] for k in ("panel", "image", "image-cached", "typed", "save", "render-flyer")
        }
        cpu: dict[str, list[float]] = {"typed": [], "save": []}
        with studio_client(root) as client:
            page = client.get(base).text
            csrf = csrf_of(page)
            for run in range(args.runs + 1):
                set_translation(root, args.lang, "help", f"Usted puede recibir ayuda {run}.")  # the one-line edit
                spent, panel = _timed(
                    lambda: client.get(
                        f"/c/help-is-here/preview/panel?lang={args.lang}&format={args.format}&have=x&spots_have=x"
                    )
                )
                key = re.search(r'data-flyer-key="([0-9a-f]{64})"', panel.text).group(1)
                image_url = f"/c/help-is-here/preview/flyer/{args.lang}/{args.format}.png?key={key}"
                image_spent, image = _timed(lambda: client.get(image_url))
                assert image.status_code == 200
                cached_spent, _ = _timed(lambda: client.get(image_url))
                # As a translator works: the line is checked as it is typed, then saved as typed.
                typed_spent, typed = _timed(
                    lambda: client.post(
                        f"/c/help-is-here/translate/{args.lang}/check/free",
                        data={"text": f"La llamada es gratis {run}."},
                        headers={"X-CSRF-Token": csrf},
                    )
                )
                assert typed.status_code == 200
                translate = client.get(f"/c/help-is-here/translate/{args.lang}").text
                line = re.search(r'id="row-free".*?name="line_sha256" value="([0-9a-f]{64})"', translate, re.S)[1]
                save_spent, saved = _timed(
                    lambda: client.post(
                        f"/c/help-is-here/translate/{args.lang}/save/free",
                        data={
                            "text": f"La llamada es gratis {run}.",
                            "sha256": catalog_hash_of(translate),
                            "line_sha256": line,
                        },
                        headers={"X-CSRF-Token": csrf, "HX-Request": "true"},
                    )
                )
                assert saved.status_code == 200, saved.text
                campaign = load_campaign(root / "content" / "help-is-here")
                snapshot = take_snapshot(campaign, [campaign.language(args.lang)])
                render_spent, _ = _timed(lambda: render_flyer(snapshot.edition(args.lang), args.format, root / "out"))
                if run == 0:
                    continue  # warm-up: imports, fonts, caches of the process
                cpu["typed"].append(_CPU[id(typed)])
                cpu["save"].append(_CPU[id(saved)])
                for name, value in zip(
                    times, (spent, image_spent, cached_spent, typed_spent, save_spent, render_spent)
                ):
                    times[name].append(value)
    print(
        f"{args.lang} {args.format}, {args.runs} one-line edits, {args.load} busy processes beside "
        f"(seconds, median / worst):"
    )
    labels = {
        "panel": "preview panel notices the edit",
        "image": "flyer preview drawn for the new key",
        "image-cached": "flyer preview again (cache)",
        "typed": "findings for a line as typed",
        "save": "a line saved (row, findings, banner)",
        "render-flyer": "full render of that flyer (PNG + PDF)",
    }
    for name, values in times.items():
        print(f"  {labels[name]:<40} {statistics.median(values):6.3f} / {max(values):6.3f}")
    for name, label in (("typed", "findings as typed, CPU"), ("save", "a line saved, CPU")):
        print(f"  {label:<40} {statistics.median(cpu[name]):6.3f} / {max(cpu[name]):6.3f}")
    edit_to_image = [p + i for p, i in zip(times["panel"], times["image"])]
    print(
        f"  {'edit -> new preview on screen (both)':<40} {statistics.median(edit_to_image):6.3f} / "
        f"{max(edit_to_image):6.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
