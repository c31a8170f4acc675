"""Can a translation misdirect a reader? Checks that a PO edit cannot smuggle contact details.

A PO file is untrusted input: anyone who can edit it could add a trafficker's number, a
look-alike web address, or hide text with bidi controls. Contact details come only from
campaign config through placeholders, so a translation must carry exactly the source's
placeholders and no phone number, address or handle of its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import regex

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import WARNING, Finding
from campaigngen.checks.numerals import added_numbers
from campaigngen.checks.numerals.lookalikes import decimal_digit
from campaigngen.checks.obfuscation import (
    bare_emails,
    messenger_contacts,
    obfuscated_domains,
    shortened_links,
    spelled_emails,
)
from campaigngen.memo import kept_for_short_texts
from campaigngen.sources.contact import EMAIL_PATTERN
from campaigngen.sources.languages import parse_language
from campaigngen.sources.placeholders import PLACEHOLDER_PATTERN, PLACEHOLDERS, find_placeholders, stray_braces
from campaigngen.sources.punctuation import CLOSERS, SENTENCE_ENDINGS, sentence_kind
from campaigngen.sources.registry import facts, script_defaults
from campaigngen.sources.text_safety import INVISIBLE_EXTRA as _INVISIBLE_EXTRA
from campaigngen.sources.text_safety import describe, is_invisible
from campaigngen.sources.text_safety import shown as visible

PLACEHOLDERS_CHECK = checknames.PLACEHOLDERS
CONTACT_CHECK = checknames.CONTACT_INJECTION
INVISIBLE_CHECK = checknames.INVISIBLE
HOMOGLYPH_CHECK = checknames.HOMOGLYPHS
PUNCTUATION_CHECK = checknames.PUNCTUATION


def integrity_findings(localized: LocalizedCampaign) -> list[Finding]:
    """Every finding for the translations of one language, as the translator wrote them
    (a translation with broken placeholders is not used, but it is reported here)."""
    return located(localized, unlocated_findings(localized))


def unlocated_findings(localized: LocalizedCampaign) -> list[Finding]:
    """The findings without the catalog line they sit on: they depend on the texts alone, so
    the gate can keep them by content key while a moved line still gets its new number."""
    findings: list[Finding] = []
    for message in localized.applicable:
        text = localized.submitted.get(message.id)
        if text is None:
            continue
        tag, mid = localized.tag, message.id
        contacts = contact_findings(tag, mid, message.text, text, localized.campaign.source_language.tag)
        findings += (
            placeholder_findings(tag, mid, message.text, text, localized.contact_values)
            + contacts
            + spoken_number_findings(localized, mid, contacts)
            + invisible_findings(tag, mid, text)
            + homoglyph_findings(tag, mid, text, localized.language.script)
            + punctuation_findings(tag, mid, message.text, text)
        )
    return findings + split_number_findings(localized)


def split_number_findings(localized: LocalizedCampaign) -> list[Finding]:
    """A number spread over lines that follow one another, as the flyer prints them and as a
    spot says them ("uno" | "ocho ocho" | "ocho tres" ...): each line alone adds too little to
    count, the page or the spot reads it whole."""
    orders = [localized.flyer_message_ids, *(spot.script for spot in localized.campaign.spots)]
    findings: dict[str, Finding] = {}
    for order in orders:
        ids = [mid for mid in order if localized.applies(mid) and mid in localized.submitted]
        if len(ids) < 2:
            continue
        joined, starts = "", []
        for mid in ids:
            starts.append(len(joined))
            joined += localized.submitted[mid] + " "
        source = " ".join(localized.campaign.messages[mid].text for mid in ids)
        for added in added_numbers(source, localized.campaign.source_language.tag, joined, localized.tag):
            at = joined.find(added.written)
            if at < 0:
                continue
            spans = [
                mid
                for mid, start in zip(ids, starts)
                if start < at + len(added.written) and at < start + len(localized.submitted[mid]) + 1
            ]
            if len(spans) < 2 or spans[0] in findings:
                continue
            findings[spans[0]] = Finding(
                CONTACT_CHECK,
                localized.tag,
                spans[0],
                f"the translation spreads a number '{added.value}' over the lines {', '.join(spans)} "
                f"(written '{added.written}'), which are read one after another - contact details come "
                "only from campaign.toml placeholders; remove it",
                detail={"kind": "number over several lines", "value": added.value, "messages": spans},
                code="number.added",
            )
    return list(findings.values())


def located(localized: LocalizedCampaign, findings: list[Finding]) -> list[Finding]:
    """Each finding with the catalog and line a translator opens (punctuation needs no pointer:
    the message id is enough to find a full stop)."""
    return [
        f
        if f.check == PUNCTUATION_CHECK
        else replace(
            f,
            text=f"{f.text} ({localized.where(f.message_id)})",
            detail={**f.detail, **localized.place(f.message_id)},
        )
        for f in findings
    ]


# --------------------------------------------------------------------------- placeholders


def placeholder_findings(
    tag: str, mid: str, source: str, text: str, available: Mapping[str, str] | None = None
) -> list[Finding]:
    # Names are shown escaped: a report must not replay a bidi control into a terminal.
    want = Counter(map(visible, find_placeholders(source)))
    got = Counter(map(visible, find_placeholders(text)))
    problems = []
    for name in sorted(want | got):
        if got[name] < want[name]:
            problems.append(
                f"{{{name}}} missing" if got[name] == 0 else f"{{{name}}} {got[name]} times, source has it {want[name]}"
            )
        elif got[name] > want[name]:
            if name not in PLACEHOLDERS:
                problems.append(f"{{{name}}} is not a placeholder")
            elif available is not None and name not in available:
                problems.append(f"{{{name}}} is not served in this language")
            elif want[name] == 0:
                problems.append(f"{{{name}}} not in the source")
            else:
                problems.append(f"{{{name}}} {got[name]} times, source has it {want[name]}")
    # A lone brace is a placeholder someone broke ("{phone" or "phone}"): fill() would print it.
    if stray_braces(text):
        problems.append("an unmatched '{' or '}'")
    if not problems:
        return []
    keep = ", ".join("{" + p + "}" for p in find_placeholders(source)) or "no placeholders"
    return [
        Finding(
            PLACEHOLDERS_CHECK,
            tag,
            mid,
            f"placeholders differ from the source ({'; '.join(problems)}) - keep exactly {keep}",
            detail={"source": sorted(want.elements()), "translation": sorted(got.elements())},
            code="placeholders.differ",
        )
    ]


# --------------------------------------------------------------------------- contact details

_URL_RE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
# label.label.tld - any script, since browsers accept internationalised domain names.
_DOMAIN_RE = re.compile(r"(?<![\w@.])(?:[^\W_](?:[\w-]{0,62}[^\W_])?\.)+[^\W\d_]{2,63}(?![\w.]*\w)")
# @ and a name in any script (@ayuda_ya, @مساعدة, @ช่วยเหลือ, @हेल्पलाइन_24): letters with
# every mark Unicode gives them (vowel signs, viramas, harakat), digits, _ and dots.
_HANDLE_RE = regex.compile(r"(?<![\w@])@[\p{L}\p{N}][\p{L}\p{M}\p{N}_.\u200c\u200d]+")
# A user name, whatever app it is for: letters joined by _ or # to more (ayuda_ya, tulong#1234),
# or, after a colon, letters and digits together (bangzhu88, ABCD1234).
_IDENTIFIER_RE = re.compile(r"(?<![\w@#])[A-Za-z][A-Za-z0-9]*(?:[_#][A-Za-z0-9]+)+(?![\w])")
_AFTER_COLON_RE = re.compile(r"[:：]\s*(?P<id>[A-Za-z][A-Za-z0-9_.]*\d[A-Za-z0-9_.]*)(?![\w])")


def normalise_for_contacts(text: str) -> str:
    """The text as a phone or browser would read it.

    NFKC folds full-width and circled digits and full-width dots; every decimal digit of any
    script becomes ASCII; invisible characters go, so they cannot split a number apart.
    """
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_EXTRA:
            continue
        digit = decimal_digit(ch)
        out.append(str(digit) if digit is not None else ch)
    # An ideographic full stop between ASCII labels is a domain dot to IDNA ("evil。com").
    return re.sub(r"(?<=[A-Za-z0-9])[\u3002\uff61](?=[A-Za-z])", ".", "".join(out))


def contact_items(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(kind, value) for every URL, e-mail address, domain name (plain or written around a
    pattern: "bit(.)ly", "ayuda punto com"), @handle and messenger contact ("WhatsApp:
    ayuda_ya") in text. Numbers are read by `numerals.added_numbers`."""
    # The script is an argument of the kept function because the registry gives it (the
    # project's own languages included): with the text and the language, every input.
    return list(_contact_items(text, language, _script_of_language(language)))


