"""Files people upload, judged by what they are, not by what they are called.

Each kind of upload has a size cap and a sniffer: the bytes are opened with the library that
will use them (soundfile for a recording, Pillow for an image) and must decode as one of the
kind's formats. The stored name comes from the validated id and the detected format, never
from the uploaded file's name, so an upload cannot choose where it lands.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass


class UploadRefused(ValueError):
    """One line for the person who uploaded: what is wrong and what to do."""


@dataclass(frozen=True)
class UploadKind:
    name: str  # "recording", "image"
    max_bytes: int
    sniff: Callable[[bytes], str]  # the file's extension by content, or UploadRefused
    accept: str  # the <input accept=...> hint; never trusted


_AUDIO_FORMATS = {"WAV": "wav", "WAVEX": "wav", "FLAC": "flac", "MP3": "mp3", "OGG": "ogg"}


def sniff_audio(data: bytes) -> str:
    import soundfile

    from campaigngen.sources.campaign import audio_problem

    try:
        info = soundfile.info(io.BytesIO(data))
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        raise UploadRefused("not a WAV, FLAC or MP3 recording - export the recording as WAV and upload that") from None
    extension = _AUDIO_FORMATS.get(info.format)
    if extension is None or extension == "ogg":
        raise UploadRefused(f"a {info.format} file - upload WAV, FLAC or MP3")
    problem = audio_problem(data)  # the same test campaign.toml's recordings must pass
    if problem:
        raise UploadRefused(f"the recording is {problem} - upload the spoken spot")
    return extension


_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def sniff_image(data: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    from campaigngen.sources.brand import MAX_LOGO_AREA  # one limit: what an upload may be, campaign.toml may use

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_LOGO_AREA:
                raise UploadRefused(f"{width} x {height} pixels is more than a print logo needs - scale it down")
            image.verify()  # reads the whole stream: a truncated or damaged file fails here
    except UploadRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRefused("not a PNG or JPEG image - save the logo as PNG and upload that") from None
    if kind not in _IMAGE_FORMATS:
        raise UploadRefused(f"a {kind} image - upload PNG or JPEG")
    return _IMAGE_FORMATS[kind]


RECORDING = UploadKind("recording", 50 << 20, sniff_audio, "audio/wav,audio/flac,audio/mpeg,.wav,.flac,.mp3")
# For a logo (organization/brand keys in campaign.toml): the same rules for any picture.
IMAGE = UploadKind("image", 10 << 20, sniff_image, "image/png,image/jpeg")


def sniff_logo(data: bytes) -> str:
    """A logo is printed: PNG only (lossless; campaign.toml takes PNG or SVG, and an SVG is
    text that the loader checks itself)."""
    extension = sniff_image(data)
    if extension != "png":
        raise UploadRefused("a JPEG photo - save the logo as PNG and upload that")
    return extension


def _logo_kind() -> UploadKind:
    from campaigngen.sources.brand import MAX_LOGO_BYTES  # the loader's cap, not a second number

    return UploadKind("logo", MAX_LOGO_BYTES, sniff_logo, "image/png,.png")


LOGO = _logo_kind()


def validate(kind: UploadKind, data: bytes) -> str:
    """The extension to store the upload under; UploadRefused when it is not one of kind."""
    if not data:
        raise UploadRefused("the file is empty - choose the file again")
    if len(data) > kind.max_bytes:
        raise UploadRefused(f"{len(data) >> 20} MB is more than the {kind.max_bytes >> 20} MB a {kind.name} may be")
    return kind.sniff(data)
