"""Radio spots: the script spoken in the listener's language, delivered the way stations air it.

    render_spot(localized, spot, out_dir)  -> [WAV (Broadcast WAV), MP3, script sheet(, card)] Artifacts
    voice_support(tag)                      -> can this language be spoken offline?
    PRESETS                                 -> delivery loudness standards

Pipeline: script (catalogs/spoken) -> composed to fill the booking (compose: engine, pace,
pauses, fillers) -> resample to the delivery rate -> placed after a short lead-in -> loudness
normalise + true-peak limit -> 16-bit (mono or dual-mono) -> measured: length, loudness, true
peak, head/tail/gaps -> MP3 encoded until its decoded level matches -> facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from campaigngen import __version__
from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import SpotScript, spot_script
from campaigngen.checks.audio import (
    PRESETS,
    AudioMeasurement,
    LoudnessPreset,
    air_time,
    audio_findings,
    dead_air_findings,
    integrated_lufs,
    measure_samples,
)
from campaigngen.checks.findings import Finding
from campaigngen.clock import made_at
from campaigngen.exceptions import ChecksFailed, DeadAir, RecordingUnusable
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.radio import dynamics, timeline
from campaigngen.renderers.radio.bwf import Bext, write_bwf
from campaigngen.renderers.radio.cart import (
    AUDIO_END,
    AUDIO_START,
    INTRO_END,
    INTRO_START,
    SEGUE_START,
    Cart,
    PostTimer,
    air_window,
    ascii_text,
)
from campaigngen.renderers.radio.compose import Composition, compose
from campaigngen.renderers.radio.engines import Speech
from campaigngen.renderers.radio.mp3 import BITRATE_KBPS, Id3Tags, levelled, write_mp3
from campaigngen.renderers.radio.sheet import script_sheet
from campaigngen.renderers.radio.voices import VoiceSupport, voice_support
from campaigngen.sources.broadcast import CHANNEL_LAYOUTS, ESPEAK, PIPER, RECORDED
from campaigngen.sources.campaign import Campaign, SpotSpec

ORIGINATOR = "campaigngen"
MP3_TOLERANCE_LU = 0.1  # the decoded MP3 against the target: stations compare it with the WAV


def preset_named(localized: LocalizedCampaign, name: str | None) -> LoudnessPreset:
    return PRESETS[name or localized.campaign.radio.preset]  # names are validated with the campaign


def file_stem(campaign: Campaign, language_tag: str, spot: SpotSpec) -> str:
    """help-is-here_es_30s_HIH-ES-030: campaign, language, length and spot code, so every
    file is unique across languages and a traffic desk can log it by its name alone."""
    return f"{campaign.id}_{language_tag}_{spot.seconds}s_{campaign.spot_code(language_tag, spot)}"


@dataclass(frozen=True)
class SpotVoice:
    """The spot's speech at the delivery rate, composed to fill the booking."""

    samples: np.ndarray  # first sound to last, at the delivery rate
    speech: Speech
    script: SpotScript  # as spoken, fillers included
    composition: Composition

    @property
    def head_s(self) -> float:
        return self.composition.head_s


def spot_voice(
    localized: LocalizedCampaign, spot: SpotSpec, delivery: LoudnessPreset, engines: Sequence[str] | None = None
) -> SpotVoice:
    """Speak the script with the first engine that can, composed to fill the booking, at the
    delivery rate; refuse (SpotTooLong, SpotCannotFill, VoiceUnavailable, RecordingUnusable)
    what cannot air. The gate calls this too, so `check` measures the same speech `build`
    renders."""
    composed = compose(localized, spot, delivery, engines)
    voice = timeline.resample(composed.samples, composed.sample_rate, delivery.sample_rate)
    return SpotVoice(voice, composed.speech, composed.script, composed)


def will_speak(localized: LocalizedCampaign) -> bool:
    """Will a spot be attempted for this language? A language with no usable offline voice
    (espeak-ng, or an installed Piper voice the campaign lists), no recording and no online
    engine asked for gets a script sheet instead (not a failure)."""
    radio = localized.campaign.radio
    order = radio.engines_for(localized.tag)
    if radio.recording_for(localized.tag) is not None or any(e not in (ESPEAK, PIPER) for e in order):
        return True
    if ESPEAK in order and voice_support(localized.tag).usable:
        return True
    if PIPER in order:
        from campaigngen.renderers.radio.piper import installed_voice

        return installed_voice(localized.tag) is not None
    return False


