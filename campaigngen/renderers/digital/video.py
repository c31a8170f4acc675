"""Captioned video: the spot's audio over the language's share card, each line of the script
shown as it is heard, for feeds (square 1080 x 1080) and stories (1080 x 1920).

The picture is the share card's own page plan (renderers/flyer/card.py: the number the
largest type, every script shaped as on the flyers, the same number check), laid out above a
caption band that nothing else may use, so a caption can never cover the number or the QR
code; on a story the band sits inside the safe zone, above the ~340 px the app's reply field
covers. Where the square cannot hold the card above the band it leaves out the body (what the
captions say anyway), then the QR code (a video plays on the phone that would scan it; the
address stays), and where even that does not fit, the share card itself is scaled to stand
above the band.

Each caption is the line as written (the number in digits, not the spelled words the voice
reads), set by the project's typesetting (runs, bidi, raqm shaping, ICU line breaking; the
number never broken) and drawn once onto a copy of the still, which is drawn once. ffmpeg
shows each of these few pictures for its seconds (the still, then each caption from its
line's start to its end in renderers/radio/timeline.SpotTimeline), repeats them at 30 fps and
encodes H.264 (yuv420p, moov atom first for streaming) with AAC stereo at the streaming video
preset (-14 LUFS integrated, true peak <= -1 dBTP: sources/broadcast.VIDEO_PRESET), encoded
once per spot. The WebVTT file beside each video carries the same cues, for players and
platforms that show captions themselves.

The AAC and then the finished file are measured as a platform would (ffmpeg's ebur128 meter)
before they count: a lossy AAC peaks above the WAV it was made from.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding, finding_of
from campaigngen.exceptions import ChecksFailed, LayoutFitError, MissingDependency, MissingGlyphsError
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import CaptionFacts, VideoFacts
from campaigngen.renderers.flyer.card import CARD_FORMATS, MIN_TEXT_PX, CardFormat, CardPlan, card_formats, card_plan
from campaigngen.renderers.flyer.content import Block, contact_block
from campaigngen.renderers.flyer.fitting import DoesNotFit
from campaigngen.renderers.flyer.style import INK, WHITE
from campaigngen.renderers.radio.timeline import SpotTimeline
from campaigngen.renderers.typesetting import CENTER, Style, draw_paragraph, set_paragraph
from campaigngen.renderers.typesetting.runs import without_bidi_controls
from campaigngen.sources.broadcast import VIDEO_PRESET
from campaigngen.sources.campaign import SpotSpec

MAX_VIDEO_S = 60  # feeds and stories take longer, but a story plays 60 s before it cuts
FPS = 30
# A still picture under captions: every frame after a change is skipped blocks, so the
# fastest preset loses nothing a viewer sees; it halves the CPU (a 30 s story measured 3.9 s
# against veryfast's 7.3 s) for a file of ~1.5 MB instead of ~0.9 MB.
X264_PRESET = "ultrafast"
X264_CRF = 20  # small type stays crisp on a phone
AAC_KBPS = 128
# The AAC encoder's overshoot above the master's true peak (measured 0.1-0.3 dB on these
# spots): the master is limited this far under the preset's ceiling, then the MP4 is measured.
AAC_HEADROOM_DB = 0.5
METER_STEP_DB = 0.1  # what ffmpeg's ebur128 summary rounds to
AAC_ROUNDS = 4  # masterings tried before the measured file is refused

CAPTION_MAX_PX = 60
CAPTION_MIN_PX = MIN_TEXT_PX + 4  # moving text is read in the time it is spoken: above the card's smallest
CAPTION_MARGIN_PX = 40  # the band's box inside the frame's edges
CAPTION_PAD_PX = 24  # text inside the box
CAPTION_BOX = INK + (235,)  # near-opaque: the band is the page colour, the box is what reads as a caption
CAPTION_TEXT = WHITE


@dataclass(frozen=True)
class VideoFormat:
    """A video shape: the card the still is drawn as, and the caption band below it."""

    name: str  # "video-square", "video-story": the file's stem
    shape: str  # the share card shape it is made from
    still: CardFormat  # the card's plan with the band kept clear (safe_bottom includes it)
    band_top: int  # pixels
    band_height: int

    @property
    def size(self) -> tuple[int, int]:
        return self.still.size

    def text_box(self) -> tuple[int, int, int, int]:
        """Where caption text may go: (x, y, width, height) in the frame's pixels."""
        inset = CAPTION_MARGIN_PX + CAPTION_PAD_PX
        return (inset, self.band_top + CAPTION_PAD_PX, self.size[0] - 2 * inset, self.band_height - 2 * CAPTION_PAD_PX)