# Every language's translation of a message is judged against the same source, whose items
# were read again for each.
@kept_for_short_texts(longest=2000, size=4096)
def _contact_items(text: str, language: str, script: str) -> tuple[tuple[str, str], ...]:
    clean = normalise_for_contacts(PLACEHOLDER_PATTERN.sub(" ", text))
    items = _disguised_items(clean, language, script)
    # What is read is blanked, so a URL's domain or an address's @host is not read again.
    for pattern, kind in ((_URL_RE, "URL"), (EMAIL_PATTERN, "e-mail address")):
        items += [(kind, match.group(0).rstrip(".,;:!?)").lower()) for match in pattern.finditer(clean)]
        clean = pattern.sub(" ", clean)
    items += [
        ("domain name", match.group(0).lower())
        for match in _DOMAIN_RE.finditer(clean)
        if not _is_abbreviation(match.group(0))
    ]
    clean = _DOMAIN_RE.sub(" ", clean)
    items += [("messenger handle", match.group(0).rstrip(".").lower()) for match in _HANDLE_RE.finditer(clean)]
    clean = _HANDLE_RE.sub(" ", clean)
    named = {value.split()[-1] for kind, value in items if kind == "messenger contact"}
    return (*items, *(("user name", name) for name in _user_names(clean) if name not in named))


