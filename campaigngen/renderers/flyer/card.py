"""Share cards: the poster's page plan on a phone screen, for chats, groups and stories.

Two sizes per language (the sizes the big apps show without cropping): a square 1080 x 1080
for a feed or a chat, and a story 1080 x 1920, whose top ~250 px (the app's name, the
progress bar) and bottom ~340 px (the reply field) carry no text, only the page colour.
They are laid out by the same poster plan as the flyers, so the number is the largest type
on the card, every script is shaped as on paper and the same number check applies.

The plan is made at PLAN_SCALE (2) times the card's pixels, a page 7.2 in wide at the
flyers' 300 px per inch, near Letter's width, so the poster's type sizes and spacing hold as
they are; the PNG writer draws it there and the card is that image halved (text smoothed by
four samples a pixel, QR modules still whole pixels). A phone shows a card about 360 CSS px
wide, a third of its pixels: the smallest type allowed (MIN_TEXT_PX, 32 px on the card) is
about 11 CSS px there. Where the square cannot hold the body at that size it carries
headline, call panel and QR (the body is on the story and the flyers); the story holds all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from campaigngen.atomic import write_bytes_atomic
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding, finding_of
from campaigngen.exceptions import LayoutFitError, MissingGlyphsError, QrUnreadable, WrongNumberPrinted
from campaigngen.renderers.artifacts import Artifact, ArtifactKind
from campaigngen.renderers.facts import AltTextFacts, Box, ShareCardFacts
from campaigngen.renderers.flyer import _check_all_glyphs, _misfit, ensure_text_engine, verify_numbers
from campaigngen.renderers.flyer.content import FlyerContent, flyer_content
from campaigngen.renderers.flyer.fitting import DoesNotFit
from campaigngen.renderers.flyer.formats import DPI, POINTS_PER_INCH, pt_to_px
from campaigngen.renderers.flyer.pages import poster_rules
from campaigngen.renderers.flyer.plan import Plan, QrItem, TextItem, display_list
from campaigngen.renderers.flyer.png_file import SHARE_LEVEL, png_bytes
from campaigngen.renderers.flyer.poster import Area, poster_plan
from campaigngen.renderers.flyer.style import DRAFT_RED
from campaigngen.renderers.typesetting.runs import without_bidi_controls as plain_text

PLAN_SCALE = 2  # card_image halves the drawn page
MIN_TEXT_PX = 32  # on the card as posted
CARD_MIN_PT = MIN_TEXT_PX * PLAN_SCALE * POINTS_PER_INCH / DPI  # in the plan: 15.36 pt
CARD_NUMBER_PT = 200.0  # no cap of its own: the number is as large as the call panel's width allows


@dataclass(frozen=True)
class CardFormat:
    name: str  # "card-square", "card-story": the file's stem and the manifest's format
    size: tuple[int, int]  # pixels
    safe_top: int  # pixels at the top that carry no text (app overlays)
    safe_bottom: int
    body_optional: bool  # the body may be left out where it does not fit

    @property
    def plan_size(self) -> tuple[int, int]:
        return (self.size[0] * PLAN_SCALE, self.size[1] * PLAN_SCALE)

    @property
    def plan_area(self) -> Area:
        """Where text may go, in the plan's pixels."""
        width, height = self.plan_size
        top, bottom = self.safe_top * PLAN_SCALE, self.safe_bottom * PLAN_SCALE
        return Area(0, top, width, height - top - bottom)


CARD_FORMATS = {
    "card-square": CardFormat("card-square", (1080, 1080), 0, 0, body_optional=True),
    # Instagram and WhatsApp cover about 250 px at the top and 340 px at the bottom of a story.
    "card-story": CardFormat("card-story", (1080, 1920), 250, 340, body_optional=False),
}


@dataclass(frozen=True)
class CardPlan:
    plan: Plan
    content: FlyerContent  # what the card carries (the square may leave the body out)
    qr: bool


