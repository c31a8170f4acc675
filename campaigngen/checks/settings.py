"""Settings that had no effect: a one-line notice each, so nobody trusts a setting that did
nothing. Naming a closing line the script already says (or one the fill list never allows,
or with no spots at all), an MP2 bitrate without MP2, how often to say the number for a
length no spot is booked at."""

from __future__ import annotations

from campaigngen import checknames
from campaigngen.checks.findings import WARNING, Finding
from campaigngen.sources.broadcast import FILL_CLOSING
from campaigngen.sources.campaign import SPOT_LENGTHS, Campaign

EVERYWHERE = "*"


def no_effect_findings(campaign: Campaign) -> list[Finding]:
    delivery = campaign.delivery
    notices: list[str] = []
    closing = delivery.closing
    if closing is not None:
        if not campaign.spots:
            notices.append(f"delivery.closing = '{closing}' had no effect: the campaign books no spots")
        elif FILL_CLOSING not in delivery.fill:
            notices.append(f"delivery.closing = '{closing}' had no effect: delivery.fill does not list \"closing\"")
        else:
            saying = [spot.id for spot in campaign.spots if closing in spot.script]
            if saying:
                notices.append(
                    f"delivery.closing = '{closing}' had no effect on spot {', '.join(saying)}: its script says that "
                    f"line already - name a line the script does not say"
                )
    if delivery.mp2_bitrate is not None and not delivery.mp2:
        notices.append("delivery.mp2_bitrate had no effect: no MP2 is made without delivery.mp2 = true")
    booked = {str(spot.seconds) for spot in campaign.spots}
    unused = sorted((length for length in delivery.number_repeats if length not in booked), key=int)
    if unused and len(delivery.number_repeats) < len(SPOT_LENGTHS):  # a table (not one number for all)
        notices.append(
            f"delivery.number_repeats for :{', :'.join(unused)} had no effect: no spot is booked at that length"
        )
    return [
        Finding(checknames.NO_EFFECT, EVERYWHERE, None, text, WARNING, code="setting.no-effect") for text in notices
    ]


__all__ = ["no_effect_findings"]
