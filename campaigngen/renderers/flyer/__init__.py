"""Flyers: posters (Letter, A4, Tabloid), a tear-off sheet, a wallet card, multilingual sheets.

Every page is planned first (type auto-fitted down to the format's legal minimum) into a
display list, which two writers draw: a 300-dpi PNG and a vector PDF with embedded font
subsets and page boxes (trim, bleed, and a slug for crop marks where the piece is cut). The hotline
number and address come from the campaign config at this moment, never from a catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding, finding_of
from campaigngen.checks.pdf import PdfReadBack, headline_extractable, pdf_problems
from campaigngen.exceptions import InputError, LayoutFitError, MissingGlyphsError, WrongNumberPrinted
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import (
    Box,
    ColourShift,
    Dropped,
    ExpectedText,
    FlyerFacts,
    PrintedFacts,
    PrintFile,
    SheetFacts,
)
from campaigngen.renderers.flyer.colour import RGB_OUTPUT, cmyk_output
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.fitting import DoesNotFit, check_glyphs
from campaigngen.renderers.flyer.formats import DPI, FORMATS, FlyerFormat
from campaigngen.renderers.flyer.numbers import verify_printed_numbers
from campaigngen.renderers.flyer.output import WrittenPage, write_pages, write_pdf
from campaigngen.renderers.flyer.pages import plan_page, poster_rules
from campaigngen.renderers.flyer.pdf_writer import PdfPageSpec
from campaigngen.renderers.flyer.plan import Plan, display_list
from campaigngen.renderers.flyer.sheet import sheet_plan
from campaigngen.renderers.flyer.style import DRAFT_RED
from campaigngen.renderers.typesetting import ensure_raqm
from campaigngen.renderers.typesetting.runs import without_bidi_controls as plain_text
from campaigngen.sources.campaign import MULTILINGUAL, Campaign, sheet_key

LAYOUT_FIT = checknames.LAYOUT_FIT


def ensure_text_engine() -> None:
    """Call before rendering anything: without raqm, Arabic and Indic text print wrong, silently."""
    ensure_raqm()


def flyer_format(localized: LocalizedCampaign, format_name: str) -> FlyerFormat:
    try:
        return FORMATS[format_name]
    except KeyError:
        raise InputError(
            localized.campaign.config_path,
            f"flyer format '{format_name}' is unknown",
            hint=f"use one of {', '.join(FORMATS)}",
            code="config.invalid",
        ) from None


def _planned(localized: LocalizedCampaign, format_name: str):
    """(format, content, plan) of one flyer, refused as rendering refuses it."""
    ensure_text_engine()
    fmt = flyer_format(localized, format_name)
    content = flyer_content(localized)
    _check_all_glyphs(localized, content, format_name)
    try:
        plan = plan_page(localized, content, fmt)
    except DoesNotFit as exc:
        raise LayoutFitError(
            format_name=format_name, language=localized.tag, message_id=exc.misfit.message_id, detail=exc.misfit.detail
        ) from None
    verify_numbers(plan, [localized], localized.tag, format_name)
    return fmt, content, plan


def preview_image(localized: LocalizedCampaign, format_name: str):
    """The flyer's 300-dpi page as the PNG writer draws it (DRAFT stamp included), without
    writing the PNG or the PDF: a live preview in a fifth of a full render's time."""
    from campaigngen.renderers.flyer.png_writer import render_page_png

    fmt, _content, plan = _planned(localized, format_name)
    return render_page_png(fmt.page_px, display_list(plan, localized.draft, DRAFT_RED))


