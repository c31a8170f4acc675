"""The build's cost against the bare library work, incremental rebuilds, check and status,
start-up, and how time and memory grow with the number of languages.

    .venv/bin/python benchmarks/build.py [--quick] [--only abcdefghv]

Run by hand (not in CI) on a quiet machine; it prints one table. It works on a copy of the
sample campaign in a temporary folder, with its own empty cache, and runs the CLI as a user
does (a new process each time), so every number includes start-up.

(a) bare: the same output made by the libraries alone in one process: Pillow drawing + PNG
    encoding of every page and share card, the PDF writer's font subsets, espeak-ng speech of
    every spot, WAV + MP3 encoding, and each video as ffmpeg encodes it (x264 at the build's
    preset, AAC) from its still and the spot's speech; no layout search, checks, read-back,
    loudness passes or caption pictures.
(b) full cold build, after the same build of the first 20 languages (--lang, own cache): wall,
    CPU, and the peak of the whole process tree as summed PSS (shared pages divided among the
    processes sharing them: what the machine gives the build) and as summed RSS
(c) no-op rebuild       (d) rebuild after one changed translation
(e) check / status, cold (empty cache) and warm, and a cold check of the first 20 languages
    (--lang, as (b))   (f) campaigngen --help
(h) publish right after (d): gate, reuse of the built files, bundles, review page
(v) each language's flyers rendered and then read back in this process, as the build does:
    the read-back's CPU as a share of the rendering's, per language and in all
(g) build of N pseudo-languages (copies of Spanish under other tags), N = 10, 25, 50, 100:
    wall time and peak memory (all processes together, PSS and RSS), formats: wallet card only, no spots.
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

from PIL import Image
from process_tree import tree_rss  # benchmarks/ is this script's folder

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "campaigngen"]
sys.path.insert(0, str(ROOT))


def run(
    args: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0, 1), pss: bool = False
) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the command and its workers, peak MB of all its processes together:
    RSS, and PSS when asked for (else 0)).

    Memory is sampled from /proc every 50 ms over the command's whole process tree: the
    build's workers run at once, so the machine needs their sum, not the largest one. Summed
    RSS counts a page the forked workers share once per process; PSS divides it among them,
    so summed PSS is what the machine gives the tree.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Output goes to a file, not a pipe: nobody reads a pipe while the tree is sampled, and a
    # report longer than the pipe holds (check's, for 40 languages) would stop the command.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(CLI + args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = peak_pss = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            if pss:
                peak_pss = max(peak_pss, tree_rss(process.pid, proportional=True))
            time.sleep(0.05)
        errors.seek(0)
        stderr = errors.read()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {stderr[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak // (1024 * 1024), peak_pss // (1024 * 1024)


def _first_languages(tmp: Path, count: int) -> list[str]:
    """The source language and the campaign's first count - 1 others, in its own order."""
    import tomllib

    config = tomllib.loads((tmp / "content" / "help-is-here" / "campaign.toml").read_text(encoding="utf-8"))
    return [config["source_language"], *config["languages"][: count - 1]]


def project(tmp: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp / "content")
    shutil.copytree(ROOT / "locales", tmp / "locales")
    return tmp


