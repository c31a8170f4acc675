"""Voices: recorded readings, languages without an offline voice, fallback, too-long scripts."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile
from campaign_kit import sample_campaign
from radio_kit import localized, meter, write_campaign

from campaigngen.catalogs.spoken import spot_script
from campaigngen.exceptions import RecordingUnusable, SpotCannotFill, SpotTooLong, VoiceUnavailable
from campaigngen.renderers.radio import espeak, render_spot, timeline, voice_support
from campaigngen.sources.languages import CORE_LANGUAGES
from campaigngen.sources.registry import registry

OFFLINE_VOICES = {
    "en",
    "es",
    "zh-Hans",
    "zh-Hant",
    "vi",
    "ko",
    "ru",
    "uk",
    "ar",
    "fa",
    "hi",
    "ur",
    "pt",
    "fr",
    "ht",
    "am",
}


def recording(path, *, rate=22050, gain=0.05, lead_s=2.0, fmt=None, seconds=9.0):
    """A person's reading stand-in: espeak speech resampled to `rate`, `seconds` long (a 10 s
    booking's worth), far too quiet, with a long silence before it (as a phone recording has)."""
    from scipy.signal import resample_poly

    clip = espeak.speak("Tumawag sa isa, walo, walo, walo. Tumawag ulit sa isa, walo, walo, walo.", "en-us", 150)
    speech = resample_poly(clip.samples, rate, clip.sample_rate) if rate != clip.sample_rate else clip.samples
    speech = timeline.trim_silence(speech, rate)
    reading = np.concatenate([speech, np.zeros(int(0.4 * rate))] * 4)[: int(seconds * rate)]
    data = np.concatenate([np.zeros(int(lead_s * rate)), reading * gain, np.zeros(rate)]).astype(np.float32)
    soundfile.write(str(path), data, rate, format=fmt)
    return path


def test_voice_support_table_covers_every_core_language():
    table = {tag: voice_support(tag) for tag in CORE_LANGUAGES}
    assert {tag for tag, v in table.items() if v.usable} >= OFFLINE_VOICES
    # Every voice the registry calls usable is one espeak-ng has (the twenty added later too).
    assert {tag for tag, v in table.items() if v.usable} == {t for t in CORE_LANGUAGES if registry()[t].voice.usable}
    for tag in ("tl", "so", "th", "my"):
        assert not table[tag].usable and "recording" in table[tag].note
    assert "letter by letter" in table["th"].note
    assert table["es"].voice == "es-419" and table["zh-Hant"].engine == "espeak"


def test_a_voice_selected_by_its_file_speaks_as_selected_by_its_name():
    # Each utterance selects its voice by the voice's file where espeak-ng finds it by that
    # name (no search of every voice file): the samples must be the ones the registry's name
    # gives, for every voice the registry uses, in its own script and in another's.
    voices = sorted({registry()[tag].voice.espeak for tag in CORE_LANGUAGES if registry()[tag].voice.espeak})
    assert len(voices) >= 25
    by_file = [voice for voice in voices if espeak._selecting_name(voice) != voice]
    assert "ru" in by_file and "cmn" in by_file  # the search is skipped for most voices
    assert {"en-us", "pt-br"} <= set(by_file)  # files with capitals too, by a path of their own
    for voice in voices:
        for text in ("Call 1 888 373 7888, it is free.", "Позвоните сейчас", "请拨打热线", "اتصل الآن"):
            spoken = espeak.speak(text, voice, 140).samples
            instance = espeak._Instance()
            try:
                assert instance.has_voice(voice)  # by the registry's name, as before
                instance.select = lambda _voice: True  # keep that selection
                named = instance.speak(text, voice, 140).samples
            finally:
                instance.close()
            assert np.array_equal(spoken, named), (voice, text)


def test_voices_are_found_by_one_kept_copy_as_by_a_fresh_copy_each(monkeypatch):
    # Which file a name selects is asked of one copy of espeak-ng kept for the process (it
    # lists the ~290 voice files once): the answers must be a fresh copy's for every voice
    # the registry uses and for a name espeak-ng lacks, and one copy answers them all.
    voices = sorted({registry()[tag].voice.espeak for tag in CORE_LANGUAGES if registry()[tag].voice.espeak})
    voices += ["en-us", "pt-br", "no-such-voice"]
    fresh = {}
    for voice in voices:
        instance = espeak._Instance()
        try:
            fresh[voice] = instance.voice_file() if instance.has_voice(voice) else None
        finally:
            instance.close()
    made = []
    real = espeak._Instance

    def counted(*args, **kwargs):
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(espeak, "_Instance", counted)
    monkeypatch.setattr(espeak, "_finder", None)
    espeak._found_file.cache_clear()
    try:
        assert {voice: espeak._found_file(voice) for voice in voices} == fresh
        assert made == [{"own_file": True}]  # one copy, kept, from a library file of its own
        assert fresh["no-such-voice"] is None and fresh["ru"] == "zle/ru" and fresh["en-us"] == "gmw/en-US"
    finally:
        espeak._found_file.cache_clear()


