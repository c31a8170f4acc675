"""Composing a spot to its booked length: no dead air, nothing rushed.

Stations want sound from the first half second to the last second of a spot. espeak reads
the sample script in 18-29 s, so a 30 s booking needs more than a voice and silence. In
order, the composer:

1. paces the reading within a natural range: speaking rate 85-115 % of the voice's own,
   pauses between their shortest and longest (timeline.PAUSES), both moved together so
   a slower reading also breathes longer;
2. adds what the campaign allows ([delivery] fill): the number once more, a closing line,
   the whole script said again (where listed), then the music bed carrying the last seconds;
3. and only then reports that the booking cannot be filled, naming the shorter booking the
   speech would fill (SpotCannotFill). It never pads more than the tail tolerance with silence.

A voice that cannot be re-paced (a recording, gTTS) is placed as it is: it fits or it gets
the same finding. The gate calls compose() too, so `check` reports what `build` would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import SpotScript, count_spoken_words, filled_script, spot_script
from campaigngen.exceptions import SpotCannotFill, SpotTooLong
from campaigngen.renderers.radio import timeline
from campaigngen.renderers.radio.engines import NUMBER_RATE_WPM, Speech, phrases, speak, spoken_numbers
from campaigngen.renderers.radio.timeline import SpotTimeline
from campaigngen.sources.broadcast import FILL_BED, FILL_CLOSING, FILL_NUMBER, FILL_SCRIPT, LoudnessPreset
from campaigngen.sources.campaign import SPOT_LENGTHS, SpotSpec
from campaigngen.sources.registry import facts

SLOWEST_PACE = 0.85  # slower than this espeak drawls; people hear it as a fault, not as care
FASTEST_PACE = 1.15  # faster than this a listener loses the digits
BED_OUTRO_S = 4.0  # the music bed may carry the last seconds alone ("music up and out")
_WORDLIKE = re.compile(r"\w")  # a script line with no word in it is not spoken (engines.phrases)
_ROUNDS = 3  # re-paced syntheses per try; the pause stretch then lands the length exactly
# A voice that says the number's digits this much slower than the plain number rate (125 words
# a minute: 0.48 s a digit, the rate the word budget and a live read give them) spends the
# booking on its digit words, not on the script: espeak-ng's Tigrinya took 11.2 s for the
# eleven digits, 1.02 s each. The fix is the voice's rate_scale, not fewer words. Measured at
# the registry's rates: most voices 0.29-0.56 s a digit; Indonesian 0.61, Oromo 0.61, Amharic
# 0.64, Arabic 0.70, Tigrinya 0.73, K'iche' 0.78.
SLOW_DIGITS = 1.25


@dataclass(frozen=True)
class Fill:
    """What was added to the script (or allowed) to fill the booking."""

    number_again: bool = False
    closing: str | None = None
    bed: bool = False
    script_again: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(
            name
            for name, used in (
                (FILL_SCRIPT, self.script_again),
                (FILL_NUMBER, self.number_again),
                (FILL_CLOSING, self.closing),
                (FILL_BED, self.bed),
            )
            if used
        )


@dataclass(frozen=True)
class Composition:
    """The spot's speech laid out to fill its booking (at the engine's rate, unmastered)."""

    samples: np.ndarray  # first sound to last sound, pauses included
    sample_rate: int
    head_s: float  # where it starts in the spot
    speech: Speech
    script: SpotScript  # what is said, fillers included
    stretch: float  # pauses: -1 shortest .. 0 natural .. 1 longest
    fill: Fill

    @property
    def speech_s(self) -> float:
        return len(self.samples) / self.sample_rate

    def timeline(self, booked_s: int) -> SpotTimeline:
        """Each script line's start and end in the placed spot (the speech starts at head_s)."""
        spoken = [i for i, segment in enumerate(self.script.segments) if _WORDLIKE.search(segment)]
        rate = self.sample_rate
        spans = timeline.clip_spans(self.speech.clips, self.speech.pauses, rate, self.stretch)
        estimated = len(spans) == 1 and len(spoken) > 1
        if estimated:
            sizes = [len(self.script.segments[i]) for i in spoken]
            per_line = timeline.share_out(self.samples, rate, sizes)
        else:
            # A phrase after a sentence pause (or the first) opens the next spoken line.
            per_line = []
            for (start, end), kind in zip(spans, self.speech.pauses):
                if kind in (None, timeline.SENTENCE) or not per_line:
                    per_line.append((start, end))
                else:
                    per_line[-1] = (per_line[-1][0], end)
        ids = self.script.message_ids or (None,) * len(self.script.segments)
        lines = tuple(
            timeline.SpokenLine(
                self.script.segments[index],
                ids[index] if index < len(ids) else None,
                round(self.head_s + start / rate, 4),
                round(self.head_s + end / rate, 4),
            )
            for index, (start, end) in zip(spoken, per_line)
        )
        return SpotTimeline(lines, booked_s, estimated)


