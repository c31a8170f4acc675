"""The MP3 levelling loop (renderers/radio/mp3.levelled) given the spot's true peak, as
mastering measured it: the limiter is skipped only where it had nothing to do, so the file,
its loudness and its peak are the same bytes and numbers as without it."""

from __future__ import annotations

import numpy as np
import pytest

from campaigngen.loudness import integrated_lufs, true_peak_dbtp
from campaigngen.renderers.radio import dynamics
from campaigngen.renderers.radio.mp3 import MATCH_LU, levelled, mp3_encoder, mp3_loss_db
from campaigngen.sources.spots import MP3_BITRATES


def _speechlike(rate: int, level: float) -> np.ndarray:
    """Three seconds of a tone whose loudness swells, peaking at about `level`."""
    t = np.arange(rate * 3) / rate
    return (level * np.sin(2 * np.pi * 440 * t) * (0.55 + 0.45 * np.sin(2 * np.pi * 1.3 * t))).astype(np.float32)


@pytest.mark.parametrize("rate", [48000, 44100])
@pytest.mark.parametrize("level", [0.3, 0.86])  # far under the ceiling; where the limiter must work
def test_a_known_peak_changes_nothing_the_levelled_file_holds(rate, level, monkeypatch):
    samples = _speechlike(rate, level)
    target, ceiling = integrated_lufs(samples, rate), -1.0
    limited: list[int] = []
    real_limit = dynamics.limit

    def counted(*args, **kwargs):
        limited.append(1)
        return real_limit(*args, **kwargs)

    monkeypatch.setattr(dynamics, "limit", counted)
    plain = levelled(samples, rate, target, ceiling)
    runs_without = len(limited)
    known = levelled(samples, rate, target, ceiling, peak_dbtp=true_peak_dbtp(samples, rate))
    runs_with = len(limited) - runs_without

    assert known == plain  # the same bytes, loudness, peak, frames and rounds
    assert runs_without >= 1
    if rate >= 48000 and level < 0.5:
        assert runs_with == 0  # nothing to limit, and the meter's peak is the limiter's: not run
    else:
        assert runs_with == runs_without  # near the ceiling, or another oversampling: run as before


@pytest.mark.parametrize("kbps", MP3_BITRATES)
def test_every_bitrate_a_campaign_may_ask_for_levels_in_one_encoding(kbps):
    """LAME scales its input by a factor of the bitrate (mp3.mp3_loss_db): started from that
    bitrate's own loss, the first encoding decodes at the target and is the one kept."""
    rate = 48000
    samples = _speechlike(rate, 0.3)
    target = integrated_lufs(samples, rate)
    made = levelled(samples, rate, target, -1.0, mp3_encoder(kbps), loss_db=mp3_loss_db(kbps))
    assert made.rounds == 1, (kbps, made.loudness_lufs - target)
    assert abs(made.loudness_lufs - target) <= MATCH_LU
