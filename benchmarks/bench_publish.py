"""How long publishing takes, and what of it is the release stage's own work.

Copies the sample campaign into a temporary project, publishes every language that passes
the gate (real renderers), times verify, and times the release-only steps (bundles, review
page with thumbnails, hashing, fsync) apart from rendering. Prints one line per number.

    .venv/bin/python benchmarks/bench_publish.py [--lang en --lang es ...]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", default=[], help="only these languages (default: all that pass)")
    parser.add_argument("--campaign", default="help-is-here")
    args = parser.parse_args()

    import campaigngen.release.publish as publish_module
    from campaigngen.release.gate import localize_all, run_checks
    from campaigngen.release.verify import verify_release
    from campaigngen.sources.campaign import load_campaign

    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        root = Path(tmp)
        shutil.copytree(PROJECT / "content" / args.campaign, root / "content" / args.campaign)
        if (PROJECT / "locales").is_dir():
            shutil.copytree(PROJECT / "locales", root / "locales")
        campaign = load_campaign(root / "content" / args.campaign)
        wanted = [campaign.language(tag) for tag in args.lang] if args.lang else list(campaign.all_languages)
        started = time.perf_counter()
        editions = localize_all(campaign, wanted)
        report = run_checks(campaign, editions)
        gate_s = time.perf_counter() - started
        blocked = {f.language for f in report.blocking} | {loc.tag for loc in editions if loc.draft}
        passing = [lang for lang in wanted if lang.tag not in blocked]
        print(
            f"gate            {gate_s:7.2f} s  {len(wanted)} languages checked, {len(passing)} publishable"
            + (f" (left out: {', '.join(sorted(blocked))})" if blocked else "")
        )
        if not passing:
            print("nothing publishable: translate the sample catalogs first")
            return 1

        # Time rendering separately by wrapping the stage publish calls.
        rendered_s = []
        real_render_all = publish_module.render_all

        def timed_render_all(*a, **k):
            t0 = time.perf_counter()
            try:
                return real_render_all(*a, **k)
            finally:
                rendered_s.append(time.perf_counter() - t0)

        publish_module.render_all = timed_render_all
        t0 = time.perf_counter()
        result = publish_module.publish(campaign, root / "output", languages=passing)
        total_s = time.perf_counter() - t0
        files = result.manifest["files"]
        size_mb = sum(f["bytes"] for f in files) / 1e6
        print(f"publish         {total_s:7.2f} s  {len(passing)} languages, {len(files)} files, {size_mb:.1f} MB")
        print(f"  rendering     {rendered_s[0]:7.2f} s")
        print(
            f"  release steps {total_s - rendered_s[0] - gate_s:7.2f} s  (bundles, zips, review page, "
            f"thumbnails, privacy scan, hashes, fsync, rename; gate re-run not counted)"
        )
        t0 = time.perf_counter()
        verified = verify_release(result.latest)
        print(f"verify          {time.perf_counter() - t0:7.2f} s  ok={verified.ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
