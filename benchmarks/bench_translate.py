"""Cost of machine drafts, offline, with the tiny test model (tests/tiny_argos.py):
building the model, checking + installing it, importing Argos, loading the model, and
drafting the sample campaign's messages (placeholders split out, one call per sentence).

    .venv/bin/python benchmarks/bench_translate.py [--repeat N]

A real Argos model (~100 MB, 6 layers, d=512) is slower per sentence than the tiny one;
these numbers are the project's own overhead plus a model that costs almost nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            os.environ[name] = str(tmp_path / name.lower())
        os.environ["ARGOS_PACKAGES_DIR"] = str(tmp_path / "packages")

        from tiny_argos import build_package

        archive, build_s = timed(lambda: build_package(tmp_path / "build"))
        archive_bytes = archive.stat().st_size
        from campaigngen.mt.archive import check_archive, install_model
        from campaigngen.mt.models import find_model

        _, check_s = timed(lambda: check_archive(archive))
        _, install_s = timed(lambda: install_model(archive))
        model = find_model("en", "es")

        from campaigngen.catalogs.machine import translate_protected
        from campaigngen.mt.argos import ArgosEngine
        from campaigngen.sources.campaign import load_campaign

        engine, load_s = timed(lambda: ArgosEngine(model))
        campaign = load_campaign(ROOT / "content" / "help-is-here")
        texts = [m.text for m in campaign.messages.values()]
        runs = []
        for _ in range(args.repeat):
            _, seconds = timed(lambda: [translate_protected(t, engine) for t in texts])
            runs.append(seconds)

    print(f"tiny model build (SentencePiece + CTranslate2 convert + zip): {build_s:.2f} s, {archive_bytes} bytes")
    print(f"archive check: {check_s * 1000:.1f} ms; install (Argos unpack + move): {install_s:.2f} s")
    print(f"Argos import + model load: {load_s:.2f} s")
    per_message = statistics.median(runs) / len(texts)
    print(
        f"draft {len(texts)} messages: median {statistics.median(runs) * 1000:.0f} ms "
        f"({per_message * 1000:.1f} ms per message, {args.repeat} runs)"
    )


if __name__ == "__main__":
    main()
