"""One page per format kind, planned: the display list both writers draw."""

from __future__ import annotations

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.formats import FlyerFormat
from campaigngen.renderers.flyer.plan import Plan
from campaigngen.renderers.flyer.poster import Area, poster_plan
from campaigngen.renderers.flyer.tearoff import tearoff_plan
from campaigngen.renderers.flyer.wallet import wallet_plan


def plan_page(localized: LocalizedCampaign, content: FlyerContent, fmt: FlyerFormat) -> Plan:
    size = fmt.page_px
    url = localized.campaign.contact.url
    if fmt.kind == "tearoff":
        return tearoff_plan(content, localized.language, fmt, url)
    if fmt.kind == "wallet":
        return wallet_plan(content, localized.language, fmt, url)
    return poster_plan(content, localized.language, size, Area(0, 0, *size), fmt.min_pt, url)
