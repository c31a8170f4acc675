"""What goes on a flyer, as text blocks ready for typesetting.

Contact details are put in here, at render time, from the campaign config. Each one is
wrapped as a left-to-right isolate (U+2066..U+2069) and marked unbreakable, so in Arabic,
Persian and Urdu the number keeps its digit order and never splits over two lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.typesetting.runs import LRI, PDI
from campaigngen.sources.placeholders import split_placeholders

LANGUAGE_NAME_ID = "language-name"  # the language's own name at the top; not a catalog message


@dataclass(frozen=True)
class Block:
    message_id: str
    text: str
    protected: tuple[tuple[int, int], ...] = ()  # [start, end) ranges no line break may enter


@dataclass(frozen=True)
class FlyerContent:
    language_name: Block
    headline: Block
    body: tuple[Block, ...]
    action: tuple[Block, ...]  # the first is the call line, drawn large with the handset
    caption: Block | None
    phone: Block  # the number alone (tear-off tabs, wallet card)
    url: Block  # the QR code's address, printed for those who cannot scan

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (self.language_name, self.headline, *self.body, *self.action,
                *((self.caption,) if self.caption else ()))


def contact_block(message_id: str, template: str, values: dict[str, str]) -> Block:
    text, protected = "", []
    for piece, is_name in split_placeholders(template):
        if is_name:
            start = len(text)
            text += f"{LRI}{values[piece]}{PDI}"
            protected.append((start, len(text)))
        else:
            text += piece
    return Block(message_id, text, tuple(protected))


def flyer_content(localized: LocalizedCampaign) -> FlyerContent:
    spec = localized.campaign.flyer
    values = localized.contact_values

    def block(message_id: str) -> Block:
        return contact_block(message_id, localized.text(message_id), values)

    action = tuple(block(m) for m in spec.action if localized.applies(m))
    return FlyerContent(
        language_name=Block(LANGUAGE_NAME_ID, localized.language.native_name),
        headline=block(spec.headline),
        body=tuple(block(m) for m in spec.body if localized.applies(m)),
        action=action,
        caption=block(spec.qr_caption) if spec.qr_caption and localized.applies(spec.qr_caption) else None,
        phone=contact_block("phone", "{phone}", values),
        url=contact_block("url", "{url}", values),
    )
