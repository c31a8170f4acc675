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
from functools import partial
from pathlib import Path

import numpy as np

from campaigngen import __version__, checknames
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
    measure_samples,
)
from campaigngen.checks.findings import Finding, finding_of
from campaigngen.clock import made_at
from campaigngen.exceptions import ChecksFailed, DeadAir, RecordingUnusable
from campaigngen.loudness import integrated_lufs
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import AirFacts, Mp2Facts, Mp3Facts, ScriptSheetFacts, SpotFacts
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
from campaigngen.renderers.radio.live import LiveRead, live_read
from campaigngen.renderers.radio.mastered_cache import Mastered, MasteringInputs, mastered
from campaigngen.renderers.radio.mp3 import (
    BITRATE_KBPS,
    Id3Tags,
    LevelledMp3,
    levelled,
    mp3_encoder,
    mp3_loss_db,
    write_mp3,
)
from campaigngen.renderers.radio.sheet import script_sheet
from campaigngen.renderers.radio.timeline import SpotTimeline
from campaigngen.renderers.radio.voices import VoiceSupport, voice_support, will_speak
from campaigngen.sources.broadcast import CHANNEL_LAYOUTS, RECORDED
from campaigngen.sources.campaign import Campaign, SpotSpec

ORIGINATOR = "campaigngen"
MP3_TOLERANCE_LU = 0.1  # the decoded MP3 against the target: stations compare it with the WAV


def preset_named(localized: LocalizedCampaign, name: str | None) -> LoudnessPreset:
    """The loudness preset (names are validated with the campaign), at the campaign's sample
    rate where [delivery] sample_rate asks for one."""
    preset = PRESETS[name or localized.campaign.radio.preset]
    rate = localized.campaign.delivery.sample_rate
    return replace(preset, sample_rate=rate) if rate and rate != preset.sample_rate else preset


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

    booked_s: int

    @property
    def head_s(self) -> float:
        return self.composition.head_s

    @property
    def timeline(self) -> SpotTimeline:
        """When each script line is heard in the mastered spot (master() places the speech
        at head_s and never moves it)."""
        return self.composition.timeline(self.booked_s)


def spot_voice(
    localized: LocalizedCampaign, spot: SpotSpec, delivery: LoudnessPreset, engines: Sequence[str] | None = None
) -> SpotVoice:
    """Speak the script with the first engine that can, composed to fill the booking, at the
    delivery rate; refuse (SpotTooLong, SpotCannotFill, VoiceUnavailable, RecordingUnusable)
    what cannot air. The gate calls this too, so `check` measures the same speech `build`
    renders."""
    composed = compose(localized, spot, delivery, engines)
    voice = timeline.resample(composed.samples, composed.sample_rate, delivery.sample_rate)
    return SpotVoice(voice, composed.speech, composed.script, composed, spot.seconds)


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
        return [finding_of(exc, localized.tag, spot.id)]
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


def live_read_findings(localized: LocalizedCampaign, spot: SpotSpec) -> list[Finding]:
    """What a spot read live would fail on: a plain reading (with what [delivery] fill allows,
    and never faster than a voice here says it) that cannot fill the booking."""
    try:
        live_read(localized, spot, preset_named(localized, None))
    except ChecksFailed as exc:
        return [
            Finding(
                exc.check,
                localized.tag,
                None,
                exc.format_message(),
                target=spot.id,
                detail={**exc.detail, "live_read": True},
                code=exc.code,
            )
        ]
    return []


def not_made_finding(localized: LocalizedCampaign, spot: SpotSpec) -> Finding:
    """A spot with no voice here and no live read asked for: made as nothing but its script
    sheet, and listed as not made (a notice, not a failure: the campaign may mean it)."""
    from campaigngen.checks.findings import WARNING

    return Finding(
        checknames.VOICE,
        localized.tag,
        None,
        f"spot '{spot.id}' [{localized.tag}] will not be made: {voice_support(localized.tag).note}; not asked to be "
        f'read live either - add [delivery] live_reads = ["{localized.tag}"] for a live-read card',
        WARNING,
        target=spot.id,
        code="spot.not-made",
    )


def master(
    voiced: SpotVoice,
    preset: LoudnessPreset,
    booked_seconds: int,
    *,
    music_bed: bytes | None = None,
    channels: int = 1,
    bit_depth: int = 16,
) -> np.ndarray:
    """Speech at the delivery rate -> whole-number samples at bit_depth, exactly booked_seconds
    long; for two channels the same signal twice, each 3 dB down so the pair measures the target."""
    rate = preset.sample_rate
    # Normalise the spot as it will be measured, lead-in and tail included: BS.1770's 400 ms
    # blocks straddle the ends differently on the bare speech (measured 0.04 LU apart).
    placed = _placed(voiced, rate, booked_seconds, music_bed)
    per_channel = replace(preset, target_lufs=preset.target_lufs - 10.0 * np.log10(channels))
    pcm = dynamics.to_pcm(dynamics.normalise(placed, rate, per_channel), bit_depth)
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
        cut_id=campaign.traffic.cut_for(localized.tag, spot, campaign.spots),
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


