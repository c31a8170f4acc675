"""Pseudo-locales: fake translations that show layout bugs before real ones arrive.

en-XA ("accented"): every Latin letter gets an accent and the text grows by about 40%,
as German or Russian text often does, inside [brackets] so clipping shows.
ar-XB ("mirrored"): the text is forced right to left, so a layout that does not mirror,
or a phone number that scrambles in right-to-left text, is caught in English.
Placeholders such as {phone} are kept exactly: contact details are put in at render time.
"""

from __future__ import annotations

from campaigngen.sources.placeholders import split_placeholders

_ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
    )
)
# Padding words, accented too, added until the text is ~40% longer.
_PADDING = "öñé ţŵö ţĥŕéé ƒöûŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ".split()
EXPANSION = 0.4
RLO, PDF = "\u202e", "\u202c"


def _accent(text: str) -> str:
    return "".join(_ACCENTED.get(char, char) for char in text)


def _expanded(text: str) -> str:
    pieces = split_placeholders(text)
    body = "".join(f"{{{p}}}" if is_name else _accent(p) for p, is_name in pieces)
    target = int(len(text) * EXPANSION + 0.999)
    padding: list[str] = []
    index = 0
    while sum(len(word) + 1 for word in padding) < target:
        padding.append(_PADDING[index % len(_PADDING)])
        index += 1
    return f"[{body}{' ' if padding else ''}{' '.join(padding)}]"


def _mirrored(text: str) -> str:
    # Each stretch of words is forced right-to-left; placeholders stay outside the
    # override, so the filled-in number is laid out as its own left-to-right run.
    return "".join(
        f"{{{p}}}" if is_name else (f"{RLO}{p}{PDF}" if p.strip() else p) for p, is_name in split_placeholders(text)
    )


def pseudo_translate(text: str, tag: str) -> str:
    """Fake translation for a pseudo-locale tag (en-XA, ar-XB)."""
    if tag == "en-XA":
        return _expanded(text)
    if tag == "ar-XB":
        return _mirrored(text)
    raise ValueError(f"'{tag}' is not a pseudo-locale (en-XA, ar-XB)")
