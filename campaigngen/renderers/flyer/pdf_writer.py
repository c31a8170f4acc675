"""The PDF writer: a page's display list as vector PDF, the same items the PNG writer draws.

Text is real glyphs from embedded font subsets (pdf_fonts.py) placed where our layout put
them: HarfBuzz gives the glyphs and their offsets within a run (the same shaping raqm does
for the PNG), the layout gives each run's start. Glyphs are written in reading order, so a
right-to-left run extracts as text in logical order; a cluster drawn with several glyphs
(Indic vowel signs before their consonant, Burmese medials, Thai marks, Arabic ligatures)
carries its text as /ActualText. The QR code is vector modules, shapes are paths, images
are embedded at their own resolution.

Boxes (ISO 32000-1, 14.11.2): TrimBox is the finished piece, BleedBox the printed area past
it; a page with crop marks gets a slug beyond the bleed (MediaBox larger than BleedBox) so
the marks stand clear of both.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import singledispatch
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import regex

from campaigngen.clock import made_at
from campaigngen.renderers.flyer.colour import RGB_OUTPUT, CmykModel, ColourModel
from campaigngen.renderers.flyer.decor import Circle, pictogram_shapes
from campaigngen.renderers.flyer.pdf_fonts import FontSet
from campaigngen.renderers.flyer.pdf_objects import PdfFile, array, number, text_string
from campaigngen.renderers.flyer.plan import (
    SLUG_IN,
    CropMarks,
    FrameItem,
    ImageItem,
    LineItem,
    PictogramItem,
    QrItem,
    RectItem,
    TextItem,
    Watermark,
    stamp_geometry,
)
from campaigngen.renderers.typesetting.draw import line_left
from campaigngen.renderers.typesetting.glyphs import Glyph, shape_run
from campaigngen.renderers.typesetting.runs import Run, without_bidi_controls
from campaigngen.renderers.typesetting.setting import measure_runs
from campaigngen.sources.fonts import LATIN, manifest

PX_TO_PT = 72.0 / 300
MARK_WIDTH_PT = 0.3  # hairline, as layout programs draw crop marks
KAPPA = 0.5522847498  # Bezier handle length for a quarter circle


@dataclass(frozen=True)
class PdfPageSpec:
    size_px: tuple[int, int]  # the drawn page (trim + bleed), 300-dpi pixels
    page_pt: tuple[float, float]  # the same page in points, exact from the paper size
    bleed_pt: float
    language: str  # BCP 47, for /Lang
    title: str
    colour: ColourModel = RGB_OUTPUT


@dataclass(frozen=True)
class PdfFacts:
    size_bytes: int
    fonts: tuple[str, ...]  # embedded subsets' names
    boxes: dict  # MediaBox, BleedBox, TrimBox in points
    colour: str  # "rgb" or "cmyk"
    colour_shifts: dict  # CMYK only: "#rrggbb" -> the CMYK it became and its CIEDE2000 shift
    image_inks: dict  # CMYK only: image kind ("logo") -> the most ink a pixel of it takes, percent


@dataclass
class Canvas:
    """Content stream under a y-down, pixel-unit transformation, and what it refers to."""

    pdf: PdfFile
    colour: ColourModel
    fonts: FontSet = field(default_factory=FontSet)
    ops: list[str] = field(default_factory=list)
    images: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    page_px: tuple[int, int] = (0, 0)
    dieline: bool = False  # the page draws cuts on the die plate

    def fill(self, rgb) -> None:
        self.ops.append(self.colour.fill_operator(rgb))

    def overprint(self) -> str:
        """The graphics state that overprints (what it draws knocks nothing out underneath),
        made once per file; its resource name on this page."""
        state = self.pdf.shared.get("overprint")
        if not isinstance(state, int):
            state = self.pdf.shared["overprint"] = self.pdf.add("<< /Type /ExtGState /OP true /op true /OPM 1 >>")
        self.states[f"/{OVERPRINT_STATE}"] = state
        return f"/{OVERPRINT_STATE}"

    def stroke(self, rgb) -> None:
        self.ops.append(self.colour.stroke_operator(rgb))

    def opacity(self, alpha: float) -> str:
        key = f"/GS{len(self.states) + 1}"
        self.states[key] = self.pdf.add(
            f"<< /Type /ExtGState /ca {number(round(alpha, 4))} /CA {number(round(alpha, 4))} >>"
        )
        return key


def write_pdf(path: Path, items, spec: PdfPageSpec) -> PdfFacts:
    return write_pdf_pages(path, [items], spec)


def write_pdf_pages(path: Path, pages, spec: PdfPageSpec) -> PdfFacts:
    """One PDF page per display list (a multilingual sheet may take two), fonts shared."""
    pdf = PdfFile()
    catalog, info, pages_ref = pdf.reserve(), pdf.reserve(), pdf.reserve()
    fonts = FontSet()
    has_marks = any(isinstance(item, CropMarks) for items in pages for item in items)
    slug = SLUG_IN * 72 if has_marks else 0.0
    w_pt, h_pt = spec.page_pt
    media = (0, 0, w_pt + 2 * slug, h_pt + 2 * slug)
    bleed = (slug, slug, slug + w_pt, slug + h_pt)
    b = spec.bleed_pt
    trim = (slug + b, slug + b, slug + w_pt - b, slug + h_pt - b)
    canvases = []
    for items in pages:
        canvas = Canvas(pdf, spec.colour, fonts=fonts, page_px=spec.size_px)
        # Pixels, y down, from the top-left of the bleed box.
        canvas.ops.append(f"{number(PX_TO_PT)} 0 0 {number(-PX_TO_PT)} {number(slug)} {number(slug + h_pt)} cm")
        for item in items:
            emit(item, canvas)
        canvases.append(canvas)
    embedded_fonts = fonts.embed(pdf)
    kids = []
    for canvas in canvases:
        page = pdf.reserve()
        content = pdf.add_stream("", "\n".join(canvas.ops).encode("latin-1"))
        resources = _resources(canvas, embedded_fonts)
        pdf.add(
            f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox {array(media)} /BleedBox {array(bleed)} "
            f"/TrimBox {array(trim)} /Resources {resources} /Contents {content} 0 R >>",
            page,
        )
        kids.append(page)
    pdf.add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>", pages_ref)
    intents = spec.colour.output_intent(pdf)
    # For a press (CMYK, with its output intent) the file is PDF/X-4: the version named in the
    # document information and in XMP metadata, dates, trapping stated (ISO 15930-7).
    press = pdfx_metadata(spec.title, made_at()) if intents else None
    metadata = pdf.add_stream("/Type /Metadata /Subtype /XML", press.xmp, compress=False) if press else None
    layers = dieline(pdf).catalog if any(canvas.dieline for canvas in canvases) else ""
    pdf.add(
        f"<< /Type /Catalog /Pages {pages_ref} 0 R /Lang {text_string(spec.language)} "
        f"/ViewerPreferences << /DisplayDocTitle true >>"
        + (f" /OutputIntents [{intents} 0 R] /Metadata {metadata} 0 R" if intents else "")
        + layers
        + " >>",
        catalog,
    )
    pdf.add(
        f"<< /Title {text_string(spec.title)} /Producer {text_string('campaigngen')}{press.info if press else ''} >>",
        info,
    )
    size = pdf.write(path, catalog, info)
    embedded = tuple(sorted({f"{font.resource}:{Path(font.path).name}#{font.index}" for font in fonts.fonts}))
    return PdfFacts(
        size,
        embedded,
        {"media": list(media), "bleed": list(bleed), "trim": list(trim)},
        spec.colour.name,
        spec.colour.shifts(),
        spec.colour.image_inks(),
    )


def _resources(canvas: Canvas, fonts: dict) -> str:
    """A page's resource dictionary: fonts, images, graphics states and the die plate's."""

    def named(kind: str, table: dict) -> str:
        return f"/{kind} << " + " ".join(f"{k} {v} 0 R" for k, v in table.items()) + " >> " if table else ""

    die = ""
    if canvas.dieline:
        plate = dieline(canvas.pdf)
        die = f"/ColorSpace << /{DIELINE_SPACE} {plate.space} 0 R >> /Properties << /{DIELINE_LAYER} {plate.layer} 0 R >> "
    fonts_named = {f"/{k}": v for k, v in fonts.items()}
    return (
        "<< /ProcSet [/PDF /Text /ImageC /ImageB] "
        + named("Font", fonts_named)
        + named("XObject", canvas.images)
        + named("ExtGState", canvas.states)
        + die
        + ">>"
    )


@singledispatch
def emit(item, canvas: Canvas) -> None:
    raise TypeError(f"the PDF writer cannot draw a {type(item).__name__}")


@emit.register
def _rect(item: RectItem, canvas: Canvas) -> None:
    large = min(item.width, item.height) >= LARGE_AREA_SIDE_PX  # a band or panel, not a rule
    canvas.ops.append(canvas.colour.area_fill_operator(item.fill) if large else canvas.colour.fill_operator(item.fill))
    # Pillow's rectangle covers its end pixel too: the same extent here.
    x, y, w, h = item.x, item.y, item.width + 1, item.height + 1
    r = min(item.radius, w / 2, h / 2)
    if not r:
        canvas.ops.append(f"{number(x)} {number(y)} {number(w)} {number(h)} re f")
        return
    k = r * KAPPA
    canvas.ops.append(
        f"{number(x + r)} {number(y)} m {number(x + w - r)} {number(y)} l "
        f"{number(x + w - r + k)} {number(y)} {number(x + w)} {number(y + r - k)} {number(x + w)} {number(y + r)} c "
        f"{number(x + w)} {number(y + h - r)} l "
        f"{number(x + w)} {number(y + h - r + k)} {number(x + w - r + k)} {number(y + h)} {number(x + w - r)} "
        f"{number(y + h)} c {number(x + r)} {number(y + h)} l "
        f"{number(x + r - k)} {number(y + h)} {number(x)} {number(y + h - r + k)} {number(x)} {number(y + h - r)} c "
        f"{number(x)} {number(y + r)} l {number(x)} {number(y + r - k)} {number(x + r - k)} {number(y)} "
        f"{number(x + r)} {number(y)} c f"
    )


@emit.register
def _qr(item: QrItem, canvas: Canvas) -> None:
    """White quiet zone, then one path of dark modules (runs of a row merged)."""
    left, top, right, bottom = item.box()
    canvas.fill((255, 255, 255))
    canvas.ops.append(f"{left} {top} {right - left} {bottom - top} re f")
    canvas.fill((0, 0, 0))
    m = item.code.module_px
    path = []
    for row, cells in enumerate(item.code.modules):
        col = 0
        while col < len(cells):
            if cells[col]:
                start = col
                while col < len(cells) and cells[col]:
                    col += 1
                path.append(f"{left + start * m} {top + row * m} {(col - start) * m} {m} re")
            else:
                col += 1
    canvas.ops.append(" ".join(path) + " f")


@emit.register
def _image(item: ImageItem, canvas: Canvas) -> None:
    key = f"/Im{len(canvas.images) + 1}"
    image = item.image
    smask = ""
    alpha = None
    if image.mode in ("RGBA", "LA"):
        alpha = image.getchannel("A")
        mask = canvas.pdf.add_stream(
            f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} "
            f"/ColorSpace /DeviceGray /BitsPerComponent 8",
            alpha.tobytes(),
        )
        smask = f" /SMask {mask} 0 R"
    space, data = canvas.colour.image_data(image.convert("RGB"), item.kind, alpha)
    canvas.images[key] = canvas.pdf.add_stream(
        f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} /ColorSpace {space} "
        f"/BitsPerComponent 8{smask}",
        data,
    )
    x, y = int(round(item.x)), int(round(item.y))
    w, h = max(1, int(round(item.width))), max(1, int(round(item.height)))  # the PNG's box, whole pixels
    canvas.ops.append(f"q {w} 0 0 {-h} {x} {y + h} cm {key} Do Q")


def _circle_path(cx: float, cy: float, r: float) -> str:
    k = r * KAPPA
    n = number
    return (
        f"{n(cx + r)} {n(cy)} m {n(cx + r)} {n(cy + k)} {n(cx + k)} {n(cy + r)} {n(cx)} {n(cy + r)} c "
        f"{n(cx - k)} {n(cy + r)} {n(cx - r)} {n(cy + k)} {n(cx - r)} {n(cy)} c "
        f"{n(cx - r)} {n(cy - k)} {n(cx - k)} {n(cy - r)} {n(cx)} {n(cy - r)} c "
        f"{n(cx + k)} {n(cy - r)} {n(cx + r)} {n(cy - k)} {n(cx + r)} {n(cy)} c h"
    )


@emit.register
def _pictogram(item: PictogramItem, canvas: Canvas) -> None:
    """Vector shapes in the pictogram's unit square, scaled to the PNG's whole-pixel box."""
    size, x, y = int(round(item.size)), int(round(item.x)), int(round(item.y))
    canvas.ops.append(f"q {size} 0 0 {size} {x} {y} cm")
    for shape in pictogram_shapes(item.kind):
        canvas.fill(item.fg if shape.role == "fg" else item.bg)
        if isinstance(shape, Circle):
            canvas.ops.append(_circle_path(shape.cx, shape.cy, shape.r) + " f")
        else:
            first, *rest = shape.points
            canvas.ops.append(
                f"{number(round(first[0], 4))} {number(round(first[1], 4))} m "
                + " ".join(f"{number(round(px, 4))} {number(round(py, 4))} l" for px, py in rest)
                + " h f"
            )
    canvas.ops.append("Q")


@emit.register
def _line(item: LineItem, canvas: Canvas) -> None:
    canvas.stroke(item.colour)
    dash = f"[{number(item.dash)} {number(item.dash)}] 0 d " if item.dash else ""
    path = f"{number(item.x0)} {number(item.y0)} m {number(item.x1)} {number(item.y1)} l S"
    canvas.ops.append(f"q {number(item.width)} w 0 J {dash}{path} Q")
    if item.cut and canvas.colour.name == "cmyk":
        # For the press, the cut also goes on the die plate: a solid line in the named spot
        # colour "Perforation", overprinting, on a layer "Dieline" that screens leave hidden.
        canvas.dieline = True
        state = canvas.overprint()
        canvas.ops.append(f"/OC /{DIELINE_LAYER} BDC q /{DIELINE_SPACE} CS 1 SCN {state} gs 1 w {path} Q EMC")


@emit.register
def _crop_marks(item: CropMarks, canvas: Canvas) -> None:
    """In the slug: from just beyond the bleed outwards, on the trim lines (registration colour)."""
    segments = item.segments()
    canvas.ops.append(
        f"q {canvas.colour.registration_stroke()} {number(MARK_WIDTH_PT / PX_TO_PT)} w "
        + " ".join(f"{number(a)} {number(b)} m {number(c)} {number(d)} l" for a, b, c, d in segments)
        + " S Q"
    )


@emit.register
def _text(item: TextItem, canvas: Canvas) -> None:
    paragraph = item.paragraph
    style, tag = paragraph.style, paragraph.language.tag
    baseline = item.y + paragraph.ascent
    # Text in black ink alone overprints on a press: a hair of misregister leaves no white
    # halo where a coloured band under it was knocked out.
    black = _black_ink_only(canvas.colour, item.fill)
    if black:
        canvas.ops.append(f"q {canvas.overprint()} gs")
    canvas.fill(item.fill)
    for line in paragraph.lines:
        pen = line_left(line, item.x, item.width, item.align, paragraph.language.is_rtl)
        for run in line.runs:
            draw_run(canvas, run, style.size_px, style.bold, tag, pen, baseline)
            pen += measure_runs([run], style, tag).advance  # the layout's advance, as on the PNG
        baseline += paragraph.line_gap
    if black:
        canvas.ops.append("Q")


def _black_ink_only(colour: ColourModel, rgb) -> bool:
    """Does this colour print on a press in black ink alone (never true of RGB output)?"""
    if not isinstance(colour, CmykModel):
        return False
    c, m, y, k = colour.cmyk(rgb)
    return (c, m, y) == (0, 0, 0) and k > 0


def draw_run(canvas: Canvas, run: Run, size_px: int, bold: bool, tag: str, x: float, baseline: float) -> float:
    """Glyphs of one run left to right, each where HarfBuzz put it; returns the run's advance.

    One TJ array per run with position adjustments (not a text matrix per glyph), so text
    extraction sees one word where the glyphs touch; vertical mark offsets use text rise.
    """
    shaped = shape_run(run, size_px, bold, tag)
    font = canvas.fonts.get(shaped.font_path, shaped.font_index)
    ops = [f"BT {font.resource} {size_px} Tf 1 0 0 -1 {number(round(x, 3))} {number(round(baseline, 3))} Tm"]
    shown: list[str] = []
    state = {"pen": 0.0, "rise": 0.0}  # where the PDF's pen is, and its text rise

    def flush() -> None:
        if shown:
            ops.append("[" + " ".join(shown) + "] TJ")
            shown.clear()

    clusters: list[list] = []
    shaped_pen: dict[int, float] = {}  # HarfBuzz's pen where each glyph is drawn (before its offset)
    pen = 0.0
    for glyph in shaped.glyphs:
        shaped_pen[id(glyph)] = pen
        pen += glyph.advance
        if clusters and clusters[-1][0].cluster == glyph.cluster:
            clusters[-1].append(glyph)
        else:
            clusters.append([glyph])
    cascading = run.rtl and any(abs(glyph.y) > 1e-3 and glyph.advance > 0 for glyph in shaped.glyphs)
    for span in _spans(run, clusters, shaped_pen, cascading):
        if span.text is not None:
            flush()
            ops.append(_open_span(span.text))
        if span.anchor is not None:
            _draw_anchor(ops, font, span.anchor, state, size_px)
        for glyph in span.glyphs:
            if abs(glyph.y - state["rise"]) > 1e-3:
                flush()
                ops.append(f"{number(round(glyph.y, 3))} Ts")
                state["rise"] = glyph.y
            shift = glyph.x - state["pen"]
            if abs(shift) > 1e-3:
                shown.append(number(round(-shift * 1000 / size_px, 2)))
            offset = glyph.x - shaped_pen[id(glyph)]
            # Extractors read a right-to-left line's glyphs in drawing order and turn the whole
            # line around, the characters a glyph stands for too: so those go in drawn order.
            meaning = glyph.text[::-1] if run.rtl else glyph.text
            code, width = font.code(glyph.gid, meaning, (glyph.advance - offset) * 1000 / size_px)
            shown.append(f"<{code:04X}>")
            state["pen"] = glyph.x + width * size_px / 1000
        if span.text is not None:
            flush()
            ops.append("EMC")
    flush()
    if state["rise"]:
        # Text rise is graphics state: it outlives ET and would lift the next run (Nastaliq
        # ends words on raised glyphs).
        ops.append("0 Ts")
    ops.append("ET")
    canvas.ops.append("\n".join(ops))
    return shaped.advance


RLM = "\u200f"  # RIGHT-TO-LEFT MARK: no letter, bidi class R


def _open_span(actual_text: str) -> str:
    """The operator that opens an /ActualText span."""
    return f"/Span << /ActualText {text_string(actual_text)} >> BDC"


def _draw_anchor(ops: list[str], font, anchor: _Anchor, state: dict, size_px: int) -> None:
    """The anchor's invisible glyphs (text render mode 3) on the baseline: one at the span's
    left edge and, for a span that draws glyphs, one ending at its right edge, so that PDFium
    measures the gap to the next span from where this one ends."""
    if state["rise"]:
        ops.append("0 Ts")
        state["rise"] = 0.0
    shown = []
    for glyph, x, advance in anchor.glyphs:
        # Each anchor of a word its own code (RLM once, twice, ...): PDFium drops a text object
        # that repeats the one before it (the same codes at the same place), and reads a span
        # as right to left from its first object's ToUnicode.
        code, width = font.code(glyph.gid, RLM * anchor.number, advance * 1000 / size_px)
        shown.append(f"{number(round(-(x - state['pen']) * 1000 / size_px, 2))} <{code:04X}>")
        state["pen"] = x + width * size_px / 1000
    ops.append(f"3 Tr [{' '.join(shown)}] TJ 0 Tr")


LARGE_AREA_SIDE_PX = 150  # half an inch at 300 dpi: narrower is a rule or a bar, never rich black
DIELINE_LAYER = "Dieline"
DIELINE_SPACE = "CSPerforation"
OVERPRINT_STATE = "GSOverprint"


@dataclass(frozen=True)
class Dieline:
    space: int  # the spot colour "Perforation" (magenta where a proof shows it); it overprints
    layer: int  # the optional content group "Dieline", off by default

    @property
    def catalog(self) -> str:
        return (
            f" /OCProperties << /OCGs [{self.layer} 0 R] /D << /Order [{self.layer} 0 R] /OFF [{self.layer} 0 R] >> >>"
        )


def dieline(pdf: PdfFile) -> Dieline:
    """The die plate's objects in this file, made once: the layer is hidden by default, so a
    screen or an office printer shows the page as designed and the shop's RIP has the plate."""
    made = pdf.shared.get("dieline")
    if isinstance(made, Dieline):
        return made
    tint = pdf.add("<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 0 0] /N 1 >>")
    space = pdf.add(f"[/Separation /Perforation /DeviceCMYK {tint} 0 R]")
    layer = pdf.add(f"<< /Type /OCG /Name {text_string(DIELINE_LAYER)} /Intent [/View /Design] >>")
    pdf.shared["dieline"] = made = Dieline(space, layer)
    return made


