"""A drawn page as a PNG file: its rows deflated as they are, with no PNG filter.

Pillow's PNG encoder tries four filters on every row and keeps the one whose bytes sum
smallest, the heuristic libpng uses for photographs. A flyer or share card is flat colour,
anti-aliased type and a QR code: a filter turns a row of repeated colours into other repeated
bytes, and deflate finds the repeats either way. Measured on every format and both cards in
eight scripts, a DRAFT and four multilingual sheets (67 files): unfiltered rows at deflate
level 1 made the print pages 0.91-1.07 times the size of Pillow's level-1 files in about a
third of the time (the filters were two thirds of a page's encoding: a Letter page 48 ms
instead of 143, a Tabloid 97 instead of 274); at level 6 the cards were 16-21 % smaller, in
two thirds of the time. The pixels are the same; tests/test_png_file.py holds both.

The file carries what Pillow's carried: IHDR, pHYs where a resolution is given, IDAT, IEND.
Rows are deflated a band at a time, so a Tabloid page is never copied whole.

Deflated by zlib-ng (as the PDF's streams are): the same deflate format any PNG reader
inflates, made 3.5-4x faster than by zlib at the same level (measured on a Spanish build's
rows: a Tabloid page 24 ms at zlib-ng's level 2 against 97 ms at zlib's level 1, and 603 kB
against 722; a story card 10.5 ms at level 6 against 38.8, 122 kB against 120). zlib-ng's
level 1 is a different, faster method that leaves 30 % more bytes on a page, hence level 2
for print.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from PIL import Image
from zlib_ng import zlib_ng

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PRINT_LEVEL = 2  # a print shop does not pay by the byte; the page is read back (QR, raster) at once
SHARE_LEVEL = 6  # a share card travels over phones' data plans, as zlib's default
BAND_ROWS = 256  # a Letter band is ~2 MB
_NO_FILTER = 0  # the filter-type byte that starts every row
_METRES_PER_INCH = 0.0254


def png_bytes(image: Image.Image, level: int, dpi: int | None = None) -> bytes:
    """The RGB image as a PNG file, deflated at zlib-ng's level `level`, its resolution recorded
    as pixels per metre (pHYs) where dpi is given."""
    if image.mode != "RGB":
        raise ValueError(f"a page is drawn in RGB, not {image.mode}")
    width, height = image.size
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    if dpi is not None:
        per_metre = int(dpi / _METRES_PER_INCH + 0.5)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    deflate = zlib_ng.compressobj(level)
    deflated = []
    for top in range(0, height, BAND_ROWS):
        bottom = min(height, top + BAND_ROWS)
        band = np.frombuffer(image.crop((0, top, width, bottom)).tobytes(), np.uint8)
        rows = np.empty((bottom - top, 1 + 3 * width), np.uint8)
        rows[:, 0] = _NO_FILTER
        rows[:, 1:] = band.reshape(bottom - top, 3 * width)
        deflated.append(deflate.compress(rows.data))
    deflated.append(deflate.flush())
    chunks.append(_chunk(b"IDAT", b"".join(deflated)))
    chunks.append(_chunk(b"IEND", b""))
    return SIGNATURE + b"".join(chunks)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