def bare_cost(tmp: Path) -> tuple[float, str]:
    """CPU seconds (this process and the encoders it starts) the libraries alone take for the
    sample build's pages, share cards, spots and videos, and what that covered."""
    import numpy as np
    import soundfile

    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.exceptions import ChecksFailed
    from campaigngen.renderers.digital.video import AAC_KBPS, _still, video_formats, wants_video
    from campaigngen.renderers.digital.video import encode as encode_video
    from campaigngen.renderers.flyer import FORMATS
    from campaigngen.renderers.flyer.card import _planned_card, card_formats
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
    plans, cards, stills = [], [], []
    for edition in snapshot.editions:  # layout is ours, not a library's: done before the clock starts
        content = flyer_content(edition)
        plans += [
            (FORMATS[name], edition.tag, display_list(plan_page(edition, content, FORMATS[name]), False))
            for name in campaign.flyer.formats
        ]
        if not edition.language.pseudo:
            for card in card_formats(campaign):
                planned = _planned_card(edition, card)
                cards.append((card, display_list(planned.plan, edition.draft)))
        if any(wants_video(edition, s) for s in campaign.spots):
            stills += [(edition, s, _still(edition, fmt)) for fmt in video_formats(campaign) for s in campaign.spots]
    preset = PRESETS[campaign.radio.preset]
    started, children = time.process_time(), _children_cpu()
    for fmt, tag, items in plans:
        render_page_png(fmt.page_px, items).save(tmp / "bare.png", format="PNG", dpi=(300, 300), compress_level=6)
        write_pdf(tmp / "bare.pdf", items, PdfPageSpec(fmt.page_px, fmt.page_pt, fmt.bleed_in * 72, tag, "bench"))
    for card, items in cards:
        drawn = render_page_png(card.plan_size, items).resize(card.size, Image.Resampling.BOX)
        drawn.save(tmp / "bare-card.png", format="PNG")
    voices, spoken = {}, 0
    for edition in snapshot.editions:
        for spot in campaign.spots:
            if not will_speak(edition):
                continue
            try:  # espeak-ng's speech of the script (a spot the build refuses is not made there either)
                voice = spot_voice(edition, spot, preset)
            except ChecksFailed:
                continue
            voices[edition.tag, spot.id] = voice
            pcm = (np.clip(voice.samples, -1, 1) * 32767).astype(np.int16)
            soundfile.write(tmp / "bare.wav", pcm, preset.sample_rate, subtype="PCM_16")
            (tmp / "bare.mp3").write_bytes(encode(voice.samples, preset.sample_rate))
            spoken += 1
    videos = 0
    for edition, spot, still in stills:  # AAC, then x264 as the build runs it: one picture for the whole spot
        voice = voices.get((edition.tag, spot.id))
        if voice is None:
            continue
        still.convert("RGB").save(tmp / "bare-still.png", format="PNG", compress_level=1)
        pcm = (np.clip(voice.samples, -1, 1) * 32767).astype(np.int16)
        soundfile.write(tmp / "bare-voice.wav", np.stack([pcm, pcm], axis=1), preset.sample_rate, subtype="PCM_16")
        aac = ["-c:a", "aac", "-b:a", f"{AAC_KBPS}k", str(tmp / "bare.m4a")]
        subprocess.run(
            ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-i", str(tmp / "bare-voice.wav"), *aac],
            check=True,
            capture_output=True,
            timeout=600,
        )
        encode_video([(tmp / "bare-still.png", float(spot.seconds))], tmp / "bare.m4a", spot.seconds, tmp / "bare.mp4")
        videos += 1
    cpu = time.process_time() - started + _children_cpu() - children
    return cpu, f"{len(plans)} pages PNG+PDF, {len(cards)} cards, {spoken} spots WAV+MP3, {videos} videos"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


def read_back_cost(tmp: Path) -> list[tuple[str, float, float]]:
    """(language, CPU s rendering its flyers, CPU s reading them back) for every language:
    each flyer is drawn and written as the build does, then read back as the build does (the
    PDF's text by PDFium and pdftotext, fonts, the raster against the PNG, the QR code)."""
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.release.build import _scanned
    from campaigngen.renderers.flyer import render_flyer
    from campaigngen.sources.campaign import load_campaign

    snapshot = take_snapshot(load_campaign(tmp / "content" / "help-is-here"))
    rows = []
    for edition in snapshot.editions:
        render = verify = 0.0
        for name in snapshot.campaign.flyer.formats:
            started = _cpu()
            artifacts = render_flyer(edition, name, tmp / "read-back" / edition.tag)
            rendered = _cpu()
            _scanned(artifacts)
            render, verify = render + rendered - started, verify + _cpu() - rendered
        rows.append((edition.tag, render, verify))
    return rows


