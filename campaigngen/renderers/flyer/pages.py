"""One page per format kind: plan it, then draw it."""

from __future__ import annotations

from PIL import Image

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.formats import FlyerFormat
from campaigngen.renderers.flyer.plan import Plan, draw_plan
from campaigngen.renderers.flyer.poster import Area, poster_plan
from campaigngen.renderers.flyer.tearoff import draw_tabs, tearoff_plan
from campaigngen.renderers.flyer.wallet import draw_wallet_marks, wallet_plan


def plan_page(localized: LocalizedCampaign, content: FlyerContent, fmt: FlyerFormat) -> Plan:
    size = fmt.page_px
    url = localized.campaign.contact.url
    if fmt.kind == "tearoff":
        return tearoff_plan(content, localized.language, fmt, url)
    if fmt.kind == "wallet":
        return wallet_plan(content, localized.language, fmt, url)
    return poster_plan(content, localized.language, size, Area(0, 0, *size), fmt.min_pt, url)


def compose(localized: LocalizedCampaign, content: FlyerContent, fmt: FlyerFormat) -> tuple[Image.Image, Plan]:
    plan = plan_page(localized, content, fmt)
    page = Image.new("RGB", fmt.page_px, "white")
    draw_plan(page, plan)
    if fmt.kind == "tearoff":
        draw_tabs(page, content, localized.language, fmt)
    elif fmt.kind == "wallet":
        draw_wallet_marks(page, fmt)
    return page, plan
