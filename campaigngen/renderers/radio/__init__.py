"""Radio spots: the script spoken in the listener's language, delivered the way stations air it.

    render_spot(localized, spot, out_dir)  -> [WAV (Broadcast WAV), MP3, script sheet] Artifacts
    voice_support(tag)                      -> can this language be spoken offline?
    PRESETS                                 -> delivery loudness standards

Pipeline: script (catalogs/spoken) -> engine (espeak / gtts / recorded) -> resample to the
delivery rate -> length check -> loudness normalise + true-peak limit -> pad to the exact
booked sample count -> 16-bit -> measured from the written file -> facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import SpotScript, spot_script
from campaigngen.checks.audio import PRESETS, AudioMeasurement, LoudnessPreset, audio_findings, measure_samples
from campaigngen.checks.findings import Finding
from campaigngen.exceptions import ChecksFailed, RecordingUnusable
from campaigngen.renderers.artifacts import Artifact
from campaigngen.renderers.radio import dynamics, timeline
from campaigngen.atomic import write_bytes_atomic
from campaigngen.clock import made_at
from campaigngen.renderers.radio.bwf import Bext, write_bwf
from campaigngen.renderers.radio.engines import Speech, speak
from campaigngen.renderers.radio.mp3 import BITRATE_KBPS, Id3Tags, write_mp3
from campaigngen.renderers.radio.sheet import script_sheet
from campaigngen.renderers.radio.voices import VoiceSupport, voice_support
from campaigngen.sources.broadcast import RECORDED
from campaigngen.sources.campaign import SpotSpec

ORIGINATOR = "campaigngen"


def preset_named(localized: LocalizedCampaign, name: str | None) -> LoudnessPreset:
    return PRESETS[name or localized.campaign.radio.preset]  # names are validated with the campaign


@dataclass(frozen=True)
class SpotVoice:
    """The spot's speech at the delivery rate, checked to fit the booking."""

    samples: np.ndarray
    speech: Speech
    script: SpotScript


def spot_voice(localized: LocalizedCampaign, spot: SpotSpec, delivery: LoudnessPreset,
               engines: Sequence[str] | None = None) -> SpotVoice:
    """Speak the script with the first engine that can, at the delivery rate, and refuse
    (SpotTooLong, VoiceUnavailable, RecordingUnusable) what cannot air. The gate calls this
    too, so `check` measures the same speech `build` renders."""
    script = spot_script(localized, spot)
    speech = speak(script, localized, tuple(engines or localized.campaign.radio.engines_for(localized.tag)))
    voice = timeline.resample(speech.samples, speech.sample_rate, delivery.sample_rate)
    timeline.check_fits(voice, delivery.sample_rate, spot.seconds, spot_id=spot.id, language=localized.tag)
    return SpotVoice(voice, speech, script)


def will_speak(localized: LocalizedCampaign) -> bool:
    """Will a spot be attempted for this language? A language with no usable offline voice
    and no recording or online engine asked for gets a script sheet instead (not a failure)."""
    radio = localized.campaign.radio
    return (voice_support(localized.tag).usable or radio.recording_for(localized.tag) is not None
            or radio.engines_for(localized.tag)[:1] != ("espeak",))


def spot_findings(localized: LocalizedCampaign, spot: SpotSpec) -> list[Finding]:
    """What rendering this spot would fail on, measured from real synthesis (tens of ms a spot
    with espeak), without mastering or encoding."""
    try:
        spot_voice(localized, spot, preset_named(localized, None))
    except ChecksFailed as exc:
        return [Finding(exc.check, localized.tag, None, exc.format_message(), target=spot.id)]
    return []


def master(voice: np.ndarray, preset: LoudnessPreset, booked_seconds: int, *, spot_id: str,
           language: str, music_bed: bytes | None = None) -> np.ndarray:
    """Speech at the delivery rate -> 16-bit samples, exactly booked_seconds long."""
    rate = preset.sample_rate
    # Normalise the spot as it will be measured, lead-in and tail included: BS.1770's 400 ms
    # blocks straddle the ends differently on the bare speech (measured 0.04 LU apart).
    placed = timeline.fit_to_booking(voice, rate, booked_seconds, spot_id=spot_id, language=language)
    if music_bed is not None:
        from campaigngen.renderers.radio.music import mix_bed

        placed = mix_bed(placed, rate, music_bed)  # the mix is what airs, so the mix is normalised
    placed = dynamics.normalise(placed, rate, preset)
    return dynamics.to_pcm16(placed)


def _reference(campaign_id: str, language: str, spot_id: str, samples: np.ndarray) -> str:
    """Unique per file content (bext OriginatorReference), without any personal data."""
    return hashlib.sha1(f"{campaign_id}/{language}/{spot_id}".encode() + samples.tobytes()).hexdigest()[:32]