def test_a_voice_file_descriptor_reused_for_another_file_falls_back_to_the_name():
    # en-us is selected by /proc/self/fd/N (its file, gmw/en-US, has capitals): if something
    # closed N and another file took the number, the voice is found by its name instead.
    import os

    text = "Call 1 888 373 7888, it is free."
    selector = espeak._selecting_name("en-us")
    assert selector.startswith("/proc/self/fd/")
    number = int(selector.removeprefix("/proc/self/fd/"))
    voice_file = os.readlink(selector)
    espeak._spoken.clear()
    by_file = espeak.speak(text, "en-us", 150).samples
    other = os.open(os.devnull, os.O_RDONLY)
    saved = os.dup(number)
    try:
        os.dup2(other, number)  # the number is now /dev/null
        assert not espeak._still_open(selector)
        espeak._spoken.clear()
        assert np.array_equal(espeak.speak(text, "en-us", 150).samples, by_file)
    finally:
        os.dup2(saved, number, inheritable=False)
        os.close(saved)
        os.close(other)
        espeak._spoken.clear()
    assert os.readlink(selector) == voice_file and espeak._still_open(selector)


@pytest.mark.slow
@pytest.mark.parametrize("rate,fmt,suffix", [(22050, "WAV", "wav"), (44100, "FLAC", "flac"), (32000, "MP3", "mp3")])
def test_recorded_voice_comes_out_at_the_preset(tmp_path, rate, fmt, suffix):
    folder = write_campaign(
        tmp_path / "c",
        languages=("tl",),
        seconds=10,
        radio=f'[radio.recordings]\ntl = "tl-10s.{suffix}"\n[radio.engines]\ntl = ["recorded"]',
    )
    recording(folder / f"tl-10s.{suffix}", rate=rate, fmt=fmt)
    loc = localized(folder, "tl")
    for preset, target, tolerance, ceiling, out_rate in (
        ("ebu-r128", -23, 0.5, -1, 48000),
        ("streaming", -16, 1, -1, 44100),
    ):
        artifacts = render_spot(loc, loc.campaign.spots[0], tmp_path / preset, preset=preset)
        m = meter(artifacts[0].path)
        assert m["rate"] == out_rate and m["subtype"] == "PCM_16"
        assert m["frames"] == 10 * out_rate
        assert abs(m["lufs"] - target) <= tolerance and m["dbtp"] <= ceiling
        # The recording's 2 s of silence was trimmed: it starts after a short lead-in and
        # ends within a second of the end.
        sound = np.flatnonzero(np.abs(m["data"]) >= 10 ** (-50 / 20))
        assert 0.2 <= sound[0] / out_rate <= 0.5 and 0.4 <= 10 - sound[-1] / out_rate <= 1.0
        assert artifacts[0].facts.engine == "recorded" and artifacts[0].facts.voice == f"tl-10s.{suffix}"


def test_a_recording_too_short_for_its_booking_names_the_booking_that_fits(tmp_path):
    folder = write_campaign(
        tmp_path / "c",
        languages=("tl",),
        seconds=30,
        radio='[radio.recordings]\ntl = "tl.wav"\n[radio.engines]\ntl = ["recorded"]',
    )
    recording(folder / "tl.wav", seconds=14.2)
    loc = localized(folder, "tl")
    with pytest.raises(SpotCannotFill) as caught:
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out")
    message = caught.value.format_message()
    assert "cannot fill the booked 30 s" in message and "book a :15" in message and "record" in message
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_unreadable_recording_names_the_file(tmp_path):
    folder = write_campaign(
        tmp_path / "c", languages=("tl",), radio='[radio.recordings]\ntl = "tl.wav"\n[radio.engines]\ntl = ["recorded"]'
    )
    (folder / "tl.wav").write_bytes(b"RIFF not really a wave file")
    loc = localized(folder, "tl")
    with pytest.raises(RecordingUnusable) as caught:
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out")
    assert "tl.wav" in caught.value.format_message()
    assert "RIFF" not in caught.value.format_message()  # the file's own bytes are never echoed
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_language_without_a_voice_says_to_import_a_recording(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("so",))
    loc = localized(folder, "so")
    with pytest.raises(VoiceUnavailable) as caught:
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out")
    message = caught.value.format_message()
    assert "Somali" in message and "radio.recordings" in message and "\n" not in message