def _cpu() -> float:
    return time.process_time() + _children_cpu()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scaling at 10 and 25 languages only")
    parser.add_argument("--only", default="abcdefghv", help="the rows to run, by letter (default: all)")
    args = parser.parse_args()
    only = set(args.only)
    rows = _Rows()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = project(Path(scratch))
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "PYTHONPATH": str(ROOT),
        }
        bare = full_wall = full_cpu = one_wall = 0.0
        if "a" in only:
            bare, covered = bare_cost(tmp)
            rows.append(("(a) bare library work", f"{bare:.1f} s CPU ({covered})"))
        if "v" in only:
            costs = read_back_cost(tmp)
            render, verify = sum(c[1] for c in costs), sum(c[2] for c in costs)
            rows.append(
                ("(v) flyer read-back / rendering", f"{verify:.1f} s / {render:.1f} s CPU = {verify / render:.0%}")
            )
            for tag, render, verify in costs:
                rows.append((f"(v) {tag}", f"render {render:.2f} s, read back {verify:.2f} s ({verify / render:.0%})"))
        if "b" in only:
            # The same build of the sample's first 20 languages first, in a folder and cache of
            # its own: memory must not grow with the number of languages.
            tags = ["--lang=" + tag for tag in _first_languages(tmp, 20)]
            half_env = {**env, "XDG_CACHE_HOME": str(tmp / "cache-20")}
            wall, cpu, mem, pss = run(["build", "help-is-here", "--out", "output-20", *tags], tmp, half_env, pss=True)
            rows.append(
                (
                    "(b) cold build, first 20 languages",
                    f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {pss} MB PSS ({mem} MB summed RSS)",
                )
            )
            full_wall, full_cpu, mem, pss = run(["build", "help-is-here", "--out", "output"], tmp, env, pss=True)
            rows.append(
                (
                    "(b) full cold build",
                    f"{full_wall:.1f} s wall, {full_cpu:.1f} s CPU, peak {pss} MB PSS ({mem} MB summed RSS)",
                )
            )
        if "c" in only:
            wall, cpu, _, _ = run(["build", "help-is-here", "--out", "output"], tmp, env)
            rows.append(("(c) no-op rebuild", f"{wall:.2f} s wall"))
        if "d" in only:
            po = tmp / "locales" / "tl" / "LC_MESSAGES" / "help-is-here.po"
            po.write_text(
                po.read_text(encoding="utf-8").replace("Makakakuha ka ng tulong.", "Puwede kang makakuha ng tulong."),
                encoding="utf-8",
            )
            one_wall, _, _, _ = run(["build", "help-is-here", "--out", "output"], tmp, env)
            rows.append(("(d) one changed translation (tl)", f"{one_wall:.1f} s wall"))
        if "h" in only:
            publish_wall, _, _, _ = run(["publish", "help-is-here", "--out", "output"], tmp, env, ok=(0,))
            rows.append(("(h) publish after that build", f"{publish_wall:.1f} s wall"))
        if "e" in only:
            for verb in ("check", "status"):
                shutil.rmtree(tmp / "cache", ignore_errors=True)  # each verb's cold run starts empty
                cold, cold_cpu, _, _ = run([verb, "help-is-here"], tmp, env)
                warm, _, _, _ = run([verb, "help-is-here"], tmp, env)
                # CPU too: on a shared machine the cold wall time says more about the neighbours.
                rows.append(
                    (f"(e) {verb}, cold / warm", f"{cold:.1f} s / {warm:.2f} s wall, cold {cold_cpu:.1f} s CPU")
                )
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            tags = ["--lang=" + tag for tag in _first_languages(tmp, 20)]
            cold, cold_cpu, _, _ = run(["check", "help-is-here", *tags], tmp, env)
            rows.append(("(e) check, first 20 languages, cold", f"{cold:.1f} s wall, {cold_cpu:.1f} s CPU"))
        if "f" in only:
            start = min(run(["--help"], tmp, env)[0] for _ in range(3))
            rows.append(("(f) campaigngen --help", f"{start:.2f} s"))
        for count in ((10, 25) if args.quick else (10, 25, 50, 100)) if "g" in only else ():
            root = pseudo_project(Path(scratch), count)
            wall, cpu, mem, pss = run(["build", "help-is-here", "--out", "output"], root, env, pss=True)
            rows.append(
                (
                    f"(g) {count} languages",
                    f"{wall:.1f} s wall, {wall / (count + 1):.2f} s a language, peak {pss} MB PSS ({mem} MB summed RSS)",
                )
            )
        if bare and full_cpu:
            rows.append(("ratio (b)/(a) CPU", f"{full_cpu / bare:.2f}"))
        if full_cpu:
            rows.append(("ratio wall/CPU (b)", f"{full_wall / full_cpu:.2f}"))
        if one_wall and full_wall:
            rows.append(("ratio (d)/(b)", f"{one_wall / full_wall:.2f}"))


if __name__ == "__main__":
    main()
