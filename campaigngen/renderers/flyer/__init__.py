"""Flyers: posters (Letter, A4, Tabloid), a tear-off sheet, a wallet card, multilingual sheets.

Every page is planned first (type auto-fitted down to the format's legal minimum), then
drawn at 300 dpi and written as PNG plus a PDF of exactly the paper size. The hotline
number and address come from the campaign config at this moment, never from a catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen import checknames
from campaigngen.checks.findings import Finding
from campaigngen.exceptions import InputError, LayoutFitError
from campaigngen.renderers.artifacts import Artifact
from campaigngen.renderers.flyer.content import flyer_content
from campaigngen.renderers.flyer.decor import draft_watermark
from campaigngen.renderers.flyer.fitting import DoesNotFit, check_glyphs
from campaigngen.renderers.flyer.formats import DPI, FORMATS, FlyerFormat
from campaigngen.renderers.flyer.output import write_page
from campaigngen.renderers.flyer.pages import compose, plan_page
from campaigngen.renderers.flyer.sheet import compose_sheet, sheet_plan
from campaigngen.renderers.typesetting import ensure_raqm
from campaigngen.exceptions import MissingGlyphsError
from campaigngen.sources.campaign import MULTILINGUAL, Campaign, sheet_key

LAYOUT_FIT = checknames.LAYOUT_FIT


def ensure_text_engine() -> None:
    """Call before rendering anything: without raqm, Arabic and Indic text print wrong, silently."""
    ensure_raqm()


def flyer_format(localized: LocalizedCampaign, format_name: str) -> FlyerFormat:
    try:
        return FORMATS[format_name]
    except KeyError:
        raise InputError(localized.campaign.config_path, f"flyer format '{format_name}' is unknown",
                         hint=f"use one of {', '.join(FORMATS)}") from None


def render_flyer(localized: LocalizedCampaign, format_name: str, out_dir: Path) -> list[Artifact]:
    """Writes flyer-<format>.png and .pdf into out_dir; returns the PDF and PNG artifacts."""
    ensure_text_engine()
    fmt = flyer_format(localized, format_name)
    content = flyer_content(localized)
    check_glyphs(content.blocks + (content.phone, content.url), localized.language, format_name)
    try:
        page, plan = compose(localized, content, fmt)
    except DoesNotFit as exc:
        raise LayoutFitError(format_name=format_name, language=localized.tag,
                             message_id=exc.misfit.message_id, detail=exc.misfit.detail) from None
    qr_box = plan.qr_box()
    if localized.draft:
        keep = page.crop(qr_box) if qr_box else None
        draft_watermark(page)
        if keep is not None:  # the code stays scannable on a draft, so a draft can be tested
            page.paste(keep, qr_box[:2])
    png, pdf = write_page(page, Path(out_dir) / f"flyer-{format_name}", fmt.page_pt)
    facts = {
        "qr": localized.campaign.contact.url,
        "draft": localized.draft,
        "page_size_pt": list(fmt.page_pt),
        "pixels": list(page.size),
        "dpi": DPI,
        "bleed_in": fmt.bleed_in,
        "min_type_pt": round(min(plan.sizes_pt.values()), 2),
        "direction": localized.language.direction,
        "qr_px": qr_box[2] - qr_box[0] if qr_box else None,
    }
    return [
        Artifact(path=pdf.resolve(), kind="flyer", language=localized.tag, format=format_name, facts=facts),
        Artifact(path=png.resolve(), kind="flyer-image", language=localized.tag, format=format_name, facts=facts),
    ]


def render_multilingual_sheet(editions: Sequence[LocalizedCampaign], out_dir: Path) -> list[Artifact]:
    """One Letter page carrying 2-4 languages (California asks for English, Spanish and one more)."""
    ensure_text_engine()
    if not 2 <= len(editions) <= 4:
        raise InputError(None, f"a multilingual sheet holds 2 to 4 languages, not {len(editions)}",
                         hint="list 2 to 4 languages under flyer.multilingual")
    fmt = FORMATS["letter"]
    tags = [e.tag for e in editions]
    joined = sheet_key(tags)
    for localized in editions:
        content = flyer_content(localized)
        check_glyphs(content.blocks, localized.language, MULTILINGUAL)
    try:
        page, plan = compose_sheet(editions, fmt)
    except DoesNotFit as exc:
        raise LayoutFitError(format_name=MULTILINGUAL, language=joined,
                             message_id=exc.misfit.message_id, detail=exc.misfit.detail) from None
    draft = any(e.draft for e in editions)
    qr_box = plan.qr_box()
    if draft:
        keep = page.crop(qr_box) if qr_box else None
        draft_watermark(page)
        if keep is not None:
            page.paste(keep, qr_box[:2])
    png, pdf = write_page(page, Path(out_dir) / f"flyer-multilingual-{'-'.join(tags)}", fmt.page_pt)
    facts = {
        "qr": editions[0].campaign.contact.url,
        "draft": draft,
        "page_size_pt": list(fmt.page_pt),
        "pixels": list(page.size),
        "dpi": DPI,
        "languages": tags,
        "min_type_pt": round(min(plan.sizes_pt.values()), 2),
    }
    return [
        Artifact(path=pdf.resolve(), kind="flyer", language=joined, format=MULTILINGUAL, facts=facts),
        Artifact(path=png.resolve(), kind="flyer-image", language=joined, format=MULTILINGUAL, facts=facts),
    ]


def fit_findings(localized: LocalizedCampaign, format_name: str) -> list[Finding]:
    """Dry layout, nothing written: a finding per message that cannot fit or is set too small."""
    fmt = flyer_format(localized, format_name)
    content = flyer_content(localized)
    try:
        # Text no font draws cannot be measured; the glyph check reports it, per message.
        check_glyphs(content.blocks + (content.phone, content.url), localized.language, format_name)
    except MissingGlyphsError:
        return []
    try:
        plan = plan_page(localized, content, fmt)
    except DoesNotFit as exc:
        return [_misfit(localized.tag, format_name, exc)]
    return _too_small(localized.tag, format_name, plan.sizes_pt, fmt.min_pt)


def sheet_fit_findings(editions: Sequence[LocalizedCampaign]) -> list[Finding]:
    """Dry layout of one multilingual sheet; its findings are named by 'en+es+vi'."""
    joined = sheet_key(e.tag for e in editions)
    fmt = FORMATS["letter"]
    try:
        for localized in editions:
            check_glyphs(flyer_content(localized).blocks, localized.language, MULTILINGUAL)
    except MissingGlyphsError:
        return []  # the glyph check names the language and message
    try:
        plan = sheet_plan(editions, fmt)
    except DoesNotFit as exc:
        return [_misfit(joined, MULTILINGUAL, exc)]
    return _too_small(joined, MULTILINGUAL, plan.sizes_pt, fmt.min_pt)


def _misfit(language: str, format_name: str, exc: DoesNotFit) -> Finding:
    return Finding(LAYOUT_FIT, language, exc.misfit.message_id,
                   f"{format_name}: message '{exc.misfit.message_id}' does not fit: {exc.misfit.detail} "
                   f"- shorten the text", detail={"format": format_name}, target=format_name)


def _too_small(language: str, format_name: str, sizes_pt, min_pt: float) -> list[Finding]:
    return [Finding(LAYOUT_FIT, language, message_id,
                    f"{format_name}: message '{message_id}' is set at {size:.1f} pt, below the "
                    f"{min_pt:g} pt minimum - shorten the text",
                    detail={"format": format_name, "size_pt": size}, target=format_name)
            for message_id, size in sizes_pt.items() if size < min_pt - 0.01]


def qr_findings(campaign: Campaign) -> list[Finding]:
    """The campaign's QR code, drawn at the smallest size any format prints it, decoded back."""
    from campaigngen.checks.qr import decode_qr_image
    from campaigngen.renderers.flyer.poster import QR_MIN_PX
    from campaigngen.renderers.flyer.qrcode_image import qr_image

    url = campaign.contact.url
    decoded = decode_qr_image(qr_image(url, QR_MIN_PX))
    if decoded == [url]:
        return []
    return [Finding(checknames.QR, "*", None, f"the QR code for {url} reads {decoded or 'nothing'} at "
                                             f"{QR_MIN_PX} px - use a shorter address")]


__all__ = ["FORMATS", "FlyerFormat", "render_flyer", "render_multilingual_sheet", "fit_findings",
           "sheet_fit_findings", "qr_findings", "ensure_text_engine"]
