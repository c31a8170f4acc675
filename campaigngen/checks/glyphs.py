"""Glyph coverage: every character of every printed message has a font that draws it.

Pillow prints a character no font has as an empty box ("tofu") without a word of warning;
this check finds them before anything is printed, per language and message.
"""

from __future__ import annotations

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding
from campaigngen.exceptions import describe_chars
from campaigngen.sources.fonts import manifest
from campaigngen.sources.placeholders import fill

CHECK = "glyphs"


def glyph_findings(localized: LocalizedCampaign) -> list[Finding]:
    """One finding per message (and for the language's own name) with characters no font draws."""
    fonts = manifest()
    chain = fonts.chain(localized.language)
    values = localized.contact_values
    texts: list[tuple[str | None, str]] = [(None, localized.language.native_name)]  # None: the language's own name
    texts += [(mid, fill(localized.text(mid), values)) for mid in localized.flyer_message_ids]
    findings = []
    for message_id, text in texts:
        missing = fonts.missing_characters(text, chain)
        if not missing:
            continue
        listed = describe_chars(missing)
        where = f"message '{message_id}'" if message_id else "the language name"
        findings.append(
            Finding(
                check=CHECK,
                language=localized.tag,
                message_id=message_id,
                text=f"{where} has characters no font draws (they would print as empty boxes): {listed} - "
                f"fix the text or add a font for them to fonts/fonts.toml",
                detail={
                    "characters": [f"U+{ord(c):04X}" for c in missing],
                    "fonts": list(chain),
                    **localized.place(message_id),
                },
                code="glyphs.missing",
            )
        )
    return findings
