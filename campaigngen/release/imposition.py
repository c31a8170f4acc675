"""Wallet cards imposed for the shop: the release's card PDF placed n-up on a Letter or A4 press
sheet, each copy clipped to its bleed, with crop marks at every trim corner in the gutters.

The cards are placed from the finished PDF (its page becomes a form clipped to the card's
BleedBox, drawn once per cell), so the sheet holds exactly what was checked and approved, not
a second rendering. The sheet carries the card's output intent, so CMYK numbers keep their
meaning; it is an imposition for the shop's convenience, not a PDF/X file of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from campaigngen.renderers.flyer.pdf_objects import number

PAPERS_PT = {"letter": (612.0, 792.0), "a4": (595.276, 841.89)}
MARGIN_PT = 18.0  # the press's gripper and the sheet's edge: a quarter inch
GUTTER_PT = 18.0  # between two cards' bleeds: room for both cards' crop marks
MARK_OFFSET_PT = 2.0  # a crop mark starts this far outside the bleed
MARK_LENGTH_PT = 6.5
MARK_WIDTH_PT = 0.25


@dataclass(frozen=True)
class ImposedSheet:
    path: Path
    paper: str
    columns: int
    rows: int
    cells: tuple[tuple[float, float], ...]  # each card's bleed box, lower left corner, in points

    @property
    def copies(self) -> int:
        return self.columns * self.rows


def impose(card_pdf: Path, out: Path, paper: str) -> ImposedSheet:
    """The card n-up on the paper (as many as fit between the margins), written to out."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    width, height = PAPERS_PT[paper]
    reader = PdfReader(str(card_pdf))
    card = reader.pages[0]
    bleed, trim = card.bleedbox, card.trimbox
    cell_w, cell_h = float(bleed.width), float(bleed.height)
    columns = max(1, math.floor((width - 2 * MARGIN_PT + GUTTER_PT) / (cell_w + GUTTER_PT)))
    rows = max(1, math.floor((height - 2 * MARGIN_PT + GUTTER_PT) / (cell_h + GUTTER_PT)))
    # Centred on the sheet, so a guillotine cuts the same distance from every edge.
    left = (width - columns * cell_w - (columns - 1) * GUTTER_PT) / 2
    bottom = (height - rows * cell_h - (rows - 1) * GUTTER_PT) / 2
    cells = [
        (left + column * (cell_w + GUTTER_PT), bottom + row * (cell_h + GUTTER_PT))
        for row in range(rows)
        for column in range(columns)
    ]
    writer = PdfWriter()
    sheet = writer.add_blank_page(width, height)
    # The card once, as a form clipped to its bleed (the slug and its marks stay out), drawn in
    # every cell: the sheet holds the checked page's own content stream, not a re-parsed copy.
    form = writer._add_object(_card_form(card, writer))
    catalog = reader.trailer["/Root"].get_object()
    assert isinstance(catalog, DictionaryObject)
    cmyk = "/OutputIntents" in catalog
    inset = (float(trim.left) - float(bleed.left), float(trim.bottom) - float(bleed.bottom))
    placed = " ".join(
        f"q 1 0 0 1 {number(x - float(bleed.left))} {number(y - float(bleed.bottom))} cm /Card Do Q" for x, y in cells
    )
    marks = _crop_marks(cells, (cell_w, cell_h), inset, (float(trim.width), float(trim.height)), cmyk)
    content = DecodedStreamObject()
    content.set_data(f"{placed} {marks}".encode("latin-1"))
    sheet[NameObject("/Contents")] = writer._add_object(content)
    sheet[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Card"): form})}
    )
    if "/OCProperties" in catalog:  # the die plate's layer stays a layer a viewer can switch
        writer._root_object[NameObject("/OCProperties")] = catalog["/OCProperties"].clone(writer)
    if cmyk:  # the card's press condition, so its CMYK numbers keep their meaning
        writer._root_object[NameObject("/OutputIntents")] = catalog["/OutputIntents"].clone(writer)
    writer.add_metadata({"/Title": f"{reader.metadata.title if reader.metadata else ''} ({columns * rows}-up)"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return ImposedSheet(out, paper, columns, rows, tuple(cells))


def _card_form(card, writer):
    """The card page as a form XObject whose bounding box is its bleed box."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        FloatObject,
        NameObject,
        StreamObject,
    )

    contents = card["/Contents"].get_object()
    if isinstance(contents, StreamObject):
        form = contents.clone(writer)  # encoded as written: nothing is parsed or re-compressed
    else:  # several streams: one form of their joined content
        form = DecodedStreamObject()
        form.set_data(b"\n".join(part.get_object().get_data() for part in contents))
    bleed = card.bleedbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(
        FloatObject(float(v)) for v in (bleed.left, bleed.bottom, bleed.right, bleed.top)
    )
    form[NameObject("/Resources")] = card["/Resources"].clone(writer)
    return form


def _crop_marks(cells, cell, inset, trim, cmyk: bool) -> str:
    """Lines at each card's trim edges, outside its bleed, in registration colour."""
    cell_w, cell_h = cell
    lines = []
    for x, y in cells:
        trim_left, trim_bottom = x + inset[0], y + inset[1]
        trim_right, trim_top = trim_left + trim[0], trim_bottom + trim[1]
        for tx in (trim_left, trim_right):  # vertical marks above and below the bleed
            lines.append((tx, y - MARK_OFFSET_PT, tx, y - MARK_OFFSET_PT - MARK_LENGTH_PT))
            lines.append((tx, y + cell_h + MARK_OFFSET_PT, tx, y + cell_h + MARK_OFFSET_PT + MARK_LENGTH_PT))
        for ty in (trim_bottom, trim_top):  # horizontal marks left and right of the bleed
            lines.append((x - MARK_OFFSET_PT, ty, x - MARK_OFFSET_PT - MARK_LENGTH_PT, ty))
            lines.append((x + cell_w + MARK_OFFSET_PT, ty, x + cell_w + MARK_OFFSET_PT + MARK_LENGTH_PT, ty))
    colour = "1 1 1 1 K" if cmyk else "0 G"
    path = " ".join(f"{number(a)} {number(b)} m {number(c)} {number(d)} l" for a, b, c, d in lines)
    return f"q {colour} {number(MARK_WIDTH_PT)} w {path} S Q"