def _video_format(shape: str, band_height: int) -> VideoFormat:
    card = CARD_FORMATS[f"card-{shape}"]
    still = replace(
        card, name=f"video-{shape}", safe_bottom=card.safe_bottom + band_height + CAPTION_MARGIN_PX, body_optional=True
    )
    band_top = card.size[1] - card.safe_bottom - band_height - CAPTION_MARGIN_PX // 2
    return VideoFormat(f"video-{shape}", shape, still, band_top, band_height)


VIDEO_FORMATS = {
    # Two caption lines at the largest size fit the square's band, three the story's.
    "square": _video_format("square", 200),
    "story": _video_format("story", 280),
}


def video_formats(campaign) -> list[VideoFormat]:
    return [VIDEO_FORMATS[card.name.removeprefix("card-")] for card in card_formats(campaign)]


def wants_video(localized: LocalizedCampaign, spot: SpotSpec) -> bool:
    """The campaign asks for videos, draws cards to put them on, and the spot is short enough."""
    campaign = localized.campaign
    return (
        campaign.share_cards.video
        and bool(campaign.share_cards.shapes)
        and spot.seconds <= MAX_VIDEO_S
        and not localized.language.pseudo
    )


# ----------------------------------------------------------------------------- captions


@dataclass(frozen=True)
class Caption:
    block: Block  # the line as written, the number a protected run
    start_s: float
    end_s: float

    @property
    def text(self) -> str:
        return without_bidi_controls(self.block.text)


def caption_block(localized: LocalizedCampaign, message_id: str | None) -> Block:
    """A spoken line as the screen shows it: the message with its contact details put in (a
    line the composer added without a message is the bare number)."""
    if message_id is None:
        return contact_block("phone", "{phone}", localized.contact_values)
    return contact_block(message_id, localized.text(message_id), localized.contact_values)


def captions(localized: LocalizedCampaign, timeline: SpotTimeline) -> tuple[Caption, ...]:
    return tuple(
        Caption(caption_block(localized, line.message_id), line.start_s, line.end_s) for line in timeline.lines
    )


def _set_caption(localized: LocalizedCampaign, block: Block, fmt: VideoFormat):
    """The caption at the largest size that fits the band (three lines at most): DoesNotFit-free
    LayoutFitError when even the smallest does not."""
    _, _, width, height = fmt.text_box()
    for size in range(CAPTION_MAX_PX, CAPTION_MIN_PX - 1, -2):
        paragraph = set_paragraph(block.text, localized.language, Style(size, bold=True), width, block.protected)
        if not paragraph.overflow and paragraph.height <= height:
            return paragraph
    raise LayoutFitError(
        format_name=fmt.name,
        language=localized.tag,
        message_id=block.message_id,
        detail=f"as a caption it needs more than the band's {height} px at {CAPTION_MIN_PX} px type",
    )


