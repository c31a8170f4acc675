"""Who a catalog credits: the names and e-mail addresses translators' tools write into a PO
file's header (Last-Translator, Language-Team, the "# Jane Roe <jane@...>, 2026." lines).

They belong to the translator, not to the public: the gate and publish make sure none of
them reaches a flyer, a spot or a release file.
"""

from __future__ import annotations

import re

from campaigngen.sources.contact import EMAIL_PATTERN

_PO_PLACEHOLDERS = {"full name", "email@address", "language", "ll@li.org", "automatically generated", ""}
_PERSON_HEADERS = ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To")
# Babel and msginit name the team after the locale ("Language-Team: zh_Hans <LL@li.org>"):
# a locale code is nobody's name, and it is in every catalog's path in the manifest.
_LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


def header_credits(text: str) -> frozenset[str]:
    """Names and e-mails in a PO file's header (fields and the leading comment block)."""
    # The header is everything up to the first entry with a non-empty msgid.
    head = re.split(r'\n\s*(?:msgctxt|msgid\s+"[^"])', text, maxsplit=1)[0]
    found: set[str] = set(EMAIL_PATTERN.findall(head))
    for field in _PERSON_HEADERS:
        for value in re.findall(rf"{field}:\s*([^\\\"\n]*)", head):
            name = EMAIL_PATTERN.sub("", value).replace("<>", "").strip(" <>,")
            found.add(name)
    for comment in re.findall(r"^#[ \t]+(.+)$", head, flags=re.M):
        # gettext's credit line: "# Jane Roe <jane@example.org>, 2026."
        match = re.match(r"([^<>,#]{3,}?)\s*<[^>]*@[^>]*>", comment)
        if match:
            found.add(match.group(1).strip())
    return frozenset(
        s
        for s in found
        if len(s) >= 4 and s.lower() not in _PO_PLACEHOLDERS and "FIRST AUTHOR" not in s and not _LOCALE_CODE.match(s)
    )