def _disguised_items(clean: str, language: str, script: str) -> list[tuple[str, str]]:
    """Addresses and contacts written around a pattern: spelled out, without their ending or
    their dot, after a messenger's name."""
    other_script = written_in_other_letters(clean, language)
    items = [("e-mail address spelled out", e) for e in spelled_emails(clean, language, other_script)]
    items += [("e-mail address", e) for e in bare_emails(clean)]
    items += [("shortened link", s) for s in shortened_links(clean)]
    spelled_hosts = {e.split("@", 1)[1] for _, e in items if "@" in e}
    items += [("disguised domain name", d) for d in obfuscated_domains(clean, language) if d not in spelled_hosts]
    return items + [("messenger contact", c) for c in messenger_contacts(clean, language, script == "Latn")]


def _user_names(clean: str) -> list[str]:
    names = [match.group(0).lower() for match in _IDENTIFIER_RE.finditer(clean)]
    return names + [
        match.group("id").lower()
        for match in _AFTER_COLON_RE.finditer(clean)
        if not _IDENTIFIER_RE.fullmatch(match.group("id"))
    ]


def _script_of_language(tag: str) -> str:
    entry = facts(tag)
    if entry is not None:
        return entry.script
    try:
        return parse_language(tag).script
    except ValueError:
        return "Latn"


def written_in_other_letters(text: str, language: str) -> bool:
    """Is the text written in its language's own letters, and those are not Latin? (A language
    CLDR writes otherwise may be typed in Latin letters: Hmong in RPA.)"""
    if _script_of_language(language) == "Latn":
        return False
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _is_abbreviation(found: str) -> bool:
    """Spanish "EE.UU." (United States) and the like: capitals in labels of one or two letters."""
    labels = found.split(".")
    return all(len(label) <= 2 and label.isupper() for label in labels)