@dataclass(frozen=True)
class PdfxMetadata:
    info: str  # entries for the document information dictionary
    xmp: bytes  # the XMP packet for the catalog's /Metadata


def pdfx_metadata(title: str, when: dt.datetime) -> PdfxMetadata:
    """PDF/X-4's identification (ISO 15930-7, 6.7): GTS_PDFXVersion, creation and modification
    dates and /Trapped in the document information, and the same in XMP with the document's
    identifiers. The identifiers derive from title and time, so a reproducible build
    (SOURCE_DATE_EPOCH) stays byte-identical."""
    pdf_date = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    iso = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document = uuid.uuid5(uuid.NAMESPACE_URL, f"campaigngen:{title}:{iso}")
    xmp = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmp:MetadataDate>{iso}</xmp:MetadataDate>
   <xmp:CreatorTool>campaigngen</xmp:CreatorTool>
   <pdf:Producer>campaigngen</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    info = f" /CreationDate ({pdf_date}) /ModDate ({pdf_date}) /Trapped /False /GTS_PDFXVersion (PDF/X-4)"
    return PdfxMetadata(info, xmp.encode("utf-8"))


@dataclass(frozen=True)
class _Anchor:
    """Invisible copies of glyphs on the baseline, drawn first in a span (see _pieces)."""

    glyphs: tuple[tuple[Glyph, float, float], ...]  # (glyph, x, advance) in pixels from the run start
    number: int  # tells the anchors at one place apart


