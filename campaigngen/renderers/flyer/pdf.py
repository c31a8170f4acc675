"""A PDF page holding one PNG losslessly, at exactly the paper size.

The PNG's compressed image data is embedded as it is (Flate with PNG predictors, which
PDF readers decode natively), so the PDF costs no second compression, keeps every QR
module sharp, and is as small as the PNG. Pillow's own PDF writer would JPEG it.
"""

from __future__ import annotations

import struct
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_parts(png: bytes) -> tuple[int, int, bytes]:
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    position, idat = len(PNG_SIGNATURE), []
    width = height = 0
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        data = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", data)
            if depth != 8 or color != 2 or interlace:
                raise ValueError("only 8-bit RGB non-interlaced PNGs are embedded")
        elif kind == b"IDAT":
            idat.append(data)
        position += 12 + length
    return width, height, b"".join(idat)


def png_to_pdf(png_path: Path, pdf_path: Path, page_pt: tuple[float, float]) -> None:
    width, height, data = _png_parts(png_path.read_bytes())
    page_w, page_h = (f"{v:.4f}".rstrip("0").rstrip(".") for v in page_pt)
    content = f"q {page_w} 0 0 {page_h} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] "
         f"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>").encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB "
         f"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 "
         f"/BitsPerComponent 8 /Columns {width} >> /Length {len(data)} >>\nstream\n").encode()
        + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    pdf_path.write_bytes(bytes(out))


def media_box(pdf_path: Path) -> tuple[float, float]:
    """Page size in points, read back from a PDF this module wrote (for checks and tests)."""
    import re

    match = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf_path.read_bytes())
    if not match:
        raise ValueError(f"{pdf_path}: no MediaBox")
    return float(match.group(1)), float(match.group(2))


__all__ = ["png_to_pdf", "media_box"]