def card_plan(localized: LocalizedCampaign, content: FlyerContent, card: CardFormat, qr: bool) -> CardPlan:
    """The card laid out; DoesNotFit names the message that cannot fit even without the body."""
    campaign = localized.campaign
    rules = poster_rules(campaign, number_pt=CARD_NUMBER_PT)

    def planned(carried: FlyerContent) -> Plan:
        plan = poster_plan(
            carried, localized.language, card.plan_size, card.plan_area, CARD_MIN_PT, campaign.contact.url, rules
        )
        return plan if qr else _without_qr(plan, carried)

    try:
        return CardPlan(planned(content), content, qr)
    except DoesNotFit:
        if not card.body_optional or not content.body:
            raise
    short = replace(content, body=())
    return CardPlan(planned(short), short, qr)


def _without_qr(plan: Plan, content: FlyerContent) -> Plan:
    """The QR row without its code and the "scan" caption: the address and organization
    move to the column's start (a card posted in a chat is on the phone that would scan it)."""
    qr = next(item for item in plan.items if isinstance(item, QrItem))
    caption_id = content.caption.message_id if content.caption else None
    row = {content.url.message_id, caption_id} | ({content.organization.message_id} if content.organization else set())
    items = []
    for item in plan.items:
        if item is qr or (isinstance(item, TextItem) and item.message_id == caption_id and caption_id):
            continue
        if isinstance(item, TextItem) and item.message_id in row and item.y >= qr.y - 1:
            item = replace(item, x=qr.x, width=item.width + (item.x - qr.x))
        items.append(item)
    return replace(plan, items=tuple(items))


def card_formats(campaign) -> list[CardFormat]:
    return [CARD_FORMATS[f"card-{shape}"] for shape in campaign.share_cards.shapes]


def _planned_card(localized: LocalizedCampaign, card: CardFormat) -> CardPlan:
    """The card's plan, checked as a flyer's is (glyphs, the numbers it shows)."""
    ensure_text_engine()
    content = flyer_content(localized)
    _check_all_glyphs(localized, content, card.name)
    try:
        planned = card_plan(localized, content, card, localized.campaign.share_cards.qr)
    except DoesNotFit as exc:
        raise LayoutFitError(
            format_name=card.name, language=localized.tag, message_id=exc.misfit.message_id, detail=exc.misfit.detail
        ) from None
    verify_numbers(planned.plan, [localized], localized.tag, card.name)
    return planned


def card_image(localized: LocalizedCampaign, card: CardFormat, planned: CardPlan | None = None) -> Image.Image:
    """The card as posted: drawn at PLAN_SCALE and halved (for previews and the studio too)."""
    from campaigngen.renderers.flyer.png_writer import render_page_png

    planned = planned or _planned_card(localized, card)
    drawn = render_page_png(card.plan_size, display_list(planned.plan, localized.draft, DRAFT_RED))
    # The page is drawn in RGB: converting it would only copy it (32 MB for a story) first.
    return halved(drawn if drawn.mode == "RGB" else drawn.convert("RGB"))


def halved(image: Image.Image) -> Image.Image:
    """An RGB image of even width and height at half its size, each pixel its 2 x 2 block's
    mean: the pixels of resize(half, BOX), which averages each row's pairs (rounding half up)
    and then those averages' pairs down the columns. Pillow's reduce does each of the two
    steps with the same sums and rounding and without resize's general weights: a story card
    halved in 18 ms instead of 37 (tests/test_png_file.py holds the two equal)."""
    if image.mode != "RGB" or image.width % 2 or image.height % 2:
        raise ValueError(f"halved takes an RGB image of even size, not {image.mode} {image.size}")
    return image.reduce((2, 1)).reduce((1, 2))


