"""Mastered spots kept by content key (renderers/radio/mastered_cache.py): a spot whose speech did
not change is not mastered and encoded again, what comes back is the same audio, every input
is in the key, and a damaged or unwritable cache is made again or simply not used."""

from __future__ import annotations

import dataclasses
import os
import wave

import numpy as np
import pytest
from radio_kit import localized, write_campaign
from station_meter import measure

from campaigngen.checks.audio import PRESETS, AirTime, AudioMeasurement
from campaigngen.renderers import radio
from campaigngen.renderers.radio import mastered_cache as cache
from campaigngen.renderers.radio.mp3 import LevelledMp3


@pytest.fixture(autouse=True)
def cold_cache(tmp_path, monkeypatch):
    """These tests are about the cache itself: an empty one each, not the worker's warm one
    (tests/warm_audio.py)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cold-cache"))


def _inputs(**changes) -> cache.MasteringInputs:
    base = cache.MasteringInputs(
        voice=np.linspace(-0.5, 0.5, 4800, dtype=np.float32),
        head_s=0.3,
        booked_s=30,
        music_bed=None,
        preset=PRESETS["ebu-r128"],
        channels=1,
        bit_depth=16,
        mp3_kbps=192,
        mp2_kbps=None,
    )
    return dataclasses.replace(base, **changes)


def _made(frames: int = 4800) -> cache.Mastered:
    pcm = (np.arange(frames) % 200 - 100).astype(np.int16)
    return cache.Mastered(
        pcm,
        AudioMeasurement(0.1, frames, 48000, 16, 1, -23.01, -2.5, -20.0, -19.0, 3.2),
        AirTime(0.1, 0.0, 0.0, 0.0, 0.1),
        LevelledMp3(b"\xff\xfbmp3 bytes", -23.02, -2.6, frames, 1),
        None,
    )


def test_every_input_is_in_the_key(monkeypatch):
    quieter = dataclasses.replace(PRESETS["ebu-r128"], target_lufs=-24.0)
    variants = [
        _inputs(),
        _inputs(voice=np.linspace(-0.5, 0.5, 4801, dtype=np.float32)),
        _inputs(voice=np.linspace(-0.5, 0.49, 4800, dtype=np.float32)),
        _inputs(head_s=0.31),
        _inputs(booked_s=15),
        _inputs(music_bed=b"a bed"),
        _inputs(music_bed=b"another bed"),
        _inputs(preset=PRESETS["atsc-a85"]),
        _inputs(preset=quieter),
        _inputs(channels=2),
        _inputs(bit_depth=24),
        _inputs(mp3_kbps=256),
        _inputs(mp2_kbps=192),
    ]
    keys = [v.key() for v in variants]
    assert len(set(keys)) == len(keys)
    assert _inputs().key() == keys[0]  # the same inputs, the same key
    monkeypatch.setattr(cache, "code_key", lambda: "other mastering code")
    assert _inputs().key() not in keys


def test_kept_results_come_back_whole_and_are_made_once():
    calls = []

    def make():
        calls.append(1)
        return _made()

    first = cache.mastered(_inputs(), make)
    again = cache.mastered(_inputs(), make)
    assert len(calls) == 1
    assert np.array_equal(again.pcm, first.pcm) and again.pcm.dtype == np.int16
    assert (again.measured, again.air, again.mp3, again.mp2) == (first.measured, first.air, first.mp3, first.mp2)
    cache.mastered(_inputs(booked_s=15), make)
    assert len(calls) == 2  # another input: made


def test_nothing_is_kept_when_making_fails():
    def refused():
        raise RuntimeError("would not air")

    with pytest.raises(RuntimeError):
        cache.mastered(_inputs(), refused)
    assert not list(cache.cache_dir().rglob("*.npz"))


def test_a_damaged_entry_is_made_again_and_an_unwritable_cache_is_not_used(tmp_path, monkeypatch):
    calls = []

    def make():
        calls.append(1)
        return _made()

    cache.mastered(_inputs(), make)
    (entry,) = cache.cache_dir().rglob("*.npz")
    entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk
    assert np.array_equal(cache.mastered(_inputs(), make).pcm, _made().pcm)
    assert len(calls) == 2

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert np.array_equal(cache.mastered(_inputs(), make).pcm, _made().pcm)
    assert len(calls) == 3


def test_the_cache_keeps_under_its_limit_dropping_the_least_recently_used(monkeypatch):
    for seconds in (10, 15, 30):
        cache.mastered(_inputs(booked_s=seconds), _made)
    entries = sorted(cache.cache_dir().rglob("*.npz"), key=lambda p: p.stat().st_mtime_ns)
    size = entries[0].stat().st_size
    oldest = entries[0]
    os.utime(oldest, ns=(1, 1))
    # Used again: it becomes the newest, so the next-oldest goes first.
    cache.mastered(_inputs(booked_s=10), lambda: pytest.fail("kept, so not made"))
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size + size // 2)
    cache.mastered(_inputs(booked_s=60), _made)
    left = {p.name for p in cache.cache_dir().rglob("*.npz")}
    assert len(left) == 2
    assert f"{_inputs(booked_s=10).key()}.npz" in left and f"{_inputs(booked_s=60).key()}.npz" in left


def _wav_frames(path) -> bytes:
    with wave.open(str(path)) as read:
        return read.readframes(read.getnframes())


@pytest.mark.slow
def test_a_spot_made_again_is_not_mastered_again_and_is_the_same_audio(tmp_path, monkeypatch):
    """A changed spot code re-renders the spot's files, not its mastering and encoding: the
    WAV's samples and the MP3's audio are those of the first build, and measure on target as
    a station measures them."""
    folder = write_campaign(tmp_path / "c", languages=("es",))
    loc = localized(folder, "es")
    first = {a.kind: a for a in radio.render_spot(loc, loc.campaign.spots[0], tmp_path / "one")}

    monkeypatch.setattr(radio, "_master_and_encode", lambda *a: pytest.fail("mastered again"))
    recoded = dataclasses.replace(loc.campaign, traffic=dataclasses.replace(loc.campaign.traffic, code_prefix="HX"))
    loc2 = dataclasses.replace(loc, campaign=recoded)
    second = {a.kind: a for a in radio.render_spot(loc2, recoded.spots[0], tmp_path / "two")}

    assert first["audio"].path.name != second["audio"].path.name  # the new code is in the name
    assert _wav_frames(second["audio"].path) == _wav_frames(first["audio"].path)
    mp3_one, mp3_two = first["audio-mp3"].path.read_bytes(), second["audio-mp3"].path.read_bytes()
    assert mp3_two[-len(cache_tail := mp3_one[-20000:]) :] == cache_tail  # the same encoded audio, new tags
    assert second["audio"].facts.loudness_lufs == first["audio"].facts.loudness_lufs
    assert second["audio-mp3"].facts.level_rounds == first["audio-mp3"].facts.level_rounds
    reading = measure(second["audio-mp3"].path)
    assert abs(reading.lufs - PRESETS["ebu-r128"].target_lufs) <= 0.2