def contact_findings(tag: str, mid: str, source: str, text: str, source_language: str = "en") -> list[Finding]:
    """A finding for each contact detail or number the translation adds to its source."""
    known = {value for _, value in contact_items(source, source_language)}
    items = contact_items(text, tag)
    findings = []
    for kind, value in dict.fromkeys(items):
        if value in known:
            continue
        findings.append(
            Finding(
                CONTACT_CHECK,
                tag,
                mid,
                f"the translation adds a {kind} '{visible(value)}' the source does not have - "
                "contact details come only from campaign.toml placeholders; remove it",
                detail={"kind": kind, "value": visible(value)},
                code="address.added",
            )
        )
    findings += _latin_words_added(tag, mid, source, text, {value for _, value in items})
    for added in added_numbers(source, source_language, text, tag):
        what = f"digits '{added.value}'" if added.kind == "digits" else f"a {added.kind} '{added.value}'"
        findings.append(
            Finding(
                CONTACT_CHECK,
                tag,
                mid,
                f"the translation adds {what} (written '{added.written}') the source does not have - "
                "contact details come only from campaign.toml placeholders; remove it",
                detail={"kind": added.kind, "value": added.value, "written": added.written},
                code="number.added",
            )
        )
    return findings


# An apostrophe inside a word is part of it: "don't", and the glottal letter of Mayan
# orthographies (ASCII ', U+02BC, the saltillo U+A78C).
_LATIN_WORD_RE = re.compile(r"[A-Za-z](?:[A-Za-z0-9_'’\u02bc\ua78c-]*[A-Za-z0-9_])?")
_LATIN_RUN_RE = re.compile(rf"{_LATIN_WORD_RE.pattern}(?:[\s:：.,/@#_-]+{_LATIN_WORD_RE.pattern})*")


def _latin_words_added(tag: str, mid: str, source: str, text: str, reported: set[str]) -> list[Finding]:
    """In a text written in other letters, words in Latin letters the source does not have:
    what a name, handle or address on any app looks like there ("Discord: musaada", "抖音號
    bangzhu"), whether or not the app is one anyone listed. None of the project's honest
    translations has one; a brand the translation needs is waived with its reason."""
    clean = normalise_for_contacts(PLACEHOLDER_PATTERN.sub(" ", text))
    if not written_in_other_letters(clean, tag):
        return []
    known = {word.lower() for word in _LATIN_WORD_RE.findall(normalise_for_contacts(source))}
    told = " ".join(reported)
    findings = []
    for run in _LATIN_RUN_RE.finditer(clean):
        words = [word.lower() for word in _LATIN_WORD_RE.findall(run.group(0))]
        new = [word for word in words if word not in known and word not in told]
        if not new:
            continue
        value = " ".join(words)
        findings.append(
            Finding(
                CONTACT_CHECK,
                tag,
                mid,
                f"the translation adds '{visible(value)}' in Latin letters, which the source does not have - "
                "a name, handle or address? contact details come only from campaign.toml placeholders; "
                "remove it (a name the translation needs is waived with its reason)",
                detail={"kind": "words in Latin letters", "value": visible(value)},
                code="address.added",
            )
        )
    return findings


def spoken_number_findings(localized: LocalizedCampaign, mid: str, contacts: list[Finding]) -> list[Finding]:
    """The print rule on the air: a spot says no number but the configured ones and those its
    source line has. An added number in a line a spot reads is a `number` finding for that
    spot, which no waiver accepts (a waiver of the line's contact-injection finding does not
    reach the air)."""
    spots = [spot.id for spot in localized.campaign.spots if mid in spot.script]
    return [
        Finding(
            checknames.NUMBER,
            localized.tag,
            mid,
            f"spot '{spot}' would say {added.detail['value']} (written '{added.detail['written']}'), a number "
            "that is neither the hotline's nor in the source line - remove it from the translation",
            detail={**added.detail, "spot": spot},
            target=spot,
            code="number.spoken-extra",
        )
        for added in contacts
        if added.code == "number.added"
        for spot in spots
    ]


