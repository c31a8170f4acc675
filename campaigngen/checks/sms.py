"""A text message counted as carriers count it (3GPP TS 23.038 and 23.040).

A message travels in the GSM 7-bit default alphabet when every character is in it (the
extension table's characters, such as { } [ ] ~ and the euro sign, take an escape and count
twice), and in UCS-2 otherwise, where every UTF-16 code unit counts once (a character outside
the Basic Multilingual Plane counts twice). One segment holds 160 septets or 70 code units; a
longer message is sent in parts of 153 or 67 (the rest carries the header that joins them),
and a carrier never splits an escaped character or a surrogate pair between two parts.

The GSM alphabet is the `gsm0338` codec's (the standard's table), not a list of our own.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM_7 = "GSM-7"
UCS_2 = "UCS-2"
SINGLE = {GSM_7: 160, UCS_2: 70}
PART = {GSM_7: 153, UCS_2: 67}


@dataclass(frozen=True)
class SmsCount:
    encoding: str  # GSM_7 or UCS_2
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int

    @property
    def single_limit(self) -> int:
        return SINGLE[self.encoding]


def _gsm_units(text: str) -> list[int] | None:
    """Septets per character, or None when a character is not in the GSM alphabet."""
    import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

    units = []
    for character in text:
        try:
            units.append(len(character.encode("gsm03.38")))
        except UnicodeEncodeError:
            return None
    return units


def count(text: str) -> SmsCount:
    """How many septets or code units `text` takes, and in how many segments it is sent."""
    units = _gsm_units(text)
    encoding = GSM_7
    if units is None:
        encoding = UCS_2
        units = [len(character.encode("utf-16-le")) // 2 for character in text]
    total = sum(units)
    if total <= SINGLE[encoding]:
        return SmsCount(encoding, total, 1 if total else 0)
    segments, filled = 1, 0
    for size in units:  # a character that does not fit whole starts the next part
        if filled + size > PART[encoding]:
            segments, filled = segments + 1, 0
        filled += size
    return SmsCount(encoding, total, segments)
