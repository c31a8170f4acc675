"""A saboteur's tools: a written flyer PDF changed the way a broken font subset, a writer bug
or a careless edit would change it, with pypdf, so the read-back can be shown to notice.

The flyer PDF's text is one `BT /Fn size Tf ... Tm [<glyph> <glyph> ...] TJ ET` per run, with
two-byte glyph codes and a ToUnicode map per font; the QR code is one path of `x y w h re`
rectangles (runs of dark modules) after its white quiet zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
from pypdf.generic import ArrayObject


@dataclass(frozen=True)
class Glyph:
    start: int  # where its <code> stands in the content stream
    end: int
    code: int
    text: str  # what ToUnicode says it stands for
    width: float  # its advance, in thousandths of the type size
    size: float  # the type size of its run (PDF user units: 300-dpi pixels here)
    run: int  # which BT ... ET it is in


def content(pdf_path: Path, page: int = 0) -> str:
    return pypdf.PdfReader(str(pdf_path)).pages[page].get_contents().get_data().decode("latin-1")


def glyphs(pdf_path: Path, page: int = 0) -> list[Glyph]:
    """Every glyph drawn on the page, in content order."""
    reader = pypdf.PdfReader(str(pdf_path))
    fonts = reader.pages[page]["/Resources"]["/Font"]
    text = reader.pages[page].get_contents().get_data().decode("latin-1")
    found = []
    for run, block in enumerate(re.finditer(r"BT /(\S+) ([\d.]+) Tf(.*?)ET", text, re.S)):
        font = fonts["/" + block.group(1)].get_object()
        meaning, (widths, default) = _to_unicode(font), _widths(font)
        for code in re.finditer(r"<([0-9A-F]{4})>", block.group(3)):
            value = int(code.group(1), 16)
            found.append(
                Glyph(
                    block.start(3) + code.start(),
                    block.start(3) + code.end(),
                    value,
                    meaning.get(value, ""),
                    widths.get(value, default),
                    float(block.group(2)),
                    run,
                )
            )
    return found


def rewrite(pdf_path: Path, text: str, page: int = 0) -> None:
    """The page's content stream replaced by text, the rest of the file kept."""
    writer = pypdf.PdfWriter(clone_from=str(pdf_path))
    writer.pages[page]["/Contents"].get_object().set_data(text.encode("latin-1"))
    with open(pdf_path, "wb") as out:
        writer.write(out)


def leave_out(pdf_path: Path, glyph: Glyph) -> None:
    """The glyph is not drawn; its advance is kept, so the rest of the line stays where it was
    (as a font subset that lost a glyph's outline prints it)."""
    text = content(pdf_path)
    rewrite(pdf_path, text[: glyph.start] + f"{-glyph.width:g}" + text[glyph.end :])


def swap(pdf_path: Path, first: Glyph, second: Glyph) -> None:
    """Two glyphs drawn in each other's place (first comes before second in the stream)."""
    text = content(pdf_path)
    a, b = text[first.start : first.end], text[second.start : second.end]
    rewrite(pdf_path, text[: first.start] + b + text[first.end : second.start] + a + text[second.end :])


def code_modules(pdf_path: Path) -> list[tuple[int, int, int, int, int]]:
    """(start, end, x, y, width) of each dark run the QR code's path draws."""
    text = content(pdf_path)
    quiet = re.search(r"1 1 1 rg\n(\d+) (\d+) (\d+) \3 re f\n0 0 0 rg\n", text)
    assert quiet, "no QR code in the page's content"
    path_end = text.index(" f", quiet.end())
    return [
        (m.start() + quiet.end(), m.end() + quiet.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"(\d+) (\d+) (\d+) (\d+) re ?", text[quiet.end() : path_end])
    ]


def erase_run(pdf_path: Path, start: int, end: int) -> None:
    text = content(pdf_path)
    rewrite(pdf_path, text[:start] + text[end:])


def _to_unicode(font) -> dict[int, str]:
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    meaning = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            meaning[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace") if text else ""
    return meaning


def _widths(font) -> tuple[dict[int, float], float]:
    cid_font = font["/DescendantFonts"][0].get_object()
    array, widths, at = cid_font.get("/W", []), {}, 0
    while at < len(array):
        first, then = int(array[at]), array[at + 1]
        if isinstance(then, ArrayObject):
            widths.update({first + k: float(w) for k, w in enumerate(then)})
            at += 2
        else:
            widths.update(dict.fromkeys(range(first, int(then) + 1), float(array[at + 2])))
            at += 3
    return widths, float(cid_font.get("/DW", 1000))