def render_flyer(localized: LocalizedCampaign, format_name: str, out_dir: Path) -> list[Artifact]:
    """Writes flyer-<format>.png and .pdf into out_dir; returns the PDF and PNG artifacts."""
    fmt, content, plan = _planned(localized, format_name)
    title = flyer_title(localized, content, fmt)
    written = _write(
        (plan,), localized.draft, Path(out_dir) / f"flyer-{format_name}", fmt, localized.tag, title, localized.campaign
    )
    qr_box = plan.qr_box()
    facts = FlyerFacts(
        qr=localized.campaign.contact.url,
        draft=localized.draft,
        page_size_pt=fmt.page_pt,
        pixels=written.image.size,
        dpi=DPI,
        bleed_in=fmt.bleed_in,
        min_type_pt=round(min(plan.sizes_pt.values()), 2),
        direction=localized.language.direction,
        qr_px=qr_box[2] - qr_box[0] if qr_box else None,
        qr_box=_in_png(qr_box, written, fmt),  # where the written PNG shows it: read back from there
        number_pt=plan.number_pt,
    )
    language = localized.language
    headline = plain_text(content.headline.text) if headline_extractable(language.script, language.is_rtl) else None
    return _artifacts(
        written,
        localized.tag,
        format_name,
        facts,
        ExpectedText(plain_text(content.phone.text), headline, written.regions),
    )


def render_flyer_pdf(localized: LocalizedCampaign, format_name: str, path: Path) -> Path:
    """Writes the flyer's print PDF alone to path, the same bytes render_flyer writes beside its
    PNG: for a reader of the PDF's text (copy-paste, extractors), who needs no 300-dpi page
    drawn and compressed (two thirds of a Letter flyer's render)."""
    fmt, content, plan = _planned(localized, format_name)
    spec = pdf_spec(fmt, localized.tag, flyer_title(localized, content, fmt), localized.campaign)
    write_pdf([display_list(plan, localized.draft, DRAFT_RED)], Path(path), spec)
    return Path(path)


def render_multilingual_sheet(editions: Sequence[LocalizedCampaign], out_dir: Path) -> list[Artifact]:
    """One Letter page carrying 2-4 languages (California asks for English, Spanish and one more)."""
    ensure_text_engine()
    if not 2 <= len(editions) <= 4:
        raise InputError(
            None,
            f"a multilingual sheet holds 2 to 4 languages, not {len(editions)}",
            hint="list 2 to 4 languages under flyer.multilingual",
            code="config.invalid",
        )
    fmt = FORMATS["letter"]
    tags = [e.tag for e in editions]
    joined = sheet_key(tags)
    for localized in editions:
        _check_all_glyphs(localized, flyer_content(localized), MULTILINGUAL)
    try:
        sheet = sheet_plan(editions, fmt, poster_rules(editions[0].campaign))
    except DoesNotFit as exc:
        raise LayoutFitError(
            format_name=MULTILINGUAL, language=joined, message_id=exc.misfit.message_id, detail=exc.misfit.detail
        ) from None
    for plan in sheet.pages:
        verify_numbers(plan, editions, joined, MULTILINGUAL)
    draft = any(e.draft for e in editions)
    first = flyer_content(editions[0])
    title = f"{plain_text(first.headline.text)} ({', '.join(tags)})"
    written = _write(
        sheet.pages,
        draft,
        Path(out_dir) / f"flyer-multilingual-{'-'.join(tags)}",
        fmt,
        tags[0],
        title,
        editions[0].campaign,
    )
    facts = SheetFacts(
        qr=editions[0].campaign.contact.url,
        draft=draft,
        page_size_pt=fmt.page_pt,
        pixels=written.image.size,
        dpi=DPI,
        languages=tuple(tags),
        min_type_pt=round(min(sheet.sizes_pt.values()), 2),
        number_pt=sheet.number_pt,
        pages=len(sheet.pages),
        columns=tuple(sheet.columns),
        # Messages the sheet could keep only by leaving them out (a sheet-messages finding).
        dropped=tuple(Dropped(tag, message_id) for tag, message_id in sheet.dropped),
        qr_box=_in_png(sheet.pages[0].qr_box(), written, fmt) if sheet.pages else None,
    )
    language = editions[0].language
    headline = plain_text(first.headline.text) if headline_extractable(language.script, language.is_rtl) else None
    return _artifacts(
        written, joined, MULTILINGUAL, facts, ExpectedText(plain_text(first.phone.text), headline, written.regions)
    )