@dataclass(frozen=True)
class _Span:
    glyphs: list  # drawn in this order
    text: str | None  # its /ActualText; None: no span, its glyphs' ToUnicode copies out right
    anchor: _Anchor | None = None


def _spans(run: Run, clusters: list[list], shaped_pen: dict[int, float], cascading: bool = False) -> list[_Span]:
    """The run's glyphs in drawing order, grouped by the /ActualText span each sits in.

    Glyphs reordered by shaping (an Indic vowel sign drawn before its consonant) do not copy
    out in reading order glyph by glyph: the run says what it reads as, whole. Right-to-left
    text says it word by word (see _pieces), each word where its glyphs are and in the order
    they are drawn, which extractors turn back into reading order; Nastaliq's raised glyphs
    then no longer split a word over lines."""
    glyphs = [glyph for cluster in clusters for glyph in cluster]
    if not run.rtl:
        return [_Span(glyphs, run.text if _reordered(clusters) else None)]
    word_of = _complex_words(run.text, clusters)
    groups: list[tuple[list[list], tuple[int, int] | None]] = []
    for cluster in clusters:
        word = word_of[cluster[0].cluster]
        if not groups or word != groups[-1][1]:
            groups.append(([], word))
        groups[-1][0].append(cluster)
    spans: list[_Span] = []
    for group, word in groups:
        if word is None:
            spans.append(_Span([glyph for cluster in group for glyph in cluster], None))
        else:
            spans.extend(_pieces(group, shaped_pen, cascading))
    return spans