def alt_text(localized: LocalizedCampaign, content: FlyerContent) -> str:
    """What the card says, top to bottom, as a screen reader should read it (the words, not a
    description of a picture: those are the campaign's own, translated and approved)."""
    hotline = [content.hotline] if content.hotline is not None else []
    ask = [content.ask] if content.ask is not None else []
    blocks = [content.headline, *content.body, content.call.whole, *ask, *hotline, *content.others]
    lines = [plain_text(block.text) for block in blocks]
    if localized.campaign.share_cards.qr and content.caption is not None:
        lines.append(plain_text(content.caption.text))
    lines.append(plain_text(content.url.text))
    return "\n".join(line for line in lines if line.strip())


def render_share_cards(localized: LocalizedCampaign, out_dir: Path) -> list[Artifact]:
    """card-<shape>.png and its alt text card-<shape>.txt per configured shape; the QR code is
    decoded back from the written card (as posted, at its own pixels) before it counts."""
    from campaigngen.checks.qr import decode_qr
    from campaigngen.checks.written import remember_page

    out_dir.mkdir(parents=True, exist_ok=True)
    artifacts: list[Artifact] = []
    for card in card_formats(localized.campaign):
        planned = _planned_card(localized, card)
        image = card_image(localized, card, planned)
        png, txt = out_dir / f"{card.name}.png", out_dir / f"{card.name}.txt"
        text = alt_text(localized, planned.content)
        write_bytes_atomic(png, png_bytes(image, SHARE_LEVEL))
        remember_page(png, image)  # its code is read back from these pixels, not from the file again
        write_bytes_atomic(txt, (text + "\n").encode("utf-8"))
        qr_box = _card_box(planned.plan.qr_box())
        url = localized.campaign.contact.url
        if planned.qr:
            decoded = decode_qr(png, qr_box)
            if decoded != [url]:
                raise QrUnreadable(
                    f"{png.name} [{localized.tag}]: QR code reads {decoded or 'nothing'}, not {url}",
                    language=localized.tag,
                    target=card.name,
                    detail={"file": png.name, "decoded": list(decoded), "expected": url},
                )
        facts = ShareCardFacts(
            pixels=image.size,
            safe_top_px=card.safe_top,
            safe_bottom_px=card.safe_bottom,
            number_px=round(pt_to_px(planned.plan.number_pt or 0.0) / PLAN_SCALE, 1),
            min_text_px=round(pt_to_px(min(planned.plan.sizes_pt.values())) / PLAN_SCALE, 1),
            body=bool(planned.content.body),
            direction=localized.language.direction,
            draft=localized.draft,
            qr=url if planned.qr else None,
            qr_box=qr_box if planned.qr else None,
            qr_decoded=planned.qr,
            alt_text=txt.name,
        )
        artifacts.append(Artifact(png.resolve(), ArtifactKind.SHARE_CARD, localized.tag, card.name, facts))
        alt = AltTextFacts(card=png.name, characters=len(text), draft=localized.draft)
        artifacts.append(Artifact(txt.resolve(), ArtifactKind.SHARE_CARD_ALT, localized.tag, card.name, alt))
    return artifacts


def _card_box(box) -> Box | None:
    """A box of the plan in the card's own pixels."""
    if not box:
        return None
    left, top, right, bottom = box
    return (left // PLAN_SCALE, top // PLAN_SCALE, -(-right // PLAN_SCALE), -(-bottom // PLAN_SCALE))


def card_fit_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Dry layout of every share card, nothing written: a finding per card that cannot fit."""
    findings: list[Finding] = []
    for card in card_formats(localized.campaign):
        content = flyer_content(localized)
        try:
            _check_all_glyphs(localized, content, card.name)
        except MissingGlyphsError:
            return []  # the glyph check names the language and message
        try:
            planned = card_plan(localized, content, card, localized.campaign.share_cards.qr)
            verify_numbers(planned.plan, [localized], localized.tag, card.name)
        except DoesNotFit as exc:
            findings.append(_misfit(localized.tag, card.name, exc))
        except WrongNumberPrinted as exc:
            findings.append(finding_of(exc, localized.tag, card.name))
    return findings
