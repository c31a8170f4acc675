"""What goes on a flyer, as text blocks ready for typesetting.

Contact details are put in here, at render time, from the campaign config. Each one is
wrapped as a left-to-right isolate (U+2066..U+2069) and marked unbreakable, so in Arabic,
Persian and Urdu the number keeps its digit order and never splits over two lines.

The call line is taken apart around the number (`CallLine`): the number is set on its own
line at one size per format for every language, and the words before and after it ("Call",
"Llame al", "로 전화하세요") are set around it. A word written against the number with no
space (the Korean particle in "{phone}로") stays on the number's line where it fits, else it
goes to the words' line (`CallLine.unglued`).

A mark that ends a sentence or clause right after a contact detail is never set against it:
readers and OCR take `1-888-373-7888.` as part of the number, and in right-to-left text the
full stop stands left of the first digit. It is dropped where it ends the line (the end of
the text, or the number's own line); where words follow on the same line (`请拨打 {phone}。免费。`)
a no-break space sets a sentence mark apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import icu

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.renderers.typesetting.runs import LRI, PDI
from campaigngen.sources.placeholders import find_placeholders, split_placeholders

LANGUAGE_NAME_ID = "language-name"  # the language's own name at the top; not a catalog message
HOTLINE_ID = "hotline-name"  # brand.hotline_name: a name, shown as written in campaign.toml
ORGANIZATION_ID = "organization"  # brand.organization


@dataclass(frozen=True)
class Block:
    message_id: str
    text: str
    protected: tuple[tuple[int, int], ...] = ()  # [start, end) ranges no line break may enter


@dataclass(frozen=True)
class CallLine:
    """The call to action around the number: words before, the number's own line, words after."""

    message_id: str
    whole: Block  # as translated, for formats wide enough to keep it on one line
    number: Block  # the number, with any word glued to it
    before: Block | None
    after: Block | None
    # The same line with the words glued to the number moved to the words' lines, for a
    # column too narrow for both ("1-888-373-7888번으로" -> "번으로 전화하세요"); None: none glued.
    unglued: CallLine | None = None


@dataclass(frozen=True)
class FlyerContent:
    language_name: Block
    headline: Block
    body: tuple[Block, ...]
    call: CallLine
    others: tuple[Block, ...]  # the other actions (the text line where it answers)
    caption: Block | None
    phone: Block  # the number alone (tear-off tabs)
    url: Block  # the QR code's address, printed for those who cannot scan
    hotline: Block | None = None  # the hotline's name, set in the campaign's source language
    organization: Block | None = None
    # Under the number: say the language's English name to reach an interpreter
    # (contact.ask_language; none in English, or where the campaign does not turn it on).
    ask: Block | None = None

    @property
    def action(self) -> tuple[Block, ...]:
        return (self.call.whole, *self.others)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every translated block the flyer can print (for glyph checks and the sheet's catalog)."""
        extra = tuple(b for b in (self.ask, self.caption) if b is not None)
        return (self.language_name, self.headline, *self.body, *self.action, *extra)

    @property
    def brand_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in (self.hotline, self.organization) if b is not None)


SET_APART = "\u00a0"  # between a contact detail and the sentence mark after it


def _is_mark(char: str) -> bool:
    """Punctuation that ends a sentence or clause (Unicode Terminal_Punctuation: . , : ; ! ?
    。 ， ؟ ، ۔ । ။ ። ។ and their kin)."""
    return bool(icu.Char.hasBinaryProperty(char, icu.UProperty.TERMINAL_PUNCTUATION))


def _ends_sentence(char: str) -> bool:
    return bool(icu.Char.hasBinaryProperty(char, icu.UProperty.S_TERM))


def _leading_marks(text: str) -> str:
    end = 0
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return text[:end]


