"""Live reads: what a card asks an announcer to do, and whether a person can do it.

A card's read time is composed like a spot (compose.py) with an announcer reading at the
language's plain rate (announcer.py): paced within the natural range, filled as [delivery]
fill allows (the number once more, the closing line), or refused with the same
`spot-length` finding a voice would get. Where a voice speaks the language, the read time
is never less than that voice's fastest reading of the same words: no card asks a person to
beat the synthesizer. Beside a recording, the card gives the recording's own speech time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import SpotScript
from campaigngen.exceptions import ChecksFailed, SpotTooLong, VoiceUnavailable
from campaigngen.renderers.radio import timeline
from campaigngen.renderers.radio.announcer import ANNOUNCER
from campaigngen.renderers.radio.compose import (
    FASTEST_PACE,
    SLOWEST_PACE,
    Composition,
    Fill,
    compose,
    spoken_length,
)
from campaigngen.renderers.radio.engines import speak
from campaigngen.sources.broadcast import ESPEAK, PIPER, LoudnessPreset
from campaigngen.sources.campaign import SpotSpec


@dataclass(frozen=True)
class LiveRead:
    script: SpotScript  # as the announcer reads it, fillers included
    read_s: float  # first word to last, the time the card asks for
    plain_s: float  # the same words at the plain rate with natural pauses
    voice_s: float | None  # the fastest a voice here reads these words (None: no voice)
    fill: Fill
    booked_s: int
    fits: bool  # read_s within the booking (a card beside a recording may say it does not)

    @property
    def read_seconds(self) -> int:
        """The read time in whole seconds, rounded up: never less than what was measured."""
        return max(1, math.ceil(self.read_s - 1e-6))


def live_read(
    localized: LocalizedCampaign, spot: SpotSpec, preset: LoudnessPreset, audio: Composition | None = None
) -> LiveRead:
    """The card's reading. Without audio: composed for an announcer, SpotTooLong or
    SpotCannotFill when no plain reading fills the booking (or a voice here cannot say the
    words as fast as the booking needs). Beside audio: its script, at least its speech time."""
    frame = timeline.window(spot.seconds, head_max_s=preset.head_max_s, tail_max_s=preset.tail_max_s)
    if audio is not None:
        script, fill = audio.script, audio.fill
        plain = speak(script, localized, (ANNOUNCER,))
        plain_s = spoken_length(plain, 0.0)
        # A person aims for the booking within the natural range, and never under the recording.
        quickest, slowest = spoken_length(plain, -1.0, FASTEST_PACE), spoken_length(plain, 1.0, SLOWEST_PACE)
        read_s = max(audio.speech_s, min(max(frame.target_s, quickest), slowest))
        return LiveRead(script, read_s, plain_s, audio.speech_s, fill, spot.seconds, read_s <= frame.longest_s)
    composed = compose(localized, spot, preset, (ANNOUNCER,), live=True)
    script = composed.script
    plain_s = spoken_length(speak(script, localized, (ANNOUNCER,)), 0.0)
    voice_s = fastest_voice_s(localized, script)
    read_s = max(composed.speech_s, voice_s or 0.0)
    if read_s > frame.longest_s:
        raise SpotTooLong(
            spot_id=spot.id,
            language=localized.tag,
            measured_s=read_s + timeline.LEAD_IN_S + timeline.MIN_TAIL_S,
            booked_s=spot.seconds,
            what=f"the live read (as fast as the {localized.language.english_name} voice can say it)",
        )
    return LiveRead(script, read_s, plain_s, voice_s, composed.fill, spot.seconds, True)


def fastest_voice_s(localized: LocalizedCampaign, script: SpotScript) -> float | None:
    """The shortest time a voice installed here says the script in (fastest natural pace,
    shortest pauses), or None where no voice that can be paced speaks the language."""
    from campaigngen.renderers.radio.voices import will_speak

    order: Sequence[str] = [e for e in localized.campaign.radio.engines_for(localized.tag) if e in (ESPEAK, PIPER)]
    if not order or not will_speak(localized):
        return None
    try:
        speech = speak(script, localized, order, FASTEST_PACE)
    except (VoiceUnavailable, ChecksFailed):
        return None
    return spoken_length(speech, -1.0) if speech.paced else None


__all__ = ["LiveRead", "fastest_voice_s", "live_read"]
