"""The voices behind a spot, one interface: script in, trimmed mono speech out.

  espeak    offline synthesis, phrase by phrase, so the pauses between digit groups and the
            slower rate for the number are ours, not each engine's punctuation rules
  gtts      online (Google Translate's endpoint); explicit timeout, one clear line offline
  recorded  a person reading the script, imported per language (radio.recordings)
  piper     offline neural voices installed from files (renderers/radio/piper.py)

A campaign lists engines per language in fallback order; the first that can speak wins.
Engines that speak phrase by phrase (espeak, piper) return the phrases and the kind of pause
before each, and take a pace, so the composer can fit the script to its booking; the others
return one clip.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import GROUP_BREAK, SpotScript, spoken_number
from campaigngen.exceptions import NetworkUnavailable, RecordingUnusable, VoiceUnavailable
from campaigngen.renderers.radio import timeline
from campaigngen.renderers.radio.voices import espeak_voice, gtts_code
from campaigngen.sources.broadcast import ESPEAK, GTTS, PIPER, RECORDED

TEXT_RATE_WPM = 160  # plain and a little slower than espeak's 175 default
NUMBER_RATE_WPM = 125  # the number slower still: a listener has to remember it
GTTS_TIMEOUT_S = 10.0
_WORDLIKE = re.compile(r"\w")
_LIST_COMMA = re.compile(r"\s*[,、،፣၊]\s*")


@dataclass(frozen=True)
class Speech:
    """What an engine said: phrases (float32 mono, silence trimmed) and the kind of pause
    before each (timeline.PAUSES; None before the first). One clip for engines that speak
    the script whole (gtts, a recording): those cannot be re-paced."""

    clips: tuple[np.ndarray, ...]
    pauses: tuple[str | None, ...]
    sample_rate: int
    engine: str
    voice: str
    pace: float = 1.0  # the speaking rate asked for, against the engine's natural rate
    paced: bool = False  # True when the engine honoured pace (it can be asked again)

    @property
    def samples(self) -> np.ndarray:
        """The speech at its natural pauses."""
        return timeline.lay(self.clips, self.pauses, self.sample_rate, 0.0)

    @property
    def voiced_s(self) -> float:
        """Seconds of the phrases themselves, pauses between them left out."""
        return sum(len(clip) for clip in self.clips) / self.sample_rate


def whole(samples: np.ndarray, sample_rate: int, engine: str, voice: str) -> Speech:
    return Speech((np.asarray(samples, np.float32),), (None,), sample_rate, engine, voice)


class EngineUnavailable(Exception):
    """This engine cannot speak this language here; the next engine in the order is tried."""


# ----------------------------------------------------------------------------- phrasing


def phrases(script: SpotScript, numbers: Sequence[str]) -> list[tuple[str, bool, str | None]]:
    """(text, is_number, pause kind before it) in speaking order. A spelled number is cut out
    of its sentence so it can be spoken slower, its groups separated by real pauses."""
    spoken = sorted({spoken_number(n, script.language) for n in numbers}, key=len, reverse=True)
    out: list[tuple[str, bool, str | None]] = []
    for segment in script.segments:
        marked = segment
        for number in spoken:
            marked = marked.replace(number, "\0" + number + "\0")
        pause: str | None = timeline.SENTENCE if out else None  # before the next phrase
        for part_index, part in enumerate(marked.split("\0")):
            is_number = part_index % 2 == 1
            said = False
            for group in part.split(GROUP_BREAK):
                if _WORDLIKE.search(group):
                    out.append((group.strip(), is_number, pause))
                    pause, said = timeline.GROUP, True
            if said:
                pause = timeline.NUMBER  # text <-> number inside one sentence
    return out


def spoken_numbers(localized: LocalizedCampaign) -> list[str]:
    values = localized.contact_values
    return [values[key] for key in ("phone", "text_number") if key in values]


# ------------------------------------------------------------------------------- engines


# The glottal letter as Mayan orthographies (ALMG) and their typists write it: the modifier
# letter apostrophe, the saltillo, or a right single quote, inside a word.
APOSTROPHE_LETTERS = re.compile(r"(?<=\w)[\u02bc\ua78c\u2019](?=\w)|(?<=\w)[\u02bc\ua78c]")


def speak_espeak(script: SpotScript, localized: LocalizedCampaign, pace: float = 1.0) -> Speech:
    from campaigngen.renderers.radio import espeak

    found = espeak_voice(script.language)
    if found is None or not found.usable:
        reason = found.note if found else "espeak-ng has no voice"
        raise EngineUnavailable(f"espeak: {reason}")
    voice_name = found.espeak
    assert voice_name is not None  # espeak_voice returns only voices espeak-ng has a name for
    clips: list[np.ndarray] = []
    pauses: list[str | None] = []
    rate = None
    for text, is_number, pause in phrases(script, spoken_numbers(localized)):
        if is_number:
            # Inside a group the digits flow ("eight eight eight", as people read numbers);
            # espeak's pause at each list comma would make the number ~50% longer.
            text = _LIST_COMMA.sub(" ", text)
        if found.ascii_apostrophe:
            text = APOSTROPHE_LETTERS.sub("'", text)
        wpm = NUMBER_RATE_WPM if is_number else TEXT_RATE_WPM
        clip = espeak.speak(text, voice_name, int(round(wpm * found.rate_scale * pace)))
        rate = clip.sample_rate
        clips.append(timeline.trim_silence(clip.samples, clip.sample_rate))
        pauses.append(pause if clips[:-1] else None)
    if rate is None:
        raise EngineUnavailable("espeak: nothing to say")
    return Speech(tuple(clips), tuple(pauses), rate, ESPEAK, voice_name, pace, paced=True)


def speak_gtts(
    script: SpotScript, localized: LocalizedCampaign, pace: float = 1.0, *, timeout_s: float | None = None
) -> Speech:
    """Online voice. The MP3 is received into memory and decoded there: no file is opened
    before the audio has arrived, so a failure leaves nothing behind. gTTS's own default
    timeout is None, which hangs forever on a network that accepts and never answers."""
    import io

    timeout_s = GTTS_TIMEOUT_S if timeout_s is None else timeout_s
    lang = gtts_code(script.language)
    if lang is None:
        raise EngineUnavailable(f"gtts: no voice for {script.language}")
    try:
        from gtts import gTTS, gTTSError
    except ImportError:
        raise EngineUnavailable("gtts: not installed (pip install gtts)") from None
    import requests

    text = ". ".join(s.replace(GROUP_BREAK, ", ") for s in script.segments)
    buffer = io.BytesIO()
    try:
        # Not slow=True: Google's slow mode is ~0.6x and drags a 30 s script past its booking;
        # the commas between digits already make the number deliberate.
        speaker = gTTS(text, lang=lang, slow=False, timeout=timeout_s)
    except ValueError as exc:  # a language this gTTS release does not list
        raise EngineUnavailable(f"gtts: {exc}") from None
    try:
        speaker.write_to_fp(buffer)
    except (gTTSError, requests.exceptions.RequestException, OSError) as exc:
        cause = exc.__cause__ or exc.__context__ or exc
        kind = (
            "timed out"
            if "timed out" in str(exc).lower() or isinstance(cause, requests.exceptions.Timeout)
            else "failed"
        )
        raise NetworkUnavailable(
            f"gTTS ({script.language}) could not reach Google's speech service: request {kind} "
            f"(timeout {timeout_s:g} s) - check the network or use the offline espeak engine"
        ) from None
    import soundfile

    buffer.seek(0)
    samples, rate = soundfile.read(buffer, dtype="float32", always_2d=True)
    mono = samples.mean(axis=1)
    return whole(timeline.trim_silence(mono, rate), rate, GTTS, f"gtts-{lang}")


def speak_recorded(script: SpotScript, localized: LocalizedCampaign, pace: float = 1.0) -> Speech:
    """A person's reading (WAV, FLAC or MP3, any rate or level), read with the campaign: mixed
    to mono and trimmed; loudness, rate and length are then handled like synthetic speech."""
    media = localized.campaign.radio.recording_for(localized.tag)
    if media is None:
        raise EngineUnavailable(f"recorded: no recording for {script.language} in radio.recordings")
    where = f"radio.recordings.{localized.tag} ({media.path.name})"
    if media.data is None:
        raise RecordingUnusable(
            f"{where}: {media.problem} - fix the path in campaign.toml, or remove the entry to use a voice",
            language=localized.tag,
            target=script.spot_id,
        )
    import soundfile

    try:
        samples, rate = soundfile.read(io.BytesIO(media.data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        # The file's own bytes are never echoed: it may not be audio at all.
        raise RecordingUnusable(
            f"{where}: not a readable recording - export it as WAV, FLAC or MP3",
            language=localized.tag,
            target=script.spot_id,
        ) from None
    mono = timeline.trim_silence(samples.mean(axis=1), rate)
    if len(mono) < 0.4 * rate:
        raise RecordingUnusable(
            f"{where}: silent or shorter than 0.4 s - record the whole script",
            language=localized.tag,
            target=script.spot_id,
        )
    return whole(mono, rate, RECORDED, media.path.name)


def speak_piper(script: SpotScript, localized: LocalizedCampaign, pace: float = 1.0) -> Speech:
    from campaigngen.renderers.radio import piper

    voice = piper.installed_voice(script.language)
    if voice is None:
        raise EngineUnavailable(
            f"piper: no voice installed for {script.language} (campaigngen voices install FILE.onnx)"
        )
    clips: list[np.ndarray] = []
    pauses: list[str | None] = []
    rate = voice.sample_rate
    for text, is_number, pause in phrases(script, spoken_numbers(localized)):
        if is_number:
            text = _LIST_COMMA.sub(" ", text)
        # The number a little slower, as with espeak: a listener has to remember it.
        slower = TEXT_RATE_WPM / NUMBER_RATE_WPM if is_number else 1.0
        samples = piper.synthesize(voice, text, length_scale=slower / pace)
        clips.append(timeline.trim_silence(samples, rate))
        pauses.append(pause if clips[:-1] else None)
    if not clips:
        raise EngineUnavailable("piper: nothing to say")
    return Speech(tuple(clips), tuple(pauses), rate, PIPER, voice.name, pace, paced=True)


def speak_announcer(script: SpotScript, localized: LocalizedCampaign, pace: float = 1.0) -> Speech:
    """A person's reading of the script as silent phrases of the lengths a plain reading
    takes; paced like a voice (pace 1 is the plain rate)."""
    from campaigngen.renderers.radio.announcer import ANNOUNCER, NOMINAL_RATE, phrase_units, plain_rate

    rate = plain_rate(script.language)
    clips: list[np.ndarray] = []
    pauses: list[str | None] = []
    for text, is_number, pause in phrases(script, spoken_numbers(localized)):
        per_second = rate.units_per_second * (NUMBER_RATE_WPM / TEXT_RATE_WPM if is_number else 1.0) * pace
        seconds = phrase_units(text, is_number, script.language) / per_second
        clips.append(np.zeros(max(1, int(round(seconds * NOMINAL_RATE))), np.float32))
        pauses.append(pause if clips[:-1] else None)
    return Speech(tuple(clips), tuple(pauses), NOMINAL_RATE, ANNOUNCER, f"plain rate {rate}", pace, paced=True)


_SPEAKERS = {
    ESPEAK: speak_espeak,
    GTTS: speak_gtts,
    RECORDED: speak_recorded,
    PIPER: speak_piper,
    "announcer": speak_announcer,  # a person reading live (announcer.py): lengths only
}


def speak(script: SpotScript, localized: LocalizedCampaign, engines: Sequence[str], pace: float = 1.0) -> Speech:
    """First engine in the campaign's order that can speak this language; VoiceUnavailable
    (a finding for this language) when none can."""
    reasons: list[str] = []
    for name in engines:
        try:
            return _SPEAKERS[name](script, localized, pace)
        except EngineUnavailable as exc:
            reasons.append(str(exc))
        except NetworkUnavailable as exc:
            reasons.append(exc.format_message())
    raise VoiceUnavailable(
        f"no voice could speak {localized.language.english_name} ({localized.tag}): {'; '.join(reasons)} - "
        f'import a recording of the script under [radio.recordings] {localized.tag} = "file.wav"',
        language=localized.tag,
        target=script.spot_id,
    )