def _bidi_class(char: str) -> str:
    """R (right-to-left letters), L, W (marks, digits, joiners, separators) or N (the rest):
    the classes PDFium splits a line's text by before it turns right-to-left stretches around."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    return "W" if kind in ("NSM", "AN", "EN", "CS", "ES", "ET", "BN") else "N"


def _pieces(group: list[list], shaped_pen: dict[int, float], cascading: bool) -> list[_Span]:
    """A right-to-left word's spans, left to right: its letters, and each mark, joiner or
    punctuation character that is part of a letter's cluster on its own.

    Poppler reads a span's text as drawn and turns the line around as a whole (a mark goes
    with its letter); PDFium turns each stretch of one class of characters (letters; marks
    and digits; punctuation) around on its own and keeps the stretches in the order the span
    gives them. The two agree on a span of one class only: a word whose text mixes them
    (مكانًا, تقریباً) came out of PDFium with its pieces swapped (اًمكان, ًتقریبا). So a
    letter's cluster gives its letters to the word's letter span and each other character a
    span of its own, which draws nothing but an invisible glyph where the character reads.

    PDFium reads a span's text from its first text object in the line's left-to-right order
    and places it there: a span starts with an invisible glyph on the baseline at its left
    edge, so that where the font puts a raised glyph (a mark is often drawn from inside the
    next letter) does not move the text or start a new line."""
    spans: list[_Span] = []
    letters: list = []  # the glyphs of the letter span being gathered
    text = ""
    numbers = itertools.count(1)

    def left_of(glyphs: list) -> float:
        return min(min(shaped_pen[id(glyph)], glyph.x) for glyph in glyphs)

    def edges(glyphs: list) -> _Anchor:
        # A letter's body (the glyph that advances most) has ink on the line, not above it;
        # a hair left of the span's glyphs, so that none of them ties with it in PDFium's
        # left-to-right order (a mark's anchor stands further left still: it reads first).
        body = max(glyphs, key=lambda glyph: glyph.advance)
        left = (body, left_of(glyphs) - 0.05, 0.0)
        if cascading:
            # Nastaliq's space is narrow beside its letters: measured from where a word ends,
            # PDFium would take it for none (a word after a number ran into it); the word's
            # pieces do not meet inside it (see below), so its left edge serves.
            return _Anchor((left,), next(numbers))
        last = max(glyphs, key=lambda glyph: shaped_pen[id(glyph)] + glyph.advance)
        return _Anchor((left, (last, shaped_pen[id(last)], last.advance)), next(numbers))

    def close() -> None:
        nonlocal letters, text
        if letters:
            spans.append(_Span(letters, without_bidi_controls(text), edges(letters)))
        letters, text = [], ""

    def marks(chars: str, x: float, body) -> None:
        # Each character apart from the letters: a span of its own, its anchor alone.
        close()
        for char in reversed(without_bidi_controls(chars)):
            spans.append(_Span([], char, _Anchor(((body, x, 0.0),), next(numbers))))

    for index, cluster in enumerate(group):
        logical = "".join(glyph.text for glyph in cluster)
        strong = [i for i, char in enumerate(logical) if _bidi_class(char) == "R"]
        if not strong:  # punctuation drawn by glyphs of its own: a span of its own
            close()
            spans.append(_Span(list(cluster), without_bidi_controls(logical[::-1]), edges(cluster)))
            continue
        start, end = strong[0], strong[-1] + 1
        # Nastaliq tucks a word's letters under one another: poppler reads a span that starts
        # inside the one before as a new word. There only a word's first and last characters
        # get spans of their own.
        if cascading and index > 0:
            end = len(logical)
        if cascading and index < len(group) - 1:
            start = 0
        body = max(cluster, key=lambda glyph: glyph.advance)
        if without_bidi_controls(logical[end:]):  # after the letters in reading order: to their left
            marks(logical[end:], left_of(cluster) - 0.1, body)
        letters.extend(cluster)
        text += logical[start:end][::-1]
        if without_bidi_controls(logical[:start]):  # before them: to their right
            marks(logical[:start], max(shaped_pen[id(glyph)] + glyph.advance for glyph in cluster) - 0.01, body)
    close()
    if cascading and spans and spans[0].text is not None:
        # Nastaliq sets each word on a slope and tucks it under the next: PDFium sees no gap
        # between such words and runs them together, so a word's last span carries its space
        # (a span of its own when that is a mark's: one class to a span).
        first = spans[0]
        if first.glyphs:
            spans[0] = _Span(first.glyphs, f"{first.text} ", first.anchor)
        elif first.anchor is not None:
            spans.insert(0, _Span([], " ", _Anchor(first.anchor.glyphs, next(numbers))))
    return spans


def _complex_words(text: str, clusters: list[list]) -> list[tuple[int, int] | None]:
    """_words_of, kept only for the words whose glyphs do not copy out one character each
    (ligatures, several glyphs for a letter, Nastaliq's raised glyphs): a word drawn letter
    by letter copies out right in every extractor as it is."""
    words = _words_of(text)
    complex_words = {
        words[cluster[0].cluster]
        for cluster in clusters
        if len(cluster) > 1 or len(_visible(cluster[0].text)) > 1 or any(abs(glyph.y) > 1e-3 for glyph in cluster)
    }
    return [word if word in complex_words else None for word in words]


def _visible(text: str) -> str:
    """Without joiners and other format characters (a ZWNJ rides on the letter before it)."""
    return regex.sub(r"\p{Cf}", "", text)


def _words_of(text: str) -> list[tuple[int, int] | None]:
    """For each character, the (start, end) of the word it is in; None for white space."""
    spans: list[tuple[int, int] | None] = [None] * len(text)
    for match in regex.finditer(r"\S+", text):
        for index in range(match.start(), match.end()):
            spans[index] = (match.start(), match.end())
    return spans


def _reordered(clusters: list[list]) -> bool:
    """Do the glyphs leave the text's order (clusters out of order, or one character drawn as
    several glyphs, or several characters as one)?"""
    starts = [cluster[0].cluster for cluster in clusters]
    return starts != sorted(starts) or any(len(cluster) > 1 for cluster in clusters)


@emit.register
def _watermark(item: Watermark, canvas: Canvas) -> None:
    """DRAFT along the page diagonal, translucent, centred: the PNG's stamp as vector text."""
    from campaigngen.renderers.typesetting import pil_font

    w, h = _page_px(canvas)
    geometry = stamp_geometry((w, h))
    box = pil_font(manifest(), LATIN, geometry.size_px, bold=True).getbbox(item.text, anchor="ls")
    geometry = stamp_geometry((w, h), box, geometry.size_px)
    angle = math.radians(geometry.angle_deg)
    cos, sin = math.cos(angle) * geometry.scale, math.sin(angle) * geometry.scale
    state = canvas.opacity(item.opacity / 255)
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2  # ink centre relative to the pen on the baseline
    canvas.ops.append(
        f"q {state} gs {number(round(cos, 6))} {number(round(-sin, 6))} {number(round(sin, 6))} "
        f"{number(round(cos, 6))} {number(w / 2)} {number(h / 2)} cm"
    )
    canvas.fill(item.colour)
    draw_run(canvas, Run(item.text, LATIN), geometry.size_px, True, "en", -cx, -cy)
    canvas.ops.append("Q")


@emit.register
def _frame(item: FrameItem, canvas: Canvas) -> None:
    turns = item.quarter_turns % 4
    x, y, w, h = int(round(item.x)), int(item.y), item.width, item.height
    # Visual counter-clockwise quarter turns in y-down space, then the turned frame's corner to (x, y).
    matrix = {
        0: (1, 0, 0, 1, x, y),
        1: (0, -1, 1, 0, x, y + w),
        2: (-1, 0, 0, -1, x + w, y + h),
        3: (0, 1, -1, 0, x + h, y),
    }[turns]
    canvas.ops.append("q " + " ".join(number(v) for v in matrix) + " cm")
    canvas.fill(item.background)
    canvas.ops.append(f"0 0 {w} {h} re f")
    for inner in item.items:
        emit(inner, canvas)
    canvas.ops.append("Q")


def _page_px(canvas: Canvas) -> tuple[int, int]:
    return canvas.page_px
