"""The hotline's contact details: validated like untrusted input, printed in one canonical form.

Whoever can edit campaign.toml can redirect a victim, so the number is parsed and validated
for its region by libphonenumber (the `phonenumbers` port) and printed from the parsed value,
never from the text as typed: direction marks, letters or stray digits in the config cannot
reach a flyer. The address must be a plain http(s) URL with a real host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from campaigngen.sources.languages import parse_language
from campaigngen.sources.placeholders import LANGUAGE_EN
from campaigngen.sources.reading import Reading
from campaigngen.sources.registry import base_of

# The language the hotline answers in, and callers name theirs in to reach an interpreter: its
# own readers need no "ask for your language" line (messages with {language_en} leave it out).
ANSWERS_IN = "en"
MAX_URL_CHARS = 200  # beyond this a QR code at 2 cm has modules too small to scan reliably
_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-\u00a0]+$")
# An e-mail address as people write one (not RFC 5322's whole grammar): what a translator's
# credit or a translation slipping in an address looks like.
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class TextLine:
    number: str
    keyword: str
    languages: tuple[str, ...]  # the text line answers only in these


@dataclass(frozen=True)
class Contact:
    phone: str  # canonical print form; "" until the campaign fills it in
    url: str  # "" until filled in
    region: str = "US"  # where the number is dialled (ISO 3166), for parsing and formatting
    text_line: TextLine | None = None
    # The message that tells callers to name their language in English to reach an
    # interpreter ({language_en}): under the number on every flyer, after it in every spot.
    # None: the hotline answers without interpreters, or the campaign does not say so.
    ask_language: str | None = None

    @property
    def unfilled(self) -> tuple[str, ...]:
        """Settings a new campaign has not filled in yet; nothing is made until they are."""
        return tuple(name for name, value in (("contact.phone", self.phone), ("contact.url", self.url)) if not value)

    def values_for(self, language_tag: str) -> dict[str, str]:
        """Placeholder values usable in this language (text line only where it is served; the
        language's English name to ask for an interpreter in every language but English)."""
        values = {"phone": self.phone, "url": self.url}
        if self.text_line and serves(self.text_line.languages, language_tag):
            values["text_number"] = self.text_line.number
            values["text_keyword"] = self.text_line.keyword
        if base_of(language_tag) != ANSWERS_IN:
            values[LANGUAGE_EN] = parse_language(language_tag).interpreter_name
        return values


def serves(served_tags: tuple[str, ...], language_tag: str) -> bool:
    """A service in "es" serves "es-419" too; pseudo-locales borrow their base language."""
    base = base_of(language_tag)
    return language_tag in served_tags or base in served_tags


def _known_region(region: str) -> bool:
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS


def _country(region: str) -> str:
    from babel import Locale

    name = Locale("en").territories.get(region.upper())
    return (
        f"the {name}"
        if name and name.startswith(("United", "Dominican", "Philippines", "Netherlands"))
        else (name or region)
    )


def canonical_phone(typed: str, region: str) -> tuple[str, str | None]:
    """(printed form, problem). The printed form comes from the parsed number: its national
    grouping, and for North American numbers the "1-888-373-7888" form that US toll-free
    lines publish (the trunk 1 included, so it is dialled right from any phone)."""
    import phonenumbers

    if not _PHONE_CHARS.match(typed.strip()):
        return "", "a phone number is written with digits, spaces, '-', '.', '(' ')' and a leading '+' only"
    try:
        number = phonenumbers.parse(typed, region.upper())
    except phonenumbers.NumberParseException:
        return "", f"not a phone number (region {region})"
    if not phonenumbers.is_valid_number(number):
        return "", f"not a valid number for {_country(region)} (region {region.upper()})"
    if number.country_code == 1:
        national = phonenumbers.national_significant_number(number)
        return f"1-{national[:3]}-{national[3:6]}-{national[6:]}", None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL), None


def url_problem(url: str) -> str | None:
    """Why url may not be printed and encoded in a QR code, or None."""
    if len(url) > MAX_URL_CHARS:
        return f"{len(url)} characters; keep it under {MAX_URL_CHARS} so the QR code stays scannable"
    if _URL_FORBIDDEN.search(url):
        return "contains spaces, quotes, angle brackets or other characters a URL never holds"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not a well-formed address"
    if parts.scheme not in ("http", "https"):
        return "must start with https:// (or http://)"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "an address with '@' before the host hides where it leads"
    host = (parts.hostname or "").rstrip(".")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"host '{host}' is not a valid domain name"
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        return f"host '{host or '(none)'}' is not a domain name like example.org"
    if not (labels[-1].isalpha() or labels[-1].startswith("xn--")):
        return f"host '{host}' has no top-level domain (.org, .com ...)"
    if port is not None and port not in (80, 443):
        return "an unusual port; give the address people can open as it is"
    return None


def read_contact(table: Mapping[str, Any], reading: Reading) -> Contact:
    """[contact]: the number parsed for its region and printed in one form, the address checked,
    the text line with the languages it answers in."""
    where = ("contact",)
    phone_written, region = table["phone"], table["region"]
    phone = ""
    if not _known_region(region):
        # Blame the country, not the number: with an unknown country no number can be read.
        reading.problem(
            (*where, "region"),
            f"contact.region '{region}' is not a country code",
            hint="write the two-letter code of the country the number is dialled in, e.g. US, CA, GB, MX",
        )
    elif phone_written.strip():
        phone, problem = canonical_phone(phone_written, region)
        if problem:
            reading.problem(
                (*where, "phone"),
                f"contact.phone '{phone_written}': {problem}",
                hint="write the hotline's number as it is dialled, e.g. 1-888-373-7888, "
                "and set contact.region if it is not a US number",
            )
    url = table["url"]
    problem = url_problem(url) if url else None
    if problem:
        reading.problem(
            (*where, "url"), f"contact.url '{url}': {problem}", hint="write it in full, e.g. https://example.org/help"
        )
        url = ""
    line = table["text_line"]
    text_line = None
    if line is not None:
        text_line = TextLine(
            number=line["number"], keyword=line["keyword"], languages=tuple(lang.tag for lang in line["languages"])
        )
    return Contact(phone=phone, url=url, region=region, text_line=text_line)
