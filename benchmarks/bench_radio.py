"""Cost of one radio spot: bare espeak-ng synthesis of the script vs the whole pipeline
(phrase-by-phrase synthesis, resampling, loudness + true-peak limiting, exact padding,
measuring, Broadcast WAV, MP3 + ID3, script sheet), per stage, warm (after one spot).

    .venv/bin/python benchmarks/bench_radio.py [--repeat N] [--languages en,es,vi]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from campaigngen.catalogs.localized import LocalizedCampaign  # noqa: E402
from campaigngen.catalogs.spoken import GROUP_BREAK, spot_script  # noqa: E402
from campaigngen.checks.audio import PRESETS, measure_samples  # noqa: E402
from campaigngen.renderers.radio import dynamics, espeak, render_spot, timeline  # noqa: E402
from campaigngen.renderers.radio.bwf import Bext, wav_bytes  # noqa: E402
from campaigngen.renderers.radio.compose import compose  # noqa: E402
from campaigngen.renderers.radio.engines import speak  # noqa: E402
from campaigngen.renderers.radio.mp3 import levelled  # noqa: E402
from campaigngen.renderers.radio.voices import espeak_voice  # noqa: E402
from campaigngen.sources.campaign import load_campaign  # noqa: E402
from campaigngen.sources.languages import parse_language  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--languages", default="en,es,vi")
    args = parser.parse_args()

    campaign = load_campaign(ROOT / "content" / "help-is-here")
    spot = campaign.spots[0]
    texts = {m.id: m.text for m in campaign.messages.values()}
    print(f"radio spot '{spot.id}' ({spot.seconds} s), median of {args.repeat} warm runs, ms")
    print(
        f"{'lang':6}{'preset':11}{'bare':>7}{'speak':>7}{'compose':>8}{'resamp':>7}{'loud':>7}{'pcm16':>7}"
        f"{'meter':>7}{'wav':>6}{'mp3':>6}{'spot':>7}{'x bare':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for tag in args.languages.split(","):
            loc = LocalizedCampaign(campaign, parse_language(tag), texts, {k: "translated" for k in texts})
            script = spot_script(loc, spot)
            voice = espeak_voice(tag).espeak
            render_spot(loc, spot, Path(tmp) / "warm")  # imports, espeak init, filter design
            bare_ms, _ = timed(lambda: espeak.speak(script.text.replace(GROUP_BREAK, ", "), voice, 155), args.repeat)
            for name in ("ebu-r128", "streaming"):
                preset = PRESETS[name]
                rate = preset.sample_rate
                speak_ms, speech = timed(lambda: speak(script, loc, ["espeak"]), args.repeat)
                # The whole composition: re-paced syntheses and fillers until the booking is filled.
                compose_ms, composed = timed(lambda: compose(loc, spot, preset, ["espeak"]), args.repeat)
                res_ms, voiced = timed(
                    lambda: timeline.resample(composed.samples, composed.sample_rate, rate), args.repeat
                )
                placed = timeline.place(voiced, rate, spot.seconds, composed.head_s)
                loud_ms, loud = timed(lambda: dynamics.normalise(placed, rate, preset), args.repeat)
                pad_ms, pcm = timed(lambda: dynamics.to_pcm16(loud), args.repeat)
                meter_ms, _ = timed(lambda: measure_samples(pcm / 32768.0, rate, bit_depth=16), args.repeat)
                bext = Bext("bench", "campaigngen", "bench", __import__("datetime").datetime(2026, 1, 1))
                wav_ms, _ = timed(lambda: wav_bytes(pcm, rate, bext), args.repeat)
                # Encoded, decoded and measured until the decoded level is the target.
                mp3_ms, _ = timed(
                    lambda: levelled(pcm / 32768.0, rate, preset.target_lufs, preset.true_peak_max_dbtp), args.repeat
                )
                spot_ms, _ = timed(lambda: render_spot(loc, spot, Path(tmp) / name, preset=name), args.repeat)
                print(
                    f"{tag:6}{name:11}{bare_ms:7.1f}{speak_ms:7.1f}{compose_ms:8.1f}{res_ms:7.1f}{loud_ms:7.1f}{pad_ms:7.1f}"
                    f"{meter_ms:7.1f}{wav_ms:6.1f}{mp3_ms:6.0f}{spot_ms:7.0f}{spot_ms / bare_ms:8.1f}"
                )
    print("bare = one espeak-ng call on the whole script; spot = render_spot (incl. MP3 encode + sheet)")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