def fills(localized: LocalizedCampaign, *, bed: bool = True) -> list[Fill]:
    """What the campaign allows, tried in order: nothing added, the number once more, a
    closing line, both; then each again with the music bed carrying the last seconds (not
    for a live read: bed=False)."""
    delivery = localized.campaign.delivery
    allowed = set(delivery.fill)
    numbers = [False, True] if FILL_NUMBER in allowed else [False]
    closings = [None, delivery.closing] if FILL_CLOSING in allowed and delivery.closing else [None]
    spoken = [Fill(number, closing) for closing in closings for number in numbers]
    if FILL_SCRIPT in allowed:  # the whole script again: more than any single line, so tried after them
        spoken += [Fill(number, closing, script_again=True) for closing in closings for number in numbers]
    if bed and FILL_BED in allowed and localized.campaign.radio.music_bed is not None:
        spoken += [Fill(f.number_again, f.closing, bed=True, script_again=f.script_again) for f in spoken]
    return spoken


def _frame(spot: SpotSpec, preset: LoudnessPreset, bed: bool, booked: int | None = None) -> timeline.Window:
    return timeline.window(
        booked or spot.seconds,
        head_max_s=preset.head_max_s,
        tail_max_s=preset.tail_max_s,
        outro_s=BED_OUTRO_S if bed else 0.0,
    )


def _length(speech: Speech, stretch: float) -> float:
    return speech.voiced_s + timeline.pauses_total_s(speech.pauses, stretch)


def spoken_length(speech: Speech, stretch: float, pace: float | None = None) -> float:
    """Seconds from the first word to the last at this pause stretch (-1 shortest .. 1
    longest); with pace, as a reading at that pace would take the phrases (a phrase's length
    scales as 1/pace)."""
    voiced = speech.voiced_s if pace is None else speech.voiced_s * speech.pace / pace
    return voiced + timeline.pauses_total_s(speech.pauses, stretch)


def _plan(natural_voiced_s: float, pauses: Sequence[str | None], target_s: float) -> tuple[float, float]:
    """(pace, stretch) that reach target_s, assuming phrase lengths scale as 1/pace. Pace and
    pauses move together along one dial u: -1 fastest and shortest .. 1 slowest and longest."""

    def at(u: float) -> tuple[float, float]:
        pace = 1.0 - u * (1.0 - SLOWEST_PACE) if u >= 0 else 1.0 - u * (FASTEST_PACE - 1.0)
        return pace, u

    def length(u: float) -> float:
        pace, stretch = at(u)
        return natural_voiced_s / pace + timeline.pauses_total_s(pauses, stretch)

    low, high = -1.0, 1.0
    if target_s <= length(low):
        return at(low)
    if target_s >= length(high):
        return at(high)
    for _ in range(40):  # length rises with u: bisection
        middle = (low + high) / 2
        low, high = (middle, high) if length(middle) < target_s else (low, middle)
    return at((low + high) / 2)


@dataclass(frozen=True)
class _Try:
    speech: Speech
    stretch: float
    length_s: float
    reach: tuple[float, float]  # shortest and longest this script could be read in


