"""The build's cost against the bare library work, incremental rebuilds, check and status,
start-up, and how time and memory grow with the number of languages.

    .venv/bin/python benchmarks/build.py [--quick]

Run by hand (not in CI) on a quiet machine; it prints one table. It works on a copy of the
sample campaign in a temporary folder, with its own empty cache, and runs the CLI as a user
does (a new process each time), so every number includes start-up.

(a) bare: the same output made by the libraries alone in one process: Pillow drawing + PNG
    encoding of every page, the PDF writer's font subsets, espeak-ng synthesis of every spot,
    WAV + MP3 encoding; no layout search, checks, read-back or loudness passes.
(b) full cold build      (c) no-op rebuild       (d) rebuild after one changed translation
(e) check / status, cold (empty cache) and warm   (f) campaigngen --help
(h) publish right after (d): gate, reuse of the built files, bundles, review page
(g) build of N pseudo-languages (copies of Spanish under other tags), N = 10, 25, 50, 100:
    wall time and peak memory (all processes together), formats: wallet card only, no spots.
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

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "campaigngen"]
sys.path.insert(0, str(ROOT))


def run(args: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, int]:
    """(wall s, CPU s of the command and its workers, peak MB of all its processes together).

    Memory is sampled from /proc every 50 ms over the command's whole process tree: the
    build's workers run at once, so the machine needs their sum, not the largest one.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(CLI + args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {stderr[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak // (1024 * 1024)


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended while we looked
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            pass
        stack += children.get(pid, [])
    return total


def project(tmp: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp / "content")
    shutil.copytree(ROOT / "locales", tmp / "locales")
    return tmp


def bare_cost(tmp: Path) -> tuple[float, int, int]:
    """CPU seconds the libraries alone take for the sample build's pages and spots."""
    import numpy as np
    import soundfile

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.renderers.flyer import FORMATS
    from campaigngen.renderers.flyer.content import flyer_content
    from campaigngen.renderers.flyer.pages import plan_page
    from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec, write_pdf
    from campaigngen.renderers.flyer.plan import display_list
    from campaigngen.renderers.flyer.png_writer import render_page_png
    from campaigngen.renderers.radio import spot_voice, will_speak
    from campaigngen.renderers.radio.mp3 import encode
    from campaigngen.sources.broadcast import PRESETS
    from campaigngen.sources.campaign import load_campaign

    snapshot = take_snapshot(load_campaign(tmp / "content" / "help-is-here"))
    campaign = snapshot.campaign
    plans = []
    for edition in snapshot.editions:  # layout is ours, not a library's: done before the clock starts
        content = flyer_content(edition)
        plans += [
            (FORMATS[name], edition.tag, display_list(plan_page(edition, content, FORMATS[name]), False))
            for name in campaign.flyer.formats
        ]
    voices = [
        spot_voice(e, s, PRESETS[campaign.radio.preset])
        for e in snapshot.editions
        if will_speak(e)
        for s in campaign.spots
    ]
    started = time.process_time()
    for fmt, tag, items in plans:
        render_page_png(fmt.page_px, items).save(tmp / "bare.png", format="PNG", dpi=(300, 300), compress_level=6)
        write_pdf(tmp / "bare.pdf", items, PdfPageSpec(fmt.page_px, fmt.page_pt, fmt.bleed_in * 72, tag, "bench"))
    for voice in voices:
        pcm = (np.clip(voice.samples, -1, 1) * 32767).astype(np.int16)
        soundfile.write(tmp / "bare.wav", pcm, 48000, subtype="PCM_16")
        (tmp / "bare.mp3").write_bytes(encode(voice.samples, 48000))
    return time.process_time() - started, len(plans), len(voices)