def _in_png(box, written: WrittenPage, fmt: FlyerFormat) -> Box | None:
    """A box of the page plan in the written PNG's pixels (a page with crop marks is drawn
    inside a slug, which shifts it)."""
    if not box:
        return None
    dx = (written.image.width - fmt.page_px[0]) // 2
    dy = (written.image.height - fmt.page_px[1]) // 2
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def flyer_title(localized: LocalizedCampaign, content, fmt: FlyerFormat) -> str:
    """The title a flyer's PDF carries."""
    return f"{plain_text(content.headline.text)} ({fmt.description}, {localized.tag})"


def pdf_spec(fmt: FlyerFormat, language: str, title: str, campaign: Campaign) -> PdfPageSpec:
    """What the PDF writer is told of a page besides what it shows: size, bleed, language,
    title and the campaign's print colour."""
    printing = campaign.printing
    colour = (
        cmyk_output(printing.profile, printing.output_condition, printing.rich_black)
        if printing.colour == "cmyk"
        else RGB_OUTPUT
    )
    return PdfPageSpec(fmt.page_px, fmt.page_pt, fmt.bleed_in * 72, language, title, colour)


def _write(
    plans: Sequence[Plan], draft: bool, stem: Path, fmt: FlyerFormat, language: str, title: str, campaign
) -> WrittenPage:
    spec = pdf_spec(fmt, language, title, campaign)
    return write_pages([display_list(plan, draft, DRAFT_RED) for plan in plans], stem, fmt, spec)


def _artifacts(
    written: WrittenPage, language: str, format_name: str, facts: FlyerFacts | SheetFacts, expected: ExpectedText
) -> list[Artifact]:
    pdf = written.pdf_facts
    print_file = PrintFile(
        vector=True,
        fonts_embedded=tuple(pdf.fonts),
        boxes_pt={name: tuple(box) for name, box in pdf.boxes.items()},
        colour=pdf.colour,
        page_images=tuple(png.name for png in written.pngs),  # the PNG each PDF page must look like
        colour_shifts=(
            {
                colour: ColourShift(tuple(shift["cmyk_percent"]), shift["delta_e_2000"])
                for colour, shift in pdf.colour_shifts.items()
            }
            if pdf.colour == "cmyk"
            else None
        ),
        image_ink_percent=dict(pdf.image_inks) if pdf.colour == "cmyk" else None,
        # What the PDF check reads back: the number and the headline, as a reader would copy them.
        expected=expected,
    )
    images = [
        Artifact(
            png.resolve(),
            ArtifactKind.FLYER_IMAGE,
            language,
            format_name,
            replace(facts, page=page) if len(written.pngs) > 1 else facts,
        )
        for page, png in enumerate(written.pngs, start=1)
    ]
    pdf_artifact = Artifact(
        written.pdf.resolve(), ArtifactKind.FLYER, language, format_name, replace(facts, pdf=print_file)
    )
    return [pdf_artifact, *images]


def check_pdf(pdf: Artifact, png: Path | None = None) -> tuple[list[str], PdfReadBack]:
    """The print PDF read back as a reader's tools read it, against the PNG of its first page
    (by default the one beside it): what would be wrong (empty: nothing), and what was read."""
    facts = pdf.facts
    if not isinstance(facts, PrintedFacts) or facts.pdf is None:
        raise TypeError(f"{pdf.path.name} is not a flyer's PDF")
    expected = facts.pdf.expected
    return pdf_problems(
        pdf.path,
        png or pdf.path.with_suffix(".png"),
        qr=facts.qr,
        qr_box=facts.qr_box,
        page_images=facts.pdf.page_images,
        phone=expected.phone if expected else None,
        headline=expected.headline if expected else None,
        regions=expected.regions if expected else (),
    )


