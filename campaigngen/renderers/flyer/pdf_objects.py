"""PDF file syntax: numbered objects, streams, a cross-reference table (ISO 32000-1, 7.3 and 7.5).

Just enough to write one page: the writer builds dictionaries as text with these helpers,
so every byte of the file is deliberate and nothing is parsed back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from zlib_ng import zlib_ng


def name(value: str) -> str:
    """A PDF name; bytes outside the regular set are #-escaped."""
    out = []
    for byte in value.encode("utf-8"):
        char = chr(byte)
        out.append(char if 0x21 <= byte <= 0x7E and char not in "()<>[]{}/%#" else f"#{byte:02X}")
    return "/" + "".join(out)


def text_string(value: str) -> str:
    """A text string (title, ActualText) as UTF-16BE with its byte order mark, in hex."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def array(values) -> str:
    return "[" + " ".join(number(v) if isinstance(v, (int, float)) else str(v) for v in values) + "]"


class PdfFile:
    def __init__(self) -> None:
        self._objects: list[bytes | None] = []
        self.shared: dict[str, object] = {}  # objects pages share, made once per file, by name

    def reserve(self) -> int:
        self._objects.append(None)
        return len(self._objects)

    def add(self, body: str | bytes, number_: int | None = None) -> int:
        data = body.encode("latin-1") if isinstance(body, str) else body
        if number_ is None:
            self._objects.append(data)
            return len(self._objects)
        self._objects[number_ - 1] = data
        return number_

    def add_stream(self, entries: str, data: bytes, compress: bool = True, number_: int | None = None) -> int:
        if compress:
            data = zlib_ng.compress(data, 6)  # deflate, as zlib's level 6, 3.5x faster (png_file.py)
            entries += " /Filter /FlateDecode"
        return self.add(
            f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream", number_
        )

    def write(self, path: Path, root: int, info: int) -> int:
        """Writes the file; returns its size in bytes."""
        data = self.to_bytes(root, info)
        path.write_bytes(data)
        return len(data)

    def to_bytes(self, root: int, info: int) -> bytes:
        """The whole file."""
        out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for index, body in enumerate(self._objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {index} was reserved and never written")
            offsets.append(len(out))
            out += b"%d 0 obj\n" % index + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self._objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        # The file identifier (ISO 32000-1, 14.4; PDF/X requires it): the hash of the file's
        # objects, so the same page is the same file, byte for byte.
        file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper().encode("ascii")
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self._objects) + 1,
            root,
            info,
            file_id,
            file_id,
            xref,
        )
        return bytes(out)
