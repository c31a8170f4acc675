"""One page per format kind, planned: the display list both writers draw."""

from __future__ import annotations

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.flyer.content import FlyerContent
from campaigngen.renderers.flyer.formats import FlyerFormat
from campaigngen.renderers.flyer.plan import Plan
from campaigngen.renderers.flyer.poster import NUMBER_BASE_PT, Area, PosterRules, poster_plan
from campaigngen.renderers.flyer.style import look_of
from campaigngen.renderers.flyer.tearoff import TEAROFF_NUMBER_PT, tearoff_plan
from campaigngen.renderers.flyer.wallet import wallet_plan
from campaigngen.sources.campaign import Campaign


def poster_rules(
    campaign: Campaign, qr_in: float = 1.3, number_pt: float = NUMBER_BASE_PT, pictograms_beside_qr: bool = False
) -> PosterRules:
    brand = campaign.brand
    return PosterRules(
        qr_in=qr_in,
        number_pt=number_pt,
        pictograms_beside_qr=pictograms_beside_qr,
        pictograms=brand.pictograms,
        look=look_of(brand.colours),
        brand=brand,
        brand_language=campaign.source_language,
    )


def plan_page(localized: LocalizedCampaign, content: FlyerContent, fmt: FlyerFormat) -> Plan:
    size = fmt.page_px
    campaign = localized.campaign
    url = campaign.contact.url
    if fmt.kind == "tearoff":
        return tearoff_plan(
            content,
            localized.language,
            fmt,
            url,
            poster_rules(campaign, qr_in=0.85, number_pt=TEAROFF_NUMBER_PT, pictograms_beside_qr=True),
        )
    if fmt.kind == "wallet":
        return wallet_plan(
            content, localized.language, fmt, url, look_of(campaign.brand.colours), campaign.source_language
        )
    return poster_plan(content, localized.language, size, Area(0, 0, *size), fmt.min_pt, url, poster_rules(campaign))