def fit_findings(localized: LocalizedCampaign, format_name: str) -> list[Finding]:
    """Dry layout, nothing written: a finding per message that cannot fit or is set too small."""
    fmt = flyer_format(localized, format_name)
    content = flyer_content(localized)
    try:
        # Text no font draws cannot be measured; the glyph check reports it, per message.
        _check_all_glyphs(localized, content, format_name)
    except MissingGlyphsError:
        return []
    try:
        plan = plan_page(localized, content, fmt)
        verify_numbers(plan, [localized], localized.tag, format_name)
    except DoesNotFit as exc:
        return [_misfit(localized.tag, format_name, exc)]
    except WrongNumberPrinted as exc:
        return [finding_of(exc, localized.tag, format_name)]
    return _too_small(localized.tag, format_name, plan.sizes_pt, fmt.min_pt)


def sheet_fit_findings(editions: Sequence[LocalizedCampaign]) -> list[Finding]:
    """Dry layout of one multilingual sheet; its findings are named by 'en+es+vi'."""
    joined = sheet_key(e.tag for e in editions)
    fmt = FORMATS["letter"]
    try:
        for localized in editions:
            _check_all_glyphs(localized, flyer_content(localized), MULTILINGUAL)
    except MissingGlyphsError:
        return []  # the glyph check names the language and message
    try:
        sheet = sheet_plan(editions, fmt, poster_rules(editions[0].campaign))
        for plan in sheet.pages:
            verify_numbers(plan, editions, joined, MULTILINGUAL)
    except DoesNotFit as exc:
        return [_misfit(joined, MULTILINGUAL, exc)]
    except WrongNumberPrinted as exc:
        return [finding_of(exc, joined, MULTILINGUAL)]
    return _too_small(joined, MULTILINGUAL, sheet.sizes_pt, fmt.min_pt) + dropped_findings(
        joined, [(tag, message) for tag, message in sheet.dropped]
    )


def dropped_findings(sheet_name: str, dropped) -> list[Finding]:
    """One sheet-messages finding per message a sheet leaves out of a language's section."""
    return [
        Finding(
            checknames.SHEET_MESSAGES,
            sheet_name,
            message_id,
            f"{MULTILINGUAL}: message '{message_id}' is left out of the {tag} section: "
            f"{sheet_name.count('+') + 1} languages with every message do not fit one Letter page "
            f"at {FORMATS['letter'].min_pt:g} pt - shorten the text or make two sheets",
            detail={"format": MULTILINGUAL, "language": tag},
            target=MULTILINGUAL,
            code="layout.line-left-out",
        )
        for tag, message_id in dropped
    ]


def _check_all_glyphs(localized: LocalizedCampaign, content, format_name: str) -> None:
    """The language's text in its fonts, and the hotline and organization names in the source
    language's (they are printed as written in campaign.toml)."""
    check_glyphs(content.blocks + (content.phone, content.url), localized.language, format_name)
    if content.brand_blocks:
        check_glyphs(content.brand_blocks, localized.campaign.source_language, format_name)