def _placed(voiced: SpotVoice, rate: int, booked_seconds: int, music_bed: bytes | None) -> np.ndarray:
    placed = timeline.place(voiced.samples, rate, booked_seconds, voiced.head_s)
    if music_bed is not None:
        from campaigngen.renderers.radio.music import mix_bed

        placed = mix_bed(placed, rate, music_bed)  # the mix is what airs, so the mix is normalised
    return placed


def spot_findings(localized: LocalizedCampaign, spot: SpotSpec) -> list[Finding]:
    """What rendering this spot would fail on, from real synthesis composed to its booking:
    the length (spot-length), and the silences a station's detector would find (dead-air),
    predicted at the delivery level without mastering or encoding."""
    delivery = preset_named(localized, None)
    try:
        voiced = spot_voice(localized, spot, delivery)
    except ChecksFailed as exc:
        return [Finding(exc.check, localized.tag, None, exc.format_message(), target=spot.id)]
    bed = localized.campaign.radio.music_bed
    placed = _placed(voiced, delivery.sample_rate, spot.seconds, bed.data if bed is not None else None)
    loudness = integrated_lufs(placed, delivery.sample_rate)
    if np.isfinite(loudness):
        placed = placed * dynamics.db_to_gain(delivery.target_lufs - loudness)
    return dead_air_findings(
        air_time(placed, delivery.sample_rate),
        delivery,
        language=localized.tag,
        spot_id=spot.id,
        source="predicted from the composed speech",
    )


def master(
    voiced: SpotVoice, preset: LoudnessPreset, booked_seconds: int, *, music_bed: bytes | None = None, channels: int = 1
) -> np.ndarray:
    """Speech at the delivery rate -> 16-bit samples, exactly booked_seconds long; for two
    channels the same signal twice, each 3 dB down so the pair measures the target."""
    rate = preset.sample_rate
    # Normalise the spot as it will be measured, lead-in and tail included: BS.1770's 400 ms
    # blocks straddle the ends differently on the bare speech (measured 0.04 LU apart).
    placed = _placed(voiced, rate, booked_seconds, music_bed)
    per_channel = replace(preset, target_lufs=preset.target_lufs - 10.0 * np.log10(channels))
    pcm = dynamics.to_pcm16(dynamics.normalise(placed, rate, per_channel))
    return pcm if channels == 1 else np.stack([pcm] * channels, axis=1)


def _reference(campaign_id: str, language: str, spot_id: str, samples: np.ndarray) -> str:
    """Unique per file content (bext OriginatorReference), without any personal data."""
    return hashlib.sha1(f"{campaign_id}/{language}/{spot_id}".encode() + samples.tobytes()).hexdigest()[:32]


def spot_cart(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    script: SpotScript,
    composition: Composition,
    rate: int,
    frames: int,
    title: str,
    made: dt.datetime,
    bit_depth: int = 16,
) -> Cart:
    """The spot as automation files it: title, advertiser, cut ID, PSA, language, the last
    words heard, the days it may air, and timers at the first and the last word."""
    campaign = localized.campaign
    first_word = int(round(composition.head_s * rate))
    last_word = min(frames, int(round((composition.head_s + composition.speech_s) * rate)))
    start, end = air_window(campaign.traffic.start, campaign.traffic.kill, made)
    last_words = ascii_text(script.segments[-1]) if script.segments else ""
    if len(last_words) > 64:  # the end of the last sentence, from a word's start
        tail = last_words[-61:]
        last_words = "..." + (tail.split(" ", 1)[1] if " " in tail else tail)
    return Cart(
        title=title,
        artist=campaign.advertiser,
        cut_id=campaign.spot_code(localized.tag, spot),
        client_id=campaign.advertiser,
        category="PSA",
        classification=f"{localized.tag} {localized.language.english_name} :{spot.seconds}",
        out_cue=last_words,
        start=start,
        end=end,
        producer_app=ORIGINATOR,
        producer_version=__version__,
        level_reference=2 ** (bit_depth - 1),
        timers=(
            PostTimer(AUDIO_START, 0),
            PostTimer(INTRO_START, 0),
            PostTimer(INTRO_END, first_word),
            PostTimer(SEGUE_START, last_word),
            PostTimer(AUDIO_END, frames),
        ),
        url=campaign.contact.url or "",
    )