class SheetOnly(Exception):
    """A spot whose audio could not be made and whose live read cannot be read either: its
    script sheet (saying why) was written; failure is the check that failed."""

    def __init__(self, artifacts: list[Artifact], failure: ChecksFailed):
        super().__init__(failure.format_message())
        self.artifacts, self.failure = artifacts, failure


def _encoded_in_level(
    levelled_file: LevelledMp3, delivery: LoudnessPreset, spot: SpotSpec, tag: str, what: str
) -> LevelledMp3:
    """A lossy copy must decode at the WAV's level, under the ceiling, or it is not written."""
    if (
        abs(levelled_file.loudness_lufs - delivery.target_lufs) > MP3_TOLERANCE_LU
        or levelled_file.true_peak_dbtp > delivery.true_peak_max_dbtp
    ):
        raise ChecksFailed(
            f"spot '{spot.id}' [{tag}]: the {what} decodes at {levelled_file.loudness_lufs:.2f} LUFS, true peak "
            f"{levelled_file.true_peak_dbtp:.2f} dBTP; {delivery.standard} wants {delivery.target_lufs:g} LUFS "
            f"under {delivery.true_peak_max_dbtp:g} dBTP",
            language=tag,
            target=spot.id,
            code="audio.loudness",
            detail={
                "file": what,
                "loudness_lufs": round(levelled_file.loudness_lufs, 2),
                "true_peak_dbtp": round(levelled_file.true_peak_dbtp, 2),
            },
        )
    return levelled_file


def mp2_kbps(campaign: Campaign) -> int:
    """The campaign's MP2 bitrate, else the usual: 192 kbps mono, 256 kbps for two channels."""
    chosen = campaign.delivery.mp2_bitrate
    return chosen or (192 if CHANNEL_LAYOUTS[campaign.delivery.channels] == 1 else 256)


def _master_and_encode(voiced: SpotVoice, inputs: MasteringInputs, spot: SpotSpec, tag: str) -> Mastered:
    """Master, measure and encode the spot; refuse (ChecksFailed, DeadAir, RecordingUnusable)
    what a station's ingest would reject, before any file exists."""
    delivery, bits, channels, speech = inputs.preset, inputs.bit_depth, inputs.channels, voiced.speech
    try:
        pcm = master(
            voiced,
            delivery,
            spot.seconds,
            music_bed=inputs.music_bed,
            channels=channels,
            bit_depth=bits,
        )
    except dynamics.LoudnessNotReached as exc:
        if speech.engine == RECORDED:
            raise RecordingUnusable(
                f"radio.recordings.{tag} ({speech.voice}): cannot be brought to loudness ({exc}) - re-record "
                f"without clipping or long noise bursts",
                language=tag,
                target=spot.id,
            ) from None
        raise ChecksFailed(
            f"spot '{spot.id}' [{tag}] ({speech.engine}): {exc}", language=tag, target=spot.id, code="audio.loudness"
        ) from None
    rate = delivery.sample_rate
    as_float = pcm.astype(np.float32) / float(2 ** (bits - 1))
    measured: AudioMeasurement = measure_samples(as_float, rate, bit_depth=bits)
    air = air_time(as_float, rate)
    # What a station's ingest would reject must never be written: check before any file exists.
    rejected = [
        f for f in audio_findings(measured, spot.seconds, delivery, language=tag, spot_id=spot.id) if f.blocking
    ]
    if rejected:
        raise ChecksFailed(
            f"spot '{spot.id}' [{tag}]: {rejected[0].text}",
            language=tag,
            target=spot.id,
            code=rejected[0].code,
            detail=rejected[0].detail,
        )
    silent = dead_air_findings(air, delivery, language=tag, spot_id=spot.id)
    if silent:
        raise DeadAir(
            f"spot '{spot.id}' [{tag}]: {silent[0].text}",
            language=tag,
            target=spot.id,
            code=silent[0].code,
            detail=silent[0].detail,
        )
    target, ceiling = delivery.target_lufs, delivery.true_peak_max_dbtp
    peak = measured.true_peak_dbtp  # of as_float: levelled need not oversample it again
    mp3 = _encoded_in_level(
        levelled(
            as_float,
            rate,
            target,
            ceiling,
            mp3_encoder(inputs.mp3_kbps),
            peak_dbtp=peak,
            loss_db=mp3_loss_db(inputs.mp3_kbps),
        ),
        delivery,
        spot,
        tag,
        "MP3",
    )
    mp2 = None
    if inputs.mp2_kbps is not None:
        from campaigngen.renderers.radio.mp2 import MP2_LOSS_DB, mp2_encoder

        mp2 = _encoded_in_level(
            levelled(
                as_float, rate, target, ceiling, mp2_encoder(inputs.mp2_kbps), peak_dbtp=peak, loss_db=MP2_LOSS_DB
            ),
            delivery,
            spot,
            tag,
            "MP2",
        )
    return Mastered(pcm, measured, air, mp3, mp2)