# --------------------------------------------------------------------------- invisible characters

# Joiners and marks a language's spelling needs come from the language registry; a language
# outside it gets what its script's spelling needs (registry.SCRIPT_DEFAULTS). Embeddings,
# overrides and isolates are never allowed: renderers isolate contact details themselves.


def _script(tag: str) -> str:
    try:
        return parse_language(tag).script
    except ValueError:
        return ""


def allowed_invisibles(tag: str) -> frozenset[str]:
    entry = facts(tag)
    if entry is not None:
        return entry.invisibles
    return script_defaults(_script(tag)).invisibles


def invisible_findings(tag: str, mid: str, text: str) -> list[Finding]:
    allowed = allowed_invisibles(tag)
    bad = Counter(ch for ch in text if is_invisible(ch) and ch not in allowed)
    if not bad:
        return []
    names = ", ".join(describe(ch) + (f" (x{n})" if n > 1 else "") for ch, n in bad.items())
    return [
        Finding(
            INVISIBLE_CHECK,
            tag,
            mid,
            f"invisible or text-direction characters {names} - they can reorder or "
            "hide text; retype the translation without them",
            detail={"characters": [f"U+{ord(ch):04X}" for ch in bad]},
            code="text.hidden-characters",
        )
    ]


# --------------------------------------------------------------------------- homoglyphs

# Scripts are told apart, and look-alikes found, with ICU's UTS #39 data (SpoofChecker and
# its confusable skeletons), not a hand-kept table of letters.
_WORD_RE = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f]*[^\W\d_]*)*")
_NEUTRAL_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz"})  # Common, Inherited, Unknown


@functools.cache
def _spoof_checker() -> Any:
    import icu  # pyicu: imported here so `campaigngen --help` stays instant

    checker = icu.SpoofChecker()
    # Moderately restrictive: Latin may join any recommended script (Han, Hangul, Devanagari
    # ...) except the three that share its letter shapes: Cyrillic, Greek and Cherokee.
    checker.setRestrictionLevel(icu.URestrictionLevel.MODERATELY_RESTRICTIVE)
    checker.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL)
    return checker


@functools.cache
def _script_of(ch: str) -> str:
    """ISO 15924 code of the letter's script ("Latn", "Cyrl"); "Styled" for mathematical,
    full-width and enclosed Latin, which print as Latin but are other code points."""
    import icu

    name = unicodedata.name(ch, "")
    if name.startswith(("MATHEMATICAL", "FULLWIDTH LATIN", "CIRCLED LATIN", "PARENTHESIZED LATIN")):
        return "Styled"
    return str(icu.Script.getScript(ch).getShortName())


def _skeleton(text: str) -> str:
    return str(_spoof_checker().getSkeleton(0, text))


def _prints_as_latin(text: str) -> bool:
    """Is the text's confusable skeleton all Latin letters (Cyrillic "АРР" prints as "APP")?"""
    return all(_script_of(ch) in ("Latn", *_NEUTRAL_SCRIPTS) for ch in _skeleton(text))


def homoglyph_findings(tag: str, mid: str, text: str, script: str) -> list[Finding]:
    findings = []
    for match in _WORD_RE.finditer(PLACEHOLDER_PATTERN.sub(" ", text)):
        word = match.group(0)
        foreign = _disguised_letters(word, latin_language=script == "Latn")
        if foreign:
            names = ", ".join(describe(ch) for ch in dict.fromkeys(foreign))
            findings.append(
                Finding(
                    HOMOGLYPH_CHECK,
                    tag,
                    mid,
                    f"the word '{word}' mixes in look-alike letters {names} - "
                    "retype it with the language's own keyboard",
                    detail={"word": word, "characters": [f"U+{ord(ch):04X}" for ch in dict.fromkeys(foreign)]},
                    code="text.look-alike-letters",
                )
            )
    return findings


