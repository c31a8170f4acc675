"""Start-up and memory: the no-op rebuild, `check` cold and warm, and the peak memory of a
cold build over its whole process tree.

    .venv/bin/python benchmarks/bench_startup.py [--langs N] [--skip-build]

Run by hand (not in CI). It copies the sample campaign (content/, locales/) into a temporary
folder with its own empty cache and config, and runs the CLI as a user does, a new process
each time, so every number includes start-up. Each row gives wall time, CPU time (user +
system of the command and every process it started) and the peak memory of the process
tree: the sum of the resident memory of the command and all its descendants, sampled from
/proc every 20 ms (a build's workers run at once, so the machine needs their sum). --langs N
keeps the first N languages of the sample (memory should stay flat as N grows).

Rows:
  cold build             empty cache, no output: every page laid out, drawn, read back
  no-op rebuild          right after it, nothing changed (best of 5)
  check, cold / warm     empty cache (XDG_CACHE_HOME pointed at an empty folder), then again
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from process_tree import tree_rss  # benchmarks/ is this script's folder

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "campaigngen"]
SAMPLE_TRUST = ROOT / "docs" / "sample-trust" / "trusted-keys"


def run(args: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the command and everything it started, peak MB of the process tree:
    resident (RSS, pages a forked worker shares with its parent counted in each) and
    proportional (PSS, a shared page divided among those sharing it: what the machine needs))."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(CLI + args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    tick = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        if tick % 5 == 0:
            peak_pss = max(peak_pss, tree_rss(process.pid, proportional=True))
        tick += 1
        time.sleep(0.02)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {stderr[-600:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak // (1024 * 1024), peak_pss // (1024 * 1024)


def project(folder: Path, langs: int | None) -> Path:
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "locales", folder / "locales")
    if langs is not None:
        config = folder / "content" / "help-is-here" / "campaign.toml"
        text = config.read_text(encoding="utf-8")
        listed = re.search(r"^languages = \[(.*?)\]", text, flags=re.M | re.S)
        assert listed, "the sample lists its languages"
        tags = re.findall(r'"([^"]+)"', listed.group(1))[:langs]
        text = text[: listed.start()] + "languages = " + str(tags).replace("'", '"') + text[listed.end() :]
        config.write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", type=int, default=None, help="keep the sample's first N languages")
    parser.add_argument("--skip-build", action="store_true", help="check rows only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = project(Path(scratch), args.langs)
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "CAMPAIGNGEN_KEYRING": str(SAMPLE_TRUST),
            "PYTHONPATH": str(ROOT),
        }
        build = ["build", "help-is-here", "--out", "output"]
        rows = []
        if not args.skip_build:
            wall, cpu, peak, pss = run(build, tmp, env)
            rows.append(
                ("cold build", f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak} MB RSS / {pss} MB PSS (process tree)")
            )
            print(*rows[-1], sep="  ", flush=True)
            runs = [run(build, tmp, env) for _ in range(5)]
            wall, cpu, peak, _ = min(runs)
            rows.append(("no-op rebuild", f"{wall:.2f} s wall, {cpu:.2f} s CPU, peak {peak} MB (best of 5)"))
            print(*rows[-1], sep="  ", flush=True)
        shutil.rmtree(tmp / "cache", ignore_errors=True)
        cold = run(["check", "help-is-here"], tmp, env)
        warm = run(["check", "help-is-here"], tmp, env)
        rows.append(
            (
                "check, cold / warm",
                f"{cold[0]:.1f} s wall, {cold[1]:.1f} s CPU (wall {cold[0] / max(cold[1], 1e-9):.2f}x CPU), "
                f"peak {cold[2]} MB RSS / {cold[3]} MB PSS / {warm[0]:.2f} s wall, {warm[1]:.2f} s CPU",
            )
        )
        print(*rows[-1], sep="  ", flush=True)


if __name__ == "__main__":
    main()
