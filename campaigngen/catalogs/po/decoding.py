"""Bytes to text as msgfmt reads them: the file by the charset its header declares, and a
quoted string's backslash escapes."""

from __future__ import annotations

import re
from pathlib import Path

from campaigngen.exceptions import InputError

_DECLARED_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def decode_catalog(path: Path, raw: bytes) -> tuple[str, str]:
    """(text, charset): decoded by the charset the header declares, as msgfmt does; UTF-8
    (with or without a BOM) when it declares none."""
    import codecs

    declared = _DECLARED_CHARSET.search(raw[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if charset in ("charset", "utf8"):  # the template's placeholder "CHARSET"; a common spelling
        charset = "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(
            path,
            f"the header declares charset '{charset}', which is unknown",
            line=raw[: declared.start()].count(b"\n") + 1 if declared else None,
            hint="save the file as UTF-8 and declare charset=UTF-8",
        ) from None
    try:
        text = raw.decode("utf-8-sig" if codecs.lookup(charset).name == "utf-8" else charset)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid {charset} text (byte {exc.start})",
            line=line,
            hint="save the file as UTF-8 (Poedit: File > Save) and declare charset=UTF-8",
        ) from None
    return text.replace("\r\n", "\n"), charset


# A backslash escape as GNU gettext's PO reader (po-lex.c, control_sequence) decodes it:
# the C escapes it knows, one to three octal digits, or "\\x" and EVERY hex digit after it
# (msgfmt reads "\\x35b" as one byte, 0x5b "[", not "5b"). Each stands for one byte of the
# file's charset; anything else ("\\q", "\\e", "\\u0041", "\\'") is an invalid control
# sequence to msgfmt, so it is refused here too.
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))', re.S)
_C_ESCAPES = {
    "n": b"\n",
    "t": b"\t",
    "b": b"\b",
    "r": b"\r",
    "f": b"\f",
    "v": b"\v",
    "a": b"\a",
    "\\": b"\\",
    '"': b'"',
}
_KNOWN_ESCAPES = r"\n \t \" \\ \a \b \f \r \v, octal \NNN, hex \xHH"


def decode_po_string(body: str, charset: str = "utf-8") -> str:
    """The text a quoted PO string stands for (``body`` without its quotes), as msgfmt reads it.

    Raises ValueError(column, problem) where gettext refuses the string or where its escapes
    make bytes that are not text in the file's charset. A NUL (``\\0``) is kept as U+0000,
    where msgfmt silently cuts the line's string short: the text differs between tools, and the
    invisible-characters check reports it.
    """
    if "\\" not in body:
        return body
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        out += body[position : match.start()].encode(charset)
        simple, octal, hexadecimal, _unknown = match.groups()
        if simple is not None:
            out += _C_ESCAPES[simple]
        elif octal is not None:
            out.append(int(octal, 8) & 0xFF)  # "\\777" is one byte, as in C
        elif hexadecimal is not None:
            out.append(int(hexadecimal[-2:], 16))  # only the low byte of the value survives
        else:
            raise ValueError(match.start(), f"an escape sequence gettext does not know (it knows {_KNOWN_ESCAPES})")
        position = match.end()
    out += body[position:].encode(charset)
    try:
        text = out.decode(charset)
    except UnicodeDecodeError as exc:
        raise ValueError(
            None, f"its escape sequences make bytes that are not {charset} text (byte {exc.start + 1} of the string)"
        ) from None
    if "\x04" in text:
        # gettext keeps msgctxt and msgid apart with EOT; msgfmt refuses it inside a string.
        raise ValueError(None, "an EOT character (U+0004), which msgfmt refuses inside a string")
    return text