def contact_block(message_id: str, template: str, values: dict[str, str]) -> Block:
    """template with its placeholders filled, each value a protected left-to-right isolate.
    A mark right after a value is dropped where only spaces follow it, and set apart by a
    no-break space where a sentence mark has more words after it."""
    text, protected = "", []
    pieces = list(split_placeholders(template))
    for index, (piece, is_name) in enumerate(pieces):
        if is_name:
            start = len(text)
            text += f"{LRI}{values[piece]}{PDI}"
            protected.append((start, len(text)))
            continue
        marks = _leading_marks(piece) if index and pieces[index - 1][1] else ""
        rest = piece[len(marks) :]
        if marks and not rest.strip() and index == len(pieces) - 1:
            piece = rest  # the mark only ends the text: the line ends with the value
        elif marks and _ends_sentence(marks[0]):
            start, _ = protected[-1]
            text += SET_APART + marks
            protected[-1] = (start, len(text))  # no break between the value and its mark
            piece = rest
        text += piece
    return Block(message_id, text, tuple(protected))


_GLUED_BEFORE = re.compile(r"(\S*)$")


def _glued_after(tail: str) -> str:
    """The word written against the number after it, up to a space or a mark."""
    end = 0
    while end < len(tail) and not tail[end].isspace() and not _is_mark(tail[end]):
        end += 1
    return tail[:end]


def call_line(message_id: str, template: str, values: dict[str, str]) -> CallLine:
    """The call line split at its {phone}; a template without one gets the number after it."""
    whole = contact_block(message_id, template, values)
    if "phone" not in find_placeholders(template):
        number = contact_block(message_id, "{phone}", values)
        return CallLine(message_id, whole, number, contact_block(message_id, template, values), None)
    head, _, tail = template.partition("{phone}")
    before = _GLUED_BEFORE.search(head)
    assert before is not None  # \S* matches the empty string: it always matches
    glued_before, glued_after = before.group(1), _glued_after(tail)
    head, tail = head[: len(head) - len(glued_before)], tail[len(glued_after) :]
    tail = tail[len(_leading_marks(tail)) :]  # the number's own line ends here: its mark is dropped

    def words(part: str) -> Block | None:
        part = part.strip()
        return contact_block(message_id, part, values) if part else None

    number = contact_block(message_id, f"{glued_before}{{phone}}{glued_after}", values)
    unglued = None
    if glued_before or glued_after:
        bare = contact_block(message_id, "{phone}", values)
        unglued = CallLine(message_id, whole, bare, words(head + glued_before), words(glued_after + tail))
    return CallLine(message_id, whole, number, words(head), words(tail), unglued)


def flyer_content(localized: LocalizedCampaign) -> FlyerContent:
    spec = localized.campaign.flyer
    brand = localized.campaign.brand
    values = localized.contact_values

    def block(message_id: str) -> Block:
        return contact_block(message_id, localized.text(message_id), values)

    actions = [m for m in spec.action if localized.applies(m)]
    call_id = next((m for m in actions if "phone" in find_placeholders(localized.text(m))), None)
    call = call_line(call_id, localized.text(call_id), values) if call_id else call_line("phone", "{phone}", values)
    ask_id = localized.campaign.contact.ask_language
    return FlyerContent(
        language_name=Block(LANGUAGE_NAME_ID, localized.language.native_name),
        headline=block(spec.headline),
        body=tuple(block(m) for m in spec.body if localized.applies(m)),
        call=call,
        others=tuple(block(m) for m in actions if m != call_id),
        caption=block(spec.qr_caption) if spec.qr_caption and localized.applies(spec.qr_caption) else None,
        phone=contact_block("phone", "{phone}", values),
        url=contact_block("url", "{url}", values),
        hotline=Block(HOTLINE_ID, brand.hotline_name) if brand.hotline_name else None,
        organization=Block(ORGANIZATION_ID, brand.organization) if brand.organization else None,
        ask=block(ask_id) if ask_id and localized.applies(ask_id) else None,
    )