def _fit(say: Callable[[float], Speech], frame: timeline.Window) -> _Try:
    """The reading closest to the frame's target, within the natural range."""
    speech = say(1.0)
    if not speech.paced:
        length = _length(speech, 0.0)
        return _Try(speech, 0.0, length, (length, length))
    natural = speech.voiced_s
    reach = (
        natural / FASTEST_PACE + timeline.pauses_total_s(speech.pauses, -1.0),
        natural / SLOWEST_PACE + timeline.pauses_total_s(speech.pauses, 1.0),
    )
    for _ in range(_ROUNDS):
        if _length(speech, -1.0) <= frame.target_s <= _length(speech, 1.0):
            break
        pace, _ = _plan(natural, speech.pauses, frame.target_s)
        if abs(pace - speech.pace) < 0.005:
            break
        speech = say(pace)
        natural = speech.voiced_s * speech.pace  # corrected: what this voice really does
    pauses_s = frame.target_s - speech.voiced_s
    stretch = timeline.stretch_for(speech.pauses, pauses_s)
    return _Try(speech, stretch, _length(speech, stretch), reach)


def compose(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    preset: LoudnessPreset,
    engines: Sequence[str] | None = None,
    *,
    live: bool = False,
) -> Composition:
    """The first reading, with the fewest additions, that fills the booking; SpotTooLong or
    SpotCannotFill (both 'spot-length' findings) when none can. live: a person reads it on
    air (announcer.py), so no music bed can carry the end."""
    order = tuple(engines or localized.campaign.radio.engines_for(localized.tag))
    base = spot_script(localized, spot)
    tried: list[tuple[Fill, _Try]] = []
    for fill in fills(localized, bed=not live):
        script = filled_script(
            localized, base, number_again=fill.number_again, closing=fill.closing, script_again=fill.script_again
        )
        frame = _frame(spot, preset, fill.bed)
        attempt = _fit(partial(speak, script, localized, order), frame)
        tried.append((fill, attempt))
        if frame.fits(attempt.length_s):
            speech = attempt.speech
            samples = timeline.lay(speech.clips, speech.pauses, speech.sample_rate, attempt.stretch)
            return Composition(
                samples,
                speech.sample_rate,
                timeline.head_for(attempt.length_s, frame),
                speech,
                script,
                attempt.stretch,
                fill,
            )
        if fill == Fill() and attempt.reach[0] > frame.longest_s:
            break  # too long already: adding more cannot help
        if not attempt.speech.paced and not fill.bed:
            continue  # a recording or online voice: only the music bed can help it
    raise _refusal(localized, spot, preset, tried, "live read" if live else "speech", base)


def _fill_advice(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    best: _Try,
    shorter: list[int],
    overshoot: list[tuple[Fill, _Try]],
) -> str:
    """What to do about a booking the script cannot fill: a shorter booking or more lines; an
    addition that overshoots, named; a closing line or the script said again, where allowed."""
    advice = f"book a :{shorter[-1]} instead" if shorter else "add lines to the script"
    if overshoot:
        f_over, t_over = min(overshoot, key=lambda pair: pair[1].reach[0])
        said = _said([_FILLER_WORDS[name] for name in f_over.names]).strip(" ,")
        advice += f" ({said} it runs {t_over.reach[0]:.1f} s at the fastest, too long for the booking)"
    if not best.speech.paced:
        return (
            f"{advice}, or record a longer reading"
            if shorter
            else "record a reading that fills the spot, or book a shorter one"
        )
    closing = localized.campaign.delivery.closing
    if not closing or closing in spot.script:
        named = f"'{closing}' is said in the script already, so it adds nothing; " if closing else ""
        advice += f' (or name a closing line: {named}[delivery] closing = "message id")'
    if FILL_SCRIPT not in localized.campaign.delivery.fill:
        advice += ' (or let the script be said again: [delivery] fill = [..., "script"])'
    return advice