def render_spot(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    out_dir: Path,
    *,
    preset: str | None = None,
    engines: Sequence[str] | None = None,
) -> list[Artifact]:
    """Write <stem>.wav, <stem>.mp3 and <stem>_script.txt (and the live-read card when the
    campaign asks for cards in every language) into out_dir."""
    delivery = preset_named(localized, preset)
    campaign = localized.campaign
    tag = localized.tag
    voiced = spot_voice(localized, spot, delivery, engines)
    script, speech = voiced.script, voiced.speech
    bed = campaign.radio.music_bed
    channels = CHANNEL_LAYOUTS[campaign.delivery.channels]
    try:
        pcm = master(voiced, delivery, spot.seconds, music_bed=bed.data if bed is not None else None, channels=channels)
    except dynamics.LoudnessNotReached as exc:
        if speech.engine == RECORDED:
            raise RecordingUnusable(
                f"radio.recordings.{tag} ({speech.voice}): cannot be brought to loudness ({exc}) - re-record "
                f"without clipping or long noise bursts",
                language=tag,
                target=spot.id,
            ) from None
        raise ChecksFailed(f"spot '{spot.id}' [{tag}] ({speech.engine}): {exc}", language=tag, target=spot.id) from None
    rate = delivery.sample_rate
    as_float = pcm.astype(np.float32) / 32768.0
    measured: AudioMeasurement = measure_samples(as_float, rate, bit_depth=16)
    air = air_time(as_float, rate)
    # What a station's ingest would reject must never be written: check before any file exists.
    rejected = [
        f for f in audio_findings(measured, spot.seconds, delivery, language=tag, spot_id=spot.id) if f.blocking
    ]
    if rejected:
        raise ChecksFailed(f"spot '{spot.id}' [{tag}]: {rejected[0].text}", language=tag, target=spot.id)
    silent = dead_air_findings(air, delivery, language=tag, spot_id=spot.id)
    if silent:
        raise DeadAir(f"spot '{spot.id}' [{tag}]: {silent[0].text}", language=tag, target=spot.id)
    mp3 = levelled(as_float, rate, delivery.target_lufs, delivery.true_peak_max_dbtp)
    if (
        abs(mp3.loudness_lufs - delivery.target_lufs) > MP3_TOLERANCE_LU
        or mp3.true_peak_dbtp > delivery.true_peak_max_dbtp
    ):
        raise ChecksFailed(
            f"spot '{spot.id}' [{tag}]: the MP3 decodes at {mp3.loudness_lufs:.2f} LUFS, true peak "
            f"{mp3.true_peak_dbtp:.2f} dBTP; {delivery.standard} wants {delivery.target_lufs:g} LUFS "
            f"under {delivery.true_peak_max_dbtp:g} dBTP",
            language=tag,
            target=spot.id,
        )

    out_dir = Path(out_dir)
    stem = file_stem(campaign, tag, spot)
    code = campaign.spot_code(tag, spot)
    wav_path, mp3_path, sheet_path = out_dir / f"{stem}.wav", out_dir / f"{stem}.mp3", out_dir / f"{stem}_script.txt"
    title = f"{code} {campaign.name} - {spot.seconds} s spot ({localized.language.english_name})"
    if localized.draft:
        # Unreviewed translation: the label says so wherever the file travels.
        title = f"DRAFT - NOT FOR AIR - {title}"
    now = made_at()
    layout = campaign.delivery.channels
    composition = voiced.composition
    write_bwf(
        wav_path,
        pcm,
        rate,
        Bext(
            description=f"{code} | {campaign.advertiser} | {title} | {campaign.id} {spot.id} {tag}",
            originator=ORIGINATOR,
            originator_reference=_reference(campaign.id, tag, spot.id, pcm),
            origination=now,
            loudness_lufs=measured.loudness_lufs,
            loudness_range_lu=measured.loudness_range_lu,
            max_true_peak_dbtp=measured.true_peak_dbtp,
            max_momentary_lufs=measured.max_momentary_lufs,
            max_short_term_lufs=measured.max_short_term_lufs,
            coding_history=f"A=PCM,F={rate},W=16,M={'mono' if channels == 1 else 'dual-mono'},T={ORIGINATOR} "
            f"{speech.engine}",
        ),
        cart=spot_cart(localized, spot, script, composition, rate, len(pcm), title, now),
    )
    bitrate = write_mp3(
        mp3_path,
        mp3.data,
        Id3Tags(
            title=title,
            campaign=campaign.name,
            campaign_id=campaign.id,
            language_iso639_2=localized.language.iso639_2,
            length_ms=spot.seconds * 1000,
            comment=f"{campaign.name}: public service announcement, {spot.seconds} s, {localized.language.english_name}; "
            f"{delivery.standard} {delivery.target_lufs:g} LUFS",
            advertiser=campaign.advertiser,
            date=now.date().isoformat(),
            spot_code=code,
        ),
    )
    write_bytes_atomic(
        sheet_path, script_sheet(localized, script, spot, engine=speech.engine, voice=speech.voice).encode("utf-8")
    )

    facts = {
        "duration_s": measured.duration_s,
        "frames": measured.frames,
        "loudness_lufs": round(measured.loudness_lufs, 2),
        "true_peak_dbtp": round(measured.true_peak_dbtp, 2),
        "max_short_term_lufs": round(measured.max_short_term_lufs, 2),
        "loudness_range_lu": round(measured.loudness_range_lu, 2),
        **air.as_facts(),
        "sample_rate": rate,
        "bit_depth": 16,
        "channels": channels,
        "channel_layout": layout,
        "preset": delivery.name,
        "engine": speech.engine,
        "voice": speech.voice,
        "pace": round(speech.pace, 3),
        "pause_stretch": round(composition.stretch, 3),
        "voice_s": round(composition.speech_s, 3),  # the voice alone, first word to last
        "voice_end_s": round(composition.head_s + composition.speech_s, 3),
        "filled_with": list(composition.fill.names),
        "music_bed": bed.path.name if bed is not None else None,
        "words": script.word_count,
        "spot_code": code,
        "advertiser": campaign.advertiser,
        "draft": localized.draft,
    }
    mp3_facts = {
        **facts,
        "loudness_lufs": round(mp3.loudness_lufs, 2),
        "true_peak_dbtp": round(mp3.true_peak_dbtp, 2),
        "bitrate_kbps": bitrate,
        "bitrate_mode": "CBR",
        "level_rounds": mp3.rounds,
    }
    artifacts = [
        Artifact(wav_path.resolve(), ArtifactKind.AUDIO, tag, spot.id, facts),
        Artifact(mp3_path.resolve(), ArtifactKind.AUDIO_MP3, tag, spot.id, mp3_facts),
        Artifact(
            sheet_path.resolve(),
            ArtifactKind.SCRIPT_SHEET,
            tag,
            spot.id,
            {"words": script.word_count, "booked_s": spot.seconds, "spot_code": code, "draft": localized.draft},
        ),
    ]
    return artifacts + _cards(localized, script, spot, out_dir, voiced=True)


