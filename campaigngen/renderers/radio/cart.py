"""The cart chunk (AES46-2002): what a station's automation reads to schedule a spot.

Playout and automation systems (Rivendell, ENCO, WideOrbit, Zetta and others) read a WAV's
`cart` chunk when it is imported: the title, the artist (here the advertiser), the cut ID
the program log calls the spot by, the category, the first and last day it may air
(start and kill), and post timers that mark where the voice begins and ends. Written by
hand, like the bext chunk beside it (bwf.py): no registry library writes cart.

The layout is AES46-2002's (cartchunk.org, version 1.01): fixed-size ASCII fields, each
left-aligned and padded with NULs, 2048 bytes before the free tag text:

    Version 4, Title 64, Artist 64, CutID 64, ClientID 64, Category 64, Classification 64,
    OutCue 64, StartDate 10, StartTime 8, EndDate 10, EndTime 8, ProducerAppID 64,
    ProducerAppVersion 64, UserDef 64, dwLevelReference (int32), PostTimer 8 x (FOURCC
    usage + uint32 sample offset), Reserved 276, URL 1024, TagText (CR/LF-terminated).

Dates are written yyyy-mm-dd and times hh:mm:ss (readers such as Rivendell take the year,
month and day by position, so the separator does not matter to them). A spot with no start
date may air from the day it was made; with no kill date it runs until 9999-12-31 23:59:59,
the "no end" that automation systems use.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from functools import lru_cache

CART_VERSION = "0101"  # AES46-2002: version 1.01 (the URL field added)
CART_FIXED_BYTES = 2048
_LAYOUT = "<4s64s64s64s64s64s64s64s10s8s10s8s64s64s64si64s276s1024s"
NO_END = dt.datetime(9999, 12, 31, 23, 59, 59)

# Post timer usage IDs (FOURCC), as automation systems name them: where the audio starts and
# ends (AUDs/AUDe), the intro before the voice (INTs/INTe), and the segue point (SEGs) where
# the next element may start (here: the last word; after it only the tail or the bed's end).
AUDIO_START, AUDIO_END = "AUDs", "AUDe"
INTRO_START, INTRO_END = "INTs", "INTe"
SEGUE_START = "SEGs"
MAX_TIMERS = 8


@dataclass(frozen=True)
class PostTimer:
    usage: str  # four ASCII characters
    sample: int  # offset from the first sample of the file, in sample frames


@dataclass(frozen=True)
class Cart:
    title: str
    artist: str  # the advertiser: what a log and a library list the spot under
    cut_id: str  # the spot code, or the station's numeric cut number
    client_id: str
    category: str  # "PSA", "NEWS", "COM"...
    classification: str
    out_cue: str  # the last words heard, for the operator and the log
    start: dt.datetime  # the first moment the spot may air
    end: dt.datetime  # the last (the kill date and time)
    producer_app: str
    producer_version: str
    user_def: str = ""
    level_reference: int = 32768  # the sample value of 0 dBFS at the file's bit depth
    timers: tuple[PostTimer, ...] = ()
    url: str = ""
    tag_text: str = ""

    def pack(self) -> bytes:
        if len(self.timers) > MAX_TIMERS:
            raise ValueError(f"a cart chunk holds {MAX_TIMERS} post timers, not {len(self.timers)}")
        timers = b"".join(
            struct.pack("<4sI", ascii_text(timer.usage).encode("ascii")[:4].ljust(4), max(0, timer.sample))
            for timer in self.timers
        ).ljust(8 * MAX_TIMERS, b"\0")
        fixed = struct.pack(
            _LAYOUT,
            CART_VERSION.encode("ascii"),
            _field(self.title, 64),
            _field(self.artist, 64),
            _field(self.cut_id, 64),
            _field(self.client_id, 64),
            _field(self.category, 64),
            _field(self.classification, 64),
            _field(self.out_cue, 64),
            self.start.strftime("%Y-%m-%d").encode("ascii"),
            self.start.strftime("%H:%M:%S").encode("ascii"),
            self.end.strftime("%Y-%m-%d").encode("ascii"),
            self.end.strftime("%H:%M:%S").encode("ascii"),
            _field(self.producer_app, 64),
            _field(self.producer_version, 64),
            _field(self.user_def, 64),
            self.level_reference,
            timers,
            b"",
            _field(self.url, 1024),
        )
        assert len(fixed) == CART_FIXED_BYTES
        tag = ascii_text(self.tag_text).encode("ascii")
        if tag and not tag.endswith(b"\r\n"):
            tag += b"\r\n"
        return fixed + tag


def _field(value: str, size: int) -> bytes:
    return ascii_text(value).encode("ascii")[:size]


@lru_cache(maxsize=1)
def _to_ascii():
    import icu

    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def ascii_text(value: str) -> str:
    """Text for an ASCII-only field: romanised as ICU romanises ("Ayuda está aquí" -> "Ayuda
    esta aqui", Arabic and Chinese in Latin letters), never a run of question marks; control
    characters and anything left over are dropped."""
    if value.isascii():
        folded = value
    else:
        folded = _to_ascii().transliterate(value)
    return "".join(ch for ch in folded if 32 <= ord(ch) < 127)


def air_window(start: dt.date | dt.datetime | None, kill: dt.date | dt.datetime | None, made: dt.datetime):
    """(start, end) as the cart chunk carries them: a date alone starts at 00:00:00 and a kill
    date ends at 23:59:59 (the kill date is the last day on air); no start date is the day
    the file was made, no kill date is NO_END."""

    def moment(value: dt.date | dt.datetime, end_of_day: bool) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        return dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time(0, 0, 0))

    first = moment(start, False) if start is not None else moment(made.date(), False)
    last = moment(kill, True) if kill is not None else NO_END
    return first, last


__all__ = [
    "AUDIO_END",
    "AUDIO_START",
    "CART_FIXED_BYTES",
    "INTRO_END",
    "INTRO_START",
    "NO_END",
    "SEGUE_START",
    "Cart",
    "PostTimer",
    "air_window",
    "ascii_text",
]
