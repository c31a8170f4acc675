"""The campaign's brand colours against the text drawn on them (WCAG 2.x contrast).

The language band and the call panel carry white text; a campaign colour below 4.5:1 (WCAG
AA for normal text, success criterion 1.4.3) against it is a finding. The accent colour
only ever draws a rule, so it is not held to a text contrast.
"""

from __future__ import annotations

from campaigngen import checknames
from campaigngen.checks.findings import Finding
from campaigngen.sources.brand import MIN_TEXT_CONTRAST, TEXT_ON
from campaigngen.sources.campaign import Campaign

CAMPAIGN_WIDE = "*"


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgb)


def brand_findings(campaign: Campaign) -> list[Finding]:
    findings = []
    colours = campaign.brand.colours
    for role, text_colour in TEXT_ON:
        colour = getattr(colours, role)
        ratio = contrast_ratio(colour, text_colour)
        if ratio < MIN_TEXT_CONTRAST:
            findings.append(
                Finding(
                    checknames.BRAND_CONTRAST,
                    CAMPAIGN_WIDE,
                    None,
                    f"brand.colours.{role} {hex_colour(colour)} has {ratio:.2f}:1 contrast with the "
                    f"{hex_colour(text_colour)} text drawn on it, under {MIN_TEXT_CONTRAST}:1 - choose a darker colour",
                    detail={
                        "colour": hex_colour(colour),
                        "role": role,
                        "key": f"brand.colours.{role}",
                        "contrast": round(ratio, 2),
                        "minimum": MIN_TEXT_CONTRAST,
                    },
                    code="brand.low-contrast",
                )
            )
    return findings