def logo_findings(campaign: Campaign) -> list[Finding]:
    """A PNG logo printed with fewer than 300 pixels per inch in a format the campaign prints."""
    from campaigngen.renderers.flyer.logos import printed_logos
    from campaigngen.sources.brand import MIN_PRINT_DPI

    findings, seen = [], set()
    targets = [(fmt, FORMATS[fmt]) for fmt in campaign.flyer.formats]
    if campaign.multilingual_sheets:
        targets.append((MULTILINGUAL, FORMATS["letter"]))
    for name, fmt in targets:
        for box in printed_logos(fmt.kind, fmt.page_px[0], campaign.brand):
            width_in = box.width / DPI
            dpi = box.logo.dpi_at(width_in)
            if dpi is None or dpi >= MIN_PRINT_DPI - 0.5 or (name, box.logo.media.path) in seen:
                continue
            seen.add((name, box.logo.media.path))
            need = int(width_in * MIN_PRINT_DPI + 0.999)
            findings.append(
                Finding(
                    checknames.LOGO_RESOLUTION,
                    "*",
                    None,
                    f"{name}: logo {box.logo.media.path.name} prints {width_in:.2f} in wide at "
                    f"{dpi:.0f} dpi, under {MIN_PRINT_DPI} - use a PNG at least {need} px wide "
                    f"or an SVG",
                    detail={
                        "format": name,
                        "logo": box.logo.media.path.name,
                        "dpi": round(dpi, 1),
                        "width_in": round(width_in, 2),
                        "width_px_needed": need,
                    },
                    target=name,
                    code="logo.low-resolution",
                )
            )
    return findings


def verify_numbers(plan: Plan, editions: Sequence[LocalizedCampaign], language: str, format_name: str) -> None:
    """WrongNumberPrinted unless every number on the laid-out page is a configured one, and
    each line carrying {phone} (or {text_number}) shows it whole."""
    campaign = editions[0].campaign
    values = {k: v for e in editions for k, v in e.contact_values.items() if k in ("phone", "text_number")}
    must_show = {
        mid: [values[name] for name in message.placeholders if name in values]
        for mid, message in campaign.messages.items()
    }
    must_show["phone"] = [values["phone"]]  # the number alone: tear-off tabs, wallet card
    verify_printed_numbers(plan.items, list(values.values()), must_show, language=language, target=format_name)


def _misfit(language: str, format_name: str, exc: DoesNotFit) -> Finding:
    return Finding(
        LAYOUT_FIT,
        language,
        exc.misfit.message_id,
        f"{format_name}: message '{exc.misfit.message_id}' does not fit: {exc.misfit.detail} - shorten the text",
        detail={"format": format_name, "why": exc.misfit.detail},
        target=format_name,
        code="layout.too-long",
    )


def _too_small(language: str, format_name: str, sizes_pt, min_pt: float) -> list[Finding]:
    return [
        Finding(
            LAYOUT_FIT,
            language,
            message_id,
            f"{format_name}: message '{message_id}' is set at {size:.1f} pt, below the "
            f"{min_pt:g} pt minimum - shorten the text",
            detail={"format": format_name, "size_pt": size, "min_pt": min_pt},
            target=format_name,
            code="layout.too-small",
        )
        for message_id, size in sizes_pt.items()
        if size < min_pt - 0.01
    ]


def qr_findings(campaign: Campaign) -> list[Finding]:
    """The campaign's QR code, drawn at the smallest size any format prints it, decoded back."""
    from campaigngen.checks.qr import decode_qr_image
    from campaigngen.renderers.flyer.png_writer import qr_raster
    from campaigngen.renderers.flyer.poster import QR_MIN_PX
    from campaigngen.renderers.flyer.qrcode_image import qr_code

    url = campaign.contact.url
    decoded = decode_qr_image(qr_raster(qr_code(url, QR_MIN_PX)))
    if decoded == [url]:
        return []
    return [
        Finding(
            checknames.QR,
            "*",
            None,
            f"the QR code for {url} reads {decoded or 'nothing'} at {QR_MIN_PX} px - use a shorter address",
            detail={"url": url, "decoded": list(decoded), "size_px": QR_MIN_PX},
            code="qr.unreadable",
        )
    ]


__all__ = [
    "FORMATS",
    "FlyerFormat",
    "preview_image",
    "render_flyer",
    "render_flyer_pdf",
    "render_multilingual_sheet",
    "fit_findings",
    "sheet_fit_findings",
    "qr_findings",
    "logo_findings",
    "dropped_findings",
    "check_pdf",
    "ensure_text_engine",
]