def caption_image(localized: LocalizedCampaign, block: Block, fmt: VideoFormat) -> Image.Image:
    """The caption band as an RGBA image (the frame's width, the band's height): a dark box,
    the line centred on it in white."""
    paragraph = _set_caption(localized, block, fmt)
    width = fmt.size[0]
    band = Image.new("RGBA", (width, fmt.band_height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    x, _, text_w, text_h = fmt.text_box()
    draw.rounded_rectangle(
        (CAPTION_MARGIN_PX, 0, width - CAPTION_MARGIN_PX, fmt.band_height - 1), radius=18, fill=CAPTION_BOX
    )
    top = CAPTION_PAD_PX + (text_h - paragraph.height) / 2
    draw_paragraph(draw, paragraph, x, top, text_w, CAPTION_TEXT, align=CENTER)
    return band


def webvtt(cues: Sequence[Caption]) -> str:
    """WebVTT (W3C): one cue per spoken line, at the timeline's times."""

    def stamp(seconds: float) -> str:
        ms = int(round(seconds * 1000))
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    blocks = ["WEBVTT", ""]
    for index, cue in enumerate(cues, start=1):
        # A cue's text may not hold a blank line or "-->"; the script's lines never do, but say so.
        text = re.sub(r"\n\s*\n", "\n", cue.text).replace("-->", "->")
        blocks += [str(index), f"{stamp(cue.start_s)} --> {stamp(cue.end_s)}", text, ""]
    return "\n".join(blocks)


# ------------------------------------------------------------------------------ ffmpeg


@lru_cache(maxsize=1)
def ffmpeg_version() -> str:
    """The ffmpeg that encodes (part of a video's cache key); MissingDependency without one."""
    try:
        out = subprocess.run(["ffmpeg", "-version"], capture_output=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        raise MissingDependency("ffmpeg is not installed - apt-get install ffmpeg (videos need it)") from None
    return out.decode(errors="replace").splitlines()[0]


def encoder_key(localized: LocalizedCampaign) -> str:
    """What the video check's findings depend on beyond the texts and settings: whether (and
    which) ffmpeg is here to encode; '' when videos are wanted and there is none."""
    if not any(wants_video(localized, spot) for spot in localized.campaign.spots):
        return "no video"
    try:
        return ffmpeg_version()
    except MissingDependency:
        return ""


def _ffmpeg(args: Sequence[str], what: str) -> str:
    ffmpeg_version()
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", *args], capture_output=True, timeout=600)
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise ChecksFailed(f"{what}: ffmpeg failed ({tail[0]})", code="digital.video-encode")
    return done.stderr.decode(errors="replace")


def shown(cues: Sequence[Caption], seconds: float) -> list[tuple[int | None, float]]:
    """The picture's states in order: (index of the caption shown, or None for the bare still;
    seconds it stays), covering exactly `seconds`."""
    states: list[tuple[int | None, float]] = []
    at = 0.0
    for index, cue in enumerate(cues):
        start, end = max(at, cue.start_s), min(seconds, cue.end_s)
        if start > at:
            states.append((None, start - at))
        if end > start:
            states.append((index, end - start))
            at = end
    if seconds > at:
        states.append((None, seconds - at))
    return states


def encode(frames: Sequence[tuple[Path, float]], audio: Path, seconds: int, out: Path) -> None:
    """Each frame for its seconds (ffmpeg's concat list), resampled to a constant FPS, with the
    (encoded, measured) audio: only the few distinct pictures are decoded and converted, the encoder repeats them."""
    listing = out.with_suffix(".txt")
    lines = ["ffconcat version 1.0"]
    for path, duration in frames:
        lines += [f"file '{path.name}'", f"duration {duration:.6f}"]
    lines.append(f"file '{frames[-1][0].name}'")  # the last duration holds only when a file follows it
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _ffmpeg(
        [
            "-y",
            "-threads",  # the pictures' decoder: one thread (each more holds a frame)
            "1",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-i",
            str(audio),
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-vf",
            f"format=yuv420p,fps={FPS}",
            "-c:v",
            "libx264",
            # One encoder thread: a build already runs a worker per core, and x264's own
            # threads (1.5 per core) each hold frames: one decoder and one encoder thread
            # took 111 MB against 147 MB, and ~8 % less CPU, on a 30 s story measured here.
            # One thread also makes the same bytes on any machine.
            "-threads",
            "1",
            "-preset",
            X264_PRESET,
            "-tune",
            "stillimage",
            "-crf",
            str(X264_CRF),
            "-profile:v",
            "high",
            "-pix_fmt",
            "yuv420p",
            "-g",
            str(2 * FPS),
            "-c:a",
            "copy",
            "-t",
            str(seconds),
            "-movflags",
            "+faststart",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            str(out),
        ],
        f"{out.name}",
    )


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float


def measure_loudness(path: Path) -> Loudness:
    """The file's audio as ffmpeg's EBU R128 meter reads it (integrated loudness, true peak)."""
    log = _ffmpeg(["-i", str(path), "-vn", "-af", "ebur128=peak=true", "-f", "null", "-"], f"{path.name}: measuring")
    summary = log[log.rfind("Summary:") :]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if integrated is None or peak is None:
        raise ChecksFailed(f"{path.name}: ffmpeg's loudness meter printed no summary", code="digital.video-encode")
    return Loudness(float(integrated.group(1)), float(peak.group(1)))


# ------------------------------------------------------------------------------- render


def _planned_still(localized: LocalizedCampaign, fmt: VideoFormat) -> CardPlan:
    """The card's plan above the caption band, checked as a card's is (glyphs, the numbers it
    shows). Where it cannot fit with the QR code it goes without: a video plays on the phone
    that would have to scan it, and the address is still on it."""
    from campaigngen.renderers.flyer import _check_all_glyphs, verify_numbers
    from campaigngen.renderers.flyer.content import flyer_content

    content = flyer_content(localized)
    _check_all_glyphs(localized, content, fmt.name)
    with_qr = [True, False] if localized.campaign.share_cards.qr else [False]
    for qr in with_qr:
        try:
            planned = card_plan(localized, content, fmt.still, qr)
            break
        except DoesNotFit as exc:
            if qr is with_qr[-1]:
                raise LayoutFitError(
                    format_name=fmt.name,
                    language=localized.tag,
                    message_id=exc.misfit.message_id,
                    detail=exc.misfit.detail,
                ) from None
    verify_numbers(planned.plan, [localized], localized.tag, fmt.name)
    return planned


def _still(localized: LocalizedCampaign, fmt: VideoFormat) -> Image.Image:
    """The card laid out above the band; where it cannot be (a square with a long headline),
    the share card itself, scaled to stand above the band: smaller type, the same card."""
    from campaigngen.renderers.flyer.card import card_image

    try:
        return card_image(localized, fmt.still, _planned_still(localized, fmt))
    except LayoutFitError:
        card = card_image(localized, CARD_FORMATS[f"card-{fmt.shape}"])
    height = fmt.band_top - CAPTION_MARGIN_PX // 2
    scale = height / card.height
    scaled = card.resize((round(card.width * scale), height), Image.Resampling.LANCZOS)
    still = Image.new("RGB", fmt.size, WHITE)
    still.paste(scaled, ((fmt.size[0] - scaled.width) // 2, 0))
    return still


def _soundtrack(localized: LocalizedCampaign, spot: SpotSpec, folder: Path) -> tuple[Path, SpotTimeline]:
    """The spot as it airs (composed with the station preset's head and tail), mastered to the
    video preset and encoded as AAC: stereo at the preset's rate. AAC rings above the master's
    peaks, by an amount that depends on the signal (0.2-0.9 dB measured here), so the encoded
    file is measured and, while it peaks over the ceiling, mastered again that much lower."""
    import soundfile

    from campaigngen.renderers.radio import master, preset_named, spot_voice

    station = replace(preset_named(localized, None), sample_rate=VIDEO_PRESET.sample_rate)
    voiced = spot_voice(localized, spot, station)
    bed = localized.campaign.radio.music_bed
    wav, aac = folder / "audio.wav", folder / "audio.m4a"
    ceiling = VIDEO_PRESET.true_peak_max_dbtp - AAC_HEADROOM_DB
    for _ in range(AAC_ROUNDS):
        limited = replace(VIDEO_PRESET, true_peak_max_dbtp=ceiling)
        pcm = master(voiced, limited, spot.seconds, music_bed=bed.data if bed is not None else None, channels=2)
        soundfile.write(str(wav), np.asarray(pcm, np.int16), VIDEO_PRESET.sample_rate, subtype="PCM_16")
        _ffmpeg(
            ["-y", "-i", str(wav), "-c:a", "aac", "-b:a", f"{AAC_KBPS}k", "-flags:a", "+bitexact", str(aac)],
            f"{spot.id} [{localized.tag}]: AAC",
        )
        # ffmpeg prints a tenth of a dB: -1.04 reads "-1.0", and -0.96 reads "-1.0" too.
        over = measure_loudness(aac).true_peak_dbtp - (VIDEO_PRESET.true_peak_max_dbtp - METER_STEP_DB)
        if over <= 0:
            break
        ceiling -= over + AAC_HEADROOM_DB / 2
    return aac, voiced.timeline


def file_stem(fmt: VideoFormat, spot: SpotSpec) -> str:
    return f"{fmt.name}-{spot.id}"


def render_videos(localized: LocalizedCampaign, spot: SpotSpec, out_dir: Path) -> list[Artifact]:
    """<video-shape>-<spot>.mp4 and its .vtt per share card shape. The spot's own failures
    (it cannot be spoken or fill its booking) are the spot's findings: no video, nothing more."""
    from campaigngen.renderers.flyer import ensure_text_engine
    from campaigngen.renderers.memory import give_back_memory

    ensure_text_engine()
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = video_formats(localized.campaign)
    stills = {fmt.name: _still(localized, fmt) for fmt in formats}  # layout failures before any sound
    with tempfile.TemporaryDirectory(prefix="campaigngen-video-") as scratch:
        folder = Path(scratch)
        try:
            soundtrack, timeline = _soundtrack(localized, spot, folder)
        except ChecksFailed:
            return []
        cues = captions(localized, timeline)
        vtt = webvtt(cues)
        # Mastering freed ~100 MB of samples that glibc would keep while ffmpeg encodes beside
        # this process (measured: a worker held ~130 MB more during the encodes than after the
        # job); handed back now, the two ffmpeg runs per video do not sit on top of it.
        give_back_memory()
        artifacts: list[Artifact] = []
        for fmt in formats:
            still = stills[fmt.name].convert("RGBA")
            # The pictures go to ffmpeg as PPM: the same RGB pixels as a PNG (the same MP4, byte
            # for byte), written without compressing and read without inflating (a 1080 x 1920
            # PNG took ~40 ms to write here, a PPM ~4 ms).
            pictures: dict[int | None, Path] = {None: folder / f"{fmt.name}.ppm"}
            still.convert("RGB").save(pictures[None], format="PPM")
            for index, cue in enumerate(cues):
                frame = still.copy()
                frame.alpha_composite(caption_image(localized, cue.block, fmt), (0, fmt.band_top))
                pictures[index] = folder / f"{fmt.name}-{index}.ppm"
                frame.convert("RGB").save(pictures[index], format="PPM")
            stem = file_stem(fmt, spot)
            made = folder / f"{stem}.mp4"
            encode([(pictures[i], d) for i, d in shown(cues, spot.seconds)], soundtrack, spot.seconds, made)
            heard = measure_loudness(made)
            preset = VIDEO_PRESET
            if (
                abs(heard.integrated_lufs - preset.target_lufs) > preset.tolerance_lu
                or heard.true_peak_dbtp > preset.true_peak_max_dbtp
            ):
                raise ChecksFailed(
                    f"{stem}.mp4 [{localized.tag}]: measures {heard.integrated_lufs:.1f} LUFS, true peak "
                    f"{heard.true_peak_dbtp:.1f} dBTP; {preset.promise}",
                    language=localized.tag,
                    target=stem,
                    code="digital.video-loudness",
                    detail={"loudness_lufs": heard.integrated_lufs, "true_peak_dbtp": heard.true_peak_dbtp},
                )
            mp4, captions_path = out_dir / f"{stem}.mp4", out_dir / f"{stem}.vtt"
            write_bytes_atomic(mp4, made.read_bytes())
            write_bytes_atomic(captions_path, vtt.encode("utf-8"))
            facts = VideoFacts(
                pixels=fmt.size,
                duration_s=float(spot.seconds),
                fps=FPS,
                video_codec="h264",
                audio_codec="aac",
                loudness_lufs=round(heard.integrated_lufs, 2),
                true_peak_dbtp=round(heard.true_peak_dbtp, 2),
                preset=preset.name,
                captions=len(cues),
                captions_file=captions_path.name,
                caption_timing="estimated" if timeline.estimated else "measured",
                direction=localized.language.direction,
                draft=localized.draft,
            )
            artifacts.append(Artifact(mp4.resolve(), ArtifactKind.VIDEO, localized.tag, fmt.name, facts))
            artifacts.append(
                Artifact(
                    captions_path.resolve(),
                    ArtifactKind.VIDEO_CAPTIONS,
                    localized.tag,
                    fmt.name,
                    CaptionFacts(video=mp4.name, cues=len(cues), draft=localized.draft),
                )
            )
    return artifacts


def video_fit_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Dry layout of every video's still and of every line a spot may show as a caption
    (its script, the closing line, the bare number): nothing is spoken or written."""
    from campaigngen.renderers.radio import will_speak

    campaign = localized.campaign
    spots = [spot for spot in campaign.spots if wants_video(localized, spot)]
    if not spots or not will_speak(localized):
        return []  # no audio, no video
    if not encoder_key(localized):
        # check's promise: what it passes, build makes; without ffmpeg build could not.
        message = (
            "videos need ffmpeg, which is not installed - apt-get install ffmpeg, or set [share_cards] video = false"
        )
        return [finding_of(ChecksFailed(message, code="digital.video-encode"), localized.tag, "video")]
    ids: list[str | None] = [mid for spot in spots for mid in spot.script]
    ids += [campaign.delivery.closing, None] if campaign.delivery.closing else [None]
    findings: list[Finding] = []
    for fmt in video_formats(campaign):
        try:
            try:
                _planned_still(localized, fmt)
            except LayoutFitError:
                pass  # the share card stands in, scaled (its own check reports a card that cannot fit)
            for mid in dict.fromkeys(ids):
                if mid is None or localized.applies(mid):
                    _set_caption(localized, caption_block(localized, mid), fmt)
        except MissingGlyphsError:
            return []  # the glyph check names the language and message
        except ChecksFailed as exc:
            findings.append(finding_of(exc, localized.tag, fmt.name))
    return findings