def render_spot(localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path, *, preset: str | None = None,
                engines: Sequence[str] | None = None) -> list[Artifact]:
    """Write spot-<id>.wav, spot-<id>.mp3 and spot-<id>-script.txt into out_dir."""
    delivery = preset_named(localized, preset)
    campaign = localized.campaign
    tag = localized.tag
    voiced = spot_voice(localized, spot, delivery, engines)
    script, speech = voiced.script, voiced.speech
    bed = campaign.radio.music_bed
    try:
        pcm = master(voiced.samples, delivery, spot.seconds, spot_id=spot.id, language=tag,
                     music_bed=bed.data if bed is not None else None)
    except dynamics.LoudnessNotReached as exc:
        if speech.engine == RECORDED:
            raise RecordingUnusable(f"radio.recordings.{tag} ({speech.voice}): cannot be brought to loudness ({exc}) - re-record "
                                    f"without clipping or long noise bursts", language=tag, target=spot.id) from None
        raise ChecksFailed(f"spot '{spot.id}' [{tag}] ({speech.engine}): {exc}", language=tag,
                           target=spot.id) from None
    rate = delivery.sample_rate
    as_float = pcm.astype(np.float32) / 32768.0
    measured: AudioMeasurement = measure_samples(as_float, rate, bit_depth=16)
    # What a station's ingest would reject must never be written: check before any file exists.
    rejected = [f for f in audio_findings(measured, spot.seconds, delivery, language=tag, spot_id=spot.id)
                if f.blocking]
    if rejected:
        raise ChecksFailed(f"spot '{spot.id}' [{tag}]: {rejected[0].text}", language=tag, target=spot.id)

    out_dir = Path(out_dir)
    base = f"spot-{spot.id}"
    wav_path, mp3_path, sheet_path = out_dir / f"{base}.wav", out_dir / f"{base}.mp3", out_dir / f"{base}-script.txt"
    title = f"{campaign.name} - {spot.seconds} s spot ({localized.language.english_name})"
    if localized.draft:
        # Unreviewed translation: the label says so wherever the file travels.
        title = f"DRAFT - NOT FOR AIR - {title}"
    now = made_at()
    write_bwf(wav_path, pcm, rate, Bext(
        description=f"{campaign.id} {spot.id} {tag}: {title}"[:256],
        originator=ORIGINATOR,
        originator_reference=_reference(campaign.id, tag, spot.id, pcm),
        origination=now,
        loudness_lufs=measured.loudness_lufs,
        loudness_range_lu=measured.loudness_range_lu,
        max_true_peak_dbtp=measured.true_peak_dbtp,
        max_momentary_lufs=measured.max_momentary_lufs,
        max_short_term_lufs=measured.max_short_term_lufs,
        coding_history=f"A=PCM,F={rate},W=16,M=mono,T={ORIGINATOR} {speech.engine}",
    ))
    bitrate = write_mp3(mp3_path, as_float, rate, Id3Tags(
        title=title,
        campaign=campaign.name,
        campaign_id=campaign.id,
        language_iso639_2=localized.language.iso639_2,
        length_ms=spot.seconds * 1000,
        comment=f"{campaign.name}: public service announcement, {spot.seconds} s, {localized.language.english_name}; "
                f"{delivery.standard} {delivery.target_lufs:g} LUFS",
    ))
    write_bytes_atomic(sheet_path, script_sheet(localized, script, delivery, engine=speech.engine,
                                          voice=speech.voice).encode("utf-8"))

    facts = {
        "duration_s": measured.duration_s,
        "frames": measured.frames,
        "loudness_lufs": round(measured.loudness_lufs, 2),
        "true_peak_dbtp": round(measured.true_peak_dbtp, 2),
        "max_short_term_lufs": round(measured.max_short_term_lufs, 2),
        "loudness_range_lu": round(measured.loudness_range_lu, 2),
        "sample_rate": rate,
        "bit_depth": 16,
        "channels": 1,
        "preset": delivery.name,
        "engine": speech.engine,
        "voice": speech.voice,
        "music_bed": bed.path.name if bed is not None else None,
        "words": script.word_count,
        "draft": localized.draft,
    }
    return [
        Artifact(wav_path.resolve(), "audio", tag, spot.id, facts),
        Artifact(mp3_path.resolve(), "audio-mp3", tag, spot.id,
                 {**facts, "bitrate_kbps": bitrate, "bitrate_mode": "CBR"}),
        Artifact(sheet_path.resolve(), "script-sheet", tag, spot.id,
                 {"words": script.word_count, "booked_s": spot.seconds, "draft": localized.draft}),
    ]


__all__ = ["PRESETS", "LoudnessPreset", "VoiceSupport", "render_script_sheet", "render_spot", "voice_support", "master",
           "spot_voice", "spot_findings", "will_speak", "BITRATE_KBPS"]


def render_script_sheet(localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path, *,
                        preset: str | None = None, reason: str | None = None) -> list[Artifact]:
    """Only the script sheet: for a language with no usable voice, or whose spot could not be
    made, a station reads it live (or a person records it for radio.recordings)."""
    delivery = preset_named(localized, preset)
    script = spot_script(localized, spot)
    note = reason or voice_support(localized.tag).note
    sheet_path = Path(out_dir) / f"spot-{spot.id}-script.txt"
    write_bytes_atomic(sheet_path, script_sheet(localized, script, delivery, engine="read live or record",
                                                voice=note).encode("utf-8"))
    return [Artifact(sheet_path.resolve(), "script-sheet", localized.tag, spot.id,
                     {"words": script.word_count, "booked_s": spot.seconds, "draft": localized.draft,
                      "audio": False, "no_audio_reason": note})]
