"""What a renderer measured about a file it wrote: frozen facts, one class per kind of file.

They travel with the file from the renderer through the release stage and become the keys
of its manifest entry only when the manifest is written (release/entries.py); wherever a
manifest is read (the next build's reuse, the bundles, the traffic sheet, the review page)
they are parsed back into these same classes. The rules of that form, so a field reads the
same in both places:
- a field is written under its own name; a field holding a part (``pdf``, ``read_back``) is
  written as that part's fields, beside its own;
- a field with a default is left out while it has it (a PNG has no ``pdf``, a one-page
  flyer no ``page``);
- a field marked ``NOT_IN_MANIFEST`` is never written (what a check consumes, then drops).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

NOT_IN_MANIFEST = {"manifest": False}

Box = tuple[int, int, int, int]  # left, top, right, bottom in the written PNG's pixels


# --------------------------------------------------------------------------- print


@dataclass(frozen=True)
class ExpectedText:
    """What a reader must be able to copy out of the PDF: the number, and the headline
    where an extractor gives it back in reading order (None where it cannot)."""

    phone: str
    headline: str | None
    regions: tuple = ()  # per page, the InkRegions where the plan put text and codes: what the raster check compares


@dataclass(frozen=True)
class ColourShift:
    """A brand colour on its way to the press: the CMYK it becomes and how far it moves."""

    cmyk_percent: tuple[float, float, float, float]
    delta_e_2000: float


@dataclass(frozen=True)
class ReadBack:
    """The PDF read back as a reader's tools read it, and found to say what the page shows."""

    text_extractable: bool
    fonts_all_embedded: bool
    raster_mismatch: float  # share of the page that renders differently from the PNG


@dataclass(frozen=True)
class PrintFile:
    """What the print PDF adds to its page's facts."""

    vector: bool
    fonts_embedded: tuple[str, ...]  # "/F1:NotoSans-Bold.ttf#0": the subsets and the faces they come from
    boxes_pt: Mapping[str, tuple[float, float, float, float]]  # media, bleed, trim
    colour: str  # "rgb" or "cmyk"
    page_images: tuple[str, ...]  # the PNG each page must look like, beside the PDF
    colour_shifts: Mapping[str, ColourShift] | None = None  # CMYK only, by "#rrggbb"
    image_ink_percent: Mapping[str, float] | None = None  # CMYK only: the most ink of each image kind
    expected: ExpectedText | None = field(default=None, metadata=NOT_IN_MANIFEST)
    read_back: ReadBack | None = None  # set once the PDF was read back and matched


@dataclass(frozen=True, kw_only=True)
class PrintedFacts:
    """What every printed page has: one language's flyer or a multilingual sheet, its PNG
    (one per page) and its PDF."""

    qr: str  # the address the QR code must read as
    draft: bool
    page_size_pt: tuple[float, float]
    pixels: tuple[int, int]  # the PNG's size, slug included
    dpi: int
    min_type_pt: float
    number_pt: float | None  # the hotline number's size
    qr_box: Box | None  # where the written PNG shows the QR code
    page: int | None = None  # which page of the PDF this PNG is (a sheet of two pages)
    qr_decoded: bool = False  # the QR code was decoded back from this very file
    pdf: PrintFile | None = None  # only on the PDF


@dataclass(frozen=True, kw_only=True)
class FlyerFacts(PrintedFacts):
    """One language's flyer: a poster, the tear-off sheet or the wallet card."""

    bleed_in: float
    direction: str  # "ltr" or "rtl"
    qr_px: int | None


@dataclass(frozen=True)
class Dropped:
    """A line a multilingual sheet could keep only by leaving it out."""

    language: str
    message: str


@dataclass(frozen=True, kw_only=True)
class SheetFacts(PrintedFacts):
    """A multilingual sheet: several languages on one Letter page, or two."""

    languages: tuple[str, ...]
    pages: int
    columns: tuple[int, ...]  # per page
    dropped: tuple[Dropped, ...]


# --------------------------------------------------------------------------- radio


@dataclass(frozen=True)
class AirFacts:
    """Where a spot has sound, as a station's silence detector sees it."""

    head_s: float  # silence before the first sound
    tail_s: float  # silence after the last sound
    longest_gap_s: float  # the longest silence between sounds
    sound_s: float  # first sound to last


@dataclass(frozen=True, kw_only=True)
class SpotFacts:
    """The broadcast WAV of a spot, as measured from its samples before it was written."""

    duration_s: float
    frames: int
    loudness_lufs: float
    true_peak_dbtp: float
    max_short_term_lufs: float
    loudness_range_lu: float
    air: AirFacts
    sample_rate: int
    bit_depth: int
    channels: int
    channel_layout: str
    preset: str
    engine: str
    voice: str
    pace: float
    pause_stretch: float
    voice_s: float  # the voice alone, first word to last
    voice_end_s: float
    filled_with: tuple[str, ...]
    music_bed: str | None
    words: int
    spot_code: str
    advertiser: str
    draft: bool
    cut_id: str | None = None  # the cart chunk's cut ID: the station's cut number, else the code