def slow_number(localized: LocalizedCampaign, script: SpotScript, speech: Speech) -> dict[str, float] | None:
    """How long the voice takes over the spoken number, when its digits run SLOW_DIGITS times
    the plain number rate or slower (at its natural pace); None when they do not, or when the
    speech cannot tell (a recording, an online voice: one clip for the whole script)."""
    said = phrases(script, spoken_numbers(localized))
    if not speech.paced or len(said) != len(speech.clips):
        return None
    number = [(clip, text) for clip, (text, is_number, _) in zip(speech.clips, said) if is_number]
    digits = sum(count_spoken_words(text, script.language) for _, text in number)
    if not digits:
        return None
    seconds = sum(len(clip) for clip, _ in number) / speech.sample_rate * speech.pace
    per_digit, plain = seconds / digits, 60 / NUMBER_RATE_WPM
    if per_digit < SLOW_DIGITS * plain:
        return None
    return {"seconds": round(seconds, 2), "digits": digits, "per_digit_s": round(per_digit, 3), "plain_s": plain}


def _voice_fix(localized: LocalizedCampaign, number: Mapping[str, float] | None) -> str:
    if number is None:
        return ""
    entry = facts(localized.tag)
    scale = entry.voice.rate_scale if entry is not None else 1.0
    return (
        f"the number's {number['digits']:g} spoken digits take {number['seconds']:.1f} s of it "
        f"({number['per_digit_s']:.2f} s a digit, where {number['plain_s']:.2f} s is plain): the voice says "
        f"the digit words slowly, so raise rate_scale "
        f"under [{localized.tag}.voice] in languages.toml (now {scale:g}) before cutting words, or "
    )


def _refusal(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    preset: LoudnessPreset,
    tried: list[tuple[Fill, _Try]],
    what: str,
    script: SpotScript,
) -> Exception:
    first_fill, first = tried[0]
    frame = _frame(spot, preset, False)
    if first.reach[0] > frame.longest_s:
        longer = [
            b for b in SPOT_LENGTHS if b > spot.seconds and _frame(spot, preset, False, b).longest_s >= first.reach[0]
        ]
        number = slow_number(localized, script, first.speech)
        return SpotTooLong(
            spot_id=spot.id,
            language=localized.tag,
            measured_s=first.reach[0] + timeline.LEAD_IN_S + timeline.MIN_TAIL_S,
            booked_s=spot.seconds,
            fits=f" or book a :{longer[0]}" if longer else "",
            what=what,
            voice_fix=_voice_fix(localized, number),
            number=number,
        )
    # The longest reading that is not too long: an addition that overshoots (the number said
    # twice where once is too short) is named as such, not counted as filling.
    fitting = [(f, t) for f, t in tried if t.reach[0] <= _frame(spot, preset, f.bed).longest_s]
    fill, best = max(fitting or tried[:1], key=lambda pair: pair[1].reach[1])
    overshoot = [
        (f, t) for f, t in tried if t.reach[0] > _frame(spot, preset, f.bed).longest_s and f.names and f != fill
    ]
    shorter = [
        b
        for b in SPOT_LENGTHS
        if b < spot.seconds
        and any(
            _frame(spot, preset, f.bed, b).shortest_s <= t.reach[1]
            and t.reach[0] <= _frame(spot, preset, f.bed, b).longest_s
            for f, t in tried
        )
    ]
    added = _said([_FILLER_WORDS[name] for name in fill.names]) or ","
    advice = _fill_advice(localized, spot, best, shorter, overshoot)
    dead = spot.seconds - timeline.LEAD_IN_S - best.reach[1]
    return SpotCannotFill(
        what=what,
        spot_id=spot.id,
        language=localized.tag,
        longest_s=best.reach[1],
        booked_s=spot.seconds,
        dead_air_s=dead,
        tail_max_s=preset.tail_max_s,
        added=added,
        advice=advice,
    )


_FILLER_WORDS = {
    FILL_NUMBER: "the number once more",
    FILL_CLOSING: "the closing line",
    FILL_SCRIPT: "the script said again",
    FILL_BED: "the music bed",
}


def _said(parts: list[str]) -> str:
    if not parts:
        return ""
    return " with " + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]) + ","


__all__ = [
    "BED_OUTRO_S",
    "FASTEST_PACE",
    "SLOWEST_PACE",
    "Composition",
    "Fill",
    "compose",
    "fills",
    "spoken_length",
]