def render_spot(
    localized: LocalizedCampaign,
    spot: SpotSpec,
    out_dir: Path,
    *,
    preset: str | None = None,
    engines: Sequence[str] | None = None,
) -> list[Artifact]:
    """Write <stem>.wav, <stem>.mp3 (and <stem>.mp2 where asked) and <stem>_script.txt, and the
    live-read card where the campaign asks for one, into out_dir. Everything is measured
    before the first file is written."""
    delivery = preset_named(localized, preset)
    campaign = localized.campaign
    options = campaign.delivery
    tag = localized.tag
    voiced = spot_voice(localized, spot, delivery, engines)
    script, speech, composition = voiced.script, voiced.speech, voiced.composition
    bed = campaign.radio.music_bed
    channels = CHANNEL_LAYOUTS[options.channels]
    bits = options.bit_depth
    inputs = MasteringInputs(
        voice=voiced.samples,
        head_s=voiced.head_s,
        booked_s=spot.seconds,
        music_bed=bed.data if bed is not None else None,
        preset=delivery,
        channels=channels,
        bit_depth=bits,
        mp3_kbps=options.mp3_bitrate,
        mp2_kbps=mp2_kbps(campaign) if options.mp2 else None,
    )
    made = mastered(inputs, partial(_master_and_encode, voiced, inputs, spot, tag))
    pcm, measured, air, mp3, mp2 = made.pcm, made.measured, made.air, made.mp3, made.mp2
    rate = delivery.sample_rate
    read = live_read(localized, spot, delivery, audio=composition)

    out_dir = Path(out_dir)
    stem = file_stem(campaign, tag, spot)
    code = campaign.spot_code(tag, spot)
    wav_path, mp3_path, sheet_path = out_dir / f"{stem}.wav", out_dir / f"{stem}.mp3", out_dir / f"{stem}_script.txt"
    title = f"{code} {campaign.name} - {spot.seconds} s spot ({localized.language.english_name})"
    if localized.draft:
        # Unreviewed translation: the label says so wherever the file travels.
        title = f"DRAFT - NOT FOR AIR - {title}"
    now = made_at()
    layout = options.channels
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
            coding_history=f"A=PCM,F={rate},W={bits},M={'mono' if channels == 1 else 'dual-mono'},T={ORIGINATOR} "
            f"{speech.engine}",
        ),
        cart=spot_cart(localized, spot, script, composition, rate, len(pcm), title, now, bit_depth=bits),
        bit_depth=bits,
    )
    tags = Id3Tags(
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
    )
    bitrate = write_mp3(mp3_path, mp3.data, tags, kbps=options.mp3_bitrate, id3_version=options.id3_version)
    write_bytes_atomic(
        sheet_path,
        script_sheet(localized, script, spot, engine=speech.engine, voice=speech.voice, read=read).encode("utf-8"),
    )

    wav_facts = SpotFacts(
        duration_s=measured.duration_s,
        frames=measured.frames,
        loudness_lufs=round(measured.loudness_lufs, 2),
        true_peak_dbtp=round(measured.true_peak_dbtp, 2),
        max_short_term_lufs=round(measured.max_short_term_lufs, 2),
        loudness_range_lu=round(measured.loudness_range_lu, 2),
        air=AirFacts(**air.as_facts()),
        sample_rate=rate,
        bit_depth=bits,
        channels=channels,
        channel_layout=layout,
        preset=delivery.name,
        engine=speech.engine,
        voice=speech.voice,
        pace=round(speech.pace, 3),
        pause_stretch=round(composition.stretch, 3),
        voice_s=round(composition.speech_s, 3),  # the voice alone, first word to last
        voice_end_s=round(composition.head_s + composition.speech_s, 3),
        filled_with=tuple(composition.fill.names),
        music_bed=bed.path.name if bed is not None else None,
        words=script.word_count,
        spot_code=code,
        advertiser=campaign.advertiser,
        draft=localized.draft,
        cut_id=campaign.traffic.cut_for(tag, spot, campaign.spots),
    )

    def lossy(kind: type[Mp3Facts], levelled_file: LevelledMp3, kbps: int, id3: str | None) -> Mp3Facts:
        return kind.of(
            wav_facts,
            loudness_lufs=round(levelled_file.loudness_lufs, 2),
            true_peak_dbtp=round(levelled_file.true_peak_dbtp, 2),
            bitrate_kbps=kbps,
            bitrate_mode="CBR",
            level_rounds=levelled_file.rounds,
            id3_version=id3,
        )

    artifacts = [
        Artifact(wav_path.resolve(), ArtifactKind.AUDIO, tag, spot.id, wav_facts),
        Artifact(
            mp3_path.resolve(), ArtifactKind.AUDIO_MP3, tag, spot.id, lossy(Mp3Facts, mp3, bitrate, options.id3_version)
        ),
    ]
    if mp2 is not None:
        mp2_path = out_dir / f"{stem}.mp2"
        write_bytes_atomic(mp2_path, mp2.data)  # a bare Layer II stream: playout systems take it untagged
        artifacts.append(
            Artifact(
                mp2_path.resolve(), ArtifactKind.AUDIO_MP2, tag, spot.id, lossy(Mp2Facts, mp2, mp2_kbps(campaign), None)
            )
        )
    sheet_facts = ScriptSheetFacts(
        words=script.word_count,
        booked_s=spot.seconds,
        spot_code=code,
        draft=localized.draft,
        read_s=read.read_seconds,
        source_text=tag != campaign.source_language.tag,
    )
    artifacts.append(Artifact(sheet_path.resolve(), ArtifactKind.SCRIPT_SHEET, tag, spot.id, sheet_facts))
    if options.live_read_cards == "all" or options.read_live(tag, spot):
        artifacts.append(_card(localized, read, spot, out_dir))
    return artifacts


