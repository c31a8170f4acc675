"""The studio's words for what the command line says in its own terms.

The loader and the checks speak to a terminal: "line 14 contact.phone '555': not a valid
number", "Latn", "NotoSansCJK-Regular.ttc #2", "espeak-ng es-419". The studio shows the same
facts as a person on the form reads them: the field by its label, a language and a script
by name, a font by its family; the technical line stays one click away ("Details").
"""

from __future__ import annotations

import re
from functools import cache

_PATH = r"(?:[a-z_]+\.)+[a-z_0-9]+"


@cache
def _labels() -> dict[str, str]:
    """A setting's dotted path in campaign.toml -> the label of its field on the form."""
    from campaigngen.studio.campaign_form import form_fields, row_columns

    labels = {f.name: f.label for f in form_fields()}
    for kind in ("messages", "spots"):
        for column in row_columns(kind):
            labels.setdefault(column.key, column.label)
    return labels


def _label(path: str) -> str | None:
    labels = _labels()
    if path in labels:
        return labels[path]
    parts = path.split(".")
    # messages.<id>.text, spots.<n>.seconds: the column's label
    if parts[0] in ("messages", "spots") and len(parts) >= 3 and parts[-1] in labels:
        return labels[parts[-1]]
    return None


def plain_problem(text: str) -> str:
    """A loader's line as the form shows it next to its field: the setting's path and value
    that start it go (the field is right there, holding the value), any other setting is named
    by its label, and the sentence starts with a capital."""
    lead = re.match(rf"^'?({_PATH})'?(?: '[^']*')?(?::\s*|\s+(?=(?:must|is|has|should)\b))", text)
    if lead and _label(lead.group(1)) is not None:
        text = text[lead.end() :]
        text = re.sub(r"^(is|has)\b", r"it \1", text)

    def named(match: re.Match[str]) -> str:
        label = _label(match.group(1))
        return f"“{label}”" if label else match.group(0)

    text = re.sub(rf"'?\b({_PATH})\b'?", named, text)

    def language(match: re.Match[str]) -> str:
        from campaigngen.checks.findings import language_name

        name = language_name(match.group(1))
        return name if name != "this language" else match.group(0)

    # A language the loader names by its tag ('vi'), by its name.
    text = re.sub(r"'([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)'", language, text)
    text = text.replace(" - ", ": ", 1)
    return text[:1].upper() + text[1:]


@cache
def script_name(code: str) -> str:
    """An ISO 15924 code ("Latn", "Hans") by its English name ("Latin", "Simplified Han")."""
    from babel import Locale

    named = {"Hans": "Simplified Chinese characters", "Hant": "Traditional Chinese characters"}
    return named.get(code) or Locale("en").scripts.get(code, code)


@cache
def region_name(code: str) -> str:
    from babel import Locale

    return Locale("en").territories.get(code.upper(), code)


def font_family(font: str) -> str:
    """ "NotoSansCJK-Regular.ttc #2" -> "Noto Sans CJK": the family a person sees in a font menu."""
    stem = re.sub(r"\s*#\d+$", "", font).rsplit("/", 1)[-1]
    stem = re.sub(r"\.(ttf|otf|ttc|otc|woff2?)$", "", stem, flags=re.I).split("-", 1)[0]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem) or font


READING_BASICS = ("words per sentence", "chars per sentence", "syllables per sentence", "word length")


def reading_gate(measures: list[str] | tuple[str, ...]) -> str:
    """How a language's reading level is judged, without the formulas' names (those are in the
    detail): sentence and word length, and a readability formula when the language has one."""
    shown = [m for m in measures if m != "rare words"]
    basics = [m for m in shown if m in READING_BASICS]
    parts = ["sentence length" if any("per sentence" in m for m in basics) else None]
    parts.append("word length" if "word length" in basics else None)
    formulas = [m for m in shown if m not in READING_BASICS]
    if formulas:
        parts.append(
            "a readability score made for the language"
            if len(formulas) == 1
            else "readability scores made for the language"
        )
    return ", ".join(p for p in parts if p) or "-"


def piece_name(target: str | None) -> str:
    """A format or spot id ("letter", "30s") as the people who print and air it say it."""
    from campaigngen.checks.findings import piece_name as named

    return named(target)


def language_names(group: str) -> str:
    """A finding's language group ("es", "en+es", "*") by name."""
    from campaigngen.checks.findings import language_names as named

    return named(group)
