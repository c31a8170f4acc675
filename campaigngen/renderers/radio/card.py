"""The live-read card: one page an announcer reads a spot from, on air, in one take.

Typeset with the flyers' own typesetting (runs by glyph coverage, HarfBuzz shaping, ICU
line breaking) and drawn by the flyers' PDF writer, so Thai, Burmese, Arabic and the rest
are shaped as on the flyers. The script is in large type, each line with the source
language's text under it in small type (what the station is airing); the number is given in
digits and in the language's own digit words; the read time (live.py: one a person can
keep, never under the voice's), the instructions (each true for this script: see
sheet.reading_notes) and the campaign's pronunciation notes are around it. Everything is
sized to fit one Letter page.
"""

from __future__ import annotations

from pathlib import Path

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.catalogs.spoken import GROUP_BREAK, spoken_number
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import CardFacts
from campaigngen.renderers.flyer.formats import px_to_pt
from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec, write_pdf
from campaigngen.renderers.flyer.plan import RectItem, TextItem, Watermark
from campaigngen.renderers.radio.live import LiveRead
from campaigngen.renderers.radio.sheet import reading_notes, source_lines
from campaigngen.renderers.typesetting import SetParagraph, Style, set_paragraph
from campaigngen.sources.campaign import SpotSpec
from campaigngen.sources.languages import Language, parse_language

PAGE_PX = (2550, 3300)  # US Letter at 300 dpi
PAGE_PT = (612.0, 792.0)
MARGIN = 150  # half an inch
INK = (20, 20, 20)
MUTED = (90, 90, 90)
ACCENT = (0, 84, 147)
SCRIPT_MAX_PX, SCRIPT_MIN_PX = 125, 50  # the script: 30 pt down to 12 pt
GAP = 40


def _set(
    text: str, language: Language, size_px: int, bold: bool = False, width: float = PAGE_PX[0] - 2 * MARGIN
) -> SetParagraph:
    return set_paragraph(text, language, Style(size_px, bold), width)


class _Column:
    """Paragraphs stacked down the page."""

    def __init__(self, top: float):
        self.y = top
        self.items: list = []

    def add(self, paragraph: SetParagraph, fill=INK, gap: float = GAP, message_id: str = "card") -> None:
        self.items.append(TextItem(message_id, paragraph, MARGIN, self.y, PAGE_PX[0] - 2 * MARGIN, fill))
        self.y += paragraph.height + gap

    def rule(self) -> None:
        self.items.append(RectItem(MARGIN, self.y, PAGE_PX[0] - 2 * MARGIN, 4, MUTED))
        self.y += 4 + GAP


SOURCE_SHARE, SOURCE_MIN_PX = 0.45, 34  # the source text under a line: under half its size, 8 pt at least


def _source_px(size: int) -> int:
    return max(SOURCE_MIN_PX, int(size * SOURCE_SHARE))


def _script_size(
    segments: tuple[str, ...], originals: tuple[str | None, ...], language: Language, source: Language, height: float
) -> int:
    """The largest type size (whole pixels) at which every sentence, with its source line,
    fits the space left."""
    size = SCRIPT_MAX_PX
    while True:
        set_ = [_set(segment, language, size) for segment in segments]
        under = [_set(original, source, _source_px(size)) for original in originals if original]
        total = sum(p.height for p in set_) + sum(p.height + GAP / 2 for p in under) + GAP * 1.5 * (len(set_) - 1)
        if (total <= height and not any(p.overflow for p in [*set_, *under])) or size <= SCRIPT_MIN_PX:
            return size
        size = max(SCRIPT_MIN_PX, int(size * 0.93))


def render_card(localized: LocalizedCampaign, read: LiveRead, spot: SpotSpec, path: Path) -> Artifact:
    campaign = localized.campaign
    language = localized.language
    english = parse_language("en")
    code = campaign.spot_code(localized.tag, spot)
    script = read.script
    notes = reading_notes(localized, script, spot, read)
    values = localized.contact_values
    source = campaign.source_language
    originals = source_lines(localized, script, spot, read.fill)

    top = _Column(MARGIN)
    top.add(_set(f"LIVE READ  -  {campaign.name}  -  :{spot.seconds}  -  {code}", english, 50, bold=True), ACCENT, 20)
    top.add(
        _set(f"{language.native_name} / {language.english_name} ({language.tag})", language, 62, bold=True), INK, 20
    )
    top.add(_set(f"Read in about {notes.read_s} seconds. Advertiser: {campaign.advertiser}", english, 42), MUTED, 20)
    if not read.fits:
        top.add(_set(notes.lines[0], english, 42, bold=True), (200, 30, 30), 16)
    for line in notes.lines[1:]:
        top.add(_set(line, english, 42), MUTED, 16)
    if localized.draft:
        top.add(_set("DRAFT - translation not reviewed; do not air", english, 46, bold=True), (200, 30, 30), 16)
    top.rule()

    bottom: list[tuple[SetParagraph, tuple[int, int, int], float]] = []
    for key, label in (("phone", "Hotline"), ("text_number", "Text line")):
        if key in values:
            bottom.append((_set(f"{label}: {values[key]}", english, 84, bold=True), INK, 14))
            said = spoken_number(values[key], localized.tag).replace(GROUP_BREAK, "  /  ")
            bottom.append((_set(said, language, 58), INK, 28))
    pronunciation = campaign.delivery.pronunciation_for(localized.tag)
    if pronunciation:
        bottom.append((_set(f"Pronunciation: {pronunciation}", language, 44), MUTED, 16))
    bottom_height = sum(p.height + gap for p, _, gap in bottom) + 4 + GAP

    room = PAGE_PX[1] - MARGIN - bottom_height - top.y - GAP
    size = _script_size(script.segments, originals, language, source, room)
    body = _Column(top.y)
    for segment, original in zip(script.segments, originals):
        if original:
            body.add(_set(segment, language, size), INK, GAP / 2, message_id="script")
            body.add(_set(original, source, _source_px(size)), MUTED, GAP * 1.5, message_id="source")
        else:
            body.add(_set(segment, language, size), INK, GAP * 1.5, message_id="script")

    foot = _Column(PAGE_PX[1] - MARGIN - bottom_height)
    foot.rule()
    for paragraph, fill, gap in bottom:
        foot.add(paragraph, fill, gap)

    items = [*top.items, *body.items, *foot.items]
    if localized.draft:
        items.append(Watermark("DRAFT", (200, 30, 30), 60))
    title = f"{campaign.name} - live read {spot.seconds} s - {language.english_name} ({code})"
    facts = write_pdf(path, tuple(items), PdfPageSpec(PAGE_PX, PAGE_PT, 0.0, localized.tag, title))
    fits = body.y - GAP * 1.5 <= foot.y - GAP
    return Artifact(
        path.resolve(),
        ArtifactKind.LIVE_READ_CARD,
        localized.tag,
        spot.id,
        CardFacts(
            pages=1,
            spot_code=code,
            read_s=notes.read_s if notes.read_s is not None else read.read_seconds,
            script_size_pt=round(px_to_pt(size), 1),
            fits_one_page=fits,
            fonts=tuple(facts.fonts),
            draft=localized.draft,
            read_exact_s=round(read.read_s, 2),
            plain_s=round(read.plain_s, 2),
            voice_s=round(read.voice_s, 2) if read.voice_s is not None else None,
            read_fits=read.fits,
            source_text=any(originals),
        ),
    )


__all__ = ["render_card"]