def pseudo_project(tmp: Path, count: int) -> Path:
    """The sample with `count` copies of Spanish under other Latin-script Spanish tags."""
    from babel import localedata

    tags = [t.replace("_", "-") for t in sorted(localedata.locale_identifiers()) if re.fullmatch(r"es_[A-Z]{2}", t)]
    tags += [
        t.replace("_", "-") for t in sorted(localedata.locale_identifiers()) if re.fullmatch(r"(fr|pt|en)_[A-Z]{2}", t)
    ]
    chosen = tags[:count]
    root = tmp / f"pseudo-{count}"
    project(root)
    config = root / "content" / "help-is-here" / "campaign.toml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^languages = \[.*?\]", "languages = " + str(chosen).replace("'", '"'), text, flags=re.M | re.S)
    text = re.sub(r"^formats = \[.*\]$", 'formats = ["wallet"]', text, flags=re.M)
    text = re.sub(r"^multilingual = \[.*\]$", "multilingual = []", text, flags=re.M)
    text = re.sub(r"\[\[spots\]\].*?(?=\n\[radio\])", "", text, flags=re.S)
    text = re.sub(r"\[delivery\.pronunciation\].*?(?=\n\[|\Z)", "", text, flags=re.S)
    config.write_text(text, encoding="utf-8")
    spanish = root / "locales" / "es" / "LC_MESSAGES" / "help-is-here.po"
    for tag in chosen:
        target = root / "locales" / tag.replace("-", "_") / "LC_MESSAGES" / "help-is-here.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(spanish, target)
    return root


class _Rows(list):
    """Printed as they come: a long run shows its progress."""

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"{row[0]:<36}  {row[1]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scaling at 10 and 25 languages only")
    args = parser.parse_args()
    rows = _Rows()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = project(Path(scratch))
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "PYTHONPATH": str(ROOT),
        }
        bare, pages, spots = bare_cost(tmp)
        rows.append(("(a) bare library work", f"{bare:.1f} s CPU ({pages} pages PNG+PDF, {spots} spots WAV+MP3)"))
        wall, cpu, mem = run(["build", "help-is-here", "--out", "output"], tmp, env)
        full_wall, full_cpu = wall, cpu
        rows.append(("(b) full cold build", f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {mem} MB"))
        wall, cpu, _ = run(["build", "help-is-here", "--out", "output"], tmp, env)
        rows.append(("(c) no-op rebuild", f"{wall:.2f} s wall"))
        po = tmp / "locales" / "tl" / "LC_MESSAGES" / "help-is-here.po"
        po.write_text(
            po.read_text(encoding="utf-8").replace("Makakakuha ka ng tulong.", "Puwede kang makakuha ng tulong."),
            encoding="utf-8",
        )
        one_wall, _, _ = run(["build", "help-is-here", "--out", "output"], tmp, env)
        rows.append(("(d) one changed translation (tl)", f"{one_wall:.1f} s wall"))
        publish_wall, _, _ = run(["publish", "help-is-here", "--out", "output"], tmp, env, ok=(0,))
        rows.append(("(h) publish after that build", f"{publish_wall:.1f} s wall"))
        for verb in ("check", "status"):
            shutil.rmtree(tmp / "cache", ignore_errors=True)  # each verb's cold run starts empty
            cold, _, _ = run([verb, "help-is-here"], tmp, env)
            warm, _, _ = run([verb, "help-is-here"], tmp, env)
            rows.append((f"(e) {verb}, cold / warm", f"{cold:.1f} s / {warm:.2f} s"))
        start = min(run(["--help"], tmp, env)[0] for _ in range(3))
        rows.append(("(f) campaigngen --help", f"{start:.2f} s"))
        for count in (10, 25) if args.quick else (10, 25, 50, 100):
            root = pseudo_project(Path(scratch), count)
            wall, cpu, mem = run(["build", "help-is-here", "--out", "output"], root, env)
            rows.append(
                (f"(g) {count} languages", f"{wall:.1f} s wall, {wall / (count + 1):.2f} s a language, peak {mem} MB")
            )
        rows.append(("ratio (b)/(a) CPU", f"{full_cpu / bare:.2f}"))
        rows.append(("ratio wall/CPU (b)", f"{full_wall / full_cpu:.2f}"))
        rows.append(("ratio (d)/(b)", f"{one_wall / full_wall:.2f}"))


if __name__ == "__main__":
    main()