def _disguised_letters(word: str, latin_language: bool) -> list[str]:
    """The letters of a word that pass for others in print: styled Latin, look-alikes mixed
    into a word of another script, or (in a Latin-script language) a whole word of them."""
    letters = [ch for ch in word if unicodedata.category(ch).startswith("L")]
    scripts = {_script_of(ch) for ch in letters} - _NEUTRAL_SCRIPTS
    if "Styled" in scripts:
        return [ch for ch in letters if _script_of(ch) == "Styled"]
    if "Latn" in scripts and len(scripts) > 1:
        return _mixed_into(word, letters, latin_language)
    if latin_language and scripts and "Latn" not in scripts and _prints_as_latin(word):
        # A whole word spelled in look-alikes ("АРР") passes as Latin in print.
        return letters
    return []


def _mixed_into(word: str, letters: list[str], latin_language: bool) -> list[str]:
    """In a word mixing Latin with another script, the letters not of the word's own script
    (Latin in a Latin-script language, else the script most of its letters are in), when
    they are a disguise."""
    majority = Counter(_script_of(ch) for ch in letters).most_common(1)[0][0]
    odd = [ch for ch in letters if _script_of(ch) != ("Latn" if latin_language else majority)]
    # Latin with Cyrillic, Greek or Cherokee in one word is the classic "Cаll" (ICU's
    # restriction level says so); with another script, only letters that print as
    # Latin ones (Armenian "Օ") are a disguise, not a brand name inside a word.
    if _spoof_checker().check(word) or any(_prints_as_latin(ch) and _skeleton(ch) != ch for ch in odd):
        return odd
    return []


# --------------------------------------------------------------------------- punctuation


def _extra_endings(tag: str) -> tuple[Mapping[str, str], bool]:
    """Marks that also end a sentence kind in this language, and whether a sentence may end
    with none (the registry's word; outside it, the script's)."""
    entry = facts(tag)
    if entry is not None:
        return entry.extra_end_marks, entry.end_mark_optional
    by_script = script_defaults(_script(tag))
    return by_script.extra_end_marks, by_script.end_mark_optional


def _last_mark(text: str) -> str:
    # Marks such as RLM after the full stop are layout, not punctuation.
    visible = "".join(ch for ch in text if not is_invisible(ch))
    stripped = visible.rstrip().rstrip(CLOSERS).rstrip()
    return stripped[-1:] if stripped else ""


def punctuation_findings(tag: str, mid: str, source: str, text: str) -> list[Finding]:
    extra, optional = _extra_endings(tag)
    problems = []
    want = sentence_kind(_last_mark(source))
    got_mark = _last_mark(text)
    got = sentence_kind(got_mark)
    if want is not None:
        accepted = SENTENCE_ENDINGS[want] | frozenset(extra.get(want, ""))
        if got_mark not in accepted and not (optional and got is None):
            problems.append(
                f"the source ends with '{_last_mark(source)}', the translation with '{got_mark or 'nothing'}'"
            )
    elif got is not None and got != "…":
        problems.append(f"the translation ends with '{got_mark}', the source has no end punctuation")
    if "  " in text:
        problems.append("a doubled space")
    if text != text.strip():
        problems.append("space at the start or end")
    if not problems:
        return []
    return [
        Finding(
            PUNCTUATION_CHECK,
            tag,
            mid,
            f"{'; '.join(problems)} - check the punctuation",
            severity=WARNING,
            detail={"problems": problems},
            code="text.punctuation",
        )
    ]


__all__ = [
    "integrity_findings",
    "placeholder_findings",
    "contact_findings",
    "contact_items",
    "invisible_findings",
    "homoglyph_findings",
    "punctuation_findings",
    "describe",
    "PLACEHOLDERS_CHECK",
    "CONTACT_CHECK",
    "INVISIBLE_CHECK",
    "HOMOGLYPH_CHECK",
    "PUNCTUATION_CHECK",
]
