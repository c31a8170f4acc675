"""The spot's timeline: when each script line is heard in the mastered spot, measured on the
audio itself (a real espeak-ng spot), as captions will be timed by it."""

from __future__ import annotations

import numpy as np
import pytest
from radio_kit import localized, write_campaign

from campaigngen.catalogs.spoken import SpotScript
from campaigngen.renderers.radio import master, preset_named, spot_voice
from campaigngen.renderers.radio.compose import Composition, Fill
from campaigngen.renderers.radio.engines import whole


def _level_dbfs(samples: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(samples, dtype=np.float64))) + 1e-12))


@pytest.mark.parametrize("tag", ["es", "ar"])
def test_each_line_is_heard_where_the_timeline_says_and_nothing_between(tmp_path, tag):
    write_campaign(tmp_path)
    edition = localized(tmp_path, tag)
    spot = edition.campaign.spots[0]
    preset = preset_named(edition, None)
    voiced = spot_voice(edition, spot, preset)
    pcm = master(voiced, preset, spot.seconds)
    audio = pcm.astype(np.float32) / 32768.0
    rate = preset.sample_rate
    lines = voiced.timeline.lines

    assert [line.message_id for line in lines] == list(spot.script)
    assert [line.text for line in lines] == list(voiced.script.segments)
    assert not voiced.timeline.estimated
    times = [t for line in lines for t in (line.start_s, line.end_s)]
    assert times == sorted(times) and all(line.end_s > line.start_s for line in lines)
    assert 0 < times[0] and times[-1] <= spot.seconds == len(audio) / rate
    for line in lines:  # speech inside every line
        inside = audio[int(line.start_s * rate) : int(line.end_s * rate)]
        assert _level_dbfs(inside) > -40, line
    edges = [0.0, *times, spot.seconds]
    for quiet_from, quiet_to in zip(edges[::2], edges[1::2]):  # before, between and after the lines
        gap = audio[int(quiet_from * rate) + 24 : int(quiet_to * rate) - 24]  # half a ms in from each edge
        assert gap.size == 0 or _level_dbfs(gap) < -60, (quiet_from, quiet_to)
    # The first and last sound are where the timeline puts them, to the millisecond.
    loud = np.flatnonzero(np.abs(audio) > 10 ** (-50 / 20))
    assert abs(loud[0] / rate - lines[0].start_s) < 0.02
    assert abs(loud[-1] / rate - lines[-1].end_s) < 0.02


def test_one_clip_without_pauses_is_shared_out_by_line_length():
    """A recording (or gTTS) is one clip: with no pause to cut at, its lines are shared out
    in order by their length, covering it."""
    script = SpotScript("en", "30s", 30, ("Short.", "A much longer second line here."), ("a", "b"))
    clip = np.full(48000 * 4, 0.1, np.float32)
    composed = Composition(clip, 48000, 1.0, whole(clip, 48000, "recorded", "reader"), script, 0.0, Fill())
    timeline = composed.timeline(30)
    assert timeline.estimated
    first, second = timeline.lines
    assert first.start_s == 1.0 and second.end_s == 5.0 and first.end_s == second.start_s
    assert (first.end_s - first.start_s) < (second.end_s - second.start_s)


def test_a_one_clip_reading_is_cut_at_the_pauses_nearest_each_lines_share():
    """A person reads three lines with pauses where they breathe, not where the characters
    would put them; a short pause inside a line is not taken for a line's end."""
    rate = 8000
    tone = lambda s: np.full(int(s * rate), 0.2, np.float32)  # noqa: E731
    hush = lambda s: np.zeros(int(s * rate), np.float32)  # noqa: E731
    # line 1: 1.0 s with a 0.05 s breath inside; pause 0.5 s; line 2: 3.0 s; pause 0.3 s; line 3: 1.0 s
    clip = np.concatenate([tone(0.5), hush(0.05), tone(0.45), hush(0.5), tone(3.0), hush(0.3), tone(1.0)])
    script = SpotScript("en", "30s", 30, ("One two.", "Three four.", "Five six."), ("a", "b", "c"))
    composed = Composition(clip, rate, 0.5, whole(clip, rate, "recorded", "reader"), script, 0.0, Fill())
    first, second, third = composed.timeline(30).lines
    assert (first.start_s, first.end_s) == (0.5, 1.5)
    assert (second.start_s, second.end_s) == (2.0, 5.0)
    assert (third.start_s, third.end_s) == (5.3, 6.3)


@pytest.mark.parametrize(
    "rates", [(22050, 48000), (16000, 48000), (24000, 44100), (48000, 44100), (44100, 48000), (22050, 22050)]
)
def test_resampling_only_the_stretches_with_sound_gives_the_whole_signals_samples(rates):
    """timeline.resample filters only the stretches with sound; every sample is what
    resample_poly gives for the whole signal: speech-like bursts and pauses, sound at either
    end, pauses just long enough to split stretches and just too short, silence, one sample."""
    from fractions import Fraction

    from scipy.signal import resample_poly

    from campaigngen.renderers.radio import timeline

    source, target = rates
    ratio = Fraction(target, source)
    rng = np.random.default_rng(source + target)
    n = 2 * source
    speech = (rng.standard_normal(n) * 0.3).astype(np.float32)
    for start in range(0, n, n // 9):  # pauses from a few samples to a fifth of a second
        speech[start : start + int(rng.integers(1, source // 5))] = 0.0
    lead_in = speech.copy()
    lead_in[: source // 2] = 0.0
    clicks = np.zeros(n, np.float32)
    clicks[[0, 40, 400, 4000, n // 2, n - 1]] = 0.5
    for samples in (speech, lead_in, clicks, np.zeros(n, np.float32), speech[:1]):
        whole_signal = resample_poly(np.asarray(samples, np.float64), ratio.numerator, ratio.denominator)
        made = timeline.resample(samples, source, target)
        assert made.dtype == np.float32 and np.array_equal(made, whole_signal.astype(np.float32))