__all__ = [
    "PRESETS",
    "LoudnessPreset",
    "VoiceSupport",
    "render_script_sheet",
    "render_spot",
    "voice_support",
    "master",
    "spot_voice",
    "spot_findings",
    "will_speak",
    "file_stem",
    "BITRATE_KBPS",
]


def render_script_sheet(
    localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path, *, preset: str | None = None, reason: str | None = None
) -> list[Artifact]:
    """Only the script sheet (and the live-read card): for a language with no usable voice,
    or whose spot could not be made, a station reads it live (or a person records it for
    radio.recordings)."""
    script = spot_script(localized, spot)
    note = reason or voice_support(localized.tag).note
    sheet_path = Path(out_dir) / f"{file_stem(localized.campaign, localized.tag, spot)}_script.txt"
    write_bytes_atomic(
        sheet_path, script_sheet(localized, script, spot, engine="read live or record", voice=note).encode("utf-8")
    )
    sheet = Artifact(
        sheet_path.resolve(),
        ArtifactKind.SCRIPT_SHEET,
        localized.tag,
        spot.id,
        {
            "words": script.word_count,
            "booked_s": spot.seconds,
            "draft": localized.draft,
            "spot_code": localized.campaign.spot_code(localized.tag, spot),
            "audio": False,
            "no_audio_reason": note,
        },
    )
    return [sheet] + _cards(localized, script, spot, Path(out_dir), voiced=False)


def _cards(
    localized: LocalizedCampaign, script: SpotScript, spot: SpotSpec, out_dir: Path, *, voiced: bool
) -> list[Artifact]:
    """The live-read card: always where there is no audio, everywhere when the campaign asks."""
    if voiced and localized.campaign.delivery.live_read_cards != "all":
        return []
    if localized.language.pseudo:
        return []  # pseudo-locales test the flyer layout, not an announcer
    from campaigngen.renderers.radio.card import render_card

    return [
        render_card(localized, script, spot, out_dir / f"{file_stem(localized.campaign, localized.tag, spot)}_card.pdf")
    ]