__all__ = [
    "PRESETS",
    "LoudnessPreset",
    "VoiceSupport",
    "SheetOnly",
    "render_script_sheet",
    "render_spot",
    "voice_support",
    "master",
    "spot_voice",
    "spot_findings",
    "live_read_findings",
    "not_made_finding",
    "will_speak",
    "file_stem",
    "BITRATE_KBPS",
]


def render_script_sheet(
    localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path, *, preset: str | None = None, reason: str | None = None
) -> list[Artifact]:
    """A spot with no audio (no usable voice here, or its audio could not be made): where the
    campaign asks for it to be read live ([delivery] live_reads), its script sheet and live-read
    card with a read time a person can keep; otherwise a script sheet that says it was not made
    and why. SheetOnly (with the sheet) when the live read cannot fill the booking either."""
    campaign = localized.campaign
    tag = localized.tag
    note = reason or voice_support(tag).note
    requested = campaign.delivery.read_live(tag, spot) and not localized.language.pseudo
    read: LiveRead | None = None
    failure: ChecksFailed | None = None
    if requested:
        try:
            read = live_read(localized, spot, preset_named(localized, preset))
        except ChecksFailed as exc:
            failure = exc
    script = read.script if read is not None else spot_script(localized, spot)
    if read is not None:
        not_made = None
    elif failure is not None:
        not_made = f"{note}; a live read was asked for, but {failure.format_message()}"
    elif localized.language.pseudo:
        not_made = "a pseudo-locale tests layout; it is never aired"
    else:
        not_made = f'{note} - not asked to be read live either ([delivery] live_reads = ["{tag}"])'
    sheet_path = Path(out_dir) / f"{file_stem(campaign, tag, spot)}_script.txt"
    engine = "read live" if read is not None else "none"
    write_bytes_atomic(
        sheet_path,
        script_sheet(localized, script, spot, engine=engine, voice=note, read=read, not_made=not_made).encode("utf-8"),
    )
    sheet = Artifact(
        sheet_path.resolve(),
        ArtifactKind.SCRIPT_SHEET,
        tag,
        spot.id,
        ScriptSheetFacts(
            words=script.word_count,
            booked_s=spot.seconds,
            draft=localized.draft,
            spot_code=campaign.spot_code(tag, spot),
            audio=False,
            no_audio_reason=note,
            live_read=read is not None,
            not_made=not_made,
            read_s=read.read_seconds if read is not None else None,
            source_text=tag != campaign.source_language.tag,
        ),
    )
    made = [sheet] + ([_card(localized, read, spot, Path(out_dir))] if read is not None else [])
    if failure is not None:
        raise SheetOnly(made, failure)
    return made


def _card(localized: LocalizedCampaign, read: LiveRead, spot: SpotSpec, out_dir: Path) -> Artifact:
    from campaigngen.renderers.radio.card import render_card

    return render_card(
        localized, read, spot, out_dir / f"{file_stem(localized.campaign, localized.tag, spot)}_card.pdf"
    )