@dataclass(frozen=True, kw_only=True)
class Mp3Facts(SpotFacts):
    """The MP3 of the same spot: its loudness and true peak are the decoded file's own."""

    bitrate_kbps: int
    bitrate_mode: str
    level_rounds: int  # encodings until the decoded level read the target
    id3_version: str | None = None  # the tags' ID3v2 version (None on an untagged MP2)

    @classmethod
    def of(
        cls,
        wav: SpotFacts,
        *,
        loudness_lufs: float,
        true_peak_dbtp: float,
        bitrate_kbps: int,
        bitrate_mode: str,
        level_rounds: int,
        id3_version: str | None = None,
    ) -> Mp3Facts:
        """The MP3 of the spot whose WAV measured wav: the same spot, its own level and encoding."""
        shared = {f.name: getattr(wav, f.name) for f in fields(SpotFacts)}
        shared.update(loudness_lufs=loudness_lufs, true_peak_dbtp=true_peak_dbtp)
        return cls(
            **shared,
            bitrate_kbps=bitrate_kbps,
            bitrate_mode=bitrate_mode,
            level_rounds=level_rounds,
            id3_version=id3_version,
        )


@dataclass(frozen=True, kw_only=True)
class Mp2Facts(Mp3Facts):
    """The MPEG-1 Layer II copy (untagged), levelled like the MP3: its own decoded level."""


@dataclass(frozen=True, kw_only=True)
class ScriptSheetFacts:
    """What a spot says, for the station; with no audio beside it, why."""

    words: int
    booked_s: int
    spot_code: str
    draft: bool
    audio: bool = True
    no_audio_reason: str | None = None
    live_read: bool = False  # no audio: read live on air, with a card
    not_made: str | None = None  # no audio and no live read: why the spot was not made
    read_s: int | None = None  # the plain reading time an announcer needs, where it was composed
    source_text: bool = False  # the sheet carries the source language's text beside each line


@dataclass(frozen=True, kw_only=True)
class CardFacts:
    """The live-read card: the script set for an announcer to read on air."""

    pages: int
    spot_code: str
    read_s: int
    script_size_pt: float
    fits_one_page: bool
    fonts: tuple[str, ...]
    draft: bool
    read_exact_s: float | None = None  # the composed plain reading, before rounding up
    plain_s: float | None = None  # the script at the language's plain spoken rate
    voice_s: float | None = None  # the voice's own reading beside a recording, where there is one
    read_fits: bool = True  # the plain reading fills the booking as [delivery] fill allows
    source_text: bool = False  # the source language's text beside each line


@dataclass(frozen=True, kw_only=True)
class TextMessageFacts:
    """The one-message text for SMS and WhatsApp, counted as carriers count it."""

    variant: str  # "plain", or "discreet" (its first line says nothing of trafficking or help)
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets or UTF-16 code units
    segments: int  # SMS segments it is sent in
    draft: bool


@dataclass(frozen=True, kw_only=True)
class ShareCardFacts:
    """A share card for chats and stories: the poster's plan on a phone screen, read back."""

    pixels: tuple[int, int]
    safe_top_px: int  # no text above this (the app's own overlays on a story)
    safe_bottom_px: int  # nor in this many pixels at the bottom
    number_px: float  # the hotline number's type size on the card
    min_text_px: float  # the smallest type on it
    body: bool  # the body lines are on it (a square leaves them out where they do not fit)
    direction: str
    draft: bool
    qr: str | None  # the address its QR code reads as; None: the campaign asked for no QR code
    qr_box: Box | None = None
    qr_decoded: bool = False  # the QR code was decoded back from this very file
    alt_text: str = ""  # the file beside it that describes it to a screen reader


@dataclass(frozen=True, kw_only=True)
class AltTextFacts:
    """What a share card says, as the text a chat or page offers a screen reader."""

    card: str  # the card's file name
    characters: int
    draft: bool


@dataclass(frozen=True, kw_only=True)
class VideoFacts:
    """A captioned video of a spot over a share card, measured as a platform measures it."""

    pixels: tuple[int, int]
    duration_s: float
    fps: int
    video_codec: str
    audio_codec: str
    loudness_lufs: float  # ffmpeg's ebur128 meter on the MP4's own audio
    true_peak_dbtp: float
    preset: str
    captions: int  # one per spoken line
    captions_file: str  # the WebVTT file beside it
    caption_timing: str  # "measured" (each line's own phrases placed) or "estimated" (one clip shared out)
    direction: str
    draft: bool


@dataclass(frozen=True, kw_only=True)
class CaptionFacts:
    """The WebVTT captions beside a video: the same lines at the same times."""

    video: str
    cues: int
    draft: bool


Facts = (
    FlyerFacts
    | SheetFacts
    | SpotFacts
    | Mp3Facts
    | Mp2Facts
    | ScriptSheetFacts
    | CardFacts
    | TextMessageFacts
    | ShareCardFacts
    | AltTextFacts
    | VideoFacts
    | CaptionFacts
)


__all__ = [
    "NOT_IN_MANIFEST",
    "AirFacts",
    "AltTextFacts",
    "CaptionFacts",
    "CardFacts",
    "ColourShift",
    "Dropped",
    "ExpectedText",
    "Facts",
    "FlyerFacts",
    "Mp2Facts",
    "Mp3Facts",
    "PrintFile",
    "PrintedFacts",
    "ReadBack",
    "ScriptSheetFacts",
    "ShareCardFacts",
    "SheetFacts",
    "SpotFacts",
    "TextMessageFacts",
    "VideoFacts",
]