def test_thai_espeak_is_refused_not_aired_unintelligible(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("th",))
    loc = localized(folder, "th")
    with pytest.raises(VoiceUnavailable, match="letter by letter"):
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out", engines=["espeak"])


@pytest.mark.slow
def test_fallback_order_uses_the_recording_first_then_espeak(tmp_path):
    folder = write_campaign(
        tmp_path / "c", languages=("es",), radio='[radio.engines]\ndefault = ["recorded", "espeak"]'
    )
    loc = localized(folder, "es")
    assert render_spot(loc, loc.campaign.spots[0], tmp_path / "a")[0].facts.engine == "espeak"


def test_script_too_long_for_its_booking_raises_with_the_measured_length(tmp_path):
    folder = write_campaign(tmp_path / "c", seconds=10)
    loc = localized(folder, "en")
    out = tmp_path / "out"
    with pytest.raises(SpotTooLong) as caught:
        render_spot(loc, loc.campaign.spots[0], out)
    assert 10 < caught.value.measured_s < 30
    assert f"{caught.value.measured_s:.2f} s" in caught.value.format_message()
    assert not out.exists() or not list(out.iterdir())


def test_recording_too_long_is_refused_too(tmp_path):
    folder = write_campaign(
        tmp_path / "c",
        languages=("tl",),
        seconds=10,
        radio='[radio.recordings]\ntl = "long.wav"\n[radio.engines]\ntl = ["recorded"]',
    )
    rate = 22050
    long_take = np.sin(np.arange(12 * rate) * 2 * np.pi * 220 / rate).astype(np.float32) * 0.3
    soundfile.write(str(folder / "long.wav"), long_take, rate)
    loc = localized(folder, "tl")
    with pytest.raises(SpotTooLong) as caught:
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out")
    # 12 s of sound + the shortest lead-in and tail
    assert abs(caught.value.measured_s - (12 + timeline.LEAD_IN_S + timeline.MIN_TAIL_S)) < 0.05


@pytest.mark.slow
def test_sheet_has_the_number_as_written_and_as_spoken(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("es",))
    loc = localized(folder, "es")
    sheet = render_spot(loc, loc.campaign.spots[0], tmp_path / "out")[2]
    text = sheet.path.read_text(encoding="utf-8")
    assert sheet.kind == "script-sheet" and sheet.path.name == "radio-test_es_30s_RT-ES-030_script.txt"
    assert "1-888-373-7888" in text and "uno / ocho, ocho, ocho / tres, siete, tres" in text
    assert "30 s" in text and "Spanish" in text and "español" in text
    for segment in spot_script(loc, loc.campaign.spots[0]).segments:
        assert segment in text


def test_recording_of_clicks_cannot_be_normalised_and_names_the_file(tmp_path):
    folder = write_campaign(
        tmp_path / "c",
        languages=("tl",),
        seconds=10,
        radio='[radio.recordings]\ntl = "clicks.wav"\n[radio.engines]\ntl = ["recorded"]',
    )
    rate = 48000
    clicks = np.zeros(int(rate * 9), np.float32)
    clicks[[0, -1]] = 0.5
    clicks[np.random.default_rng(2).integers(0, len(clicks), 40)] = 0.5
    soundfile.write(str(folder / "clicks.wav"), clicks, rate)
    loc = localized(folder, "tl")
    with pytest.raises(RecordingUnusable, match="clicks.wav"):
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out", preset="streaming")


@pytest.mark.slow
@pytest.mark.parametrize("tag", sorted(OFFLINE_VOICES))
def test_every_offline_voice_fills_the_sample_30s_spot(tmp_path, monkeypatch, tag):
    """The sample's real translation in every language with an offline voice: exact length,
    on loudness, and sound from the first half second to the last second, no long pause."""
    monkeypatch.chdir(tmp_path)
    sample_campaign(tmp_path, languages=(tag,) if tag != "en" else ("es",))  # English is the source
    from campaigngen.catalogs.snapshot import take_snapshot
    from campaigngen.sources.campaign import load_campaign

    campaign = load_campaign("help-is-here")
    loc = take_snapshot(campaign, [campaign.language(tag)]).edition(tag)
    wav = render_spot(loc, campaign.spots[0], tmp_path / "out")[0]
    m = meter(wav.path)
    assert m["frames"] == 30 * 48000 and abs(m["lufs"] + 23) <= 0.5 and m["dbtp"] <= -1
    sound = np.flatnonzero(np.abs(m["data"]) >= 10 ** (-50 / 20))
    assert sound[0] / 48000 <= 0.5 and 30 - (sound[-1] + 1) / 48000 <= 1.0
    assert np.diff(sound).max() / 48000 <= 1.5
    assert 0.85 <= wav.facts.pace <= 1.15
