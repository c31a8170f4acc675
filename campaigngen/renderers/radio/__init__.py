"""Radio spots: the script spoken in the listener's language, delivered the way stations air it.

    render_spot(localized, spot, out_dir)  -> [WAV (Broadcast WAV), MP3, script sheet] Artifacts
    voice_support(tag)                      -> can this language be spoken offline?
    PRESETS                                 -> delivery loudness standards

Pipeline: script (catalogs/spoken) -> engine (espeak / gtts / recorded) -> resample to the
delivery rate -> length check -> loudness normalise + true-peak limit -> pad to the exact
booked sample count -> 16-bit -> measured from the written file -> facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import SpotScript, spot_script
from campaigngen.checks.audio import PRESETS, AudioMeasurement, LoudnessPreset, audio_findings, measure_samples
from campaigngen.exceptions import ChecksFailed, InputError
from campaigngen.renderers.artifacts import Artifact
from campaigngen.renderers.radio import dynamics, timeline
from campaigngen.atomic import write_bytes_atomic
from campaigngen.renderers.radio.bwf import Bext, write_bwf
from campaigngen.renderers.radio.engines import Speech, recording_for, speak
from campaigngen.renderers.radio.mp3 import BITRATE_KBPS, Id3Tags, write_mp3
from campaigngen.renderers.radio.sheet import script_sheet
from campaigngen.renderers.radio.voices import RECORDED, VoiceSupport, voice_support
from campaigngen.sources.campaign import SpotSpec

ORIGINATOR = "campaigngen"


def preset_named(localized: LocalizedCampaign, name: str | None) -> LoudnessPreset:
    name = name or localized.campaign.radio.preset
    if name not in PRESETS:
        raise InputError(localized.campaign.config_path, f"unknown radio preset '{name}'",
                         hint=f"use one of {', '.join(PRESETS)}")
    return PRESETS[name]


def master(speech: Speech, preset: LoudnessPreset, booked_seconds: int, *, spot_id: str,
           language: str, music_bed: Path | None = None) -> np.ndarray:
    """Engine output -> 16-bit samples at the delivery rate, exactly booked_seconds long."""
    rate = preset.sample_rate
    voice = timeline.resample(speech.samples, speech.sample_rate, rate)
    # Length first: a spot that cannot fit is refused before any work is spent on it.
    timeline.check_fits(voice, rate, booked_seconds, spot_id=spot_id, language=language)
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
    script: SpotScript = spot_script(localized, spot)
    speech = speak(script, localized, tuple(engines or campaign.radio.engines_for(tag)))
    try:
        pcm = master(speech, delivery, spot.seconds, spot_id=spot.id, language=tag,
                     music_bed=campaign.radio.music_bed)
    except dynamics.LoudnessNotReached as exc:
        if speech.engine == RECORDED:
            raise InputError(recording_for(localized), f"recording cannot be brought to loudness: {exc}",
                             hint="re-record without clipping or long noise bursts") from None
        raise ChecksFailed(f"spot '{spot.id}' [{tag}] ({speech.engine}): {exc}") from None
    rate = delivery.sample_rate
    as_float = pcm.astype(np.float32) / 32768.0
    measured: AudioMeasurement = measure_samples(as_float, rate, bit_depth=16)
    # What a station's ingest would reject must never be written: check before any file exists.
    rejected = [f for f in audio_findings(measured, spot.seconds, delivery, language=tag, spot_id=spot.id)
                if f.blocking]
    if rejected:
        raise ChecksFailed(f"spot '{spot.id}' [{tag}]: {rejected[0].text}")

    out_dir = Path(out_dir)
    base = f"spot-{spot.id}"
    wav_path, mp3_path, sheet_path = out_dir / f"{base}.wav", out_dir / f"{base}.mp3", out_dir / f"{base}-script.txt"
    title = f"{campaign.name} - {spot.seconds} s spot ({localized.language.english_name})"
    if localized.draft:
        # Unreviewed translation: the label says so wherever the file travels.
        title = f"DRAFT - NOT FOR AIR - {title}"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
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
        "music_bed": campaign.radio.music_bed.name if campaign.radio.music_bed else None,
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
           "BITRATE_KBPS"]


def render_script_sheet(localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path, *,
                        preset: str | None = None) -> list[Artifact]:
    """Only the script sheet: for a language with no usable voice, a station reads it live
    (or a person records it for radio.recordings)."""
    delivery = preset_named(localized, preset)
    script = spot_script(localized, spot)
    support = voice_support(localized.tag)
    sheet_path = Path(out_dir) / f"spot-{spot.id}-script.txt"
    write_bytes_atomic(sheet_path, script_sheet(localized, script, delivery, engine="read live or record",
                                          voice=support.note).encode("utf-8"))
    return [Artifact(sheet_path.resolve(), "script-sheet", localized.tag, spot.id,
                     {"words": script.word_count, "booked_s": spot.seconds, "draft": localized.draft,
                      "audio": False})]

