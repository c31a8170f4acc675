"""gTTS offline: one clear line, within the timeout, and never an empty file left behind."""

from __future__ import annotations

import io
import socket
import time

import numpy as np
import pytest
import soundfile
from radio_kit import localized, meter, write_campaign

from campaigngen.exceptions import VoiceUnavailable
from campaigngen.renderers.radio import engines, espeak, render_spot


@pytest.fixture
def campaign_dir(tmp_path):
    return write_campaign(tmp_path / "campaign")


def assert_one_clear_line(exc: VoiceUnavailable):
    text = exc.format_message()
    assert "\n" not in text and "Traceback" not in text
    assert "gTTS" in text and "espeak" in text  # what failed, and the offline way out


def assert_nothing_written(out_dir):
    left = [p for p in out_dir.rglob("*") if p.is_file()] if out_dir.exists() else []
    assert left == [], f"files left behind: {left}"


@pytest.mark.serial
def test_dns_failure_is_one_line_fast_and_leaves_no_file(campaign_dir, tmp_path):
    # conftest makes every non-loopback getaddrinfo fail, as on a machine with no network.
    loc = localized(campaign_dir, "es")
    out = tmp_path / "out"
    started = time.monotonic()
    with pytest.raises(VoiceUnavailable) as caught:
        render_spot(loc, loc.campaign.spots[0], out, engines=["gtts"])
    assert time.monotonic() - started < 5
    assert_one_clear_line(caught.value)
    assert_nothing_written(out)


@pytest.mark.slow
@pytest.mark.serial
def test_server_that_never_answers_times_out(campaign_dir, tmp_path, monkeypatch):
    # A listening socket on loopback that accepts (kernel backlog) and never says a word:
    # the TLS handshake waits for an answer that does not come.
    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    real_getaddrinfo = socket.getaddrinfo

    def to_silent_server(host, port_, *args, **kwargs):
        return real_getaddrinfo("127.0.0.1", port, socket.AF_INET, socket.SOCK_STREAM)

    monkeypatch.setattr(socket, "getaddrinfo", to_silent_server)
    monkeypatch.setattr(engines, "GTTS_TIMEOUT_S", 1.5)
    loc = localized(campaign_dir, "en")
    out = tmp_path / "out"
    started = time.monotonic()
    try:
        with pytest.raises(VoiceUnavailable) as caught:
            render_spot(loc, loc.campaign.spots[0], out, engines=["gtts"])
    finally:
        silent.close()
    elapsed = time.monotonic() - started
    assert 1.4 <= elapsed < 6, elapsed  # the timeout fired: it neither hung nor skipped the wait
    assert_one_clear_line(caught.value)
    assert "timed out" in caught.value.format_message()
    assert_nothing_written(out)


@pytest.mark.slow
def test_offline_falls_back_to_the_next_engine(campaign_dir, tmp_path):
    loc = localized(campaign_dir, "es")
    artifacts = render_spot(loc, loc.campaign.spots[0], tmp_path, engines=["gtts", "espeak"])
    assert artifacts[0].facts.engine == "espeak"


@pytest.mark.slow
def test_gtts_audio_goes_through_the_same_mastering(campaign_dir, tmp_path, monkeypatch):
    """Stand in for Google's answer (an MP3 at 24 kHz, quiet) to check decoding and mastering."""
    clip = espeak.speak("Llame al uno, ocho, ocho, ocho.", "es", 150)
    from scipy.signal import resample_poly

    mp3 = io.BytesIO()
    phrase = resample_poly(clip.samples, 24000 // 150, 22050 // 150) * 0.1
    # An answer as long as a reading of the 30 s script (29 s), phrase after phrase.
    reading = np.concatenate([phrase, np.zeros(int(0.5 * 24000))] * 20)[: 29 * 24000]
    quiet = reading.astype(np.float32)
    soundfile.write(mp3, quiet, 24000, format="MP3", subtype="MPEG_LAYER_III")

    import gtts

    seen = {}

    def fake_write(self, fp):
        seen["timeout"] = self.timeout
        fp.write(mp3.getvalue())

    monkeypatch.setattr(gtts.gTTS, "write_to_fp", fake_write)
    loc = localized(campaign_dir, "es")
    artifacts = render_spot(loc, loc.campaign.spots[0], tmp_path, engines=["gtts"])
    assert seen["timeout"] == engines.GTTS_TIMEOUT_S  # never None
    m = meter(artifacts[0].path)
    assert artifacts[0].facts.engine == "gtts"
    assert m["frames"] == 30 * 48000 and abs(m["lufs"] + 23) <= 0.5 and m["dbtp"] <= -1


def test_language_gtts_does_not_offer_falls_through_to_the_recording_hint(tmp_path):
    folder = write_campaign(tmp_path / "c", languages=("so",), radio='[radio.engines]\nso = ["gtts", "espeak"]')
    loc = localized(folder, "so")
    with pytest.raises(VoiceUnavailable) as caught:
        render_spot(loc, loc.campaign.spots[0], tmp_path / "out")
    assert "radio.recordings" in caught.value.format_message()
